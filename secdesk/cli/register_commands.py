"""Subcommands for the registers meetings review: risks and the activity planner."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from secdesk.cli.common import add_meeting_argument, print_json, print_table, store_from
from secdesk.model import Classification, Purpose
from secdesk.services import committees, meetings, planner, risks


def register(commands: argparse._SubParsersAction) -> None:
    listing = commands.add_parser("risks", help="a committee's risk register in severity order")
    listing.add_argument("committee", metavar="COMMITTEE")
    listing.add_argument("--classification", default="red", help="leave out risks above this level (default: all)")
    listing.add_argument("--json", action="store_true", help="print JSON")
    listing.set_defaults(handler=run_risks)

    add = commands.add_parser("risk-add", help="add a risk to a committee's register")
    add.add_argument("committee", metavar="COMMITTEE")
    add.add_argument("description", help="'There is a risk that ...'")
    add.add_argument("--likelihood", type=int, required=True, help="1 to 5")
    add.add_argument("--impact", type=int, required=True, help="1 to 5")
    add.add_argument("--owner", default="")
    add.add_argument("--mitigation", action="append", default=[], help="a mitigation in place (repeatable)")
    add.add_argument("--planned-mitigation", action="append", default=[], help="a planned mitigation (repeatable)")
    add.add_argument("--classification", default="white")
    add.set_defaults(handler=run_risk_add)

    export = commands.add_parser("risk-register", help="export a committee's risk register (Word, PDF, XLSX)")
    export.add_argument("committee", metavar="COMMITTEE")
    _export_options(export, ("docx", "pdf", "xlsx", "csv"))
    export.set_defaults(handler=run_risk_register)

    review = commands.add_parser("risk-review", help="record that a meeting reviewed the register (a snapshot)")
    add_meeting_argument(review)
    review.set_defaults(handler=run_risk_review)

    plan_list = commands.add_parser("planner", help="a committee's activity planner (the next months)")
    plan_list.add_argument("committee", metavar="COMMITTEE")
    plan_list.add_argument("--from", dest="start", metavar="YYYY-MM", help="first month (default: this month)")
    plan_list.add_argument("--months", type=int, default=3, metavar="N",
                           help=f"how many months, 1 to {planner.MAX_MONTHS} (default: 3)")
    plan_list.add_argument("--classification", metavar="LEVEL",
                           help="leave out items above this level (listing: all; export: white)")
    plan_list.add_argument("--json", action="store_true", help="print JSON")
    plan_list.add_argument("--format", metavar="docx|pdf|xlsx|csv", help="export instead of listing")
    plan_list.add_argument("-o", "--output", type=Path, metavar="FILE", help="export to this file or folder")
    plan_list.set_defaults(handler=run_planner)

    plan = commands.add_parser("plan", help="put a future item on a committee's activity planner")
    plan.add_argument("committee", metavar="COMMITTEE")
    plan.add_argument("--month", required=True, metavar="YYYY-MM")
    plan.add_argument("--title", required=True)
    plan.add_argument("--owner", default="")
    plan.add_argument("--purpose", choices=[p.value for p in Purpose], default=Purpose.DISCUSSION.value)
    plan.add_argument("--classification", default="white")
    plan.set_defaults(handler=run_plan)

    roll = commands.add_parser("planner-roll", help="move a meeting's planned items it did not take to next month")
    add_meeting_argument(roll)
    roll.set_defaults(handler=run_roll)


def _export_options(parser: argparse.ArgumentParser, formats: tuple[str, ...]) -> None:
    parser.add_argument("--classification", default="white", metavar="LEVEL",
                        help="white (public, the default) or amber; nothing above it is included")
    parser.add_argument("--format", metavar="|".join(formats), help="default: from -o's extension, else pdf")
    parser.add_argument("-o", "--output", type=Path, metavar="FILE", help="file or folder (default: here)")


def _export(document, args: argparse.Namespace) -> None:
    from secdesk.cli.document_commands import _formats
    from secdesk.documents.export import export
    from secdesk.writers import FORMATS

    for file_format in _formats(args, FORMATS):
        print(export(document, file_format, args.output))


def run_risk_register(args: argparse.Namespace) -> int:
    from secdesk.documents.registers import build_risk_register

    store = store_from(args, backup=False)
    with store.read() as session:
        committee = committees.get_committee(session, args.committee)
        document = build_risk_register(session, committee, Classification.parse(args.classification))
    _export(document, args)
    return 0


def run_risks(args: argparse.Namespace) -> int:
    store = store_from(args)
    with store.read() as session:
        committee = committees.get_committee(session, args.committee)
        rows = risks.register(session, committee, Classification.parse(args.classification))
    if args.json:
        print_json(rows)
        return 0
    print_table(
        [
            [
                str(r.number),
                f"{r.likelihood}x{r.impact}={r.severity}",
                r.rag.colour + ("*" if r.rag_overridden else ""),
                r.owner,
                r.description[:80],
            ]
            for r in rows
        ],
        ["No.", "LxI", "RAG", "Owner", "Risk"],
    )
    return 0


def run_risk_add(args: argparse.Namespace) -> int:
    store = store_from(args)
    with store.write() as session:
        committee = committees.get_committee(session, args.committee)
        mitigations = [(m, True) for m in args.mitigation] + [(m, False) for m in args.planned_mitigation]
        risk = risks.add_risk(
            session,
            committee,
            args.description,
            args.likelihood,
            args.impact,
            owner=args.owner,
            mitigations=mitigations,
            classification=Classification.parse(args.classification),
        )
        print(f"Risk {risk.number} added to {committee.code}'s register (severity {risk.severity}).")
    return 0


def run_risk_review(args: argparse.Namespace) -> int:
    from secdesk.services import register_record

    store = store_from(args)
    with store.write() as session:
        meeting = meetings.resolve_meeting(session, args.meeting)
        taken = risks.review(session, meeting.committee, meeting=meeting)
        changes = register_record.review_changes(session, taken.id)  # in the words the window shows
        print(f"Register reviewed at {meeting.identifier}: {len(taken.snapshots)} risks, {len(changes)} changes.")
        for change in changes:
            print(f"  risk {change.number}: {change.kind}{': ' + change.summary if change.kind == 'changed' else ''}")
    return 0


def run_planner(args: argparse.Namespace) -> int:
    store = store_from(args)
    if args.format or args.output:
        from secdesk.documents.registers import build_planner

        with store.read() as session:
            committee = committees.get_committee(session, args.committee)
            start = planner.parse_month(args.start) if args.start else None
            level = Classification.parse(args.classification or "white")
            document = build_planner(session, committee, level, start=start, months=args.months)
        _export(document, args)
        return 0
    with store.read() as session:
        committee = committees.get_committee(session, args.committee)
        start = planner.parse_month(args.start) if args.start else date.today()
        level = Classification.parse(args.classification or "red")
        rows = planner.planner(session, committee, start=start, months=args.months, level=level)
    if args.json:
        print_json(rows)
        return 0
    print_table(
        [[f"{r.month:%b %Y}", r.title, r.owner, r.purpose.label] for r in rows],
        ["Month", "Item", "Owner", "Purpose"],
    )
    return 0


def run_plan(args: argparse.Namespace) -> int:
    store = store_from(args)
    with store.write() as session:
        committee = committees.get_committee(session, args.committee)
        item = planner.plan(
            session,
            committee,
            planner.parse_month(args.month),
            args.title,
            owner=args.owner,
            purpose=Purpose(args.purpose),
            classification=Classification.parse(args.classification),
        )
        print(f"Planned for {committee.code} in {item.month:%B %Y}: {item.title}")
    return 0


def run_roll(args: argparse.Namespace) -> int:
    store = store_from(args)
    with store.write() as session:
        meeting = meetings.resolve_meeting(session, args.meeting)
        moved = planner.roll_untaken(session, meeting)
        for item in moved:
            print(f"Rolled to {item.month:%B %Y}: {item.title}")
        if not moved:
            print(f"Nothing planned for {meeting.date:%B %Y} was left untaken.")
    return 0
