"""Subcommands for a meeting and its business: meeting new|show, item add|move|edit, attendance, decision add.

A meeting is named by its identifier (TABASC_46_1910) or by code and number in one
argument ('TABASC 46'); an item by its number on that meeting's agenda. The rules are
those of secdesk.services.meetings, agenda and attendance, which the window uses too.
"""

from __future__ import annotations

import argparse
import re
import sys
from datetime import time
from pathlib import Path

from sqlalchemy.orm import Session

from secdesk.cli.committee_commands import parse_count, parse_date
from secdesk.cli.common import NOT_GIVEN, given, given_or_cleared, print_json, print_table, set_given, store_from
from secdesk.errors import NotFoundError, ValidationError
from secdesk.model import (
    AgendaItem,
    AttendanceStatus,
    Capacity,
    Classification,
    Decision,
    Meeting,
    MeetingStatus,
    PlannedItem,
    Purpose,
    Section,
)
from secdesk.services import agenda, attendance, committees, decisions, meeting_record, meetings, planner

MONTH = re.compile(r"^\d{4}-\d{2}$")  # a meeting known only by its month
MEETING_HELP = "the meeting's identifier (TABASC_46_1910) or code and number in one argument ('TABASC 46')"


def parse_time(text: str) -> time:
    try:
        return time.fromisoformat(text.strip())
    except ValueError:
        raise ValidationError(f"{text!r} is not a time of day; write it as HH:MM, e.g. 10:30.") from None


def item_of(session: Session, meeting_spec: str, number: str) -> AgendaItem:
    """The item of that number on the named meeting's agenda."""
    meeting = meetings.resolve_meeting(session, meeting_spec)
    return agenda.item_by_number(meeting, parse_count(number, "item number"))


def _meeting_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("meeting", metavar="MEETING", help=MEETING_HELP)


def _item_arguments(parser: argparse.ArgumentParser) -> None:
    _meeting_argument(parser)
    parser.add_argument("item", metavar="ITEM", help="the item's number on the agenda")


