"""Document subcommands: minutes, agenda and action-log exports, classified White or Amber."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from secdesk import glossary
from secdesk.cli.common import add_meeting_argument, store_from
from secdesk.errors import ValidationError
from secdesk.model import Classification


def register(commands: argparse._SubParsersAction) -> None:
    for kind, about in (("minutes", "the minutes"), ("agenda", "the agenda")):
        parser = commands.add_parser(kind, help=f"export {about} of a meeting as Word or PDF")
        add_meeting_argument(parser)
        _common_options(parser, ("docx", "pdf"))
        parser.set_defaults(handler=run_meeting_document, kind=kind)
        if kind == "minutes":
            kept = parser.add_mutually_exclusive_group()
            kept.add_argument(
                "--versions", action="store_true",
                help="list the agreed versions of final minutes (level, when agreed, SHA-256) instead of exporting",
            )
            kept.add_argument(
                "--diff", nargs=2, type=int, metavar=("A", "B"),
                help="show what changed between agreed versions A and B at --classification, instead of exporting",
            )

    log = commands.add_parser(glossary.ACTION_LOG_COMMAND,
                              help=f"export the {glossary.ACTION_LOG} as Word, PDF, CSV or XLSX")
    log.add_argument("--committee", metavar="C", help="only this committee's actions (default: all)")
    log.add_argument("--open", action="store_true", help="only actions not yet closed")
    log.add_argument("--closed", action="store_true", help="only closed actions")
    log.add_argument("--overdue", action="store_true", help="only actions past their due date and not closed")
    log.add_argument("--matching", metavar="WORDS", help="only actions whose reference, text or owner hold every "
                     "word, as the window's Find box (the title says so: Open actions matching 'dcc')")
    log.add_argument("--owner", metavar="TEXT", help="only actions whose owner holds this text")
    log.add_argument("--today", metavar="YYYY-MM-DD", help="the date overdue is judged against (default: today)")
    _common_options(log, ("docx", "pdf", "csv", "xlsx"))
    log.set_defaults(handler=run_action_log)


def _common_options(parser: argparse.ArgumentParser, formats: tuple[str, ...]) -> None:
    parser.add_argument(
        "--classification",
        default="white",
        metavar="LEVEL",
        help="white (public, the default) or amber (confidential); nothing above it is included",
    )
    parser.add_argument(
        "--format",
        metavar="|".join(formats),
        help="file format, or several separated by commas (e.g. docx,pdf) to write them in one go "
        "into the -o folder (default: from the -o file's extension, else pdf)",
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        type=Path,
        help="file or folder to write (default: the current folder); "
        "in a folder the name carries the identifier and classification",
    )


def _formats(args: argparse.Namespace, formats: tuple[str, ...]) -> list[str]:
    if args.format:
        chosen = [f.strip().lower() for f in args.format.split(",") if f.strip()]
        unknown = [f for f in chosen if f not in formats]
        if unknown or not chosen:
            raise ValidationError(f"Unknown format {','.join(unknown) or args.format!r}; use {', '.join(formats)}.")
        if len(chosen) > 1 and args.output is not None and not args.output.is_dir():
            raise ValidationError("Several formats go into a folder: give -o an existing folder (or leave it out).")
        return chosen
    suffix = args.output.suffix.lower().lstrip(".") if args.output and not args.output.is_dir() else ""
    if suffix in formats:
        return [suffix]
    if suffix:
        raise ValidationError(f"Cannot write .{suffix} files; use --format {' or '.join(formats)}.")
    return ["pdf"]


def run_meeting_document(args: argparse.Namespace) -> int:
    from secdesk.documents.export import MEETING_FORMATS, export, meeting_document

    level = Classification.parse(args.classification)
    if getattr(args, "versions", False) or getattr(args, "diff", None):
        return _show_kept_minutes(args, level)
    file_formats = _formats(args, MEETING_FORMATS)
    store = store_from(args, backup=False)
    try:
        document = meeting_document(store, args.kind, args.meeting, level)
    finally:
        store.close()
    for file_format in file_formats:
        print(export(document, file_format, args.output))
    return 0


def _show_kept_minutes(args: argparse.Namespace, level: Classification) -> int:
    """`minutes MEETING --versions` or `--diff A B`: the frozen record of final minutes."""
    from secdesk.services import minutes_record
    from secdesk.services.meetings import resolve_meeting

    store = store_from(args, backup=False, read_only=True)
    try:
        with store.read() as session:
            meeting = resolve_meeting(session, args.meeting)
            if args.diff:
                before, after = args.diff
                shown = minutes_record.diff(session, meeting, before, after, level)
                print(shown or f"Versions {before} and {after} of the {level.label} minutes of {meeting.identifier} "
                      "say the same.")
                return 0
            kept = minutes_record.versions(session, meeting)
            if not kept:
                print(f"{meeting.identifier} has no agreed record of its minutes (they are not final, or were made "
                      "final before SecDesk kept records).")
                return 0
            print("Version  Level  Agreed (UTC)         SHA-256")
            for entry in kept:
                sealed = "  sealed" if entry.sealed else ""
                print(f"{entry.version:>7}  {entry.level.label:<5}  {entry.agreed_at:%Y-%m-%d %H:%M:%S}  "
                      f"{entry.sha256}{sealed}")
            return 0
    finally:
        store.close()


def run_action_log(args: argparse.Namespace) -> int:
    from secdesk.documents.export import action_log_document, export
    from secdesk.writers import FORMATS

    level = Classification.parse(args.classification)
    file_formats = _formats(args, FORMATS)
    today = _parse_day(args.today) if args.today else None
    store = store_from(args, backup=False)
    try:
        if args.matching or args.owner or args.closed or args.overdue:
            # Filtered as the window's log filters, and titled by the filter.
            from secdesk.services.action_filter import LogFilter
            from secdesk.services.committees import get_committee

            if args.open and args.closed:
                raise ValidationError("Choose --open or --closed, not both.")
            with store.read() as session:
                committee_id = get_committee(session, args.committee).id if args.committee else None
            status = "open" if args.open else "closed" if args.closed else None
            shown = LogFilter(text=args.matching or "", owner=args.owner or "", committee_id=committee_id,
                              status=status, overdue=args.overdue, today=today or date.today())
            document = action_log_document(store, level, shown=shown)
        else:
            document = action_log_document(store, level, committee=args.committee, open_only=args.open, today=today)
    finally:
        store.close()
    for file_format in file_formats:
        print(export(document, file_format, args.output))
    return 0


def _parse_day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValidationError(f"{text!r} is not a date; use YYYY-MM-DD.") from None
