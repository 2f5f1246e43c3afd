"""The demo is realistic and complete enough to show every feature."""

from __future__ import annotations

from secdesk.model import (
    ActionStatus,
    AttendanceStatus,
    Capacity,
    Classification,
    Section,
)
from secdesk.services import actions, meetings


def test_demo_has_the_panel_and_three_consecutive_tabasc_meetings(demo_store) -> None:
    with demo_store.read() as session:
        tabasc = meetings.list_meetings(session, "TABASC")
        assert [m.number for m in tabasc] == [44, 45, 46]
        assert [m.status for m in tabasc] == ["final", "final", "held"]
        assert meetings.list_meetings(session, "SECP")
        for summary in tabasc:
            meeting = meetings.resolve_meeting(session, summary.identifier)
            capacities = {a.capacity for a in meeting.attendance if a.status is AttendanceStatus.PRESENT}
            assert {Capacity.ALTERNATE, Capacity.OBSERVER, Capacity.PARTICIPANT, Capacity.SECRETARIAT} <= capacities
            assert any(a.part and a.items_attended for a in meeting.attendance)
            assert any(a.status is AttendanceStatus.APOLOGIES for a in meeting.attendance)
            amber = [i for i in meeting.items if i.classification is Classification.AMBER]
            assert len(amber) == 1 and amber[0].public_title and amber[0].decisions and amber[0].actions
            assert any(i.section is Section.INFORMATION for i in meeting.items)
            assert meeting.items[-1].section is Section.INFORMATION
            assert all(i.papers for i in meeting.items if i.section is Section.INFORMATION)
            assert sum(len(i.decisions) for i in meeting.items) >= 8


def test_demo_carries_actions_forward_and_closes_them(demo_store) -> None:
    with demo_store.read() as session:
        m44, m45, m46 = (meetings.resolve_meeting(session, f"TABASC {n}") for n in (44, 45, 46))
        assert m44.approved_at_meeting is m45 and m45.approved_at_meeting is m46
        assert [a.reference for a in actions.outstanding_for(session, m45)][:1] == ["TABASC41/03"]
        legacy = actions.get_action(session, "TABASC41/03")
        assert [u.meeting.number for u in legacy.updates] == [44, 45, 46]
        assert legacy.status is ActionStatus.CLOSED and legacy.closed_at_meeting is m46
        still_open = {r.reference for r in actions.action_log(session, committee="TABASC", open_only=True)}
        assert "TABASC45/03" in still_open and "TABASC44/01" not in still_open
        assert any(
            d.classification is Classification.AMBER
            for i in m44.items
            if i.classification is Classification.WHITE
            for d in i.decisions
        )
        assert any(
            a.classification is Classification.AMBER
            for i in m45.items
            if i.classification is Classification.WHITE
            for a in i.actions
        )
        assert any(i.post_meeting_note for i in m45.items)