def register(commands: argparse._SubParsersAction) -> None:
    meeting = commands.add_parser("meeting", help="create, edit or show a meeting")
    meeting_actions = meeting.add_subparsers(dest="meeting_command", metavar="new|edit|end|circulated|show",
                                             required=True)

    new = meeting_actions.add_parser(
        "new",
        help="create a meeting as the window's New meeting proposes it",
        description="Number, date, times and venue are proposed from the committee's previous meeting "
        "(the same weekday of the month, a month on); give any of them to choose otherwise. "
        "The standing items and current members are copied in, or with --copy-previous the agenda and "
        "regular attendance of the committee's previous meeting.",
    )
    new.add_argument("committee", metavar="COMMITTEE")
    new.add_argument("--date", metavar="YYYY-MM-DD",
                     help="its day; YYYY-MM for a past meeting the record gives only by month")
    new.add_argument("--number", metavar="N")
    new.add_argument("--venue", metavar="ADDRESS")
    new.add_argument("--start", metavar="HH:MM")
    new.add_argument("--end", metavar="HH:MM")
    new.add_argument("--copy-previous", action="store_true",
                     help="copy the previous meeting's agenda (titles, sections, purposes, presenters, planned "
                     "minutes, classifications, public titles; no minutes, decisions, actions or papers) and its "
                     "regular attendance (not alternates for one meeting), everyone present, in place of the "
                     "standing items and members")
    new.add_argument("--take-planned", action="store_true",
                     help="put every item the activity planner holds for the meeting's month on its agenda")
    new.add_argument("--take", action="append", default=[], metavar="ID",
                     help="put this planned item on the agenda (repeatable; ids from `planner --json`)")
    new.set_defaults(handler=run_meeting_new)

    edit = meeting_actions.add_parser("edit", help="change a meeting's number, date, times or venue")
    _meeting_argument(edit)
    edit.add_argument("--number", metavar="N")
    edit.add_argument("--date", metavar="YYYY-MM-DD")
    edit.add_argument("--start", metavar="HH:MM")
    edit.add_argument("--end", metavar="HH:MM")
    venue = edit.add_mutually_exclusive_group()
    venue.add_argument("--venue", metavar="ADDRESS")
    venue.add_argument("--no-venue", action="store_true", help="no venue yet")
    edit.set_defaults(handler=run_meeting_edit)

    end = meeting_actions.add_parser("end", help="record that the meeting was held: its minutes are now in draft")
    _meeting_argument(end)
    end.add_argument("--at", metavar="HH:MM", help="when it ended, if no end time was planned")
    end.set_defaults(handler=run_meeting_end)

    circulated = meeting_actions.add_parser(
        "circulated",
        help="record that a held meeting's draft minutes were circulated",
        description=f"'{MeetingStatus.HELD.label}' becomes '{MeetingStatus.DRAFT_CIRCULATED.label}', as the window's "
        "Meeting > Mark draft as circulated. Agreeing them as final is `secdesk finalise`.",
    )
    _meeting_argument(circulated)
    circulated.set_defaults(handler=run_meeting_circulated)

    delete = meeting_actions.add_parser(
        "delete", help="delete a meeting made by mistake (refused once actions were raised at it)")
    _meeting_argument(delete)
    delete.set_defaults(handler=run_meeting_delete)

    show = meeting_actions.add_parser("show", help="a meeting's agenda and attendance")
    _meeting_argument(show)
    show.add_argument("--json", action="store_true", help="print JSON")
    show.set_defaults(handler=run_meeting_show)

    item = commands.add_parser("item", help="add, move or edit an agenda item")
    item_actions = item.add_subparsers(dest="item_command", metavar="add|move|edit", required=True)

    add = item_actions.add_parser("add", help="add an item to a meeting's agenda")
    _meeting_argument(add)
    add.add_argument("title", metavar="TITLE")
    _item_options(add)
    add.add_argument("--at", metavar="N", help="its place in the agenda (default: the end of its section)")
    add.set_defaults(handler=run_item_add)

    move = item_actions.add_parser("move", help="move an item to another place in the agenda")
    _item_arguments(move)
    move.add_argument("--to", required=True, metavar="N",
                      help="its new place; among another section's items it joins that section")
    move.set_defaults(handler=run_item_move)

    edit = item_actions.add_parser("edit", help="change an item's fields or its minutes")
    _item_arguments(edit)
    edit.add_argument("--title")
    _item_options(edit)
    edit.set_defaults(handler=run_item_edit)

    present = commands.add_parser(
        "attendance",
        help="set a person's attendance at a meeting",
        description="Sets the status of someone on the meeting's list; someone not on it is added, in the "
        "capacity given or else the one their committee membership gives them.",
    )
    _meeting_argument(present)
    present.add_argument("person", metavar="PERSON", help="their name")
    present.add_argument("status", choices=[s.value for s in AttendanceStatus])
    present.add_argument("--as", dest="capacity", choices=[c.value for c in Capacity],
                         help="the capacity they attend in (alternate, observer, participant, ...)")
    present.add_argument("--organisation", metavar="ORG", help="their organisation, for someone new")
    present.add_argument("--for", dest="alternate_for", metavar="PERSON", help="an alternate: whom they stand in for")
    present.add_argument("--representing", metavar="ORG", help="a participant: whom they represent")
    present.add_argument("--arrived-at", metavar="ITEM", help="part attendance: present from this item")
    present.add_argument("--left-after", metavar="ITEM", help="part attendance: present up to this item")
    present.set_defaults(handler=run_attendance)

    decision = commands.add_parser("decision", help="record a decision on an item")
    decision_actions = decision.add_subparsers(dest="decision_command", metavar="add|edit|delete", required=True)
    decision_add = decision_actions.add_parser("add", help="'The TABASC NOTED the contents of the paper.'")
    _item_arguments(decision_add)
    decision_add.add_argument("verb", metavar="VERB", help="NOTED, AGREED, APPROVED, DISCUSSED, ...")
    decision_add.add_argument("text", metavar="TEXT", help="what follows the verb")
    decision_add.add_argument("--classification", default="white")
    decision_add.set_defaults(handler=run_decision_add)

    decision_edit = decision_actions.add_parser("edit", help="correct a decision: its verb, words or level")
    _item_arguments(decision_edit)
    decision_edit.add_argument("number", metavar="N", help="the decision's place among the item's decisions (1, 2 ...)")
    decision_edit.add_argument("--verb", help="NOTED, AGREED, APPROVED, DISCUSSED, ...")
    decision_edit.add_argument("--text", help="what follows the verb")
    decision_edit.add_argument("--classification", metavar="LEVEL")
    decision_edit.set_defaults(handler=run_decision_edit)

    decision_delete = decision_actions.add_parser("delete", help="delete a decision recorded by mistake")
    _item_arguments(decision_delete)
    decision_delete.add_argument("number", metavar="N", help="the decision's place among the item's decisions")
    decision_delete.set_defaults(handler=run_decision_delete)


