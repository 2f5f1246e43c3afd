"""The activity planner: future agenda items per committee and month."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from secdesk.errors import ValidationError
from secdesk.model import (
    AgendaItem,
    Classification,
    Committee,
    Meeting,
    PlannedItem,
    PlanStatus,
    Purpose,
)
from secdesk.services import agenda


@dataclass(frozen=True)
class PlanView:
    id: int
    month: date
    title: str
    owner: str
    purpose: str
    status: str
    classification: str


def first_of_month(day: date) -> date:
    return day.replace(day=1)


# How many months one view of the planner may span (the window offers the same range).
MAX_MONTHS = 24


def next_month(month: date) -> date:
    if (month.year, month.month) == (date.max.year, 12):
        raise ValidationError(f"There is no month after {month:%B %Y} to plan for.")
    return date(month.year + (month.month == 12), month.month % 12 + 1, 1)


def month_span(start: date, months: int) -> tuple[date, date]:
    """The first and last month of a view of `months` months from `start`'s month."""
    if not 1 <= months <= MAX_MONTHS:
        raise ValidationError(f"The planner shows 1 to {MAX_MONTHS} months at a time, not {months}.")
    first = first_of_month(start)
    last = first
    for _ in range(months - 1):
        last = next_month(last)
    return first, last


def parse_month(text: str) -> date:
    try:
        year, month = (int(part) for part in text.strip().split("-")[:2])
        return date(year, month, 1)
    except ValueError:
        raise ValidationError(f"{text!r} is not a month; write it as YYYY-MM, e.g. 2027-01.") from None


def plan(
    session: Session,
    committee: Committee,
    month: date,
    title: str,
    *,
    owner: str = "",
    purpose: Purpose = Purpose.DISCUSSION,
    classification: Classification = Classification.WHITE,
    today: date | None = None,
) -> PlannedItem:
    month = first_of_month(month)
    if month < first_of_month(today or date.today()):
        raise ValidationError(f"{month:%B %Y} is in the past; plan items for this month or later.")
    if not title.strip():
        raise ValidationError("A planned item needs a title.")
    item = PlannedItem(
        committee=committee, month=month, title=title.strip(), owner=owner.strip(), purpose=purpose,
        classification=classification,
    )
    session.add(item)
    session.flush()
    return item


def planner(
    session: Session, committee: Committee, *, start: date | None = None, months: int = 3,
    level: Classification = Classification.RED,
) -> list[PlanView]:
    """Items still planned from `start` (default this month) for `months` months."""
    first, last = month_span(start or date.today(), months)
    query = (
        select(PlannedItem)
        .where(
            PlannedItem.committee_id == committee.id,
            PlannedItem.month >= first,
            PlannedItem.month <= last,
            PlannedItem.status == PlanStatus.PLANNED,
        )
        .order_by(PlannedItem.month, PlannedItem.id)
    )
    return [_view(p) for p in session.scalars(query) if level.allows(p.classification)]


def _view(item: PlannedItem) -> PlanView:
    return PlanView(item.id, item.month, item.title, item.owner, item.purpose.value, item.status.value,
                    item.classification.value)


def offered_for(session: Session, meeting: Meeting) -> list[PlannedItem]:
    """Items planned for the meeting's month and not yet taken: what a new meeting offers."""
    return list(
        session.scalars(
            select(PlannedItem)
            .where(
                PlannedItem.committee_id == meeting.committee_id,
                PlannedItem.month == first_of_month(meeting.date),
                PlannedItem.status == PlanStatus.PLANNED,
            )
            .order_by(PlannedItem.id)
        )
    )


def take(session: Session, planned: PlannedItem, meeting: Meeting) -> AgendaItem:
    """Put a planned item on a meeting's agenda."""
    if planned.status is not PlanStatus.PLANNED:
        raise ValidationError(f"{planned.title!r} is already {planned.status.value}.")
    if planned.committee_id != meeting.committee_id:
        raise ValidationError("A planned item can only go on its own committee's agenda.")
    item = agenda.add_item(
        session, meeting, planned.title, purpose=planned.purpose, presenter=planned.owner or None,
        classification=planned.classification,
    )
    planned.status = PlanStatus.TAKEN
    planned.agenda_item = item
    session.flush()
    return item


def roll_forward(session: Session, planned: PlannedItem) -> PlannedItem:
    """Move an item not taken to the next month; the original is kept as rolled."""
    if planned.status is not PlanStatus.PLANNED:
        raise ValidationError(f"{planned.title!r} is {planned.status.value}; only planned items roll forward.")
    planned.status = PlanStatus.ROLLED
    moved = PlannedItem(
        committee_id=planned.committee_id, month=next_month(planned.month), title=planned.title,
        owner=planned.owner, purpose=planned.purpose, classification=planned.classification,
        rolled_from_id=planned.id,
    )
    session.add(moved)
    session.flush()
    return moved


def roll_untaken(session: Session, meeting: Meeting) -> list[PlannedItem]:
    """On request after a meeting: every item of its month not taken moves to the next month."""
    return [roll_forward(session, p) for p in offered_for(session, meeting)]
