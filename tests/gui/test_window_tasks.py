"""Issue 18 item 4: minutes, agenda and action log exported from the main window, into a folder that exists."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import docx
import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from secdesk.gui import pack_dialog
from secdesk.gui.prompts import ScriptedPrompts
from secdesk.model import Classification
from tests.gui.conftest import settle
from tests.gui.test_agenda import open_meeting
from tests.gui.test_surprises import screenshot_folder

pytestmark = pytest.mark.gui

CTRL = Qt.ControlModifier
AMBER_TITLE = "Supplier Readiness Survey Results"  # item 6 of TABASC 46; White shows "Readiness Survey"


class SavePrompts(ScriptedPrompts):
    """The save dialog answered as a user does: Save on what it proposes, unless a file is scripted."""

    def save_file(self, parent: QWidget | None, title: str, suggested: str, file_filter: str) -> Path | None:
        self.asked.append(("save", suggested))
        return self.files.pop(0) if self.files else Path(suggested)


def press(qtbot: Any, window: QWidget, key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.NoModifier) -> None:
    if QApplication.activeWindow() is not window:
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(QApplication.focusWidget() or window, key, modifiers)
    settle()


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def docx_text(path: Path) -> str:
    document = docx.Document(str(path))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_ctrl_e_exports_the_public_minutes_into_documents_without_starting(
    window: Any, qtbot: Any, secdesk_home: Path
) -> None:
    window.prompts = SavePrompts()
    open_meeting(window)
    documents = secdesk_home / "Documents"
    assert not documents.exists()  # a fresh account: no Documents folder yet

    press(qtbot, window, Qt.Key_E, CTRL)
    settle()

    written = documents / "TABASC_46_1910_Draft_Minutes_WHITE.pdf"
    assert window.prompts.asked == [("save", str(written))]  # proposed in a folder that exists
    assert window.last_export == written and written.is_file()
    text = pdf_text(written)
    assert "Readiness Survey" in text and AMBER_TITLE not in text
    assert not window.findChildren(type(window))  # no live screen was opened
    assert window.settings.export_folder("TABASC") == documents


def test_amber_agenda_and_action_log_from_the_menu_remember_the_committees_folder(
    window: Any, qtbot: Any, tmp_path: Path, secdesk_home: Path
) -> None:
    chosen = tmp_path / "Panel papers"
    chosen.mkdir()
    window.prompts = SavePrompts(files=[chosen / "agenda amber.docx"])
    open_meeting(window)
    minutes = window.export_actions["minutes", Classification.AMBER, "docx"]
    agenda = window.export_actions["agenda", Classification.AMBER, "docx"]
    log = window.export_actions["action_log", Classification.WHITE, "pdf"]
    assert agenda in window.export_menu.actions()[1].menu().actions()  # Meeting > Export > Export agenda

    agenda.trigger()
    settle()
    assert (chosen / "agenda amber.docx").is_file()
    assert AMBER_TITLE in docx_text(chosen / "agenda amber.docx")

    # The next export of this committee proposes the folder chosen last.
    log.trigger()
    settle()
    assert window.prompts.asked[-1] == ("save", str(chosen / "TABASC_Action_Log_All_WHITE.pdf"))
    assert "Action Log" in pdf_text(chosen / "TABASC_Action_Log_All_WHITE.pdf")

    minutes.trigger()
    settle()
    written = chosen / "TABASC_46_1910_Draft_Minutes_AMBER.docx"
    assert AMBER_TITLE in docx_text(written)

    # Remembered in the settings file, for the next start; the pack dialog starts there too.
    window.close()
    from secdesk.gui.settings import Settings

    assert Settings().export_folder("TABASC") == chosen
    assert Settings().export_folder("SECP") == secdesk_home / "Documents"


def test_export_without_a_meeting_says_what_to_do(window: Any, messages: Any) -> None:
    window.prompts = SavePrompts()
    window.export_actions["minutes", Classification.WHITE, "pdf"].trigger()
    settle()
    assert messages.shown[-1][0] == "info" and "Choose the meeting" in messages.shown[-1][2]
    assert window.prompts.asked == []


def test_the_pack_dialog_proposes_a_folder_that_exists_and_builds_there(
    window: Any, qtbot: Any, tmp_path: Path, secdesk_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "account"))  # an account with no Documents folder
    (tmp_path / "account").mkdir()
    open_meeting(window)
    window.build_pack_action.trigger()
    dialog = window.dialog
    assert isinstance(dialog, pack_dialog.PackDialog)
    folder = Path(dialog.folder.text())
    assert folder == secdesk_home / "Documents" and folder.is_dir()
    assert dialog.grab().save(str(screenshot_folder(tmp_path) / "window-pack-dialog.png"))

    qtbot.mouseClick(dialog.build_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=30000)
    assert dialog.result.combined.is_file() and dialog.result.folder.parent == folder
    dialog.reject()

    # A folder chosen for a pack is remembered for the committee, as an export's is.
    other = tmp_path / "packs"
    other.mkdir()
    window.build_pack_action.trigger()
    dialog = window.dialog
    dialog.folder.setText(str(other))
    dialog.level.setCurrentIndex(dialog.level.findData("amber"))
    qtbot.mouseClick(dialog.build_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=30000)
    dialog.reject()
    window.build_pack_action.trigger()
    assert Path(window.dialog.folder.text()) == other
    window.dialog.reject()
