"""Read-only pictures of committees and meetings for the window: plain dataclasses, no ORM rows.

The window asks for one of these after each change that concerns it, so it never
holds live database objects.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from secdesk.errors import NotFoundError
from secdesk.model import (
    AgendaItem,
    Attendance,
    Committee,
    Meeting,
    Membership,
    Organisation,
    Person,
    effective_level,
)
from secdesk.services import actions, attendance, meetings


@dataclass(frozen=True)
class PaperView:
    id: int
    reference: str
    title: str
    purpose: str
    classification: str


@dataclass(frozen=True)
class ItemView:
    id: int
    number: int
    position: int
    title: str
    public_title: str | None
    section: str
    kind: str
    purpose: str
    presenter: str | None
    planned_minutes: int | None
    classification: str
    minutes: str
    post_meeting_note: str | None
    papers: tuple[PaperView, ...]


@dataclass(frozen=True)
class AttendanceView:
    id: int
    person_id: int
    name: str
    organisation: str | None
    capacity: str
    status: str
    seat_category: str | None
    is_chair: bool
    alternate_for_id: int | None
    alternate_for: str | None
    representing: str | None
    part: bool


@dataclass(frozen=True)
class OutstandingAction:
    reference: str
    owner: str
    text: str
    due: date | None
    status: str
    update: str | None


@dataclass(frozen=True)
class MeetingView:
    id: int
    identifier: str
    committee_id: int
    committee_code: str
    committee_name: str
    voice: str
    number: int
    date: date
    start_time: time | None
    end_time: time | None
    venue: str | None
    status: str
    status_label: str
    locked: bool
    items: tuple[ItemView, ...]
    attendance: tuple[AttendanceView, ...]
    quorum_present: int
    quorum_required: int
    outstanding: tuple[OutstandingAction, ...]

    @property
    def planned_total(self) -> int:
        return sum(i.planned_minutes or 0 for i in self.items)

    def item(self, item_id: int) -> ItemView | None:
        return next((i for i in self.items if i.id == item_id), None)


def _item_view(item: AgendaItem) -> ItemView:
    return ItemView(
        id=item.id,
        number=item.number,
        position=item.position,
        title=item.title,
        public_title=item.public_title,
        section=item.section.value,
        kind=item.kind.value,
        purpose=item.purpose.value,
        presenter=item.presenter,
        planned_minutes=item.planned_minutes,
        classification=item.classification.value,
        minutes=item.minutes,
        post_meeting_note=item.post_meeting_note,
        papers=tuple(
            PaperView(p.id, p.reference, p.title, p.purpose.value, effective_level(p).value) for p in item.papers
        ),
    )


def _attendance_view(row: Attendance) -> AttendanceView:
    return AttendanceView(
        id=row.id,
        person_id=row.person_id,
        name=row.person.name,
        organisation=row.person.organisation.name if row.person.organisation else None,
        capacity=row.capacity.value,
        status=row.status.value,
        seat_category=row.seat_category,
        is_chair=row.is_chair,
        alternate_for_id=row.alternate_for_id,
        alternate_for=row.alternate_for.name if row.alternate_for else None,
        representing=row.representing.name if row.representing else None,
        part=row.part,
    )


def meeting_view(session: Session, meeting_id: int) -> MeetingView:
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise NotFoundError(f"The meeting (id {meeting_id}) no longer exists.")
    quorum = attendance.quorum(meeting)
    outstanding = tuple(
        OutstandingAction(
            reference=a.reference,
            owner=a.owner,
            text=a.text,
            due=a.due_date,
            status=a.status.value,
            update=(u.text if (u := actions.update_for(a, meeting)) else None),
        )
        for a in actions.outstanding_for(session, meeting)
    )
    return MeetingView(
        id=meeting.id,
        identifier=meeting.identifier,
        committee_id=meeting.committee_id,
        committee_code=meeting.committee.code,
        committee_name=meeting.committee.name,
        voice=meeting.committee.voice,
        number=meeting.number,
        date=meeting.date,
        start_time=meeting.start_time,
        end_time=meeting.end_time,
        venue=meeting.venue,
        status=meeting.status.value,
        status_label=meeting.status.label,
        locked=meeting.locked,
        items=tuple(_item_view(i) for i in meeting.items),
        attendance=tuple(_attendance_view(a) for a in meeting.attendance),
        quorum_present=quorum.present,
        quorum_required=quorum.required,
        outstanding=outstanding,
    )


@dataclass(frozen=True)
class MembershipView:
    id: int
    person_id: int
    name: str
    organisation: str | None
    seat_category_id: int | None
    seat_category: str | None
    role: str
    alternate_for: str | None
    start_date: date | None
    end_date: date | None
    current: bool


@dataclass(frozen=True)
class SeatView:
    id: int
    name: str
    seats: int


@dataclass(frozen=True)
class StandingItemView:
    id: int
    title: str
    section: str
    purpose: str
    kind: str
    presenter: str | None
    planned_minutes: int | None


@dataclass(frozen=True)
class Choice:
    id: int
    label: str


@dataclass(frozen=True)
class CommitteeView:
    id: int
    code: str
    name: str
    voice: str
    parent_id: int | None
    quorum: int
    secretariat: str
    default_venue: str | None
    parents: tuple[Choice, ...]
    seats: tuple[SeatView, ...]
    members: tuple[MembershipView, ...]
    standing_items: tuple[StandingItemView, ...]
    organisations: tuple[Choice, ...]
    people: tuple[Choice, ...]


def committee_view(session: Session, committee_id: int, today: date | None = None) -> CommitteeView:
    committee = session.get(Committee, committee_id)
    if committee is None:
        raise NotFoundError(f"The committee (id {committee_id}) no longer exists.")
    today = today or date.today()
    memberships = sorted(
        committee.memberships,
        key=lambda m: (not m.current_on(today), m.seat_category.position if m.seat_category else 999, m.id),
    )
    return CommitteeView(
        id=committee.id,
        code=committee.code,
        name=committee.name,
        voice=committee.voice,
        parent_id=committee.parent_id,
        quorum=committee.quorum,
        secretariat=committee.secretariat,
        default_venue=committee.default_venue,
        parents=tuple(
            Choice(c.id, f"{c.code} - {c.name}")
            for c in session.scalars(select(Committee).where(Committee.id != committee.id).order_by(Committee.code))
        ),
        seats=tuple(SeatView(s.id, s.name, s.seats) for s in committee.seat_categories),
        members=tuple(_membership_view(m, today) for m in memberships),
        standing_items=tuple(
            StandingItemView(
                s.id, s.title, s.section.value, s.purpose.value, s.kind.value, s.presenter, s.planned_minutes
            )
            for s in committee.standing_items
        ),
        organisations=organisations(session),
        people=people(session),
    )


def _membership_view(m: Membership, today: date) -> MembershipView:
    return MembershipView(
        id=m.id,
        person_id=m.person_id,
        name=m.person.name,
        organisation=m.person.organisation.name if m.person.organisation else None,
        seat_category_id=m.seat_category_id,
        seat_category=m.seat_category.name if m.seat_category else None,
        role=m.role.value,
        alternate_for=m.alternate_for.name if m.alternate_for else None,
        start_date=m.start_date,
        end_date=m.end_date,
        current=m.current_on(today),
    )


def organisations(session: Session) -> tuple[Choice, ...]:
    return tuple(Choice(o.id, o.name) for o in session.scalars(select(Organisation).order_by(Organisation.name)))


def people(session: Session) -> tuple[Choice, ...]:
    rows = session.scalars(select(Person).order_by(Person.name)).all()
    return tuple(Choice(p.id, p.name + (f" ({p.organisation.name})" if p.organisation else "")) for p in rows)


@dataclass(frozen=True)
class MeetingProposal:
    committee_id: int
    committee_code: str
    file_code: str
    number: int
    date: date
    venues: tuple[str, ...]
    start_time: time | None
    end_time: time | None


def propose_date(last: date | None, today: date) -> date:
    """Committees meet on the same weekday of the month: the same nth weekday, a month on."""
    if last is None:
        return today + timedelta(days=14)
    nth = (last.day - 1) // 7
    year, month = (last.year + 1, 1) if last.month == 12 else (last.year, last.month + 1)
    in_month = range(1, calendar.monthrange(year, month)[1] + 1)
    days = [d for d in in_month if date(year, month, d).weekday() == last.weekday()]
    return date(year, month, days[min(nth, len(days) - 1)])


def new_meeting_proposal(session: Session, committee_id: int, today: date | None = None) -> MeetingProposal:
    committee = session.get(Committee, committee_id)
    if committee is None:
        raise NotFoundError(f"The committee (id {committee_id}) no longer exists.")
    last = max(committee.meetings, key=lambda m: m.date, default=None)
    venues = meetings.recent_venues(session, committee)
    if committee.default_venue and committee.default_venue not in venues:
        venues.append(committee.default_venue)
    return MeetingProposal(
        committee_id=committee.id,
        committee_code=committee.code,
        file_code=committee.file_code,
        number=meetings.next_number(session, committee),
        date=propose_date(last.date if last else None, today or date.today()),
        venues=tuple(venues),
        start_time=last.start_time if last else time(10, 0),
        end_time=last.end_time if last else time(13, 0),
    )
