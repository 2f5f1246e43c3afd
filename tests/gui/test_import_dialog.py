"""File > Import minutes: review and correct what was found, then Import; Cancel writes nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import func, select

from secdesk.gui.import_dialog import DUE, INCLUDE, OWNER, REFERENCE, VERB, ImportMinutesDialog
from secdesk.gui.messages import RecordingMessages
from secdesk.model import Action, Meeting
from secdesk.services import actions, committees, meetings
from secdesk.store import Store
from tests.gui.conftest import read

pytestmark = pytest.mark.gui

MINUTES = Path(__file__).parent.parent / "data" / "minutes"


@pytest.fixture
def tabasc(store: Store) -> Store:
    with store.write() as session:
        committees.create_committee(session, "SSC", "Security Sub-Committee", "The SSC")
        committees.create_committee(
            session, "TABASC", "Technical Architecture Sub-Committee", "The TABASC"
        )
    return store


@pytest.fixture
def dialog(qtbot: Any, tabasc: Store, messages: RecordingMessages) -> ImportMinutesDialog:
    chosen = str(MINUTES / "tabasc_22.txt")
    opened = ImportMinutesDialog(tabasc, messages=messages, choose_file=lambda _parent: chosen)
    qtbot.addWidget(opened)
    qtbot.waitUntil(lambda: opened.committee.count() == 2)  # the committees are read on the worker
    opened.committee.setCurrentIndex(opened.committee.findData("TABASC"))
    opened.show()
    return opened


def _browse_and_wait(dialog: ImportMinutesDialog, qtbot: Any) -> None:
    dialog.browse()  # the injected chooser answers with the file, and reading starts
    qtbot.waitUntil(
        lambda: dialog.model.rowCount() > 0 and dialog.import_button.isEnabled(), timeout=10000
    )


def _cell(dialog: ImportMinutesDialog, kind: str, text: str, column: int):
    row = dialog.model.find(kind, text)
    assert row >= 0, f"no {kind} row with {text!r}"
    return dialog.model.index(row, column)


def test_the_table_shows_what_was_found_and_passes_the_model_checks(
    dialog, qtbot, qtmodeltester
) -> None:
    _browse_and_wait(dialog, qtbot)
    model = dialog.model
    assert model.data(_cell(dialog, "Action", "TABASC22/02", REFERENCE)) == "TABASC22/02"
    assert model.data(_cell(dialog, "Action", "TABASC22/02", DUE)) == "2025-03-12"
    assert model.data(_cell(dialog, "Outstanding", "TABASC21/03", VERB)) == "ongoing"
    assert (
        model.data(_cell(dialog, "Decision", "its decision on the principles", VERB)) == "DEFERRED"
    )
    assert "Found 4 items" in dialog.status.text()
    qtmodeltester.check(model)
    assert read(dialog.store, lambda s: s.scalar(select(func.count(Meeting.id)))) == 0


def test_corrections_and_unticked_rows_are_imported_as_reviewed(
    dialog, qtbot, messages, tabasc
) -> None:
    _browse_and_wait(dialog, qtbot)
    model = dialog.model
    assert model.setData(_cell(dialog, "Action", "TABASC22/01", OWNER), "The DCC Service Desk")
    assert model.setData(_cell(dialog, "Outstanding", "TABASC21/05", VERB), "closed")
    assert model.setData(_cell(dialog, "Decision", "the contents of the update", VERB), "AGREED")
    assert not model.setData(
        _cell(dialog, "Decision", "its decision on the principles", VERB), "PONDERED"
    )
    assert not model.setData(_cell(dialog, "Action", "TABASC22/02", DUE), "next Tuesday")
    assert model.setData(
        _cell(dialog, "Action", "TABASC22/03", INCLUDE), Qt.Unchecked.value, Qt.CheckStateRole
    )
    qtbot.mouseClick(dialog.import_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: dialog.result() == dialog.DialogCode.Accepted, timeout=10000)
    assert messages.kinds() == ["info"] and "TABASC_22_1902" in messages.shown[0][2]

    def saved(session):
        meeting = meetings.resolve_meeting(session, "TABASC 22")
        return (
            actions.get_action(session, "TABASC22/01").owner,
            actions.get_action(session, "TABASC21/05").status.value,
            meeting.items[1].decisions[0].verb.value,
            session.scalar(select(Action.id).where(Action.reference == "TABASC22/03")),
            meeting.locked,
        )

    assert read(tabasc, saved) == ("The DCC Service Desk", "closed", "AGREED", None, True)


def test_cancel_writes_nothing(dialog, qtbot, tabasc) -> None:
    _browse_and_wait(dialog, qtbot)
    dialog.buttons.button(dialog.buttons.StandardButton.Cancel).click()
    assert dialog.result() == dialog.DialogCode.Rejected
    assert read(tabasc, lambda s: s.scalar(select(func.count(Action.id)))) == 0


def test_a_file_that_is_not_minutes_gets_a_clear_message(qtbot, tabasc, messages, tmp_path) -> None:
    letter = tmp_path / "letter.txt"
    letter.write_text("Dear colleague,\nThe invoice is attached.\n", encoding="utf-8")
    opened = ImportMinutesDialog(tabasc, messages=messages, choose_file=lambda _parent: str(letter))
    qtbot.addWidget(opened)
    qtbot.waitUntil(lambda: opened.committee.count() == 2)  # the committees are read on the worker
    opened.browse()
    qtbot.waitUntil(lambda: bool(messages.shown), timeout=10000)
    assert messages.shown[0][0] == "error" and "does not look like minutes" in messages.shown[0][2]
    assert not opened.import_button.isEnabled() and opened.model.rowCount() == 0
    assert read(tabasc, lambda s: s.scalar(select(func.count(Meeting.id)))) == 0
    opened.reject()


def test_the_main_window_opens_the_dialog_from_the_file_menu(make_window, tabasc, qtbot) -> None:
    window = make_window(tabasc)
    window.import_minutes()
    assert isinstance(window.dialog, ImportMinutesDialog) and window.dialog.isVisible()
    qtbot.waitUntil(lambda: window.dialog.committee.count() == 2)
    window.dialog.reject()
