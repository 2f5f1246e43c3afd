"""Meeting > Build pack... and papers with real files in the window."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices

from secdesk.gui import pack_dialog
from secdesk.model import Paper
from tests.gui.conftest import read, settle
from tests.gui.test_agenda import open_meeting
from tests.test_packs import pdf_with

pytestmark = pytest.mark.gui


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What would have been handed to the system's viewer."""
    urls: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: urls.append(url.toLocalFile()) or True)
    return urls


def test_build_pack_from_the_menu_with_progress(window: Any, qtbot: Any, tmp_path: Path) -> None:
    open_meeting(window)
    window.build_pack_action.trigger()
    dialog = window.dialog
    assert isinstance(dialog, pack_dialog.PackDialog)
    dialog.folder.setText(str(tmp_path))
    dialog.level.setCurrentIndex(dialog.level.findData("amber"))
    assert dialog.target() == tmp_path / "TABASC_46_1910_Pre_Meeting_Pack_AMBER"
    seen: list[tuple[int, int]] = []
    dialog.progressed.connect(lambda done, total, _label: seen.append((done, total)))
    dialog.build_button.click()
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=20000)
    assert dialog.result.combined.exists() and "Pack written" in dialog.status.text()
    assert seen and seen[-1][0] == seen[-1][1]
    assert not dialog.progress.isVisible() and dialog.open_button.isVisible()


def test_cancel_leaves_no_pack(window: Any, qtbot: Any, tmp_path: Path) -> None:
    open_meeting(window)
    dialog = pack_dialog.open_pack_dialog(window)
    packs = tmp_path / "packs"
    packs.mkdir()
    dialog.folder.setText(str(packs))
    store, target = dialog.store, dialog.target()
    # Cancel at the first step's progress report. The flag is set in the worker thread (a direct
    # connection): a queued click could arrive after a fast pack had already finished.
    dialog.progressed.connect(lambda *_: dialog._cancel.set(), Qt.ConnectionType.DirectConnection)
    dialog.build_button.click()
    qtbot.waitUntil(lambda: "nothing was written" in dialog.status.text(), timeout=20000)
    assert store is window.store and not target.exists() and list(packs.iterdir()) == []
    assert dialog.build_button.isVisible()


def test_without_a_meeting_the_menu_explains(window: Any, messages: Any) -> None:
    assert pack_dialog.open_pack_dialog(window) is None
    assert messages.shown[-1][0] == "info" and "Choose the meeting" in messages.shown[-1][2]


def test_attach_a_paper_with_its_file_and_open_it(window: Any, qtbot: Any, tmp_path: Path, opened: list[str]) -> None:
    open_meeting(window)
    details = window.meeting_page.details
    item = next(i for i in window.meeting_page.meeting.items if i.number == 7)
    window.meeting_page.select_item(item.id)
    qtbot.waitUntil(lambda: details.item is not None and details.item.id == item.id, timeout=5000)
    details.attach_paper()
    settle()  # the dialog opens once what it offers is read
    dialog = details.dialog
    dialog.title.setText("Triage timetable")
    dialog.file.setText(str(pdf_with(tmp_path / "timetable.pdf", "TIMETABLE")))
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: any(p.title == "Triage timetable" for p in details.item.papers), timeout=5000)
    stored = read(
        window.store,
        lambda s: [
            (f.filename, bool(f.sha256)) for p in s.query(Paper) if p.title == "Triage timetable" for f in p.files
        ],
    )
    assert stored == [("timetable.pdf", True)]
    row = next(r for r, p in enumerate(details.item.papers) if p.title == "Triage timetable")
    details.ui.papers.cellDoubleClicked.emit(row, 0)
    settle()  # found and decrypted on the worker, then handed to the viewer
    assert len(opened) == 1 and Path(opened[0]).name == "timetable.pdf"
    assert "TIMETABLE page 1" in PdfReader(opened[0]).pages[0].extract_text()