def _item_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--public-title", metavar="TITLE", help="the title the White minutes show instead")
    parser.add_argument("--public-summary", metavar="TEXT",
                        help="what the White minutes say of a confidential item, before the line "
                             "pointing to the confidential minutes")
    parser.add_argument("--section", choices=[s.value for s in Section])
    parser.add_argument("--purpose", choices=[p.value for p in Purpose])
    parser.add_argument("--presenter")
    parser.add_argument("--planned", metavar="MINUTES", help="planned duration in minutes ('none' to clear)")
    parser.add_argument("--classification", metavar="LEVEL", help="white, green, amber or red")
    minutes = parser.add_mutually_exclusive_group()
    minutes.add_argument("--minutes", metavar="TEXT", help="the minutes of the item")
    minutes.add_argument("--minutes-file", type=Path, metavar="FILE",
                         help="the minutes, from a UTF-8 file ('-': stdin)")
    parser.add_argument("--note", metavar="TEXT", help="a post-meeting note")


def _planned(text: str) -> int | None:
    return None if text.strip().lower() in ("", "none") else parse_count(text, "planned minutes")


def _minutes_text(args: argparse.Namespace) -> str | None:
    if args.minutes_file is None:
        return args.minutes
    if str(args.minutes_file) == "-":
        return sys.stdin.read()
    return args.minutes_file.read_text(encoding="utf-8")


def run_meeting_new(args: argparse.Namespace) -> int:
    store = store_from(args)
    with store.write() as session:
        committee = committees.get_committee(session, args.committee)
        proposal = meetings.new_meeting_proposal(session, committee)  # what the window's dialog proposes
        month_only = bool(args.date) and MONTH.match(args.date.strip()) is not None
        day = parse_date(args.date.strip() + "-01" if month_only else args.date) if args.date else proposal.date
        number = parse_count(args.number, "meeting number") if args.number else proposal.number
        # A past meeting known by its month: nothing the record does not give is proposed for it.
        proposed = None if month_only else proposal
        venue = args.venue if args.venue is not None else (proposed.venues[0] if proposed and proposed.venues else None)
        start = parse_time(args.start) if args.start else proposed.start_time if proposed else None
        end = parse_time(args.end) if args.end else proposed.end_time if proposed else None
        source = None
        if args.copy_previous:
            if proposal.previous_id is None:
                raise ValidationError(f"{committee.code} has no meeting yet to copy; leave out --copy-previous.")
            source = session.get(Meeting, proposal.previous_id)
        meeting = meetings.create_meeting(session, committee, day, number=number, venue=venue, start=start, end=end,
                                          copy_from=source, month_only=month_only)
        wanted = [parse_count(i, "planned item id") for i in args.take]
        if args.take_planned:
            wanted += [p.id for p in planner.offered_for(session, meeting) if p.id not in wanted]
        taken = []
        for planned_id in wanted:
            planned = session.get(PlannedItem, planned_id)
            if planned is None:
                raise NotFoundError(
                    f"No planned item {planned_id}; `secdesk planner {committee.code} --json` lists them."
                )
            taken.append(planner.take(session, planned, meeting))
        times = f", {start:%H:%M}-{end:%H:%M}" if start and end else ""
        venue = meeting.venue or "no venue yet"
        held = f"{meeting.date:%B %Y} (the day is not recorded)" if month_only else f"{meeting.date:%A %d %B %Y}"
        print(f"Meeting {meeting.identifier} created: {held}{times}, {venue}.")
        if source is not None:
            print(f"Agenda and attendance copied from {source.identifier}.")
        print(f"Agenda: {len(meeting.items)} items; attendance: {len(meeting.attendance)} listed.")
        for item in taken:
            print(f"From the planner: item {item.number}. {item.title}")
    return 0


def run_meeting_edit(args: argparse.Namespace) -> int:
    store = store_from(args)
    with store.write() as session:
        meeting = meetings.resolve_meeting(session, args.meeting)
        times = NOT_GIVEN
        if args.start is not None or args.end is not None:
            times = (parse_time(args.start) if args.start is not None else meeting.start_time,
                     parse_time(args.end) if args.end is not None else meeting.end_time)
        fields = (
            ("number", meetings.NUMBER, given(args.number, lambda text: parse_count(text, "meeting number"))),
            ("date", meetings.DATE, given(args.date, parse_date)),
            ("times", meetings.TIMES, times),
            ("venue", meetings.VENUE, given_or_cleared(args.venue, args.no_venue)),
        )
        changed = set_given(session, meeting.id, fields, "--date or --venue")
        print(f"Meeting {meeting.identifier} changed: {', '.join(changed)}.")
    return 0


