"""Edits addressed by id, each undoable, each reporting what it changed.

The window's undo commands call these with plain ids and values, never with
widgets or live rows. A removal returns a `Snapshot` that `restore` puts back
with the same ids, so later undo steps that name those ids stay valid.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, time
from typing import Any

from sqlalchemy import insert, inspect, select, update
from sqlalchemy.orm import Session

from secdesk.errors import NotFoundError, ValidationError
from secdesk.model import (
    Action,
    AgendaItem,
    Attendance,
    AttendanceStatus,
    Capacity,
    Classification,
    Committee,
    Meeting,
    MemberRole,
    Membership,
    Organisation,
    Paper,
    Person,
    Purpose,
    ReferenceCounter,
    SeatCategory,
    Section,
    StandingItem,
    attendance_item,
)
from secdesk.model.base import Base
from secdesk.services import agenda, attendance, committees, meetings
from secdesk.services.changes import Changes, committee_changed, meeting_changed


def _get(session: Session, cls: type[Any], row_id: int) -> Any:
    row = session.get(cls, row_id)
    if row is None:
        raise NotFoundError(f"That {cls.__tablename__.replace('_', ' ')} (id {row_id}) no longer exists.")
    return row


# --- snapshots: delete a row with everything it owns, and put it back unchanged ---


@dataclass
class Snapshot:
    rows: list[tuple[type[Base], dict[str, Any]]] = field(default_factory=list)
    attended: list[dict[str, Any]] = field(default_factory=list)
    counters: list[dict[str, Any]] = field(default_factory=list)
    action_items: list[tuple[int, int]] = field(default_factory=list)


def _columns(row: Base) -> dict[str, Any]:
    return {a.key: getattr(row, a.key) for a in inspect(row).mapper.column_attrs}


def _collect(row: Base, snapshot: Snapshot) -> None:
    snapshot.rows.append((type(row), _columns(row)))
    for relation in inspect(type(row)).relationships:
        if relation.cascade.delete_orphan and relation.secondary is None:
            for child in getattr(row, relation.key):
                _collect(child, snapshot)


def delete_with_snapshot(session: Session, row: Base) -> Snapshot:
    snapshot = Snapshot()
    _collect(row, snapshot)
    ids = {cls: [values["id"] for c, values in snapshot.rows if c is cls] for cls, _ in snapshot.rows}
    item_ids = ids.get(AgendaItem, [])
    attendance_ids = ids.get(Attendance, [])
    links = session.execute(
        select(attendance_item).where(
            attendance_item.c.agenda_item_id.in_(item_ids) | attendance_item.c.attendance_id.in_(attendance_ids)
        )
    )
    snapshot.attended = [dict(r._mapping) for r in links]
    rows = session.execute(select(Action.id, Action.agenda_item_id).where(Action.agenda_item_id.in_(item_ids)))
    # Only actions with an item were selected (in_ on the item ids).
    snapshot.action_items = [(action_id, item_id) for action_id, item_id in rows if item_id is not None]
    meeting_ids = ids.get(Meeting, [])
    counters = session.execute(select(ReferenceCounter).where(ReferenceCounter.meeting_id.in_(meeting_ids)))
    snapshot.counters = [_columns(c) for c in counters.scalars()]
    session.delete(row)
    session.flush()
    return snapshot


def restore(session: Session, snapshot: Snapshot) -> None:
    for cls, values in snapshot.rows:
        session.add(cls(**values))
        session.flush()
    for values in snapshot.counters:
        session.merge(ReferenceCounter(**values))
    if snapshot.attended:
        session.execute(insert(attendance_item), snapshot.attended)
    for action_id, item_id in snapshot.action_items:
        session.execute(update(Action).where(Action.id == action_id).values(agenda_item_id=item_id))
    session.flush()
    session.expire_all()


# --- meetings ---

MEETING_FIELDS = {"date", "venue", "start_time", "end_time", "number"}


def create_meeting(
    session: Session,
    committee_id: int,
    day: date,
    *,
    number: int | None = None,
    venue: str | None = None,
    start: time | None = None,
    end: time | None = None,
) -> tuple[int, Changes]:
    committee = _get(session, Committee, committee_id)
    meeting = meetings.create_meeting(
        session, committee, day, number=number, venue=(venue or "").strip() or None, start=start, end=end
    )
    return meeting.id, meeting_changed(meeting.id, structure=True) | committee_changed(committee_id)


def delete_meeting(session: Session, meeting_id: int) -> tuple[Snapshot, Changes]:
    meeting = _get(session, Meeting, meeting_id)
    committee_id = meeting.committee_id
    if session.scalar(select(Action.id).where(Action.meeting_id == meeting_id).limit(1)) is not None:
        raise ValidationError(f"{meeting.identifier} has actions raised at it; it cannot be removed.")
    snapshot = delete_with_snapshot(session, meeting)
    return snapshot, meeting_changed(meeting_id, structure=True) | committee_changed(committee_id)


def meeting_field(session: Session, meeting_id: int, name: str) -> Any:
    return getattr(_get(session, Meeting, meeting_id), name)


def set_meeting_field(session: Session, meeting_id: int, name: str, value: Any) -> Changes:
    if name not in MEETING_FIELDS:
        raise ValueError(f"not an editable meeting field: {name}")
    meeting = _get(session, Meeting, meeting_id)
    if name == "number":
        meetings.set_number(session, meeting, value)
    elif name == "date":
        meetings.set_date(session, meeting, value)
    elif name == "venue":
        meetings.set_venue(session, meeting, value)
    elif name == "start_time":
        meetings.set_times(session, meeting, value, meeting.end_time)
    else:
        meetings.set_times(session, meeting, meeting.start_time, value)
    return meeting_changed(meeting_id, structure=name in ("date", "number"))


# --- agenda items and papers ---

ITEM_FIELDS = {
    "title", "public_title", "section", "purpose", "presenter", "planned_minutes",
    "classification", "minutes", "post_meeting_note",
}
_ITEM_ENUMS = {"section": Section, "purpose": Purpose, "classification": Classification}


_ITEM_SETTERS: dict[str, Callable[[Session, AgendaItem, Any], None]] = {
    "title": agenda.set_title,
    "public_title": agenda.set_public_title,
    "section": agenda.set_section,
    "purpose": agenda.set_purpose,
    "presenter": agenda.set_presenter,
    "planned_minutes": agenda.set_planned_minutes,
    "classification": agenda.set_classification,
    "minutes": agenda.set_minutes,
    "post_meeting_note": agenda.set_post_meeting_note,
}


def item_field(session: Session, item_id: int, name: str) -> Any:
    value = getattr(_get(session, AgendaItem, item_id), name)
    return value.value if name in _ITEM_ENUMS else value


def set_item_field(session: Session, item_id: int, name: str, value: Any) -> Changes:
    """Set one field of an agenda item; enums are given by value ("amber"). The rules are the agenda module's."""
    if name not in ITEM_FIELDS:
        raise ValueError(f"not an editable item field: {name}")
    item = _get(session, AgendaItem, item_id)
    if name in _ITEM_ENUMS:
        value = _ITEM_ENUMS[name](value)
    _ITEM_SETTERS[name](session, item, value)
    return meeting_changed(item.meeting_id)


