"""What the window shows of one committee: members by seat, seats, standing items, and the choices its forms offer."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from secdesk.model import Committee, ItemKind, MemberRole, Membership, Organisation, Person, Purpose, Section
from secdesk.services.rows import fetch


@dataclass(frozen=True)
class MembershipView:
    id: int
    person_id: int
    name: str
    organisation: str | None
    seat_category_id: int | None
    seat_category: str | None
    role: MemberRole
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
    section: Section
    purpose: Purpose
    kind: ItemKind
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
    # How its minutes word things (None: the house default).
    minutes_name: str | None
    chair_category: str | None
    confidential_notice: str | None
    parents: tuple[Choice, ...]
    seats: tuple[SeatView, ...]
    members: tuple[MembershipView, ...]
    standing_items: tuple[StandingItemView, ...]
    organisations: tuple[Choice, ...]
    people: tuple[Choice, ...]


def committee_view(session: Session, committee_id: int, today: date | None = None) -> CommitteeView:
    committee = fetch(session, Committee, committee_id)
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
        minutes_name=committee.minutes_name,
        chair_category=committee.chair_category,
        confidential_notice=committee.confidential_notice,
        parents=tuple(
            Choice(c.id, f"{c.code} - {c.name}")
            for c in session.scalars(select(Committee).where(Committee.id != committee.id).order_by(Committee.code))
        ),
        seats=tuple(SeatView(s.id, s.name, s.seats) for s in committee.seat_categories),
        members=tuple(_membership_view(m, today) for m in memberships),
        standing_items=tuple(
            StandingItemView(
                s.id, s.title, s.section, s.purpose, s.kind, s.presenter, s.planned_minutes
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
        role=m.role,
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
