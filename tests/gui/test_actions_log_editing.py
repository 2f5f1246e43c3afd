"""The actions log edited in place, as a spreadsheet (issue 18 item 3): owner, due, status, update; undo; export."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit

from secdesk.gui.editor import Editor
from secdesk.gui.live.actions_log import KEYS, ActionsLogWindow
from secdesk.gui.messages import RecordingMessages
from secdesk.gui.worker import Worker
from secdesk.model import Action, ActionStatus, Classification
from secdesk.services import committees, meetings
from secdesk.services.actions import get_action
from secdesk.store import Store
from tests.gui.conftest import read, settle

TODAY = date(2026, 11, 23)
NEXT_MEETING = date(2026, 12, 14)  # TABASC 47, planned: where an update typed in the log is recorded


@pytest.fixture
def next_meeting(demo_store: Store) -> int:
    with demo_store.write() as session:
        tabasc = committees.get_committee(session, "TABASC")
        return meetings.create_meeting(session, tabasc, NEXT_MEETING, number=47).id


@pytest.fixture
def log(qtbot: Any, demo_store: Store, messages: RecordingMessages) -> Any:
    worker = Worker()
    window = ActionsLogWindow(Editor(demo_store, messages, worker=worker), worker, messages)
    window.today = lambda: TODAY
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    settle()
    yield window
    window.close()
    worker.shutdown()


def action(store: Store, reference: str) -> Action:
    return read(store, lambda s: get_action(s, reference))


def go_to(qtbot: Any, log: ActionsLogWindow, reference: str, key: str) -> None:
    """Filter to one action and put the cursor on its `key` cell, as a user would with Tab."""
    log.text.setText(reference)
    settle()
    assert [r.reference for r in log.model.rows] == [reference]
    log.table.setFocus()
    log.table.setCurrentIndex(log.model.index(0, KEYS.index(key)))


def cell_editor() -> Any:
    focused = QApplication.focusWidget()
    assert isinstance(focused, QLineEdit | QComboBox), focused
    return focused


def press(qtbot: Any, widget: Any, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.NoModifier) -> None:
    """A key, then what the window does with it: the delegate commits Enter a moment later, as in use."""
    qtbot.keyClick(widget, key, modifier)
    QApplication.processEvents()
    settle()


def type_in_cell(qtbot: Any, text: str) -> None:
    line = cell_editor()
    qtbot.keyClick(line, Qt.Key_A, Qt.ControlModifier)
    qtbot.keyClicks(line, text)


def test_owner_due_status_and_update_edited_by_keys(
    qtbot: Any, log: ActionsLogWindow, demo_store: Store, next_meeting: int
) -> None:
    log.status.setCurrentIndex(log.status.findData(None))  # every action: a closed one stays in the list
    go_to(qtbot, log, "TABASC46/02", "owner")
    qtbot.keyClick(log.table, Qt.Key_F2)
    type_in_cell(qtbot, "The DCC")
    qtbot.keyClick(cell_editor(), Qt.Key_Tab)  # saved; on to the due date
    assert KEYS[log.table.currentIndex().column()] == "due"
    type_in_cell(qtbot, "31 Jan 2027")
    qtbot.keyClick(cell_editor(), Qt.Key_Tab)
    status = cell_editor()
    assert isinstance(status, QComboBox)
    status.setCurrentIndex(status.findData("closed"))  # what picking "Closed" from the list does
    qtbot.keyClick(status, Qt.Key_Tab)
    type_in_cell(qtbot, "Both suppliers have had their sessions.")
    qtbot.keyClick(cell_editor(), Qt.Key_Tab)  # the last editable cell: Tab leaves the table
    assert not log.table.isAncestorOf(QApplication.focusWidget()) and not log.table.hasFocus()
    assert log.table.state() != log.table.State.EditingState

    saved = action(demo_store, "TABASC46/02")
    assert saved.owner == "The DCC"
    assert saved.due_date == date(2027, 1, 31)
    assert saved.status is ActionStatus.CLOSED and saved.closed_at_meeting_id == next_meeting
    updates = read(demo_store, lambda s: [(u.meeting_id, u.text, u.status_after)
                                          for u in get_action(s, "TABASC46/02").updates])
    assert log.problem.text() == ""
    assert updates == [(next_meeting, "Both suppliers have had their sessions.", ActionStatus.CLOSED)]
    row = log.model.rows[0]
    assert (row.owner, row.status, row.latest_update) == (
        "The DCC", "closed", "Both suppliers have had their sessions.")
    assert log.problem.isHidden()


def test_enter_commits_and_typing_starts_an_edit(qtbot: Any, log: ActionsLogWindow, demo_store: Store) -> None:
    go_to(qtbot, log, "TABASC46/03", "owner")
    qtbot.keyClicks(log.table, "B")  # typing on a cell starts its edit with that key
    qtbot.keyClicks(cell_editor(), "EIS")
    press(qtbot, cell_editor(), Qt.Key_Return)
    assert action(demo_store, "TABASC46/03").owner == "BEIS"
    assert log.table.hasFocus() and log.table.state() != log.table.State.EditingState


def test_one_edit_is_one_undo_step(qtbot: Any, log: ActionsLogWindow, demo_store: Store) -> None:
    go_to(qtbot, log, "TABASC46/03", "owner")
    qtbot.keyClick(log.table, Qt.Key_F2)
    type_in_cell(qtbot, "Ofgem")
    press(qtbot, cell_editor(), Qt.Key_Return)
    qtbot.keyClick(log.table, Qt.Key_Right)
    qtbot.keyClick(log.table, Qt.Key_Right)
    qtbot.keyClick(log.table, Qt.Key_Right)  # owner -> action -> raised at -> due
    qtbot.keyClick(log.table, Qt.Key_F2)
    type_in_cell(qtbot, "the next meeting")
    press(qtbot, cell_editor(), Qt.Key_Return)
    assert action(demo_store, "TABASC46/03").due_meeting is not None
    assert log.undo_actions.undo.text() == "&Undo Edit due date"
    qtbot.keyClick(log.table, Qt.Key_Z, Qt.ControlModifier)
    undone = action(demo_store, "TABASC46/03")
    assert undone.due_date == date(2026, 11, 6) and undone.due_meeting is None  # the due date as it was
    assert undone.owner == "Ofgem"  # the owner's edit, a step of its own, stays
    settle()
    assert log.model.rows[0].owner == "Ofgem"


def test_an_impossible_due_date_is_refused_beside_the_table_keeping_what_was_typed(
    qtbot: Any, log: ActionsLogWindow, demo_store: Store
) -> None:
    go_to(qtbot, log, "TABASC46/02", "due")
    qtbot.keyClick(log.table, Qt.Key_F2)
    type_in_cell(qtbot, "31 Feb 2027")
    press(qtbot, cell_editor(), Qt.Key_Return)
    assert action(demo_store, "TABASC46/02").due_date == date(2026, 11, 30)  # unchanged
    said = log.problem.text()
    assert log.problem.isVisible() and "TABASC46/02 due date not saved" in said and "31 Feb 2027" in said
    assert cell_editor().text() == "31 Feb 2027"  # open again with the typed text, to correct it
    type_in_cell(qtbot, "28 Feb 2027")
    press(qtbot, cell_editor(), Qt.Key_Return)
    assert action(demo_store, "TABASC46/02").due_date == date(2027, 2, 28)
    assert log.problem.isHidden()


def test_esc_cancels_an_edit_and_gives_up_a_refused_one(qtbot: Any, log: ActionsLogWindow, demo_store: Store) -> None:
    go_to(qtbot, log, "TABASC46/02", "owner")
    qtbot.keyClick(log.table, Qt.Key_F2)
    type_in_cell(qtbot, "Nobody")
    press(qtbot, cell_editor(), Qt.Key_Escape)
    assert action(demo_store, "TABASC46/02").owner == "SECAS"
    qtbot.keyClick(log.table, Qt.Key_Right)
    qtbot.keyClick(log.table, Qt.Key_Right)
    qtbot.keyClick(log.table, Qt.Key_Right)
    qtbot.keyClick(log.table, Qt.Key_F2)
    type_in_cell(qtbot, "soon")
    press(qtbot, cell_editor(), Qt.Key_Return)
    assert log.problem.isVisible()
    press(qtbot, cell_editor(), Qt.Key_Escape)
    assert log.problem.isHidden()
    assert log.model.data(log.table.currentIndex()) == "30 Nov 2026"  # what is saved, shown again


def test_an_update_with_no_next_meeting_planned_cannot_be_recorded(
    qtbot: Any, log: ActionsLogWindow, demo_store: Store
) -> None:
    go_to(qtbot, log, "TABASC46/04", "update")
    qtbot.keyClick(log.table, Qt.Key_F2)
    type_in_cell(qtbot, "Agreed at five working days.")
    press(qtbot, cell_editor(), Qt.Key_Return)
    assert "No TABASC meeting is planned" in log.problem.text()
    assert cell_editor().text() == "Agreed at five working days."
    assert read(demo_store, lambda s: get_action(s, "TABASC46/04").updates) == []


def test_a_final_meetings_action_keeps_its_minuted_owner_and_takes_a_status(
    qtbot: Any, log: ActionsLogWindow, demo_store: Store, next_meeting: int
) -> None:
    go_to(qtbot, log, "TABASC45/03", "owner")  # raised at TABASC 45, whose minutes are final
    qtbot.keyClick(log.table, Qt.Key_F2)
    assert log.table.state() != log.table.State.EditingState
    assert "minutes of TABASC_45_2109 are final" in log.problem.text()
    log.table.setCurrentIndex(log.model.index(0, KEYS.index("status")))
    qtbot.keyClick(log.table, Qt.Key_F2)
    status = cell_editor()
    status.setCurrentIndex(status.findData("closed"))
    press(qtbot, status, Qt.Key_Return)
    saved = action(demo_store, "TABASC45/03")
    assert saved.status is ActionStatus.CLOSED and saved.closed_at_meeting_id == next_meeting
    assert saved.owner == "SECAS"


def test_tab_goes_through_editable_cells_only_and_out_after_the_last(
    qtbot: Any, log: ActionsLogWindow
) -> None:
    log.committee.setCurrentIndex(log.committee.findText("SECP"))
    settle()
    assert len(log.model.rows) == 1
    log.table.setFocus()
    log.table.setCurrentIndex(log.model.index(0, 0))
    qtbot.keyClick(log.table, Qt.Key_Tab)  # not editing: Tab leaves the table, arrows move inside
    assert not log.table.hasFocus()
    log.table.setFocus()
    log.table.setCurrentIndex(log.model.index(0, KEYS.index("owner")))
    qtbot.keyClick(log.table, Qt.Key_F2)
    visited = ["owner"]
    for _ in range(3):
        qtbot.keyClick(cell_editor(), Qt.Key_Tab)
        visited.append(KEYS[log.table.currentIndex().column()])
        assert log.table.state() == log.table.State.EditingState
    assert visited == ["owner", "due", "status", "update"]
    qtbot.keyClick(cell_editor(), Qt.Key_Backtab)
    assert KEYS[log.table.currentIndex().column()] == "status"
    qtbot.keyClick(cell_editor(), Qt.Key_Tab)
    qtbot.keyClick(cell_editor(), Qt.Key_Tab)  # after the last editable cell: out, not back to the first
    assert not log.table.hasFocus() and log.table.state() != log.table.State.EditingState
    assert not log.table.isAncestorOf(QApplication.focusWidget())


def test_export_holds_only_the_rows_the_filters_show(
    qtbot: Any, log: ActionsLogWindow, tmp_path: Path
) -> None:
    import docx
    import pypdf

    qtbot.keyClicks(log.text, "dcc")
    settle()
    shown = [row.reference for row in log.model.rows if row.classification == Classification.WHITE]
    everything = read(log.editor.store, lambda s: [a.reference for a in s.query(Action)])
    assert shown and len(shown) < len(everything) - 3  # the filter leaves most actions out
    target = tmp_path / "log.docx"
    log.choose_path = lambda *_args: target
    log.export_log(Classification.WHITE, "docx")
    qtbot.waitUntil(lambda: log.last_export == target, timeout=10000)
    document = docx.Document(str(target))
    assert document.paragraphs[0].text == "Action Log: Open actions matching 'dcc'"
    exported = [row.cells[0].text for row in document.tables[0].rows[1:]]
    assert exported == shown

    pdf_target = tmp_path / "log.pdf"
    log.choose_path = lambda *_args: pdf_target
    log.status.setCurrentIndex(log.status.findData("closed"))
    settle()
    closed = [row.reference for row in log.model.rows if row.classification == Classification.WHITE]
    log.export_log(Classification.WHITE, "pdf")
    qtbot.waitUntil(lambda: log.last_export == pdf_target, timeout=10000)
    text = "".join(page.extract_text() for page in pypdf.PdfReader(str(pdf_target)).pages)
    hidden = [row for row in log.model.rows if row.classification != Classification.WHITE]
    # Words that also matched an action the White file leaves out are not repeated in its title.
    assert ("Closed actions matching 'dcc'" in text) == (not hidden)
    assert ("Closed actions matching a search" in text) == bool(hidden)
    for reference in everything:
        assert (reference in text) == (reference in closed), reference


@pytest.fixture
def keyless_store(demo_store: Store, tmp_path: Path, memory_keyring: Any) -> Any:
    """The demo database on a computer without its key (as tests/gui/test_security_window.py moves it)."""
    import shutil

    from secdesk.security.keys import KEYRING_SERVICE
    from secdesk.store import open_store

    keys = demo_store.keys
    assert keys is not None
    elsewhere = tmp_path / "elsewhere.sqlite"
    shutil.copyfile(demo_store.path, elsewhere)
    stored = memory_keyring.get_password(KEYRING_SERVICE, keys.database_uuid)
    memory_keyring.delete_password(KEYRING_SERVICE, keys.database_uuid)
    opened = open_store(elsewhere, backup=False)
    try:
        yield opened
    finally:
        opened.close()
        memory_keyring.set_password(KEYRING_SERVICE, keys.database_uuid, stored)


def test_a_locked_confidential_action_is_read_only_with_a_message(
    qtbot: Any, keyless_store: Store, messages: RecordingMessages
) -> None:
    worker = Worker()
    window = ActionsLogWindow(Editor(keyless_store, messages, worker=worker), worker, messages)
    window.today = lambda: TODAY
    qtbot.addWidget(window)
    window.show()
    settle()
    try:
        window.status.setCurrentIndex(window.status.findData(None))
        settle()
        place = next(n for n, row in enumerate(window.model.rows) if row.reference == "TABASC44/03")
        assert window.model.rows[place].locked
        window.table.setFocus()
        window.table.setCurrentIndex(window.model.index(place, KEYS.index("owner")))
        qtbot.keyClick(window.table, Qt.Key_F2)
        assert window.table.state() != window.table.State.EditingState
        assert "TABASC44/03 is confidential and its text is locked on this computer" in window.problem.text()
        plain = next(n for n, row in enumerate(window.model.rows)
                     if row.classification == Classification.WHITE and not row.minutes_final)
        assert window.model.flags(window.model.index(plain, KEYS.index("owner"))) & Qt.ItemIsEditable
    finally:
        window.close()
        worker.shutdown()


def test_the_latest_update_column_is_no_sort_key(qtbot: Any, log: ActionsLogWindow) -> None:
    before = [row.reference for row in log.model.rows]
    header = log.table.horizontalHeader()
    qtbot.mouseClick(header.viewport(), Qt.LeftButton, pos=header.rect().topLeft() + _section_centre(header, 7))
    assert header.sortIndicatorSection() == 0 and [row.reference for row in log.model.rows] == before
    assert "latest update" in log.statusBar().currentMessage()


def _section_centre(header: Any, section: int) -> Any:
    from PySide6.QtCore import QPoint

    return QPoint(header.sectionViewportPosition(section) + header.sectionSize(section) // 2, header.height() // 2)


def test_a_refused_value_left_behind_with_tab_says_it_is_not_saved(
    qtbot: Any, log: ActionsLogWindow, demo_store: Store
) -> None:
    go_to(qtbot, log, "TABASC46/02", "due")
    qtbot.keyClick(log.table, Qt.Key_F2)
    type_in_cell(qtbot, "next Tuesday-ish")
    qtbot.keyClick(cell_editor(), Qt.Key_Tab)  # on to the status while the due date is refused
    assert isinstance(cell_editor(), QComboBox)
    due = log.model.index(0, KEYS.index("due"))
    assert log.model.data(due) == "next Tuesday-ish (not saved)"
    assert "is not a date or a meeting" in log.model.data(due, Qt.ToolTipRole)
    assert "TABASC46/02 due date not saved" in log.problem.text()
    assert action(demo_store, "TABASC46/02").due_date == date(2026, 11, 30)
    press(qtbot, cell_editor(), Qt.Key_Escape)
    log.table.setCurrentIndex(due)
    qtbot.keyClick(log.table, Qt.Key_F2)
    assert cell_editor().text() == "next Tuesday-ish"  # opened again with what was typed
    press(qtbot, cell_editor(), Qt.Key_Escape)  # given up: what is saved again
    assert log.model.data(due) == "30 Nov 2026" and log.problem.isHidden()


def test_a_status_set_in_the_log_is_undone_and_redone_as_one_review(
    qtbot: Any, log: ActionsLogWindow, demo_store: Store, next_meeting: int
) -> None:
    log.status.setCurrentIndex(log.status.findData(None))
    go_to(qtbot, log, "TABASC44/01", "status")  # closed at TABASC 45 (final): open again at TABASC 47
    qtbot.keyClick(log.table, Qt.Key_F2)
    status = cell_editor()
    status.setCurrentIndex(status.findData("ongoing"))
    press(qtbot, status, Qt.Key_Return)
    reopened = action(demo_store, "TABASC44/01")
    assert reopened.status is ActionStatus.ONGOING and reopened.closed_at_meeting_id is None
    assert log.undo_actions.undo.text() == "&Undo Mark TABASC44/01 ongoing"
    closed_at = read(demo_store, lambda s: meetings.resolve_meeting(s, "TABASC 45").id)
    press(qtbot, log.table, Qt.Key_Z, Qt.ControlModifier)
    undone = action(demo_store, "TABASC44/01")
    assert undone.status is ActionStatus.CLOSED and undone.closed_at_meeting_id == closed_at
    assert read(demo_store, lambda s: [u.meeting_id for u in get_action(s, "TABASC44/01").updates]) == [closed_at]
    log.undo_actions.redo.trigger()
    settle()
    redone = action(demo_store, "TABASC44/01")
    assert redone.status is ActionStatus.ONGOING
    assert read(demo_store, lambda s: [u.meeting_id for u in get_action(s, "TABASC44/01").updates]) == [
        closed_at, next_meeting]
