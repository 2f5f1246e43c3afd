"""Committees, seats, people and organisations."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from secdesk.errors import DuplicateError, NotFoundError, ValidationError
from secdesk.model import (
    Action,
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
from secdesk.services import agenda
from secdesk.services.properties import Property
from secdesk.services.rows import Snapshot, delete_with_snapshot, fetch


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
    code = check_code(session, code)
    check_required("name", name)
    check_quorum(quorum)
    check_required("secretariat", secretariat)
    committee = Committee(
        code=code,
        name=name.strip(),
        voice=(voice or f"The {code}").strip(),
        parent=parent,
        quorum=quorum,
        secretariat=secretariat,
        default_venue=(default_venue or "").strip() or None,
    )
    session.add(committee)
    session.flush()
    return committee


# --- a committee's fields, one typed function each (the window's committee page and `secdesk committee edit`) ---


def check_code(session: Session, code: str, committee: Committee | None = None) -> str:
    """`code` as it is stored (trimmed, upper case) if it can be a new committee's or `committee`'s code."""
    code = code.strip().upper()
    if not code or len(code) > 20 or not code.replace(" ", "").isalnum():
        raise ValidationError(f"Committee code {code!r} must be 1-20 letters or digits, e.g. TABASC.")
    query = select(Committee.id).where(Committee.code == code)
    if committee is not None:
        query = query.where(Committee.id != committee.id)
    if session.scalar(query) is not None:
        raise DuplicateError(f"A committee with code {code} already exists.")
    if committee is not None and code != committee.code:
        _refuse_recoding_with_actions(session, committee)
    return code


def _refuse_recoding_with_actions(session: Session, committee: Committee) -> None:
    """Action references carry the committee's code (TABASC16/02) and are permanent: a
    code that changed would leave them naming a committee that no longer exists."""
    first = session.scalar(
        select(Action.reference).where(Action.committee_id == committee.id).order_by(Action.reference).limit(1)
    )
    if first is not None:
        raise ValidationError(
            f"{committee.code} has actions whose references carry its code ({first}, ...), "
            "so the code cannot change; rename the committee instead."
        )


def check_required(field: str, value: str) -> None:
    if not value.strip():
        raise ValidationError(f"The committee's {field} cannot be empty.")


def check_quorum(quorum: int) -> None:
    if quorum < 0:
        raise ValidationError("The quorum cannot be negative.")


def set_code(session: Session, committee: Committee, code: str) -> None:
    committee.code = check_code(session, code, committee)
    session.flush()


# Name, voice and secretariat keep the text exactly as given (the window saves as the user
# types, spaces included); they only may not be blank.


def set_name(session: Session, committee: Committee, name: str) -> None:
    check_required("name", name)
    committee.name = name
    session.flush()


def set_voice(session: Session, committee: Committee, voice: str) -> None:
    check_required("voice", voice)
    committee.voice = voice
    session.flush()


def set_secretariat(session: Session, committee: Committee, secretariat: str) -> None:
    check_required("secretariat", secretariat)
    committee.secretariat = secretariat
    session.flush()


def set_quorum(session: Session, committee: Committee, quorum: int) -> None:
    check_quorum(quorum)
    committee.quorum = quorum
    session.flush()


def set_parent(session: Session, committee: Committee, parent: Committee | None) -> None:
    ancestor = parent
    while ancestor is not None:
        if ancestor.id == committee.id:
            raise ValidationError(f"{committee.code} cannot sit under one of its own sub-committees.")
        ancestor = ancestor.parent
    committee.parent = parent
    session.flush()


def set_default_venue(session: Session, committee: Committee, venue: str | None) -> None:
    committee.default_venue = (venue or "").strip() or None
    session.flush()


# How the minutes word things: blank clears each back to the house default.


def set_minutes_name(session: Session, committee: Committee, name: str | None) -> None:
    """"SEC Panel": the minutes' heading says "SEC Panel Meeting 30"; the code stays in references."""
    committee.minutes_name = (name or "").strip() or None
    session.flush()


def set_chair_category(session: Session, committee: Committee, category: str | None) -> None:
    """The chair listed under a category of its own ("SEC Panel Chair") instead of "(Chair)"."""
    committee.chair_category = (category or "").strip() or None
    session.flush()


def set_confidential_notice(session: Session, committee: Committee, notice: str | None) -> None:
    committee.confidential_notice = " ".join((notice or "").split()) or None
    session.flush()


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
    if not name.strip():
        raise ValidationError("An organisation needs a name.")
    found = session.scalar(select(Organisation).where(Organisation.name == name.strip()))
    if found is None:
        found = Organisation(name=name.strip(), short_name=short_name)
        session.add(found)
        session.flush()
    return found