def run_meeting_end(args: argparse.Namespace) -> int:
    store = store_from(args)
    with store.write() as session:
        meeting = meetings.resolve_meeting(session, args.meeting)
        meetings.end_meeting(session, meeting, parse_time(args.at) if args.at else None)
        ended = f", ended {meeting.end_time:%H:%M}" if meeting.end_time else ""
        print(f"{meeting.identifier}: {meeting.status.label}{ended}.")
    return 0


def run_meeting_circulated(args: argparse.Namespace) -> int:
    store = store_from(args)
    with store.write() as session:
        meeting = meetings.resolve_meeting(session, args.meeting)
        meetings.mark_circulated(session, meeting)
        print(f"{meeting.identifier}: {meeting.status.label}.")
    return 0


def run_meeting_delete(args: argparse.Namespace) -> int:
    store = store_from(args)
    with store.write() as session:
        meeting = meetings.resolve_meeting(session, args.meeting)
        identifier = meeting.identifier
        meetings.remove_meeting(session, meeting)
    print(f"Meeting {identifier} deleted.")
    return 0


def run_meeting_show(args: argparse.Namespace) -> int:
    store = store_from(args)
    with store.read() as session:
        meeting = meetings.resolve_meeting(session, args.meeting)
        view = meeting_record.meeting_view(session, meeting.id)
    if args.json:
        print_json(view)
        return 0
    times = f" {view.start_time:%H:%M}-{view.end_time:%H:%M}" if view.start_time and view.end_time else ""
    print(f"{view.identifier}: {view.committee_name} meeting {view.number}, {view.date:%d %B %Y}{times}")
    print(f"Venue: {view.venue or '-'}   Status: {view.status_label}{' (locked)' if view.locked else ''}")
    print()
    print_table(
        [
            [str(i.number), i.section, i.title, str(i.planned_minutes or ""), Classification(i.classification).label]
            for i in view.items
        ],
        ["No.", "Section", "Item", "Mins", "Class."],
    )
    print()
    print_table(
        [
            [
                a.name,
                a.organisation or a.representing or "",
                a.capacity + (f" for {a.alternate_for}" if a.alternate_for else ""),
                a.status + (" (part)" if a.part else ""),
            ]
            for a in view.attendance
        ],
        ["Attendee", "Organisation", "Capacity", "Status"],
    )
    print(f"Members present {view.quorum_present}, quorum {view.quorum_required}.")
    return 0


def run_item_add(args: argparse.Namespace) -> int:
    store = store_from(args)
    with store.write() as session:
        meeting = meetings.resolve_meeting(session, args.meeting)
        minutes = _minutes_text(args)
        item = agenda.add_item(
            session,
            meeting,
            args.title,
            section=Section(args.section) if args.section else Section.MAIN,
            purpose=Purpose(args.purpose) if args.purpose else Purpose.INFORMATION,
            presenter=(args.presenter or "").strip() or None,
            planned_minutes=_planned(args.planned) if args.planned is not None else None,
            classification=Classification.parse(args.classification) if args.classification else Classification.WHITE,
            public_title=(args.public_title or "").strip() or None,
            public_summary=args.public_summary,
            minutes=minutes or "",
            post_meeting_note=(args.note or "").strip() or None,
            position=parse_count(args.at, "place in the agenda") if args.at else None,
        )
        print(f"Item {item.number} of {meeting.identifier}: {item.title}")
    return 0


def run_item_move(args: argparse.Namespace) -> int:
    store = store_from(args)
    with store.write() as session:
        item = item_of(session, args.meeting, args.item)
        old = item.number
        agenda.place_item(session, item, parse_count(args.to, "place in the agenda"))
        print(f"Item {old} of {item.meeting.identifier} is now item {item.number}: {item.title}")
    return 0


