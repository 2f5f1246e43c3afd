"""Small builders for tests that need a committee with meetings."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from secdesk.model import Committee, Meeting, MeetingStatus
from secdesk.services import committees, meetings


def committee(session: Session, code: str = "TABASC") -> Committee:
    made = committees.create_committee(session, code, f"{code} Sub-Committee", quorum=3)
    committees.add_standing_item(session, made, "Minutes and Actions Outstanding")
    committees.add_standing_item(session, made, "Any Other Business")
    return made


def held_meeting(session: Session, owner: Committee, number: int, day: date) -> Meeting:
    meeting = meetings.create_meeting(session, owner, day, number=number)
    meeting.status = MeetingStatus.HELD
    session.flush()
    return meeting
