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
    MemberRole,
    Organisation,
    Person,
)
from secdesk.services import committees
from secdesk.services.rows import Snapshot, delete_with_snapshot, fetch


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


def add_named(
    session: Session,
    meeting: Meeting,
    name: str,
    capacity: Capacity,
    *,
    organisation: str | None = None,
    representing: str | None = None,
    alternate_for: Person | None = None,
    status: AttendanceStatus = AttendanceStatus.PRESENT,
) -> Attendance:
    """Add a person by the names a form gives (the person and organisations created when new);
    an alternate sits in the seat of the member they stand in for."""
    represented = committees.organisation(session, representing) if representing and representing.strip() else None
    return add_attendee(
        session,
        meeting,
        committees.person_of(session, name, organisation),
        capacity,
        status,
        seat_category=seat_of(meeting, alternate_for) if alternate_for is not None else None,
        alternate_for=alternate_for,
        representing=represented,
    )


def seat_of(meeting: Meeting, person: Person) -> str | None:
    """The seat `person` holds at `meeting` as listed: what an alternate for them sits in."""
    return next((a.seat_category for a in meeting.attendance if a.person_id == person.id), None)


def listed(meeting: Meeting, person: Person, capacity: Capacity | None = None) -> Attendance | None:
    """The person's row on the meeting's list (in that capacity, when given)."""
    rows = [a for a in meeting.attendance if a.person_id == person.id and capacity in (None, a.capacity)]
    if len(rows) > 1:
        capacities = ", ".join(a.capacity.value for a in rows)
        raise ValidationError(f"{person.name} is listed at {meeting.identifier} as {capacities}; say which.")
    return rows[0] if rows else None


def find_listed(meeting: Meeting, name: str, capacity: Capacity | None = None) -> Attendance | None:
    """The row of the person of that name on the meeting's list, if they are on it."""
    wanted = name.strip().casefold()
    people = {a.person_id: a.person for a in meeting.attendance if a.person.name.casefold() == wanted}
    if len(people) > 1:
        raise ValidationError(f"More than one {name.strip()} is listed at {meeting.identifier}.")
    return listed(meeting, next(iter(people.values())), capacity) if people else None


def capacity_of(role: MemberRole) -> Capacity:
    """The capacity a committee member attends in, from their membership's role."""
    return {MemberRole.ALTERNATE: Capacity.ALTERNATE, MemberRole.OBSERVER: Capacity.OBSERVER}.get(
        role, Capacity.MEMBER
    )


def record(
    session: Session,
    meeting: Meeting,
    person: Person,
    status: AttendanceStatus,
    capacity: Capacity | None = None,
    *,
    alternate_for: Person | None = None,
    representing: Organisation | None = None,
) -> Attendance:
    """Set the person's status at the meeting, listing them first when they are not listed.

    Someone not listed attends in the capacity given, else in the one their membership of
    the committee on the day gives them (with its seat); an alternate sits in the seat of
    the member they stand in for.
    """
    row = listed(meeting, person, capacity)
    if row is None:
        membership = next(
            (m for m in meeting.committee.memberships if m.person_id == person.id and m.current_on(meeting.date)),
            None,
        )
        if capacity is None and membership is None:
            raise ValidationError(
                f"{person.name} is not on the list of {meeting.identifier} nor a member of "
                f"{meeting.committee.code}; say in what capacity they attend."
            )
        capacity = capacity or capacity_of(membership.role if membership else MemberRole.MEMBER)
        if alternate_for is None and membership is not None and capacity is Capacity.ALTERNATE:
            alternate_for = membership.alternate_for
        seat = membership.seat_category.name if membership and membership.seat_category else None
        if alternate_for is not None:
            seat = seat_of(meeting, alternate_for) or seat
        row = add_attendee(
            session,
            meeting,
            person,
            capacity,
            status,
            seat_category=seat,
            alternate_for=alternate_for,
            representing=representing,
            is_chair=membership is not None and membership.role is MemberRole.CHAIR,
        )
    set_status(session, row, status)
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


def present_for(session: Session, row: Attendance, arrived: AgendaItem | None, left: AgendaItem | None) -> None:
    """Present for part of the meeting, outside the live screen: arrived at `arrived` (None: from
    the start) and left after `left` (None: to the end), both included, through the same steps
    the live screen takes (`arrived_at`, `left_after`); neither is present for the whole meeting."""
    for item in (arrived, left):
        if item is not None and item.meeting_id != row.meeting_id:
            raise ValidationError("Part attendance can only name items of the same meeting.")
    if arrived is not None and left is not None and left.position < arrived.position:
        raise ValidationError(
            f"{row.person.name} cannot leave after item {left.number} having arrived at item {arrived.number}."
        )
    row.part, row.items_attended = False, []  # present for the whole meeting, then narrowed
    set_status(session, row, AttendanceStatus.PRESENT)
    if arrived is not None:
        arrived_at(session, row, arrived)
    if left is not None:
        left_after(session, row, left)


def part_note(numbers: list[int] | tuple[int, ...]) -> str:
    """`part, items 3-7` (as the live screen says it), `part, item 4`, `part, items 1, 4`; `part` alone."""
    shown = sorted(numbers)
    if not shown:
        return "part"
    if len(shown) == 1:
        return f"part, item {shown[0]}"
    if shown == list(range(shown[0], shown[-1] + 1)):
        return f"part, items {shown[0]}-{shown[-1]}"
    return "part, items " + ", ".join(map(str, shown))


def quorum(meeting: Meeting) -> Quorum:
    """Members present, alternates included, against the committee's quorum."""
    counted = (Capacity.MEMBER, Capacity.ALTERNATE)
    present = sum(
        1 for a in meeting.attendance if a.capacity in counted and a.status is AttendanceStatus.PRESENT
    )
    return Quorum(present=present, required=meeting.committee.quorum)


def remove_attendee(session: Session, row: Attendance) -> Snapshot:
    return delete_with_snapshot(session, row)


# --- a status change as one undoable step: status, part and items exactly as they were ---


@dataclass(frozen=True)
class AttendanceState:
    row_id: int
    status: AttendanceStatus
    part: bool
    item_ids: tuple[int, ...]


def state_of(row: Attendance) -> AttendanceState:
    return AttendanceState(row.id, row.status, row.part, tuple(i.id for i in row.items_attended))


def put_state(session: Session, state: AttendanceState) -> Attendance:
    row = fetch(session, Attendance, state.row_id)
    row.status = state.status
    row.part = state.part
    row.items_attended = [fetch(session, AgendaItem, i) for i in state.item_ids]
    session.flush()
    return row