def run_item_edit(args: argparse.Namespace) -> int:
    store = store_from(args)
    with store.write() as session:
        item = item_of(session, args.meeting, args.item)
        fields = (
            ("title", agenda.TITLE, given(args.title, str.strip)),
            ("public title", agenda.PUBLIC_TITLE, given(args.public_title)),
            ("public summary", agenda.PUBLIC_SUMMARY, given(args.public_summary)),
            ("section", agenda.SECTION, given(args.section, Section)),
            ("purpose", agenda.PURPOSE, given(args.purpose, Purpose)),
            ("presenter", agenda.PRESENTER, given(args.presenter)),
            ("planned minutes", agenda.PLANNED_MINUTES, given(args.planned, _planned)),
            ("classification", agenda.CLASSIFICATION, given(args.classification, Classification.parse)),
            ("minutes", agenda.MINUTES, given(_minutes_text(args))),
            ("post-meeting note", agenda.POST_MEETING_NOTE, given(args.note)),
        )
        changed = set_given(session, item.id, fields, "--title or --minutes")
        print(f"Item {item.number} of {item.meeting.identifier} changed: {', '.join(changed)}.")
    return 0


def run_attendance(args: argparse.Namespace) -> int:
    store = store_from(args)
    with store.write() as session:
        meeting: Meeting = meetings.resolve_meeting(session, args.meeting)
        capacity = Capacity(args.capacity) if args.capacity else None
        row = attendance.find_listed(meeting, args.person, capacity)
        if row is not None:
            person = row.person
        else:
            organisation = committees.organisation(session, args.organisation) if args.organisation else None
            person = committees.person(session, args.person, organisation)
        alternate_for = None
        if args.alternate_for:
            listed = attendance.find_listed(meeting, args.alternate_for)
            alternate_for = listed.person if listed else committees.find_person(session, args.alternate_for)
        representing = committees.organisation(session, args.representing) if args.representing else None
        row = attendance.record(
            session,
            meeting,
            person,
            AttendanceStatus(args.status),
            capacity,
            alternate_for=alternate_for,
            representing=representing,
        )
        if args.arrived_at or args.left_after:  # the meeting page's own rule: leaving before arriving is refused
            arrived = agenda.item_by_number(meeting, parse_count(args.arrived_at, "item")) if args.arrived_at else None
            left = agenda.item_by_number(meeting, parse_count(args.left_after, "item")) if args.left_after else None
            attendance.present_for(session, row, arrived, left)
        part = f" (part: items {', '.join(str(i.number) for i in row.items_attended)})" if row.part else ""
        quorum = attendance.quorum(meeting)
        print(f"{person.name} at {meeting.identifier}: {row.status.value} as {row.capacity.value}{part}. "
              f"Members present {quorum.present}, quorum {quorum.required}.")
    return 0


def _decision_of(item: AgendaItem, number_text: str) -> Decision:
    number = parse_count(number_text, "decision number")
    if not 1 <= number <= len(item.decisions):
        held = f"1 to {len(item.decisions)}" if item.decisions else "none"
        raise NotFoundError(f"Item {item.number} of {item.meeting.identifier} has no decision {number} ({held}).")
    return item.decisions[number - 1]


def run_decision_delete(args: argparse.Namespace) -> int:
    store = store_from(args)
    with store.write() as session:
        item = item_of(session, args.meeting, args.item)
        decision = _decision_of(item, args.number)
        said = f"{item.meeting.committee.voice} {decision.verb.value} {decision.text}"
        decisions.remove(session, decision)
        print(f"Item {item.number} of {item.meeting.identifier}: deleted '{said}'.")
    return 0


def run_decision_edit(args: argparse.Namespace) -> int:
    store = store_from(args)
    with store.write() as session:
        item = item_of(session, args.meeting, args.item)
        decision = _decision_of(item, args.number)
        fields = (
            ("verb", decisions.VERB, given(args.verb)),
            ("text", decisions.TEXT, given(args.text)),
            ("classification", decisions.CLASSIFICATION, given(args.classification, Classification.parse)),
        )
        set_given(session, decision.id, fields, "--verb, --text or --classification")
        voice = item.meeting.committee.voice
        print(f"Item {item.number} of {item.meeting.identifier}: {voice} {decision.verb.value} {decision.text}")
    return 0


def run_decision_add(args: argparse.Namespace) -> int:
    store = store_from(args)
    with store.write() as session:
        item = item_of(session, args.meeting, args.item)
        decision = decisions.add(session, item, args.verb, args.text, Classification.parse(args.classification))
        voice = item.meeting.committee.voice
        print(f"Item {item.number} of {item.meeting.identifier}: {voice} {decision.verb.value} {decision.text}")
    return 0
