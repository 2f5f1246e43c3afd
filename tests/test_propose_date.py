"""The date a new meeting is proposed for: the committee's pattern, never a day already past (issue 18 item 8)."""

from __future__ import annotations

from datetime import date

from secdesk.services import committees, meetings
from secdesk.store import Store


def test_the_next_month_when_it_is_still_to_come() -> None:
    # 19 Oct 2026 is the third Monday: a month on is the third Monday of November.
    assert meetings.propose_date(date(2026, 10, 19), today=date(2026, 10, 20)) == date(2026, 11, 16)


def test_a_committee_that_has_not_met_for_months_is_offered_its_next_day_to_come() -> None:
    # Last met on the third Monday of October; today is 3 December: November's is past, December's is next.
    assert meetings.propose_date(date(2026, 10, 19), today=date(2026, 12, 3)) == date(2026, 12, 21)
    # Today itself is not proposed (the meeting could not be prepared): the month after.
    assert meetings.propose_date(date(2026, 10, 19), today=date(2026, 12, 21)) == date(2027, 1, 18)
    # Years behind: still the third Monday, after today.
    assert meetings.propose_date(date(2017, 3, 20), today=date(2026, 12, 3)) == date(2026, 12, 21)


def test_a_last_weekday_pattern_is_kept_month_after_month() -> None:
    # 31 Aug 2026, a fifth Monday: months with four Mondays take their last, and the pattern does not drift.
    proposed = meetings.propose_date(date(2026, 8, 31), today=date(2026, 12, 3))
    assert proposed == date(2026, 12, 28)  # December has four Mondays: its last
    assert proposed.weekday() == 0


def test_a_meeting_already_planned_ahead_is_followed_by_the_month_after_it() -> None:
    assert meetings.propose_date(date(2027, 2, 15), today=date(2026, 12, 3)) == date(2027, 3, 15)


def test_no_meeting_yet_is_a_fortnight_ahead() -> None:
    assert meetings.propose_date(None, today=date(2026, 12, 3)) == date(2026, 12, 17)


def test_the_window_and_the_command_line_get_it_from_the_proposal(demo_store: Store) -> None:
    with demo_store.read() as session:
        tabasc = committees.get_committee(session, "TABASC")
        last = max(m.date for m in tabasc.meetings)
        proposal = meetings.new_meeting_proposal(session, tabasc, today=date(2027, 5, 1))
    assert last < date(2027, 5, 1) < proposal.date
    assert proposal.date == meetings.propose_date(last, date(2027, 5, 1))
    assert proposal.date.weekday() == last.weekday()
