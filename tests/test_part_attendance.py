"""Present for part outside the live screen: attendance.present_for and how it is shown (issue 18 item 6)."""

from __future__ import annotations

import pytest

from secdesk.errors import ValidationError
from secdesk.model import AttendanceStatus
from secdesk.services import attendance, meeting_record, meetings
from secdesk.store import Store


def test_present_for_arrived_left_both_and_neither(demo_store: Store) -> None:
    with demo_store.write() as session:
        meeting = meetings.resolve_meeting(session, "TABASC 46")
        row = next(a for a in meeting.attendance if a.person.name == "Marcus Webb")  # apologies
        items = meeting.items

        attendance.present_for(session, row, items[2], None)
        assert (row.status, row.part, [i.number for i in row.items_attended]) == (
            AttendanceStatus.PRESENT, True, list(range(3, 13)))
        attendance.present_for(session, row, None, items[3])
        assert [i.number for i in row.items_attended] == [1, 2, 3, 4]
        attendance.present_for(session, row, items[2], items[6])
        assert [i.number for i in row.items_attended] == [3, 4, 5, 6, 7]
        view = next(a for a in meeting_record.meeting_view(session, meeting.id).attendance if a.id == row.id)
        assert view.part and view.part_note == "part, items 3-7" and len(view.item_ids) == 5
        with pytest.raises(ValidationError, match="cannot leave after item 2 having arrived at item 5"):
            attendance.present_for(session, row, items[4], items[1])
        attendance.present_for(session, row, None, None)
        assert (row.status, row.part, row.items_attended) == (AttendanceStatus.PRESENT, False, [])
        other = meetings.resolve_meeting(session, "TABASC 45")
        with pytest.raises(ValidationError, match="same meeting"):
            attendance.present_for(session, row, other.items[0], None)


def test_part_note_says_the_items() -> None:
    assert attendance.part_note([5, 3, 4, 6, 7]) == "part, items 3-7"
    assert attendance.part_note([4]) == "part, item 4"
    assert attendance.part_note([1, 4]) == "part, items 1, 4"
    assert attendance.part_note([]) == "part"
