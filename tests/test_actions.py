"""Action references and the carry-forward of open actions across meetings."""

from __future__ import annotations

import multiprocessing
from datetime import date
from pathlib import Path

import pytest

from secdesk.errors import DuplicateError, ValidationError
from secdesk.model import Action, ActionStatus, Classification, Meeting
from secdesk.services import actions, meetings
from secdesk.store import open_store
from tests import factories


def test_references_follow_the_house_format_and_sequence(store) -> None:
    with store.write() as session:
        tabasc = factories.committee(session)
        meeting = factories.held_meeting(session, tabasc, 16, date(2027, 3, 20))
        refs = [actions.raise_action(session, meeting, f"Do thing {n}", owner="SECAS").reference for n in range(3)]
        nine = factories.held_meeting(session, tabasc, 9, date(2026, 7, 1))
        early = actions.raise_action(session, nine, "An early action")
    assert refs == ["TABASC16/01", "TABASC16/02", "TABASC16/03"]
    assert early.reference == "TABASC09/01"


def test_references_are_never_reused_after_a_deletion(store) -> None:
    with store.write() as session:
        meeting = factories.held_meeting(session, factories.committee(session), 16, date(2027, 3, 20))
        actions.raise_action(session, meeting, "first")
        second = actions.raise_action(session, meeting, "second")
        session.delete(second)
        session.flush()
        third = actions.raise_action(session, meeting, "third")
    assert third.reference == "TABASC16/03"


def test_legacy_references_are_validated(store) -> None:
    with store.write() as session:
        tabasc = factories.committee(session)
        meeting = factories.held_meeting(session, tabasc, 16, date(2027, 3, 20))
        typed = actions.raise_action(session, meeting, "typed by hand", reference="tabasc16/07")
        assert typed.reference == "TABASC16/07"
        # The counter moves past a typed number so allocation cannot collide with it.
        assert actions.raise_action(session, meeting, "next").reference == "TABASC16/08"
        with pytest.raises(DuplicateError, match="already used"):
            actions.raise_action(session, meeting, "again", reference="TABASC16/07")
        with pytest.raises(ValidationError, match="house format"):
            actions.raise_action(session, meeting, "bad", reference="TABASC-16-07")
        with pytest.raises(ValidationError, match="does not belong"):
            actions.raise_action(session, meeting, "other committee", reference="SECP30/01")


def _allocate_many(path: str, count: int, queue: multiprocessing.Queue) -> None:
    store = open_store(path, backup=False)
    got = []
    for _ in range(count):
        with store.write() as session:
            meeting = meetings.resolve_meeting(session, "TABASC 16")
            got.append(actions.raise_action(session, meeting, "parallel").reference)
    store.close()
    queue.put(got)


def test_two_processes_allocate_distinct_references(db_path: Path, store) -> None:
    with store.write() as session:
        factories.held_meeting(session, factories.committee(session), 16, date(2027, 3, 20))
    store.close()
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    workers = [context.Process(target=_allocate_many, args=(str(db_path), 15, queue)) for _ in range(2)]
    for worker in workers:
        worker.start()
    results = [queue.get(timeout=120) for _ in workers]
    for worker in workers:
        worker.join(timeout=60)
        assert worker.exitcode == 0
    every = results[0] + results[1]
    assert len(set(every)) == 30
    assert sorted(every) == [f"TABASC16/{n:02d}" for n in range(1, 31)]


def test_carry_forward_across_three_meetings(store) -> None:
    with store.write() as session:
        tabasc = factories.committee(session)
        first = factories.held_meeting(session, tabasc, 14, date(2027, 1, 18))
        a1 = actions.raise_action(session, first, "SECAS to draft the approach.", owner="SECAS")
        a2 = actions.raise_action(session, first, "The DCC to report outages.", owner="The DCC")
        a3 = actions.raise_action(session, first, "BEIS to confirm timescales.", owner="BEIS")
        second = factories.held_meeting(session, tabasc, 15, date(2027, 2, 15))
        assert [a.reference for a in actions.outstanding_for(session, second)] == [
            "TABASC14/01", "TABASC14/02", "TABASC14/03",
        ]
        actions.record_update(session, [a1], second, "Drafted and circulated.", ActionStatus.CLOSED)
        actions.record_update(session, [a2, a3], second, "Both to report in March.", ActionStatus.ONGOING)
        b1 = actions.raise_action(session, second, "SECAS to publish the approach.", owner="SECAS")
        third = factories.held_meeting(session, tabasc, 16, date(2027, 3, 20))
        outstanding = [a.reference for a in actions.outstanding_for(session, third)]
        assert outstanding == ["TABASC14/02", "TABASC14/03", "TABASC15/01"]
        actions.record_update(session, [a2], third, "Reported under item 3.", ActionStatus.CLOSED)
        # The earlier meeting still sees the action it reviewed, closed there.
        as_second_saw = actions.outstanding_for(session, second)
        assert [a.reference for a in as_second_saw] == ["TABASC14/01", "TABASC14/02", "TABASC14/03"]
        assert actions.update_for(a1, second).status_after is ActionStatus.CLOSED
        ids = (a1.id, a2.id, a3.id, b1.id, second.id, third.id)
    with store.read() as session:
        a1, a2, a3, b1 = (session.get(Action, i) for i in ids[:4])
        second, third = session.get(Meeting, ids[4]), session.get(Meeting, ids[5])
        assert a1.status is ActionStatus.CLOSED and a1.closed_at_meeting_id == second.id
        assert a2.status is ActionStatus.CLOSED and a2.closed_at_meeting_id == third.id
        assert a3.status is ActionStatus.ONGOING and b1.status is ActionStatus.OPEN
        shared = {u.shared_group for u in a2.updates + a3.updates if u.meeting_id == second.id}
        assert len(shared) == 1 and None not in shared, "one update shared by two actions"
        assert [u.meeting_id for u in a2.updates] == [second.id, third.id]
        open_refs = [r.reference for r in actions.action_log(session, committee="TABASC", open_only=True)]
        assert open_refs == ["TABASC14/03", "TABASC15/01"]


def test_an_action_cannot_be_reviewed_at_the_meeting_that_raised_it(store) -> None:
    with store.write() as session:
        meeting = factories.held_meeting(session, factories.committee(session), 16, date(2027, 3, 20))
        action = actions.raise_action(session, meeting, "x")
        with pytest.raises(ValidationError, match="cannot be reviewed here"):
            actions.record_update(session, [action], meeting, "done", ActionStatus.CLOSED)


def test_action_log_filters(demo_store) -> None:
    with demo_store.read() as session:
        dcc = actions.action_log(session, owner="dcc")
        assert dcc and all("DCC" in r.owner for r in dcc)
        white = actions.action_log(session, max_classification=Classification.WHITE)
        assert all(r.classification == "white" for r in white)
        assert len(white) < len(actions.action_log(session))
        found = actions.action_log(session, text="TABASC45/0")
        assert {r.reference for r in found} == {f"TABASC45/0{n}" for n in range(1, 6)}


def test_a_reference_is_read_with_its_committees_code() -> None:
    # A code that ends in a digit: the committee's code, not the pattern, says where it stops.
    assert actions.own_numbers("SEC216/02", "SEC2") == (16, 2)
    assert actions.own_numbers("SEC216/02", "SEC") == (216, 2)
    assert actions.own_numbers("TABASC16/02", "SEC") is None
    assert actions.own_numbers("TABASC16-02", "TABASC") is None
