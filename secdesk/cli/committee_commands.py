"""Subcommands for committees and the people on them: committee add|edit|show, person add, people, seat, member.

Each command calls the typed functions of secdesk.services.committees, which hold the
rules (the window's committee page calls the same ones), and prints what it did.
"""

from __future__ import annotations

import argparse
from dataclasses import asdict
from datetime import date
from typing import TYPE_CHECKING, Any

from secdesk.cli.common import NOT_GIVEN, given, given_or_cleared, print_json, print_table, set_given, store_from
from secdesk.errors import ValidationError
from secdesk.model import MemberRole, Purpose, Section
from secdesk.services import committee_record, committees

if TYPE_CHECKING:
    from secdesk.model import Committee
    from secdesk.services.properties import Property


def parse_date(text: str) -> date:
    """A date as the command line takes it: YYYY-MM-DD."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ValidationError(f"{text!r} is not a date; write it as YYYY-MM-DD.") from None


def parse_count(text: str, what: str) -> int:
    """A whole number typed for `what` (a quorum, a number of seats)."""
    stripped = text.strip()
    if not stripped.lstrip("-").isdecimal():  # isdigit() would let '²' through to int()
        raise ValidationError(f"{text!r} is not a number for the {what}.")
    if len(stripped) > 6:  # beyond any count SecDesk keeps, and beyond what SQLite stores
        raise ValidationError(f"{stripped} is too large for the {what}.")
    return int(stripped)


def register(commands: argparse._SubParsersAction) -> None:
    committee = commands.add_parser("committee", help="add, edit or show a committee")
    actions = committee.add_subparsers(dest="committee_command", metavar="add|edit|show|delete", required=True)

    add = actions.add_parser("add", help="create a committee")
    add.add_argument("code", metavar="CODE", help="short code, e.g. TABASC (1-20 letters or digits)")
    add.add_argument("name", metavar="NAME", help="full name")
    add.add_argument("--voice", help="how decisions speak of it (default: 'The CODE')")
    add.add_argument("--parent", metavar="CODE", help="the committee it reports to")
    add.add_argument("--quorum", default="0", metavar="N", help="members present needed (default: 0)")
    add.add_argument("--secretariat", default="SECAS", help="default: SECAS")
    add.add_argument("--venue", metavar="ADDRESS", help="default venue of its meetings")
    _wording_options(add)
    add.set_defaults(handler=run_committee_add)

    edit = actions.add_parser("edit", help="change a committee's fields")
    edit.add_argument("committee", metavar="COMMITTEE", help="its code")
    edit.add_argument("--code", metavar="NEW", help="a new code (refused once actions carry the old one)")
    edit.add_argument("--name")
    edit.add_argument("--voice")
    parent = edit.add_mutually_exclusive_group()
    parent.add_argument("--parent", metavar="CODE", help="the committee it reports to")
    parent.add_argument("--no-parent", action="store_true", help="it reports to no committee")
    edit.add_argument("--quorum", metavar="N")
    edit.add_argument("--secretariat")
    venue = edit.add_mutually_exclusive_group()
    venue.add_argument("--venue", metavar="ADDRESS", help="default venue of its meetings")
    venue.add_argument("--no-venue", action="store_true", help="no default venue")
    _wording_options(edit, clearing=True)
    edit.set_defaults(handler=run_committee_edit)

    show = actions.add_parser("show", help="a committee's fields, seats, members and standing items")
    show.add_argument("committee", metavar="COMMITTEE")
    show.add_argument("--json", action="store_true", help="print JSON")
    show.set_defaults(handler=run_committee_show)

    delete = actions.add_parser("delete", help="delete a committee made by mistake (refused while it has meetings)")
    delete.add_argument("committee", metavar="COMMITTEE")
    delete.set_defaults(handler=run_committee_delete)

    standing = commands.add_parser("standing", help="add a standing item: one every new meeting's agenda starts with")
    standing_actions = standing.add_subparsers(dest="standing_command", metavar="add", required=True)
    standing_add = standing_actions.add_parser("add", help="add a standing item to a committee's template")
    standing_add.add_argument("committee", metavar="COMMITTEE")
    standing_add.add_argument("title", metavar="TITLE")
    standing_add.add_argument("--section", choices=[s.value for s in Section], default=Section.MAIN.value)
    standing_add.add_argument("--purpose", choices=[p.value for p in Purpose], default=Purpose.INFORMATION.value)
    standing_add.add_argument("--presenter")
    standing_add.add_argument("--planned", metavar="MINUTES", help="planned duration in minutes")
    standing_add.set_defaults(handler=run_standing_add)

    person = commands.add_parser("person", help="add a person")
    person_actions = person.add_subparsers(dest="person_command", metavar="add", required=True)
    person_add = person_actions.add_parser("add", help="add a person, with their organisation")
    person_add.add_argument("name", metavar="NAME")
    person_add.add_argument("--organisation", metavar="ORG", help="created when new")
    person_add.add_argument("--email")
    person_add.set_defaults(handler=run_person_add)

    people = commands.add_parser("people", help="list people")
    people.add_argument("--json", action="store_true", help="print JSON")
    people.set_defaults(handler=run_people)

    seat = commands.add_parser("seat", help="add a seat category to a committee")
    seat.add_argument("committee", metavar="COMMITTEE")
    seat.add_argument("name", metavar="NAME", help="e.g. 'Large Suppliers'")
    seat.add_argument("--seats", default="1", metavar="N", help="how many seats (default: 1)")
    seat.set_defaults(handler=run_seat)

    member = commands.add_parser("member", help="add a membership: a person holding a seat on a committee")
    member.add_argument("committee", metavar="COMMITTEE")
    member.add_argument("person", metavar="PERSON", help="their name (a new name adds the person)")
    member.add_argument("--organisation", metavar="ORG", help="their organisation (created when new)")
    member.add_argument("--seat", metavar="NAME", help="the seat category they hold")
    member.add_argument("--role", choices=[r.value for r in MemberRole], default=MemberRole.MEMBER.value)
    member.add_argument("--from", dest="start", metavar="YYYY-MM-DD", help="first day of the membership")
    member.add_argument("--to", dest="end", metavar="YYYY-MM-DD", help="last day of the membership")
    member.add_argument("--alternate-for", metavar="PERSON", help="for an alternate: the member they stand in for")
    member.set_defaults(handler=run_member)


def _wording_options(parser: argparse.ArgumentParser, *, clearing: bool = False) -> None:
    cleared = " ('' for the house default)" if clearing else ""
    parser.add_argument("--minutes-name", metavar="NAME",
                        help=f"the committee as its minutes name it, e.g. 'SEC Panel' (default: its code){cleared}")
    parser.add_argument("--chair-category", metavar="CATEGORY",
                        help=f"list the chair under this category, e.g. 'SEC Panel Chair' "
                             f"(default: '(Chair)' after the name){cleared}")
    parser.add_argument("--confidential-notice", metavar="TEXT",
                        help=f"the line White minutes print for a confidential item{cleared}")


def _wording(args: argparse.Namespace) -> tuple[tuple[str, Property[Committee, str | None], Any], ...]:
    return (
        ("name in the minutes", committees.MINUTES_NAME, given(args.minutes_name)),
        ("chair's category", committees.CHAIR_CATEGORY, given(args.chair_category)),
        ("confidential item line", committees.CONFIDENTIAL_NOTICE, given(args.confidential_notice)),
    )


def run_committee_add(args: argparse.Namespace) -> int:
    store = store_from(args)
    with store.write() as session:
        parent = committees.get_committee(session, args.parent) if args.parent else None
        made = committees.create_committee(
            session,
            args.code,
            args.name,
            voice=args.voice,
            parent=parent,
            quorum=parse_count(args.quorum, "quorum"),
            secretariat=args.secretariat,
            default_venue=args.venue,
        )
        for _name, prop, value in _wording(args):
            if value is not NOT_GIVEN:
                prop.set(session, made.id, value)
        print(f"Committee {made.code} added: {made.name} ({made.voice}).")
    return 0


def run_committee_edit(args: argparse.Namespace) -> int:
    store = store_from(args)
    with store.write() as session:
        committee = committees.get_committee(session, args.committee)
        old_code = committee.code
        fields: tuple[tuple[str, Property[Any, Any], Any], ...] = (
            ("code", committees.CODE, given(args.code)),
            ("name", committees.NAME, given(args.name)),
            ("voice", committees.VOICE, given(args.voice)),
            ("parent", committees.PARENT, given_or_cleared(
                args.parent, args.no_parent, lambda code: committees.get_committee(session, code).id)),
            ("quorum", committees.QUORUM, given(args.quorum, lambda text: parse_count(text, "quorum"))),
            ("secretariat", committees.SECRETARIAT, given(args.secretariat)),
            ("default venue", committees.DEFAULT_VENUE, given_or_cleared(args.venue, args.no_venue)),
            *_wording(args),
        )
        changed = set_given(session, committee.id, fields, "--name or --quorum")
        changed = [f"code {old_code} -> {committee.code}" if name == "code" else name for name in changed]
        print(f"Committee {committee.code} changed: {', '.join(changed)}.")
    return 0


def run_committee_delete(args: argparse.Namespace) -> int:
    store = store_from(args)
    with store.write() as session:
        committee = committees.get_committee(session, args.committee)
        code = committee.code
        committees.remove_committee(session, committee)
    print(f"Committee {code} deleted.")
    return 0


def run_committee_show(args: argparse.Namespace) -> int:
    store = store_from(args)
    with store.read() as session:
        committee = committees.get_committee(session, args.committee)
        view = committee_record.committee_view(session, committee.id)
        parent = committee.parent.code if committee.parent else None
    if args.json:
        data = asdict(view)
        for choices in ("parents", "organisations", "people"):  # what the window offers, not the committee
            del data[choices]
        data["parent_code"] = parent
        print_json(data)
        return 0
    print(f"{view.code}: {view.name}")
    print(f"Voice: {view.voice}   Quorum: {view.quorum}   Secretariat: {view.secretariat}")
    print(f"Reports to: {parent or '-'}   Default venue: {view.default_venue or '-'}")
    print(f"In the minutes: {view.minutes_name or view.code}   "
          f"Chair listed under: {view.chair_category or '(Chair) after the name'}")
    if view.confidential_notice:
        print(f"Confidential item line: {view.confidential_notice}")
    print()
    print_table([[s.name, str(s.seats)] for s in view.seats], ["Seat category", "Seats"])
    print()
    print_table(
        [
            [
                m.name,
                m.organisation or "",
                m.seat_category or "",
                m.role + (f" for {m.alternate_for}" if m.alternate_for else ""),
                m.start_date.isoformat() if m.start_date else "",
                m.end_date.isoformat() if m.end_date else "",
            ]
            for m in view.members
        ],
        ["Member", "Organisation", "Seat", "Role", "From", "To"],
    )
    print()
    print_table(
        [[s.title, s.section, str(s.planned_minutes or ""), s.presenter or ""] for s in view.standing_items],
        ["Standing item", "Section", "Mins", "Presenter"],
    )
    return 0


def run_standing_add(args: argparse.Namespace) -> int:
    store = store_from(args)
    with store.write() as session:
        committee = committees.get_committee(session, args.committee)
        row = committees.add_standing_item(
            session,
            committee,
            args.title,
            section=Section(args.section),
            purpose=Purpose(args.purpose),
            presenter=(args.presenter or "").strip() or None,
            planned_minutes=parse_count(args.planned, "planned minutes") if args.planned else None,
        )
        print(f"{committee.code}'s new meetings start with standing item {row.position + 1}: {row.title}")
    return 0


def run_person_add(args: argparse.Namespace) -> int:
    store = store_from(args)
    with store.write() as session:
        organisation = committees.organisation(session, args.organisation) if args.organisation else None
        added = committees.add_person(session, args.name, organisation, args.email)
        at = f" ({organisation.name})" if organisation else ""
        print(f"Added {added.name}{at}.")
    return 0


def run_people(args: argparse.Namespace) -> int:
    store = store_from(args)
    with store.read() as session:
        rows = committees.list_people(session)
    if args.json:
        print_json(rows)
        return 0
    print_table(
        [[r.name, r.organisation or "", r.email or "", " ".join(r.committees)] for r in rows],
        ["Name", "Organisation", "Email", "Committees"],
    )
    return 0


def run_seat(args: argparse.Namespace) -> int:
    store = store_from(args)
    with store.write() as session:
        committee = committees.get_committee(session, args.committee)
        seat = committees.add_seat_category(session, committee, args.name, parse_count(args.seats, "seats"))
        plural = "s" if seat.seats != 1 else ""
        print(f"{committee.code} has a seat category {seat.name!r} ({seat.seats} seat{plural}).")
    return 0


def run_member(args: argparse.Namespace) -> int:
    store = store_from(args)
    with store.write() as session:
        committee = committees.get_committee(session, args.committee)
        seat = committees.seat_category(committee, args.seat) if args.seat else None
        start = parse_date(args.start) if args.start else None
        end = parse_date(args.end) if args.end else None
        alternate_for = committees.find_person(session, args.alternate_for) if args.alternate_for else None
        membership = committees.add_named_member(
            session, committee, args.person, organisation=args.organisation, seat=seat, role=MemberRole(args.role),
            start=start, end=end, alternate_for=alternate_for,
        )
        person = membership.person
        details = [membership.role.value]
        if alternate_for is not None:
            details.append(f"for {alternate_for.name}")
        if seat is not None:
            details.append(f"seat {seat.name!r}")
        if start or end:
            details.append(f"{start.isoformat() if start else '...'} to {end.isoformat() if end else '...'}")
        at = f" ({person.organisation.name})" if person.organisation else ""
        print(f"{person.name}{at} is on {committee.code}: {', '.join(details)}.")
    return 0