def add_item(
    session: Session, meeting_id: int, title: str, section: str = Section.MAIN.value, position: int | None = None
) -> tuple[int, Changes]:
    meeting = _get(session, Meeting, meeting_id)
    item = agenda.add_item(session, meeting, title, section=Section(section), position=position)
    return item.id, meeting_changed(meeting_id)


def remove_item(session: Session, item_id: int) -> tuple[Snapshot, Changes]:
    item = _get(session, AgendaItem, item_id)
    meeting = item.meeting
    snapshot = delete_with_snapshot(session, item)
    session.expire(meeting, ["items"])
    agenda.renumber(meeting)
    session.flush()
    return snapshot, meeting_changed(meeting.id)


def restore_item(session: Session, snapshot: Snapshot) -> Changes:
    _cls, values = snapshot.rows[0]
    meeting = _get(session, Meeting, values["meeting_id"])
    for other in meeting.items:  # make room at the item's old place
        if other.position >= values["position"]:
            other.position += 1
    session.flush()
    restore(session, snapshot)
    meeting = _get(session, Meeting, values["meeting_id"])
    agenda.renumber(meeting)
    session.flush()
    return meeting_changed(meeting.id)


def item_position(session: Session, item_id: int) -> int:
    """The item's 1-based place in the whole agenda."""
    item = _get(session, AgendaItem, item_id)
    ordered = sorted(item.meeting.items, key=lambda i: i.position)
    return ordered.index(item) + 1


