"""Meeting packages: `export-meeting MEETING -o FILE` and `import-meeting FILE`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from secdesk.atomic import write_atomically
from secdesk.cli.common import add_meeting_argument, store_from
from secdesk.model import Classification
from secdesk.packages import dumps, export_meeting, import_package, loads
from secdesk.services.meetings import resolve_meeting

LEVELS = [c.value for c in Classification]


def register(commands: argparse._SubParsersAction) -> None:
    """Add this module's subcommands; each sets `handler` to a function(args) -> int."""
    export = commands.add_parser(
        "export-meeting",
        help="write one meeting as a JSON meeting package",
        description="Write one meeting (committee, people, agenda, papers metadata, attendance, "
        "decisions, actions) as a JSON meeting package; see docs/meeting-package.md.",
    )
    add_meeting_argument(export)
    export.add_argument(
        "-o", "--output", required=True, metavar="FILE", help="the package file to write ('-' for standard output)"
    )
    export.add_argument(
        "--classification",
        choices=LEVELS,
        default=Classification.RED.value,
        help="leave out everything above this level (default: red, everything)",
    )
    export.set_defaults(handler=run_export)

    load = commands.add_parser(
        "import-meeting",
        help="read a JSON meeting package into the database (all or nothing)",
        description="Read a meeting package; importing the same package again changes nothing.",
    )
    load.add_argument("file", metavar="FILE", help="the package file ('-' for standard input)")
    load.set_defaults(handler=run_import)


def run_export(args: argparse.Namespace) -> int:
    level = Classification(args.classification)
    store = store_from(args, backup=False)
    try:
        with store.read() as session:
            meeting = resolve_meeting(session, args.meeting)
            identifier = meeting.identifier
            text = dumps(export_meeting(session, meeting, level))
    finally:
        store.close()
    if args.output == "-":
        sys.stdout.write(text)
        return 0
    path = Path(args.output)
    if not path.parent.is_dir():
        raise FileNotFoundError(2, "No such folder", str(path.parent))
    write_atomically(path, text)  # a half-written package never replaces a good one
    print(f"Exported {identifier} ({level.label}) to {path}.")
    return 0


def run_import(args: argparse.Namespace) -> int:
    data = sys.stdin.buffer.read() if args.file == "-" else Path(args.file).read_bytes()
    package = loads(data)
    store = store_from(args)
    try:
        with store.write() as session:
            result = import_package(session, package)
    finally:
        store.close()
    if result.changed:
        print(
            f"Imported {result.identifier}: {result.created} records created, "
            f"{result.updated} updated, {result.deleted} removed."
        )
    else:
        print(f"{result.identifier} is already as the package has it; nothing was changed.")
    return 0
