"""Attendance: single keys, clicks, alternates, participants, quorum; each undoable."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt

from secdesk.services import attendance as attendance_service
from secdesk.services.meetings import resolve_meeting
from tests.gui.conftest import read, settle
from tests.gui.test_agenda import open_meeting

pytestmark = pytest.mark.gui


def statuses(store: Any, meeting_id: int) -> dict[int, str]:
    return read(store, lambda s: {
        a.id: a.status.value for a in resolve_meeting(s, "TABASC 46").attendance
    })


def quorum(store: Any) -> tuple[int, int]:
    q = read(store, lambda s: attendance_service.quorum(resolve_meeting(s, "TABASC 46")))
    return q.present, q.required


def select_row(page: Any, row: int) -> None:
    table = page.ui.attendance
    table.setFocus()
    table.selectRow(row)


def first_member_row(page: Any, status: str) -> int:
    return next(n for n, r in enumerate(page.attendance_model.rows) if r.capacity == "member" and r.status == status)


def test_keys_p_a_x_set_status_and_quorum_follows(window: Any, qtbot: Any) -> None:
    meeting_id = open_meeting(window)
    page = window.meeting_page
    page.ui.tabs.setCurrentIndex(1)
    row = first_member_row(page, "present")
    row_id = page.attendance_model.rows[row].id
    present, required = quorum(window.store)
    assert f"Members present {present}" in page.ui.quorum.text() and f"quorum {required}" in page.ui.quorum.text()

    select_row(page, row)
    qtbot.keyClick(page.ui.attendance, Qt.Key_A)
    assert statuses(window.store, meeting_id)[row_id] == "apologies"
    assert quorum(window.store)[0] == present - 1
    assert f"Members present {present - 1}" in page.ui.quorum.text()

    qtbot.keyClick(page.ui.attendance, Qt.Key_X)
    assert statuses(window.store, meeting_id)[row_id] == "absent"
    qtbot.keyClick(page.ui.attendance, Qt.Key_P)
    assert statuses(window.store, meeting_id)[row_id] == "present"

    window.undo_action.trigger()
    assert statuses(window.store, meeting_id)[row_id] == "absent"
    window.undo_action.trigger()
    window.undo_action.trigger()
    assert statuses(window.store, meeting_id)[row_id] == "present"
    window.redo_action.trigger()
    assert statuses(window.store, meeting_id)[row_id] == "apologies"


def test_clicking_the_status_cycles_it(window: Any, qtbot: Any) -> None:
    meeting_id = open_meeting(window)
    page = window.meeting_page
    page.ui.tabs.setCurrentIndex(1)
    row = first_member_row(page, "present")
    row_id = page.attendance_model.rows[row].id
    table = page.ui.attendance
    rect = table.visualRect(page.attendance_model.index(row, 3))
    qtbot.mouseClick(table.viewport(), Qt.LeftButton, pos=rect.center())
    assert statuses(window.store, meeting_id)[row_id] == "apologies"
    assert page.attendance_model.rows[row].status == "apologies"


def test_several_rows_marked_at_once_undo_as_one(window: Any, qtbot: Any) -> None:
    meeting_id = open_meeting(window)
    page = window.meeting_page
    page.ui.tabs.setCurrentIndex(1)
    before = statuses(window.store, meeting_id)
    table = page.ui.attendance
    table.selectAll()
    qtbot.mouseClick(page.ui.markAbsent, Qt.LeftButton)
    assert set(statuses(window.store, meeting_id).values()) == {"absent"}
    window.undo_action.trigger()
    assert statuses(window.store, meeting_id) == before


def test_add_an_alternate_and_a_participant(window: Any, qtbot: Any) -> None:
    meeting_id = open_meeting(window)
    page = window.meeting_page
    page.ui.tabs.setCurrentIndex(1)
    member = next(r for r in page.attendance_model.rows if r.capacity == "member")
    present = quorum(window.store)[0]

    qtbot.mouseClick(page.ui.addAttendee, Qt.LeftButton)
    settle()
    dialog = page.dialog
    dialog.capacity.setCurrentIndex(dialog.capacity.findData("alternate"))
    dialog.name.setEditText("Jo Alderney")
    dialog.alternate_for.setCurrentIndex(dialog.alternate_for.findData(member.person_id))
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.LeftButton)
    assert not dialog.isVisible(), dialog.problem.text()
    row = read(
        window.store,
        lambda s: next(a for a in resolve_meeting(s, "TABASC 46").attendance if a.person.name == "Jo Alderney"),
    )
    assert (row.capacity.value, row.alternate_for_id, row.status.value) == ("alternate", member.person_id, "present")
    assert quorum(window.store)[0] == present + 1  # alternates count
    assert any(
        "alternate for" in r
        for r in [
            page.attendance_model.data(page.attendance_model.index(n, 4))
            for n in range(page.attendance_model.rowCount())
        ]
    )

    page.add_attendee()
    settle()  # the dialog opens once what it offers is read
    dialog = page.dialog
    dialog.capacity.setCurrentIndex(dialog.capacity.findData("participant"))
    assert dialog.representing.isVisibleTo(dialog) and not dialog.alternate_for.isVisibleTo(dialog)
    dialog.name.setEditText("Sam Regulator")
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.LeftButton)
    assert dialog.isVisible() and "represents" in dialog.problem.text()  # shown in the dialog
    dialog.representing.setEditText("Ofgem (the Authority)")
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.LeftButton)
    assert not dialog.isVisible()
    row = read(
        window.store,
        lambda s: next(
            (a.capacity.value, a.representing.name)
            for a in resolve_meeting(s, "TABASC 46").attendance
            if a.person.name == "Sam Regulator"
        ),
    )
    assert row == ("participant", "Ofgem (the Authority)")
    assert quorum(window.store)[0] == present + 1  # participants do not count

    window.undo_action.trigger()
    window.undo_action.trigger()
    names = read(window.store, lambda s: {a.person.name for a in resolve_meeting(s, "TABASC 46").attendance})
    assert "Jo Alderney" not in names and "Sam Regulator" not in names
    assert meeting_id == page.meeting.id


def test_remove_attendee_and_undo(window: Any, qtbot: Any) -> None:
    meeting_id = open_meeting(window)
    page = window.meeting_page
    page.ui.tabs.setCurrentIndex(1)
    before = statuses(window.store, meeting_id)
    select_row(page, 0)
    qtbot.mouseClick(page.ui.removeAttendee, Qt.LeftButton)
    assert len(statuses(window.store, meeting_id)) == len(before) - 1
    window.undo_action.trigger()
    assert statuses(window.store, meeting_id) == before