def move_item(session: Session, item_id: int, new_position: int) -> Changes:
    """Move to a 1-based place; an item dropped among another section's items joins that section."""
    item = _get(session, AgendaItem, item_id)
    agenda.place_item(session, item, new_position)
    return meeting_changed(item.meeting_id)


def item_state(session: Session, item_id: int) -> tuple[int, str]:
    item = _get(session, AgendaItem, item_id)
    return item_position(session, item_id), item.section.value


def put_item(session: Session, item_id: int, position: int, section: str) -> Changes:
    """Undo of a move: the exact place and section the item had."""
    item = _get(session, AgendaItem, item_id)
    item.section = Section(section)
    agenda.move_item(session, item, position)
    return meeting_changed(item.meeting_id)


def next_paper_reference(session: Session, item_id: int) -> str:
    item = _get(session, AgendaItem, item_id)
    return agenda.next_paper_reference(session, item.meeting)


def add_paper(
    session: Session, item_id: int, title: str, reference: str, purpose: str, classification: str
) -> tuple[int, Changes]:
    item = _get(session, AgendaItem, item_id)
    if not title.strip():
        raise ValidationError("A paper needs a title.")
    paper = agenda.add_paper(
        session,
        item,
        title,
        reference=reference.strip() or None,
        purpose=Purpose(purpose),
        classification=Classification(classification),
    )
    return paper.id, meeting_changed(item.meeting_id)


def remove_paper(session: Session, paper_id: int) -> tuple[Snapshot, Changes]:
    paper = _get(session, Paper, paper_id)
    item = paper.item
    snapshot = delete_with_snapshot(session, paper)
    session.expire(item, ["papers"])
    return snapshot, meeting_changed(item.meeting_id)


def restore_row(session: Session, snapshot: Snapshot, changes: Changes) -> Changes:
    """Undo of a removal (or redo of a creation): the row comes back where it was."""
    if snapshot.rows and snapshot.rows[0][0] is AgendaItem:
        return restore_item(session, snapshot)
    restore(session, snapshot)
    return changes


# --- attendance ---


@dataclass(frozen=True)
class AttendanceState:
    status: str
    part: bool
    item_ids: tuple[int, ...]


def attendance_state(session: Session, row_id: int) -> AttendanceState:
    row = _get(session, Attendance, row_id)
    return AttendanceState(row.status.value, row.part, tuple(i.id for i in row.items_attended))


def set_attendance_statuses(session: Session, row_ids: list[int], status: str) -> Changes:
    changes = Changes()
    for row_id in row_ids:
        row = _get(session, Attendance, row_id)
        attendance.set_status(session, row, AttendanceStatus(status))
        changes |= meeting_changed(row.meeting_id)
    return changes


def put_attendance_states(session: Session, row_ids: list[int], states: list[AttendanceState]) -> Changes:
    """Undo of a status change: status, part and items exactly as they were."""
    changes = Changes()
    for row_id, state in zip(row_ids, states, strict=True):
        row = _get(session, Attendance, row_id)
        row.status = AttendanceStatus(state.status)
        row.part = state.part
        row.items_attended = [_get(session, AgendaItem, i) for i in state.item_ids]
        changes |= meeting_changed(row.meeting_id)
    session.flush()
    return changes


