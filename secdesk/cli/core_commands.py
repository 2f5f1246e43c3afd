"""Core subcommands: demo, committees, meetings, actions, lifecycle, backup, check.

The services each command needs beyond the committees are imported when it runs, so
that `committees` (bench/cli_start.py's listing) loads no more than it uses.
"""

from __future__ import annotations

import argparse
from datetime import date

from secdesk import glossary
from secdesk.cli.common import add_meeting_argument, print_json, print_table, store_from
from secdesk.model import MeetingStatus
from secdesk.services import committees


def register(commands: argparse._SubParsersAction) -> None:
    demo = commands.add_parser("demo", help="fill an empty database with the demo committees and meetings")
    demo.set_defaults(handler=run_demo)

    listing = commands.add_parser("committees", help="list committees")
    listing.add_argument("--json", action="store_true", help="print JSON")
    listing.set_defaults(handler=run_committees)

    meeting_list = commands.add_parser("meetings", help="list meetings")
    meeting_list.add_argument("--committee", metavar="C", help="only this committee's meetings")
    meeting_list.add_argument("--json", action="store_true", help="print JSON")
    meeting_list.set_defaults(handler=run_meetings)

    action_list = commands.add_parser("actions", help=f"list actions (the {glossary.ACTION_LOG})")
    action_list.add_argument("--committee", metavar="C", help="only this committee's actions")
    action_list.add_argument("--open", action="store_true", help="only actions not yet closed")
    action_list.add_argument("--owner", metavar="O", help="only actions whose owner contains O")
    action_list.add_argument("--json", action="store_true", help="print JSON")
    action_list.set_defaults(handler=run_actions)

    final = commands.add_parser("finalise", help="record that draft minutes were agreed as final")
    add_meeting_argument(final)
    how = final.add_mutually_exclusive_group(required=True)
    how.add_argument("--at", metavar="MEETING", help="the later meeting that agreed them (e.g. 'TABASC 17')")
    how.add_argument("--ex-committee", metavar="YYYY-MM-DD", nargs="?", const="",
                     help="approved by correspondence, on this date if the record gives one")
    final.set_defaults(handler=run_finalise)

    reopen = commands.add_parser("reopen", help="unlock final minutes for a correction (audited)")
    add_meeting_argument(reopen)
    reopen.set_defaults(handler=run_reopen)

    backup = commands.add_parser("backup", help="write a backup of the database now")
    backup.set_defaults(handler=run_backup)

    check = commands.add_parser("check", help="check the database's integrity and schema version")
    check.set_defaults(handler=run_check)


def run_demo(args: argparse.Namespace) -> int:
    from secdesk.papers.demo_files import load_demo_database  # reportlab: only for this command

    store = store_from(args)
    count = load_demo_database(store)
    print(f"Demo loaded into {store.label}: 2 committees, {count} meetings.")
    store.close()
    return 0


def run_committees(args: argparse.Namespace) -> int:
    store = store_from(args)
    with store.read() as session:
        rows = committees.list_committees(session)
    if args.json:
        print_json(rows)
    else:
        print_table(
            [[r.code, r.name, r.voice, r.parent_code or "", str(r.meetings)] for r in rows],
            ["Code", "Name", "Voice", "Parent", "Meetings"],
        )
    return 0


def run_meetings(args: argparse.Namespace) -> int:
    from secdesk.services import meetings

    store = store_from(args)
    with store.read() as session:
        rows = meetings.list_meetings(session, args.committee)
    if args.json:
        print_json(rows)
    else:
        print_table(
            [[r.identifier, r.date.isoformat(), MeetingStatus(r.status).label, r.venue or ""] for r in rows],
            ["Meeting", "Date", "Status", "Venue"],
        )
    return 0


def run_actions(args: argparse.Namespace) -> int:
    from secdesk.services import actions

    store = store_from(args)
    with store.read() as session:
        if args.committee:
            committees.get_committee(session, args.committee)  # a clear error for an unknown code
        rows = actions.action_log(session, committee=args.committee, open_only=args.open, owner=args.owner)
    if args.json:
        print_json(rows)
    else:
        today = date.today()
        print_table(
            [
                [r.reference, r.status + (" (overdue)" if r.overdue(today) else ""), r.owner,
                 r.due.isoformat() if r.due else "", r.text[:70]]
                for r in rows
            ],
            ["Reference", "Status", "Owner", "Due", "Action"],
        )
    return 0


def run_finalise(args: argparse.Namespace) -> int:
    from secdesk.cli.committee_commands import parse_date  # and its services: only for this command
    from secdesk.services import meetings

    store = store_from(args)
    with store.write() as session:
        meeting = meetings.resolve_meeting(session, args.meeting)
        if args.at:
            meetings.agree_final(session, meeting, meetings.resolve_meeting(session, args.at))
        else:
            on = parse_date(args.ex_committee) if args.ex_committee else None
            meetings.approve_ex_committee(session, meeting, on)
        print(f"The minutes of {meeting.identifier} are final and locked.")
    return 0


def run_reopen(args: argparse.Namespace) -> int:
    from secdesk.services import meetings

    store = store_from(args)
    with store.write() as session:
        meeting = meetings.resolve_meeting(session, args.meeting)
        meetings.reopen(session, meeting)
        print(f"The minutes of {meeting.identifier} are reopened for correction; this is recorded in the audit trail.")
    return 0


def run_backup(args: argparse.Namespace) -> int:
    store = store_from(args, backup=False)
    written = store.backup(force=True)
    print(f"Backup written: {written}" if written else f"{store.label} is not a local file; nothing to back up.")
    return 0


def run_check(args: argparse.Namespace) -> int:
    from secdesk.store import migrations, sqlite

    store = store_from(args, backup=False, read_only=True)  # a damaged file stays as it was found
    problems = store.integrity_problems()
    revision = store.schema_revision()
    head = migrations.schema_head()
    print(f"Database: {store.label}")
    print(f"Schema: {revision} (this SecDesk: {head})")
    if store.path is not None:
        newest = sqlite.newest_backup(store.path)
        print(f"Newest backup: {newest or 'none'}")
    if problems:
        print("Integrity: FAILED")
        for problem in problems[:20]:
            print(f"  {problem}")
        return 1
    print("Integrity: ok")
    damaged = store.logical_problems()
    if store.keys is not None and store.keys.cipher() is None:
        print("Confidential content: locked on this computer, so its ciphertext was not checked")
    if damaged:
        print("Contents: FAILED (rows SecDesk did not write; restore the newest good backup if they matter)")
        for problem in damaged:
            print(f"  {problem}")
        return 1
    print("Contents: ok")
    return 0
