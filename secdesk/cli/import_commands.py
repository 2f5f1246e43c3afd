"""`secdesk import-minutes`: bring existing minutes (Word, PDF, text) into SecDesk."""

from __future__ import annotations

import argparse
from dataclasses import asdict
from datetime import date

from secdesk.cli.common import print_json, store_from


def register(commands: argparse._SubParsersAction) -> None:
    """Add this module's subcommands; each sets `handler` to a function(args) -> int."""
    parser = commands.add_parser(
        "import-minutes",
        help="import a committee's existing minutes (.docx, .pdf, .txt)",
        description=(
            "Read minutes in the house style and record the meeting, its items, decisions, actions and "
            "the Actions Outstanding updates. The imported minutes are final and locked. "
            "Use --dry-run to see what would be imported without writing anything."
        ),
    )
    parser.add_argument("file", metavar="FILE", help="the minutes: .docx, .pdf or .txt")
    parser.add_argument(
        "--committee", required=True, metavar="CODE", help="the committee's code, e.g. TABASC"
    )
    parser.add_argument(
        "--meeting", type=int, metavar="N", help="the meeting number, when the minutes do not say"
    )
    parser.add_argument(
        "--date",
        type=_iso_date,
        metavar="YYYY-MM-DD",
        help="the meeting date, when the minutes do not say",
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="show what would be imported; write nothing"
    )
    parser.add_argument("--json", action="store_true", help="print what was found as JSON")
    parser.set_defaults(handler=import_minutes_command)


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2017-03-20") from None


def import_minutes_command(args: argparse.Namespace) -> int:
    from secdesk.importers.apply import import_minutes, parse_for_committee
    from secdesk.services.meetings import check_number

    if args.meeting is not None:
        check_number(args.meeting)  # before any query: a 23-digit number overflows SQLite
    store = store_from(args, backup=not args.dry_run)
    try:
        parsed = parse_for_committee(store, args.file, args.committee)
        report = import_minutes(
            store, parsed, args.committee, number=args.meeting, day=args.date, dry_run=args.dry_run
        )
    finally:
        store.close()
    if args.json:
        print_json({"dry_run": args.dry_run, "found": parsed.to_json(), "result": asdict(report)})
        return 0
    verb = "Would import" if args.dry_run else "Imported"
    print(
        f"{verb} {report.meeting}{' (replacing the meeting already recorded)' if report.meeting_existed else ''}:"
    )
    print(f"  {report.items} items, {report.decisions} decisions, {report.attendees} attendees")
    print(f"  actions raised: {', '.join(a.reference for a in parsed.actions) or 'none'}")
    print(f"  new actions: {len(report.actions_created)}; updated: {len(report.actions_updated)}")
    print(
        f"  outstanding actions reviewed: {len(report.reviews_recorded)}; "
        f"closed: {', '.join(report.actions_closed) or 'none'}"
    )
    for warning in report.warnings:
        print(f"  warning: {warning}")
    if args.dry_run:
        print("Nothing was written (dry run).")
    return 0