def add_attendee(
    session: Session,
    meeting_id: int,
    name: str,
    capacity: str,
    *,
    organisation: str | None = None,
    representing: str | None = None,
    alternate_for_id: int | None = None,
    status: str = AttendanceStatus.PRESENT.value,
) -> tuple[int, Changes]:
    """Add a person to the attendance list; the person is created if new."""
    meeting = _get(session, Meeting, meeting_id)
    organisation_row = committees.organisation(session, organisation) if organisation and organisation.strip() else None
    person = committees.person(session, name, organisation_row)
    represented = committees.organisation(session, representing) if representing and representing.strip() else None
    alternate_for = _get(session, Person, alternate_for_id) if alternate_for_id else None
    seat = attendance.seat_of(meeting, alternate_for) if alternate_for is not None else None
    row = attendance.add_attendee(
        session,
        meeting,
        person,
        Capacity(capacity),
        AttendanceStatus(status),
        seat_category=seat,
        alternate_for=alternate_for,
        representing=represented,
    )
    return row.id, meeting_changed(meeting_id)


def remove_attendee(session: Session, row_id: int) -> tuple[Snapshot, Changes]:
    row = _get(session, Attendance, row_id)
    meeting = row.meeting
    snapshot = delete_with_snapshot(session, row)
    session.expire(meeting, ["attendance"])
    return snapshot, meeting_changed(meeting.id)


# --- committees ---

COMMITTEE_FIELDS = {"code", "name", "voice", "parent_id", "quorum", "secretariat", "default_venue"}


def create_committee(session: Session, code: str, name: str) -> tuple[int, Changes]:
    committee = committees.create_committee(session, code, name.strip() or code)
    return committee.id, committee_changed(committee.id, structure=True)


def delete_committee(session: Session, committee_id: int) -> tuple[Snapshot, Changes]:
    committee = _get(session, Committee, committee_id)
    if committee.meetings:
        raise ValidationError(f"{committee.code} has meetings; it cannot be removed.")
    return delete_with_snapshot(session, committee), committee_changed(committee_id, structure=True)


def committee_field(session: Session, committee_id: int, name: str) -> Any:
    return getattr(_get(session, Committee, committee_id), name)


def set_committee_field(session: Session, committee_id: int, name: str, value: Any) -> Changes:
    """The committee page's field by name; the rules are the committees module's."""
    if name not in COMMITTEE_FIELDS:
        raise ValueError(f"not an editable committee field: {name}")
    committee = _get(session, Committee, committee_id)
    if name == "code":
        committees.set_code(session, committee, value)
    elif name == "name":
        committees.set_name(session, committee, value)
    elif name == "voice":
        committees.set_voice(session, committee, value)
    elif name == "secretariat":
        committees.set_secretariat(session, committee, value)
    elif name == "quorum":
        committees.set_quorum(session, committee, value)
    elif name == "parent_id":
        committees.set_parent(session, committee, None if value is None else _get(session, Committee, value))
    else:
        committees.set_default_venue(session, committee, value)
    meeting_ids = frozenset(m.id for m in committee.meetings)
    return Changes(meeting_ids, frozenset({committee_id}), structure=name in ("code", "name", "parent_id"))


def add_seat_category(session: Session, committee_id: int, name: str, seats: int) -> tuple[int, Changes]:
    committee = _get(session, Committee, committee_id)
    seat = committees.add_seat_category(session, committee, name, seats)
    return seat.id, committee_changed(committee_id)


def remove_seat_category(session: Session, seat_id: int) -> tuple[Snapshot, Changes]:
    seat = _get(session, SeatCategory, seat_id)
    committee = seat.committee
    snapshot = delete_with_snapshot(session, seat)
    session.expire(committee, ["seat_categories"])
    return snapshot, committee_changed(committee.id)


def remove_organisation(session: Session, organisation_id: int) -> tuple[Snapshot, Changes]:
    """Only an organisation nobody refers to (the undo of adding one)."""
    row = _get(session, Organisation, organisation_id)
    if session.scalar(select(Person.id).where(Person.organisation_id == organisation_id).limit(1)):
        raise ValidationError(f"{row.name} has people; it cannot be removed.")
    return delete_with_snapshot(session, row), Changes(structure=True)


def add_organisation(session: Session, name: str, short_name: str | None = None) -> tuple[int, Changes]:
    row = committees.add_organisation(session, name, short_name)
    return row.id, Changes(structure=True)


