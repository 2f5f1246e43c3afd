"""Due dates read from an action's words."""

from __future__ import annotations

from datetime import date

import pytest

from secdesk.services.due_dates import MeetingDue, meeting_due_in, understand_due

MARCH_MEETING = date(2017, 3, 10)  # the 2nd Friday of March 2017


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("The TABASC Members to assess Principle 5 and provide views by 31st March 2017.", date(2017, 3, 31)),
        ("SECAS to publish the note by 6 November.", date(2017, 11, 6)),  # the next 6 November
        ("SECAS to circulate the paper by the end of March.", date(2017, 3, 31)),
        ("The DCC to report back by May.", date(2017, 5, 31)),
        ("SECAS to respond within two weeks.", date(2017, 3, 24)),
        ("The DCC to confirm, reviewed by the DCC by 14/04/2017.", date(2017, 4, 14)),  # the second "by"
    ],
)
def test_understood(text: str, due: date) -> None:
    assert understand_due(text, MARCH_MEETING) == due


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("SECAS to bring it to the April 2017 SEC Panel meeting.",
         MeetingDue("2017-04", "the April 2017 SEC Panel meeting")),
        ("SECAS to bring it to the April meeting.", MeetingDue("2017-04", "the April meeting")),
        ("SECAS to present at the September TABASC meeting.", MeetingDue("2017-09", "the September TABASC meeting")),
        ("SECAS to report at the next meeting.", MeetingDue("next", "the next meeting")),
        ("SECAS to present at the February meeting.", MeetingDue("2018-02", "the February meeting")),  # next year's
    ],
)
def test_a_meeting_is_kept_as_written_not_turned_into_a_guessed_day(text: str, due: MeetingDue) -> None:
    assert meeting_due_in(text, MARCH_MEETING) == due
    assert understand_due(text, MARCH_MEETING) is None  # no day is invented for it


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
    assert understand_due(text, MARCH_MEETING) is None and meeting_due_in(text, MARCH_MEETING) is None


def test_a_meeting_due_takes_the_meetings_date_once_it_is_scheduled_and_is_overdue_from_then(store) -> None:
    from secdesk.services import actions, meetings
    from tests import factories

    with store.write() as session:
        panel = factories.committee(session, "SECP")
        march = factories.held_meeting(session, panel, 30, date(2017, 3, 10))
        item = march.items[0]
        april = actions.raise_action(session, march, "SECAS to report at the April 2017 SEC Panel meeting.",
                                     item=item, due=actions.due_in_words(session, march, "at the April 2017 "
                                                                          "SEC Panel meeting"))
        following = actions.raise_action(session, march, "SECAS to report back.", item=item,
                                         due=actions.due_from_typing("next meeting", march.date))
        assert (april.due_meeting, april.due_text, april.due_date) == (
            "2017-04", "the April 2017 SEC Panel meeting", None)  # not scheduled: no day guessed
        assert following.due_meeting == "next" and following.due_date is None
        assert not actions.is_overdue(april.status, april.due_date, date(2030, 1, 1))
        # The March minutes are final before April is planned: its date is not an edit of them.
        meetings.approve_ex_committee(session, march, date(2017, 3, 20))
        meeting = meetings.create_meeting(session, panel, date(2017, 4, 12), number=31)
        assert april.due_date == following.due_date == date(2017, 4, 12)
        assert actions.is_overdue(april.status, april.due_date, date(2017, 4, 13))
        meetings.set_date(session, meeting, date(2017, 5, 3))  # moved out of April
        assert april.due_date is None and following.due_date == date(2017, 5, 3)
        assert actions.shown_due(actions.due_of(april)) == "the April 2017 SEC Panel meeting"


def test_a_typed_due_is_a_date_a_meeting_or_refused() -> None:
    from secdesk.errors import ValidationError
    from secdesk.services.actions import due_from_typing

    assert due_from_typing("31 Mar 2027", MARCH_MEETING) == date(2027, 3, 31)
    assert due_from_typing(" none ", MARCH_MEETING) is None
    assert due_from_typing("the May 2017 meeting", MARCH_MEETING) == MeetingDue("2017-05", "the May 2017 meeting")
    with pytest.raises(ValidationError, match="Friday is not a date or a meeting"):
        due_from_typing("Friday", MARCH_MEETING)
