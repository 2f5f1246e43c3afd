"""Draft to final minutes, the lock on final minutes, reopening, and the audit trail."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import select

from secdesk.errors import MinutesLockedError, ValidationError
from secdesk.model import ActionStatus, AuditRecord, Classification, MeetingStatus
from secdesk.services import actions, agenda, decisions, meetings
from tests import factories


def _two_meetings(session):
    tabasc = factories.committee(session)
    first = factories.held_meeting(session, tabasc, 15, date(2027, 2, 15))
    second = factories.held_meeting(session, tabasc, 16, date(2027, 3, 20))
    return first, second


def test_minutes_agreed_at_a_later_meeting_become_final_and_locked(store) -> None:
    with store.write() as session:
        first, second = _two_meetings(session)
        actions.raise_action(session, first, "SECAS to do it.", item=first.items[0])
        meetings.agree_final(session, first, second)
        assert first.status is MeetingStatus.FINAL and first.locked
        assert first.approved_at_meeting is second
    with pytest.raises(MinutesLockedError, match="TABASC_15_1502 are final"), store.write() as session:
        meetings.resolve_meeting(session, "TABASC 15").items[0].minutes = "a silent change"
    with pytest.raises(MinutesLockedError), store.write() as session:
        first = meetings.resolve_meeting(session, "TABASC 15")
        decisions.add(session, first.items[0], "NOTED", "a late decision")
    with pytest.raises(MinutesLockedError), store.write() as session:
        first = meetings.resolve_meeting(session, "TABASC 15")
        agenda.remove_item(session, first.items[0])
    # Reviewing the action at the later meeting is not an edit of the final minutes.
    with store.write() as session:
        second = meetings.resolve_meeting(session, "TABASC 16")
        action = actions.get_action(session, "TABASC15/01")
        actions.record_update(session, [action], second, "Done.", ActionStatus.CLOSED)
    with pytest.raises(MinutesLockedError), store.write() as session:
        actions.get_action(session, "TABASC15/01").text = "rewritten history"
    with store.read() as session:
        assert meetings.resolve_meeting(session, "TABASC 15").items[0].minutes == ""
        assert actions.get_action(session, "TABASC15/01").status is ActionStatus.CLOSED


def test_reopening_is_explicit_and_audited(store) -> None:
    with store.write() as session:
        first, second = _two_meetings(session)
        meetings.agree_final(session, first, second)
    with store.write() as session:
        first = meetings.resolve_meeting(session, "TABASC 15")
        meetings.reopen(session, first)
        first.items[0].minutes = "A corrected sentence."
    with store.read() as session:
        reopen = session.scalars(select(AuditRecord).where(AuditRecord.operation == "reopen")).all()
        assert len(reopen) == 1 and reopen[0].user
        assert meetings.resolve_meeting(session, "TABASC 15").items[0].minutes == "A corrected sentence."


def test_ex_committee_approval_and_impossible_orders(store) -> None:
    with store.write() as session:
        first, second = _two_meetings(session)
        with pytest.raises(ValidationError, match="later TABASC meeting"):
            meetings.agree_final(session, second, first)
        with pytest.raises(ValidationError, match="before the meeting was held"):
            meetings.approve_ex_committee(session, first, date(2027, 1, 1))
        meetings.approve_ex_committee(session, first, date(2027, 3, 1))
        assert first.approved_ex_committee_on == date(2027, 3, 1) and first.locked
        planned = meetings.create_meeting(session, first.committee, date(2027, 4, 17))
        with pytest.raises(ValidationError, match="has not been held"):
            meetings.approve_ex_committee(session, planned, date(2027, 5, 1))


def test_every_change_is_audited_and_confidential_values_are_not_copied(store) -> None:
    with store.write() as session:
        first, _second = _two_meetings(session)
        item = agenda.add_item(session, first, "Incident review", classification=Classification.AMBER)
        item.minutes = "SECRET-DETAIL"
        open_item = first.items[0]
        open_item.minutes = "Public words"
    with store.read() as session:
        records = session.scalars(select(AuditRecord)).all()
        assert {r.operation for r in records} >= {"insert", "update"}
        assert all("SECRET-DETAIL" not in r.details for r in records)
        updates = [json.loads(r.details) for r in records if r.operation == "update" and r.table_name == "agenda_item"]
        assert {"minutes": ["", "Public words"]} in [
            {k: v for k, v in u.items() if k == "minutes"} for u in updates
        ]
        assert all(r.user for r in records)


def test_duplicate_meeting_numbers_and_bad_times_are_refused(store) -> None:
    from datetime import time

    from secdesk.errors import DuplicateError

    with store.write() as session:
        tabasc = factories.committee(session)
        meetings.create_meeting(session, tabasc, date(2027, 3, 20), number=16)
        with pytest.raises(DuplicateError, match="already has a meeting 16"):
            meetings.create_meeting(session, tabasc, date(2027, 4, 17), number=16)
        with pytest.raises(ValidationError, match="cannot end"):
            meetings.create_meeting(session, tabasc, date(2027, 4, 17), start=time(14), end=time(10))
        assert meetings.next_number(session, tabasc) == 17


def test_removing_a_row_from_its_collection_is_audited_and_locked(store) -> None:
    with store.write() as session:
        first, second = _two_meetings(session)
        decisions.add(session, first.items[0], "NOTED", "the paper")
        decisions.add(session, second.items[0], "NOTED", "the other paper")
        meetings.agree_final(session, first, second)
    with pytest.raises(MinutesLockedError), store.write() as session:
        item = meetings.resolve_meeting(session, "TABASC 15").items[0]
        item.decisions.remove(item.decisions[0])
    with store.write() as session:
        item = meetings.resolve_meeting(session, "TABASC 16").items[0]
        removed_uuid = item.decisions[0].uuid
        item.decisions.remove(item.decisions[0])
    with store.read() as session:
        deletes = session.scalars(
            select(AuditRecord).where(AuditRecord.operation == "delete", AuditRecord.row_uuid == removed_uuid)
        ).all()
        assert len(deletes) == 1
        assert meetings.resolve_meeting(session, "TABASC 15").items[0].decisions


def test_audit_of_long_text_keeps_only_the_edited_span(store) -> None:
    base = "The TABASC discussed the approach at length. " * 10
    with store.write() as session:
        first, _ = _two_meetings(session)
        first.items[0].minutes = base
    with store.write() as session:
        meetings.resolve_meeting(session, "TABASC 15").items[0].minutes = base + "It was agreed."
    with store.read() as session:
        last = session.scalars(
            select(AuditRecord).where(AuditRecord.table_name == "agenda_item", AuditRecord.operation == "update")
            .order_by(AuditRecord.id.desc())
        ).first()
        edit = json.loads(last.details)["minutes"]
        assert edit == {"at": len(base), "was": "", "now": "It was agreed."}
        assert len(last.details) < 200


def test_what_the_window_offers_to_agree_at_and_when(store) -> None:
    """The later meetings, next first; agreeing and circulating apply only to held minutes not locked."""
    with store.write() as session:
        first, second = _two_meetings(session)
        third = factories.held_meeting(session, first.committee, 17, date(2027, 4, 17))
        options = meetings.final_options(session, first)
        assert [m.id for m in options.later] == [second.id, third.id]
        assert meetings.final_options(session, third).later == ()
        assert meetings.can_be_final(first.status, first.locked)
        assert meetings.can_be_circulated(first.status, first.locked)
        assert not meetings.can_be_final(MeetingStatus.PLANNED, False)
        assert not meetings.can_be_circulated(MeetingStatus.AGENDA_ISSUED, False)
        meetings.mark_circulated(session, first)
        assert first.status is MeetingStatus.DRAFT_CIRCULATED
        assert meetings.can_be_final(first.status, first.locked)
        assert not meetings.can_be_circulated(first.status, first.locked)
        with pytest.raises(ValidationError, match="already marked as circulated"):
            meetings.mark_circulated(session, first)
        meetings.approve_ex_committee(session, first, None)
        assert not meetings.can_be_final(first.status, first.locked)
        with pytest.raises(ValidationError, match="are final; reopen them first"):
            meetings.mark_circulated(session, first)
        meetings.reopen(session, first)  # reopened final minutes are agreed again, never circulated as a draft
        assert meetings.can_be_final(first.status, first.locked)
        assert not meetings.can_be_circulated(first.status, first.locked)
        with pytest.raises(ValidationError, match="not a draft to circulate"):
            meetings.mark_circulated(session, first)


def test_undoing_marked_circulated_puts_the_draft_back_unless_final_since(store) -> None:
    with store.write() as session:
        first, second = _two_meetings(session)
        state, _changes = meetings.circulate(session, first)
        assert first.status is MeetingStatus.DRAFT_CIRCULATED
        meetings.put_lifecycle_state(session, state, first.id)
        assert first.status is MeetingStatus.HELD
        state, _changes = meetings.circulate(session, first)
        meetings.agree_final(session, first, second)
        with pytest.raises(ValidationError, match="final now; this step cannot be undone"):
            meetings.put_lifecycle_state(session, state, first.id)
        assert (first.status, first.locked) == (MeetingStatus.FINAL, True)
