"""Present for part on the meeting page's Attendance tab, by keys, undoable (issue 18 item 6)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from secdesk.model import AttendanceStatus
from secdesk.services.meetings import resolve_meeting
from tests.gui.conftest import read, settle
from tests.gui.test_agenda import open_meeting

pytestmark = pytest.mark.gui

ALT = Qt.AltModifier
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def screenshot_folder(tmp_path: Path) -> Path:
    """docs/screenshots when asked for (SECDESK_SCREENSHOTS=1, to look at and keep), else a scratch folder."""
    return SCREENSHOTS if os.environ.get("SECDESK_SCREENSHOTS") else tmp_path


def sophie(store: Any) -> tuple[AttendanceStatus, bool, list[int]]:
    def job(session: Any) -> tuple[AttendanceStatus, bool, list[int]]:
        row = next(a for a in resolve_meeting(session, "TABASC 46").attendance if a.person.name == "Sophie Brennan")
        return row.status, row.part, [i.number for i in row.items_attended]

    return read(store, job)


def open_part_dialog(window: Any, qtbot: Any, name: str) -> Any:
    page = window.meeting_page
    table = page.ui.attendance
    wanted = next(n for n, r in enumerate(page.attendance_model.rows) if r.name == name)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    table.setFocus()
    qtbot.keyClick(table, Qt.Key_Home, Qt.ControlModifier)
    for _ in range(wanted):
        qtbot.keyClick(table, Qt.Key_Down)
    assert page.selected_attendance_ids() == [page.attendance_model.rows[wanted].id]
    qtbot.keyClick(table, Qt.Key_P, ALT)  # Present for &part...
    qtbot.waitUntil(lambda: page.part_dialog is not None and page.part_dialog.isVisible(), timeout=2000)
    dialog = page.part_dialog
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.arrived)
    return dialog


def notes_of(page: Any, name: str) -> str:
    model = page.attendance_model
    row = next(n for n, r in enumerate(model.rows) if r.name == name)
    return model.data(model.index(row, 4))


def test_arrived_and_left_by_item_shown_as_part_and_undone(window: Any, qtbot: Any, tmp_path: Path) -> None:
    open_meeting(window)
    page = window.meeting_page
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(page, Qt.Key_T, ALT)  # A&ttendance
    assert page.ui.tabs.currentWidget() is page.ui.attendanceTab
    assert sophie(window.store) == (AttendanceStatus.PRESENT, False, [])

    dialog = open_part_dialog(window, qtbot, "Sophie Brennan")
    assert dialog.arrived.currentText() == "The start of the meeting"
    assert dialog.left.currentText() == "The end of the meeting"
    qtbot.keyClicks(dialog.arrived, "3")  # a closed list jumps to the entry its typing starts
    assert dialog.arrived.currentText() == "3. DCC Update"
    qtbot.keyClick(dialog.arrived, Qt.Key_Tab)
    assert QApplication.focusWidget() is dialog.left
    qtbot.keyClicks(dialog.left, "7")
    assert dialog.left.currentText().startswith("7. ")
    qtbot.keyClick(dialog.left, Qt.Key_Return)
    settle()
    assert not dialog.isVisible()
    assert sophie(window.store) == (AttendanceStatus.PRESENT, True, [3, 4, 5, 6, 7])
    assert notes_of(page, "Sophie Brennan") == "part, items 3-7"  # as the live screen says it
    window.resize(1280, 800)
    settle()
    window.grab().save(str(screenshot_folder(tmp_path) / "meeting-attendance-part.png"))

    window.undo_action.trigger()
    assert sophie(window.store) == (AttendanceStatus.PRESENT, False, [])
    settle()
    assert notes_of(page, "Sophie Brennan") == ""
    window.redo_action.trigger()
    assert sophie(window.store) == (AttendanceStatus.PRESENT, True, [3, 4, 5, 6, 7])


def test_leaving_before_arriving_is_refused_in_the_dialog_and_the_whole_meeting_clears_it(
    window: Any, qtbot: Any
) -> None:
    open_meeting(window)
    page = window.meeting_page
    page.ui.tabs.setCurrentWidget(page.ui.attendanceTab)
    dialog = open_part_dialog(window, qtbot, "Sophie Brennan")
    qtbot.keyClicks(dialog.arrived, "5")
    qtbot.keyClick(dialog.arrived, Qt.Key_Tab)
    qtbot.keyClicks(dialog.left, "8")
    qtbot.keyClick(dialog.left, Qt.Key_Return)
    settle()
    assert sophie(window.store) == (AttendanceStatus.PRESENT, True, [5, 6, 7, 8])
    assert notes_of(page, "Sophie Brennan") == "part, items 5-8"

    dialog = open_part_dialog(window, qtbot, "Sophie Brennan")
    assert dialog.arrived.currentText().startswith("5. ") and dialog.left.currentText().startswith("8. ")
    qtbot.keyClick(dialog.arrived, Qt.Key_Tab)
    qtbot.keyClicks(dialog.left, "2")
    qtbot.keyClick(dialog.left, Qt.Key_Return)
    settle()
    assert dialog.isVisible() and "cannot leave after item 2 having arrived at item 5" in dialog.problem.text()
    assert sophie(window.store) == (AttendanceStatus.PRESENT, True, [5, 6, 7, 8])

    # From the start to the end: present for the whole meeting again.
    qtbot.keyClick(dialog.left, Qt.Key_Home)
    qtbot.keyClick(dialog.left, Qt.Key_Tab, Qt.ShiftModifier)
    qtbot.keyClick(dialog.arrived, Qt.Key_Home)
    qtbot.keyClick(dialog.arrived, Qt.Key_Return)
    settle()
    assert not dialog.isVisible()
    assert sophie(window.store) == (AttendanceStatus.PRESENT, False, [])


def test_someone_with_apologies_becomes_present_for_part(window: Any, qtbot: Any) -> None:
    open_meeting(window)
    page = window.meeting_page
    page.ui.tabs.setCurrentWidget(page.ui.attendanceTab)
    dialog = open_part_dialog(window, qtbot, "Marcus Webb")
    qtbot.keyClick(dialog.arrived, Qt.Key_Tab)
    qtbot.keyClicks(dialog.left, "4")
    qtbot.keyClick(dialog.left, Qt.Key_Return)

    def marcus(session: Any) -> tuple[AttendanceStatus, list[int]]:
        row = next(a for a in resolve_meeting(session, "TABASC 46").attendance if a.person.name == "Marcus Webb")
        return row.status, [i.number for i in row.items_attended]

    assert read(window.store, marcus) == (AttendanceStatus.PRESENT, [1, 2, 3, 4])
    window.undo_action.trigger()
    assert read(window.store, marcus) == (AttendanceStatus.APOLOGIES, [])


def test_the_live_screen_says_part_attendance_as_the_page_does(live: Any, qtbot: Any) -> None:
    from secdesk.gui.live.commands import attendance_change
    from secdesk.model import AgendaItem, Attendance, Meeting
    from secdesk.services import attendance
    from secdesk.services.changes import meeting_changed
    from secdesk.services.rows import fetch

    meeting_id = live.meeting_id
    row_id, item_id, number = read(live.editor.store, lambda s: next(
        (a.id, s.get(Meeting, meeting_id).items[3].id, s.get(Meeting, meeting_id).items[3].number)
        for a in s.get(Meeting, meeting_id).attendance if a.person.name == "Sophie Brennan"))

    def there_for_one_item(session: Any, row: Attendance) -> None:
        item = fetch(session, AgendaItem, item_id)
        attendance.present_for(session, row, item, item)

    live.editor.push(attendance_change(live.editor, row_id, "Sophie Brennan present for part", there_for_one_item,
                                       meeting_changed(meeting_id)))
    def texts() -> list[str]:
        return [live.attendees.item(i).text() for i in range(live.attendees.count())]

    qtbot.waitUntil(lambda: any(t.endswith(f"Sophie Brennan  (part, item {number})") for t in texts()), timeout=3000)
