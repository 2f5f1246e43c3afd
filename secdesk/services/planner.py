"""The activity planner: future agenda items per committee and month.

The window edits a planned item's details as one value (`DETAILS`: month, title,
owner, purpose, level, checked together) and drops it through `STATUS`; taking and
rolling have their undo here too (`untake`, `unroll`).
"""

from __future__ import annotations

from collections.abc import Iterable
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
from secdesk.services.properties import Property
from secdesk.services.rows import Snapshot, delete_with_snapshot


@dataclass(frozen=True)
class PlanView:
    id: int
    month: date
    title: str
    owner: str
    purpose: Purpose
    status: PlanStatus
    classification: Classification


@dataclass(frozen=True)
class PlanDetails:
    """What the window's dialog edits of a planned item, as one value."""

    month: date
    title: str
    owner: str = ""
    purpose: Purpose = Purpose.DISCUSSION
    classification: Classification = Classification.WHITE


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


def _checked_month(month: date, today: date | None, *, kept: date | None = None) -> date:
    """The first of the month; a month already past is refused unless it is the one the item has (`kept`)."""
    month = first_of_month(month)
    if month < first_of_month(today or date.today()) and month != kept:
        raise ValidationError(f"{month:%B %Y} is in the past; plan items for this month or later.")
    return month


def _check_title(title: str) -> None:
    if not title.strip():
        raise ValidationError("A planned item needs a title.")


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
    month = _checked_month(month, today)
    _check_title(title)
    item = PlannedItem(
        committee=committee, month=month, title=title.strip(), owner=owner.strip(), purpose=purpose,
        classification=classification,
    )
    session.add(item)
    session.flush()
    return item


def in_months(
    session: Session, committee_id: int, first: date, last: date, statuses: Iterable[PlanStatus]
) -> list[PlannedItem]:
    """A committee's items from month `first` to month `last` with one of `statuses`, month by month."""
    query = (
        select(PlannedItem)
        .where(
            PlannedItem.committee_id == committee_id,
            PlannedItem.month >= first,
            PlannedItem.month <= last,
            PlannedItem.status.in_(list(statuses)),
        )
        .order_by(PlannedItem.month, PlannedItem.id)
    )
    return list(session.scalars(query))


def planner(
    session: Session, committee: Committee, *, start: date | None = None, months: int = 3,
    level: Classification = Classification.RED,
) -> list[PlanView]:
    """Items still planned from `start` (default this month) for `months` months."""
    first, last = month_span(start or date.today(), months)
    found = in_months(session, committee.id, first, last, [PlanStatus.PLANNED])
    return [_view(p) for p in found if level.allows(p.classification)]


def _view(item: PlannedItem) -> PlanView:
    return PlanView(item.id, item.month, item.title, item.owner, item.purpose, item.status, item.classification)


def offered(session: Session, committee_id: int, day: date) -> list[PlannedItem]:
    """Items planned for `day`'s month and not yet taken: what a new meeting on that day offers."""
    month = first_of_month(day)
    return in_months(session, committee_id, month, month, [PlanStatus.PLANNED])


def offered_for(session: Session, meeting: Meeting) -> list[PlannedItem]:
    """What the meeting's month offers it."""
    return offered(session, meeting.committee_id, meeting.date)


def details_of(item: PlannedItem) -> PlanDetails:
    return PlanDetails(item.month, item.title, item.owner, item.purpose, item.classification)


def set_details(session: Session, item: PlannedItem, details: PlanDetails, *, today: date | None = None) -> None:
    """Change a planned item, checked as a new one is (its own month may stay when it has passed)."""
    month = _checked_month(details.month, today, kept=item.month)
    _check_title(details.title)
    item.month, item.title, item.owner = month, details.title.strip(), details.owner.strip()
    item.purpose, item.classification = details.purpose, details.classification
    session.flush()


def set_status(session: Session, item: PlannedItem, status: PlanStatus) -> None:
    """Drop a planned item, or plan a dropped one again; taking and rolling have their own functions."""
    allowed = {PlanStatus.PLANNED: PlanStatus.DROPPED, PlanStatus.DROPPED: PlanStatus.PLANNED}
    if status is not item.status and allowed.get(item.status) is not status:
        raise ValidationError(f"{item.title!r} is {item.status.value}; only planned items can be dropped.")
    item.status = status
    session.flush()


def remove(session: Session, item: PlannedItem) -> Snapshot:
    """Only to undo planning it."""
    return delete_with_snapshot(session, item)


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


def unroll(session: Session, originals: list[PlannedItem], moved: list[PlannedItem]) -> None:
    """Undo of a roll forward: the moved copies go, the originals are planned again."""
    for row in moved:
        session.delete(row)
    for row in originals:
        row.status = PlanStatus.PLANNED
    session.flush()


def untake(session: Session, planned: list[PlannedItem], items: list[AgendaItem]) -> None:
    """Undo of `take`: the planned items are planned again and the agenda items go."""
    for row in planned:
        row.status, row.agenda_item = PlanStatus.PLANNED, None
    session.flush()
    for item in items:
        agenda.remove_item(session, item)
    session.flush()


# --- what the window edits ---

DETAILS: Property[PlannedItem, PlanDetails] = Property(PlannedItem, "planned item", details_of, set_details)
STATUS: Property[PlannedItem, PlanStatus] = Property(PlannedItem, "planned item status", lambda p: p.status, set_status)
