"""Who was at a meeting, in what capacity, and for which items."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from secdesk.errors import ValidationError
from secdesk.model import (
    AgendaItem,
    Attendance,
    AttendanceStatus,
    Capacity,
    Meeting,
    Organisation,
    Person,
)


@dataclass(frozen=True)
class Quorum:
    present: int
    required: int

    @property
    def met(self) -> bool:
        return self.present >= self.required


def add_attendee(
    session: Session,
    meeting: Meeting,
    person: Person,
    capacity: Capacity,
    status: AttendanceStatus = AttendanceStatus.PRESENT,
    *,
    seat_category: str | None = None,
    alternate_for: Person | None = None,
    representing: Organisation | None = None,
    is_chair: bool = False,
) -> Attendance:
    if capacity is Capacity.ALTERNATE and alternate_for is None:
        raise ValidationError(f"Say whom {person.name} is the alternate for.")
    if capacity is Capacity.PARTICIPANT and representing is None:
        raise ValidationError(f"Say whom {person.name} represents.")
    for existing in meeting.attendance:
        if existing.person_id == person.id and existing.capacity is capacity:
            raise ValidationError(f"{person.name} is already listed at {meeting.identifier} as {capacity.value}.")
    row = Attendance(
        meeting=meeting,
        person=person,
        capacity=capacity,
        status=status,
        seat_category=seat_category,
        alternate_for=alternate_for,
        representing=representing,
        is_chair=is_chair,
        position=len(meeting.attendance),
    )
    session.add(row)
    session.flush()
    return row


def set_status(session: Session, row: Attendance, status: AttendanceStatus) -> None:
    row.status = status
    if status is not AttendanceStatus.PRESENT:
        row.part = False
        row.items_attended = []
    session.flush()


def set_part(session: Session, row: Attendance, items: list[AgendaItem]) -> None:
    """Part attendance: present only for these items ("(part)" in the minutes)."""
    if any(item.meeting_id != row.meeting_id for item in items):
        raise ValidationError("Part attendance can only name items of the same meeting.")
    row.status = AttendanceStatus.PRESENT
    row.part = bool(items)
    row.items_attended = sorted(items, key=lambda i: i.position)
    session.flush()


def arrived_at(session: Session, row: Attendance, item: AgendaItem) -> None:
    """A late arrival: present from this item to the end."""
    set_part(session, row, [i for i in row.meeting.items if i.position >= item.position])


def left_after(session: Session, row: Attendance, item: AgendaItem) -> None:
    """An early departure: present up to and including this item."""
    attended = row.items_attended or row.meeting.items
    set_part(session, row, [i for i in attended if i.position <= item.position])


def quorum(meeting: Meeting) -> Quorum:
    """Members present, alternates included, against the committee's quorum."""
    counted = (Capacity.MEMBER, Capacity.ALTERNATE)
    present = sum(
        1 for a in meeting.attendance if a.capacity in counted and a.status is AttendanceStatus.PRESENT
    )
    return Quorum(present=present, required=meeting.committee.quorum)