def add_organisation(session: Session, name: str, short_name: str | None = None) -> Organisation:
    """A new organisation; one of that name already known is refused."""
    if session.scalar(select(Organisation.id).where(Organisation.name == name.strip())):
        raise DuplicateError(f"The organisation {name.strip()!r} already exists.")
    return organisation(session, name, (short_name or "").strip() or None)


def person_of(session: Session, name: str, organisation_name: str | None) -> Person:
    """The person of that name at the organisation of that name (either created when new), as a form gives them."""
    at = organisation(session, organisation_name) if organisation_name and organisation_name.strip() else None
    return person(session, name, at)


def person(session: Session, name: str, organisation: Organisation | None = None) -> Person:
    """The person of that name (and organisation, when given), created when new."""
    if not name.strip():
        raise ValidationError("Type the person's name.")
    query = select(Person).where(Person.name == name.strip())
    if organisation is not None:
        query = query.where(Person.organisation_id == organisation.id)
    found = session.scalars(query).first()
    if found is None:
        found = Person(name=name.strip(), organisation=organisation)
        session.add(found)
        session.flush()
    return found


@dataclass(frozen=True)
class PersonSummary:
    id: int
    name: str
    organisation: str | None
    email: str | None
    committees: tuple[str, ...]  # codes of the committees they have held a membership of


def list_people(session: Session) -> list[PersonSummary]:
    people = session.scalars(select(Person).order_by(Person.name, Person.id)).all()
    held: dict[int, set[str]] = {}
    for person_id, code in session.execute(select(Membership.person_id, Committee.code).join(Committee)):
        held.setdefault(person_id, set()).add(code)
    return [
        PersonSummary(
            id=p.id,
            name=p.name,
            organisation=p.organisation.name if p.organisation else None,
            email=p.email,
            committees=tuple(sorted(held.get(p.id, ()))),
        )
        for p in people
    ]


def add_person(
    session: Session, name: str, organisation: Organisation | None = None, email: str | None = None
) -> Person:
    """A new person; the same name at the same organisation (or both without one) is refused."""
    if not name.strip():
        raise ValidationError("Type the person's name.")
    same = select(Person.id).where(Person.name == name.strip())
    same = same.where(
        Person.organisation_id == organisation.id if organisation is not None else Person.organisation_id.is_(None)
    )
    if session.scalar(same) is not None:
        at = f" of {organisation.name}" if organisation is not None else ""
        raise DuplicateError(f"{name.strip()}{at} is already known.")
    found = Person(name=name.strip(), organisation=organisation, email=(email or "").strip() or None)
    session.add(found)
    session.flush()
    return found


def find_person(session: Session, name: str, organisation: str | None = None) -> Person:
    """The one known person of that name (at that organisation, when given).

    'Priya Natarajan (Meridian Metering)', as lists of people show them, names the organisation too.
    """
    query = select(Person).where(Person.name == name.strip())
    if organisation is not None:
        query = query.join(Organisation, Person.organisation_id == Organisation.id).where(
            Organisation.name == organisation.strip()
        )
    found = session.scalars(query.order_by(Person.id)).all()
    if not found and organisation is None and name.strip().endswith(")") and " (" in name:
        bare, _, at = name.strip()[:-1].rpartition(" (")
        return find_person(session, bare, at)
    at = f" of {organisation.strip()}" if organisation is not None else ""
    if not found:
        raise NotFoundError(f"Nobody called {name.strip()!r}{at} is known.")
    if len(found) > 1:
        raise ValidationError(
            f"More than one {name.strip()}{at} is known; name the organisation too, e.g. "
            f"'{name.strip()} ({found[0].organisation.name if found[0].organisation else 'Organisation'})'."
        )
    return found[0]


def add_seat_category(session: Session, committee: Committee, name: str, seats: int = 1) -> SeatCategory:
    if not name.strip():
        raise ValidationError("A seat category needs a name.")
    if any(s.name == name.strip() for s in committee.seat_categories):
        raise DuplicateError(f"{committee.code} already has a seat category {name.strip()!r}.")
    if seats < 0:
        raise ValidationError("A seat category cannot have a negative number of seats.")
    category = SeatCategory(
        committee=committee, name=name.strip(), seats=seats, position=len(committee.seat_categories)
    )
    session.add(category)
    session.flush()
    return category


def seat_category(committee: Committee, name: str) -> SeatCategory:
    """The committee's seat category of that name."""
    for category in committee.seat_categories:
        if category.name.casefold() == name.strip().casefold():
            return category
    known = ", ".join(repr(s.name) for s in committee.seat_categories) or "none yet"
    raise NotFoundError(f"{committee.code} has no seat category {name.strip()!r}. Its seats: {known}.")


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
    check_membership_dates(member, start, end)
    if role is MemberRole.ALTERNATE and alternate_for is None:
        raise ValidationError(f"Say whom {member.name} is the alternate for.")
    if seat is not None and seat.committee_id != committee.id:
        raise ValidationError(f"The seat {seat.name!r} belongs to another committee.")
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


