"""Committees, seats, people and organisations."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from secdesk.errors import DuplicateError, NotFoundError, ValidationError
from secdesk.model import (
    Committee,
    ItemKind,
    MemberRole,
    Membership,
    Organisation,
    Person,
    Purpose,
    SeatCategory,
    Section,
    StandingItem,
)


@dataclass(frozen=True)
class CommitteeSummary:
    id: int
    code: str
    name: str
    voice: str
    parent_code: str | None
    meetings: int


def create_committee(
    session: Session,
    code: str,
    name: str,
    voice: str | None = None,
    parent: Committee | None = None,
    quorum: int = 0,
    secretariat: str = "SECAS",
    default_venue: str | None = None,
) -> Committee:
    code = code.strip().upper()
    if not code or len(code) > 20 or not code.replace(" ", "").isalnum():
        raise ValidationError(f"Committee code {code!r} must be 1-20 letters or digits, e.g. TABASC.")
    if session.scalar(select(Committee).where(Committee.code == code)):
        raise DuplicateError(f"A committee with code {code} already exists.")
    committee = Committee(
        code=code,
        name=name.strip(),
        voice=(voice or f"The {code}").strip(),
        parent=parent,
        quorum=quorum,
        secretariat=secretariat,
        default_venue=default_venue,
    )
    session.add(committee)
    session.flush()
    return committee


def get_committee(session: Session, code: str) -> Committee:
    wanted = code.strip().upper()
    committee = session.scalar(select(Committee).where(Committee.code == wanted))
    if committee is None:
        committee = session.scalar(select(Committee).where(Committee.code == wanted.replace("_", " ")))
    if committee is None:
        known = ", ".join(session.scalars(select(Committee.code).order_by(Committee.code))) or "none yet"
        raise NotFoundError(f"No committee {code!r}. Known committees: {known}.")
    return committee


def list_committees(session: Session) -> list[CommitteeSummary]:
    committees = session.scalars(select(Committee).order_by(Committee.code)).all()
    return [
        CommitteeSummary(
            id=c.id,
            code=c.code,
            name=c.name,
            voice=c.voice,
            parent_code=c.parent.code if c.parent else None,
            meetings=len(c.meetings),
        )
        for c in committees
    ]


def organisation(session: Session, name: str, short_name: str | None = None) -> Organisation:
    """The organisation of that name, created when new."""
    found = session.scalar(select(Organisation).where(Organisation.name == name.strip()))
    if found is None:
        found = Organisation(name=name.strip(), short_name=short_name)
        session.add(found)
        session.flush()
    return found


def person(session: Session, name: str, organisation: Organisation | None = None) -> Person:
    """The person of that name (and organisation, when given), created when new."""
    query = select(Person).where(Person.name == name.strip())
    if organisation is not None:
        query = query.where(Person.organisation_id == organisation.id)
    found = session.scalars(query).first()
    if found is None:
        found = Person(name=name.strip(), organisation=organisation)
        session.add(found)
        session.flush()
    return found


def add_seat_category(session: Session, committee: Committee, name: str, seats: int = 1) -> SeatCategory:
    if seats < 0:
        raise ValidationError("A seat category cannot have a negative number of seats.")
    category = SeatCategory(committee=committee, name=name, seats=seats, position=len(committee.seat_categories))
    session.add(category)
    session.flush()
    return category


def add_membership(
    session: Session,
    committee: Committee,
    member: Person,
    seat: SeatCategory | None,
    role: MemberRole = MemberRole.MEMBER,
    start: date | None = None,
    end: date | None = None,
    alternate_for: Person | None = None,
) -> Membership:
    if start and end and end < start:
        raise ValidationError(f"{member.name}'s membership cannot end ({end}) before it starts ({start}).")
    if role is MemberRole.ALTERNATE and alternate_for is None:
        raise ValidationError(f"Say whom {member.name} is the alternate for.")
    membership = Membership(
        committee=committee,
        person=member,
        seat_category=seat,
        role=role,
        start_date=start,
        end_date=end,
        alternate_for=alternate_for,
    )
    session.add(membership)
    session.flush()
    return membership


def members_on(committee: Committee, day: date) -> list[Membership]:
    """Current memberships on a day, in seat order (chair first)."""
    seat_order = {s.id: s.position for s in committee.seat_categories}
    current = [m for m in committee.memberships if m.current_on(day)]
    return sorted(
        current,
        key=lambda m: (
            m.role is not MemberRole.CHAIR,
            seat_order.get(m.seat_category_id or -1, 999),
            m.role is MemberRole.ALTERNATE,
            m.id,
        ),
    )


def add_standing_item(
    session: Session,
    committee: Committee,
    title: str,
    *,
    section: Section = Section.MAIN,
    purpose: Purpose = Purpose.INFORMATION,
    kind: ItemKind = ItemKind.NORMAL,
    presenter: str | None = None,
    planned_minutes: int | None = None,
) -> StandingItem:
    item = StandingItem(
        committee=committee,
        title=title,
        section=section,
        purpose=purpose,
        kind=kind,
        presenter=presenter,
        planned_minutes=planned_minutes,
        position=len(committee.standing_items),
    )
    session.add(item)
    session.flush()
    return item