def add_member(
    session: Session,
    committee_id: int,
    name: str,
    *,
    organisation: str | None = None,
    seat_category_id: int | None = None,
    role: str = MemberRole.MEMBER.value,
    start: date | None = None,
    end: date | None = None,
    alternate_for_id: int | None = None,
) -> tuple[int, Changes]:
    committee = _get(session, Committee, committee_id)
    organisation_row = committees.organisation(session, organisation) if organisation and organisation.strip() else None
    person = committees.person(session, name, organisation_row)
    seat = _get(session, SeatCategory, seat_category_id) if seat_category_id else None
    alternate_for = _get(session, Person, alternate_for_id) if alternate_for_id else None
    membership = committees.add_membership(
        session, committee, person, seat, MemberRole(role), start, end, alternate_for
    )
    return membership.id, committee_changed(committee_id)


MEMBERSHIP_FIELDS = {"start_date", "end_date", "seat_category_id", "role"}


def membership_field(session: Session, membership_id: int, name: str) -> Any:
    value = getattr(_get(session, Membership, membership_id), name)
    return value.value if name == "role" else value


def set_membership_field(session: Session, membership_id: int, name: str, value: Any) -> Changes:
    if name not in MEMBERSHIP_FIELDS:
        raise ValueError(f"not an editable membership field: {name}")
    membership = _get(session, Membership, membership_id)
    if name == "role":
        value = MemberRole(value)
    start = value if name == "start_date" else membership.start_date
    end = value if name == "end_date" else membership.end_date
    committees.check_membership_dates(membership.person, start, end)
    setattr(membership, name, value)
    session.flush()
    return committee_changed(membership.committee_id)


def remove_membership(session: Session, membership_id: int) -> tuple[Snapshot, Changes]:
    membership = _get(session, Membership, membership_id)
    committee = membership.committee
    snapshot = delete_with_snapshot(session, membership)
    session.expire(committee, ["memberships"])
    return snapshot, committee_changed(committee.id)


STANDING_FIELDS = {"title", "section", "purpose", "presenter", "planned_minutes"}


def add_standing_item(session: Session, committee_id: int, title: str, section: str) -> tuple[int, Changes]:
    committee = _get(session, Committee, committee_id)
    row = committees.add_standing_item(session, committee, title, section=Section(section))
    return row.id, committee_changed(committee_id)


def standing_field(session: Session, standing_id: int, name: str) -> Any:
    value = getattr(_get(session, StandingItem, standing_id), name)
    return value.value if name in ("section", "purpose") else value


def set_standing_field(session: Session, standing_id: int, name: str, value: Any) -> Changes:
    if name not in STANDING_FIELDS:
        raise ValueError(f"not an editable standing item field: {name}")
    row = _get(session, StandingItem, standing_id)
    if name == "title":
        committees.check_standing(str(value))
    if name == "planned_minutes":
        committees.check_standing(row.title, value)
    if name in ("section", "purpose"):
        value = {"section": Section, "purpose": Purpose}[name](value)
    setattr(row, name, value)
    session.flush()
    return committee_changed(row.committee_id)


def remove_standing_item(session: Session, standing_id: int) -> tuple[Snapshot, Changes]:
    row = _get(session, StandingItem, standing_id)
    committee = row.committee
    snapshot = delete_with_snapshot(session, row)
    session.expire(committee, ["standing_items"])
    _repack(committee.standing_items)
    return snapshot, committee_changed(committee.id)


def move_standing_item(session: Session, standing_id: int, new_index: int) -> tuple[int, Changes]:
    """Move to a 0-based place in the template; returns the old place for undo."""
    row = _get(session, StandingItem, standing_id)
    ordered = sorted(row.committee.standing_items, key=lambda s: s.position)
    old_index = ordered.index(row)
    ordered.remove(row)
    ordered.insert(max(0, min(new_index, len(ordered))), row)
    _repack(ordered)
    session.flush()
    return old_index, committee_changed(row.committee_id)


def _repack(rows: list[StandingItem]) -> None:
    for index, row in enumerate(rows):
        row.position = index
