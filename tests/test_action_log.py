"""The action log read one way: a few statements whatever its length, only the latest update read."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

import pytest
from sqlalchemy import event, select
from sqlalchemy.orm import Session

from secdesk.documents.action_log import build_action_log, log_entries
from secdesk.model import Action, ActionStatus, ActionUpdate, Classification, Meeting
from secdesk.packs.actions import build_actions
from secdesk.services import action_filter, actions, agenda
from secdesk.services.action_filter import ConfidentialText, LogFilter
from secdesk.store import Store
from tests.factories import committee, held_meeting

WHITE, AMBER, RED = Classification.WHITE, Classification.AMBER, Classification.RED
TODAY = date(2026, 6, 1)


def fill(store: Store, count: int) -> None:
    """`count` actions raised at TABASC 1, each reviewed at meetings 2, 3 and 4; every third Amber."""
    with store.write() as session:
        tabasc = committee(session)
        held = [held_meeting(session, tabasc, n, date(2026, n, 10)) for n in range(1, 6)]
        raised = [
            actions.raise_action(
                session,
                held[0],
                f"Action number {n}",
                owner="SECAS",
                due=date(2026, 4, 1) if n % 2 else None,
                classification=AMBER if n % 3 == 0 else WHITE,
            )
            for n in range(count)
        ]
        for meeting in held[1:4]:
            for number, action in enumerate(raised):
                closing = meeting.number == 4 and number % 4 == 0
                status = ActionStatus.CLOSED if closing else ActionStatus.ONGOING
                actions.record_update(session, [action], meeting, f"{action.reference} at {meeting.number}", status)
        other = committee(session, "SECP")
        first = held_meeting(session, other, 1, date(2026, 2, 1))
        actions.raise_action(session, first, "Another committee's action", due=date(2026, 3, 1))


@contextmanager
def counted(store: Store) -> Iterator[list[str]]:
    statements: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement)

    event.listen(store.engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(store.engine, "before_cursor_execute", record)


def last_meeting(session: Session) -> Meeting:
    return session.scalars(select(Meeting).where(Meeting.number == 5)).one()


READS: dict[str, Callable[[Session], object]] = {
    "log entries": lambda s: log_entries(s, RED, committee=None, open_only=False, today=TODAY),
    "action log document": lambda s: build_action_log(s, AMBER, committee="TABASC", today=TODAY),
    "actions listing": lambda s: actions.action_log(s),
    "pack, before": lambda s: build_actions(s, last_meeting(s), RED, after=False),
    "pack, after": lambda s: build_actions(s, last_meeting(s), WHITE, after=True),
}


def statements_for(store: Store, read: Callable[[Session], object]) -> int:
    with store.read() as session, counted(store) as statements:
        read(session)
    return len(statements)


@pytest.mark.parametrize("name", READS)
def test_the_log_takes_as_many_statements_for_50_actions_as_for_10(tmp_path, name: str) -> None:
    from secdesk.store import open_store

    counts = []
    for size in (10, 50):
        store = open_store(tmp_path / f"log{size}.sqlite", backup=False)
        try:
            fill(store, size)
            counts.append(statements_for(store, READS[name]))
        finally:
            store.close()
    assert counts[0] == counts[1], f"{name}: {counts[0]} statements for 10 actions, {counts[1]} for 50"
    assert counts[1] <= 8, f"{name}: {counts[1]} statements"


def test_only_the_latest_update_of_each_action_is_read(store: Store) -> None:
    fill(store, 12)
    loaded: list[str] = []

    def read(target: ActionUpdate, _context: Any) -> None:
        loaded.append(target.text)

    # After SecDesk's own listener, which decrypts.
    event.listen(ActionUpdate, "load", read)
    try:
        with store.read() as session:
            rows = actions.action_log(session, committee="TABASC")
    finally:
        event.remove(ActionUpdate, "load", read)
    assert len(loaded) == 12  # one update per action, not three
    assert sorted(loaded) == sorted(f"{r.reference} at 4" for r in rows)
    assert [r.latest_update for r in rows] == [f"{r.reference} at 4" for r in rows]
    # Amber text was decrypted for the listing; the Amber actions drop out at White.
    assert rows[0].text == "Action number 0" and rows[0].classification == "amber"
    with store.read() as session:
        white = actions.action_log(session, committee="TABASC", max_classification=WHITE)
    assert [r.reference for r in white] == [r.reference for r in rows if r.classification == "white"]


def test_a_log_as_a_meeting_saw_it_counts_only_earlier_reviews(store: Store) -> None:
    fill(store, 4)
    with store.read() as session:
        query = actions.log_query(open_only=False).where(Action.reference.like("TABASC01/%"))
        third = session.scalars(select(Meeting).where(Meeting.number == 3)).one()
        before = actions.load_log(session, query, reviews_before=third.date)
        through = actions.load_log(session, query, reviews_before=third.date, including_that_day=True)
        first = session.scalars(select(Meeting).where(Meeting.date == date(2026, 1, 10))).one()
        none_yet = actions.load_log(session, query, reviews_before=first.date)
    assert [e.latest.text if e.latest else None for e in before] == [f"TABASC01/0{n} at 2" for n in range(1, 5)]
    assert [e.latest.text if e.latest else None for e in through] == [f"TABASC01/0{n} at 3" for n in range(1, 5)]
    # Reviewed later, but not by then: no update counted, yet the log knows it was reviewed.
    assert [(e.latest, e.reviewed) for e in none_yet] == [(None, True)] * 4


def test_one_rule_for_overdue() -> None:
    assert actions.is_overdue(ActionStatus.OPEN, date(2026, 5, 31), TODAY)
    assert actions.is_overdue("ongoing", date(2026, 5, 31), TODAY)
    assert not actions.is_overdue(ActionStatus.OPEN, TODAY, TODAY)  # due today is not late yet
    assert not actions.is_overdue(ActionStatus.CLOSED, date(2020, 1, 1), TODAY)
    assert not actions.is_overdue(ActionStatus.OPEN, None, TODAY)


def test_the_window_the_exports_and_the_listing_agree_on_overdue(store: Store) -> None:
    fill(store, 12)
    with store.read() as session:
        listed = {r.reference for r in actions.action_log(session) if r.overdue(TODAY)}
        exported = {
            e.reference for e in log_entries(session, RED, committee=None, open_only=False, today=TODAY) if e.overdue
        }
        overdue_only = LogFilter(overdue=True, today=TODAY)
        confidential = ConfidentialText(session)
        window = {r.reference for r in action_filter.page(session, overdue_only, confidential, limit=1000)}
        flagged = {
            r.reference
            for r in action_filter.page(session, LogFilter(today=TODAY), confidential, limit=1000)
            if r.overdue
        }
    assert listed and listed == exported == window == flagged
    assert "SECP01/01" in listed  # another committee's, due 1 March, never reviewed


def test_the_last_review_place_is_the_latest_updates_meeting(store: Store) -> None:
    fill(store, 3)
    with store.read() as session:
        action = actions.get_action(session, "TABASC01/02")
        fourth = session.scalars(select(Meeting).where(Meeting.number == 4)).one()
        place = action_filter.last_review_place(session, action.id)
        never = action_filter.last_review_place(session, actions.get_action(session, "SECP01/01").id)
    assert place is not None and place[0] == fourth.id
    assert never is None


def test_an_items_text_read_after_the_log_is_decrypted(store: Store) -> None:
    with store.write() as session:
        tabasc = committee(session)
        meeting = held_meeting(session, tabasc, 1, date(2026, 1, 10))
        item = agenda.add_item(session, meeting, "Cyber incident", classification=AMBER, minutes="Details")
        actions.raise_action(session, meeting, "Report on the incident", item=item)
    with store.read() as session:
        (logged,) = actions.load_log(session, actions.log_query())
        # The log read only the item's level; its text comes, decrypted, when asked for.
        assert "title" not in logged.action.item.__dict__
        assert (logged.action.item.title, logged.action.item.minutes) == ("Cyber incident", "Details")
        assert logged.action.text == "Report on the incident"