def add_named_member(
    session: Session,
    committee: Committee,
    name: str,
    *,
    organisation: str | None = None,
    seat: SeatCategory | None = None,
    role: MemberRole = MemberRole.MEMBER,
    start: date | None = None,
    end: date | None = None,
    alternate_for: Person | None = None,
) -> Membership:
    """A membership for the person a form names (created, with their organisation, when new)."""
    member = person_of(session, name, organisation)
    return add_membership(session, committee, member, seat, role, start, end, alternate_for)


def check_membership_dates(member: Person, start: date | None, end: date | None) -> None:
    if start and end and end < start:
        raise ValidationError(f"{member.name}'s membership cannot end ({end}) before it starts ({start}).")


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
    check_standing(title, planned_minutes)
    item = StandingItem(
        committee=committee,
        title=title.strip(),
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


def check_standing(title: str, planned_minutes: int | None = None) -> None:
    """A standing item becomes an agenda item of every new meeting: the same checks apply."""
    if not title.strip():
        raise ValidationError("A standing item needs a title.")
    agenda.check_planned_minutes(planned_minutes)


# --- removals, each undoable (see rows.put_back) ---


def remove_committee(session: Session, committee: Committee) -> Snapshot:
    if committee.meetings:
        raise ValidationError(f"{committee.code} has meetings; it cannot be removed.")
    return delete_with_snapshot(session, committee)


def remove_seat_category(session: Session, seat: SeatCategory) -> Snapshot:
    return delete_with_snapshot(session, seat)


def remove_organisation(session: Session, row: Organisation) -> Snapshot:
    """Only an organisation nobody refers to (the undo of adding one)."""
    if session.scalar(select(Person.id).where(Person.organisation_id == row.id).limit(1)):
        raise ValidationError(f"{row.name} has people; it cannot be removed.")
    return delete_with_snapshot(session, row)


def remove_membership(session: Session, membership: Membership) -> Snapshot:
    """A membership recorded by mistake; one that ended is ended (`MEMBERSHIP_END`), not removed."""
    return delete_with_snapshot(session, membership)


def remove_standing_item(session: Session, row: StandingItem) -> Snapshot:
    committee = row.committee
    snapshot = delete_with_snapshot(session, row)
    _repack(committee.standing_items)
    return snapshot


def move_standing_item(session: Session, row: StandingItem, new_index: int) -> int:
    """Move to a 0-based place in the template; returns the old place for undo."""
    ordered = sorted(row.committee.standing_items, key=lambda s: s.position)
    old_index = ordered.index(row)
    ordered.remove(row)
    ordered.insert(max(0, min(new_index, len(ordered))), row)
    _repack(ordered)
    session.flush()
    return old_index


def _repack(rows: list[StandingItem]) -> None:
    for index, row in enumerate(rows):
        row.position = index


def set_membership_end(session: Session, membership: Membership, end: date | None) -> None:
    check_membership_dates(membership.person, membership.start_date, end)
    membership.end_date = end
    session.flush()


def _set_parent_id(session: Session, committee: Committee, parent_id: int | None) -> None:
    set_parent(session, committee, None if parent_id is None else fetch(session, Committee, parent_id))


# --- what the window edits field by field; a new code, name or parent renames it in the navigator ---

CODE: Property[Committee, str] = Property(Committee, "committee code", lambda c: c.code, set_code, structure=True)
NAME: Property[Committee, str] = Property(Committee, "committee name", lambda c: c.name, set_name, structure=True)
VOICE: Property[Committee, str] = Property(Committee, "committee voice", lambda c: c.voice, set_voice)
SECRETARIAT: Property[Committee, str] = Property(
    Committee, "committee secretariat", lambda c: c.secretariat, set_secretariat
)
QUORUM: Property[Committee, int] = Property(Committee, "committee quorum", lambda c: c.quorum, set_quorum)
PARENT: Property[Committee, int | None] = Property(
    Committee, "committee parent", lambda c: c.parent_id, _set_parent_id, structure=True
)
DEFAULT_VENUE: Property[Committee, str | None] = Property(
    Committee, "committee default venue", lambda c: c.default_venue, set_default_venue
)
MINUTES_NAME: Property[Committee, str | None] = Property(
    Committee, "name in the minutes", lambda c: c.minutes_name, set_minutes_name, structure=True
)
CHAIR_CATEGORY: Property[Committee, str | None] = Property(
    Committee, "chair's category", lambda c: c.chair_category, set_chair_category
)
CONFIDENTIAL_NOTICE: Property[Committee, str | None] = Property(
    Committee, "confidential item line", lambda c: c.confidential_notice, set_confidential_notice
)
MEMBERSHIP_END: Property[Membership, date | None] = Property(
    Membership, "membership end", lambda m: m.end_date, set_membership_end
)
