"""Due dates read from an action's words."""

from __future__ import annotations

from datetime import date

import pytest

from secdesk.services.due_dates import understand_due, usual_meeting_day

MARCH_MEETING = date(2017, 3, 10)  # the 2nd Friday of March 2017
KNOWN = [date(2017, 2, 10), MARCH_MEETING, date(2017, 4, 12)]


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("The TABASC Members to assess Principle 5 and provide views by 31st March 2017.", date(2017, 3, 31)),
        ("SECAS to publish the note by 6 November.", date(2017, 11, 6)),  # the next 6 November
        ("SECAS to circulate the paper by the end of March.", date(2017, 3, 31)),
        ("The DCC to report back by May.", date(2017, 5, 31)),
        ("SECAS to respond within two weeks.", date(2017, 3, 24)),
        ("The DCC to confirm, reviewed by the DCC by 14/04/2017.", date(2017, 4, 14)),  # the second "by"
        ("SECAS to bring it to the April 2017 meeting.", date(2017, 4, 12)),  # the meeting held that month
        ("SECAS to bring it to the April meeting.", date(2017, 4, 12)),
        ("SECAS to present at the September TABASC meeting.", date(2017, 9, 8)),  # none yet: 2nd Friday
        ("SECAS to report at the next meeting.", date(2017, 4, 12)),
        ("SECAS to present at the February meeting.", date(2018, 2, 9)),  # February is past: next year's
    ],
)
def test_understood(text: str, due: date) -> None:
    assert understand_due(text, MARCH_MEETING, KNOWN) == due


@pytest.mark.parametrize(
    "text",
    [
        "",
        "SECAS to draft a versioning principle.",
        "Comments by SECAS members to be collated.",
        "SECAS to finish by the end of the project.",
        "The DCC to report by Friday.",  # a weekday alone is too vague to guess
    ],
)
def test_nothing_found_gives_none(text: str) -> None:
    assert understand_due(text, MARCH_MEETING, KNOWN) is None


def test_next_meeting_without_one_planned_follows_the_usual_day() -> None:
    assert understand_due("SECAS to report at the next meeting.", date(2026, 11, 16)) == date(2026, 12, 21)


def test_usual_meeting_day_keeps_the_week_of_the_month() -> None:
    assert usual_meeting_day(date(2026, 11, 16), 2027, 1) == date(2027, 1, 18)  # 3rd Monday
    # The 5th Friday of a month that has only four falls back to the last one.
    assert usual_meeting_day(date(2017, 3, 31), 2017, 4) == date(2017, 4, 28)
