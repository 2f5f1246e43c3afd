"""Entry point: `secdesk [--db DB] [COMMAND ...]`; with no command it starts the window.

Exit codes: 0 success, 1 a clear error on stderr, 2 usage.

Starting the window imports none of the command modules: they load SQLAlchemy,
which the window would rather load behind its first paint. A command imports only
the module that registers it (COMMANDS), not the other ten and what they load.
"""

from __future__ import annotations

import argparse
import errno
import importlib
import sys
from collections.abc import Sequence

from secdesk import __version__, scratch
from secdesk.errors import SecDeskError
from secdesk.store import collection_paused
from secdesk.text import clean_text

COMMAND_MODULES = (
    "core_commands",
    "package_commands",
    "document_commands",
    "import_commands",
    "register_commands",
    "security_commands",
    "pack_commands",
    "committee_commands",
    "meeting_commands",
    "action_commands",
    "find_commands",
    "block_commands",
)

# Which module registers each command, so that one command imports one module; a test keeps
# it in step with what the modules register. A command missing here still works (every
# module is loaded for it, as for --help), only slower.
COMMANDS = {
    **dict.fromkeys(("demo", "committees", "meetings", "actions", "finalise", "reopen", "backup", "check"),
                    "core_commands"),
    **dict.fromkeys(("export-meeting", "import-meeting"), "package_commands"),
    **dict.fromkeys(("minutes", "agenda", "action-log"), "document_commands"),
    "import-minutes": "import_commands",
    **dict.fromkeys(("risks", "risk-add", "risk-register", "risk-review", "planner", "plan", "planner-roll"),
                    "register_commands"),
    **dict.fromkeys(("key", "audit", "purge"), "security_commands"),
    **dict.fromkeys(("pack", "attach", "paper-file", "demo-papers"), "pack_commands"),
    **dict.fromkeys(("committee", "standing", "person", "people", "seat", "member"), "committee_commands"),
    **dict.fromkeys(("meeting", "item", "attendance", "decision"), "meeting_commands"),
    "action": "action_commands",
    "find": "find_commands",
    "block": "block_commands",
}


def _global_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--version", action="version", version=f"SecDesk {__version__}")
    parser.add_argument(
        "--db",
        metavar="DB",
        help="database file or SQLAlchemy URL (default: secdesk.sqlite in your data folder)",
    )
    parser.add_argument(
        "--with-demo",
        action="store_true",
        help="when starting the window on an empty database, fill it with the demo first",
    )


def build_parser(modules: Sequence[str] = COMMAND_MODULES) -> argparse.ArgumentParser:
    """The parser of the commands that `modules` register (all of them by default)."""
    parser = argparse.ArgumentParser(
        prog="secdesk",
        description="SecDesk: committees, meetings, minutes, actions and classified exports.",
    )
    _global_options(parser)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in modules:
        importlib.import_module(f"secdesk.cli.{name}").register(commands)
    return parser


def window_arguments(argv: Sequence[str]) -> argparse.Namespace | None:
    """The options when `argv` starts the window (no command, no help); None otherwise."""
    parser = argparse.ArgumentParser(prog="secdesk", add_help=False)
    _global_options(parser)
    args, rest = parser.parse_known_args(argv)
    return None if rest else args


def parser_for(argv: Sequence[str]) -> argparse.ArgumentParser:
    """A parser that parses `argv` as the whole one would, loading only the module of its command."""
    parser = argparse.ArgumentParser(prog="secdesk", add_help=False)
    _global_options(parser)
    _args, rest = parser.parse_known_args(argv)
    module = COMMANDS.get(rest[0]) if rest else None
    return build_parser((module,) if module is not None else COMMAND_MODULES)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        scratch.clean_abandoned()  # what a killed pack or viewer left decrypted
        window = window_arguments(argv)
        if window is not None:
            from secdesk.gui.app import start

            return start(window.db, with_demo=window.with_demo)
        with collection_paused():  # the command's module loads SQLAlchemy and the model
            parser = parser_for(argv)
        args = parser.parse_args(argv)
        if args.command is None:
            parser.error("name a COMMAND, or give only --db and --with-demo to start the window")
        return int(args.handler(args) or 0)
    except SecDeskError as error:
        full = _disk_full_cause(error)  # a store error caused by a full disk says so
        message = _disk_full_message(full) if full else str(error)
        # A message may quote what was typed: no control character reaches the terminal.
        print(f"secdesk: {clean_text(message)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("secdesk: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as error:
        full = _disk_full_cause(error)
        if full is not None:  # whatever library met it, a full disk is told as such
            print(f"secdesk: {_disk_full_message(full)}", file=sys.stderr)
            return 1
        if isinstance(error, OSError) and error.filename is not None:
            # a file the user named cannot be read or written
            print(f"secdesk: {error.filename}: {error.strerror}", file=sys.stderr)
            return 1
        raise


DISK_FULL = {errno.ENOSPC, errno.EDQUOT}
SQLITE_FULL = 13  # sqlite3.SQLITE_FULL, without importing sqlite3 for every command


def _disk_full_cause(error: BaseException) -> BaseException | None:
    """The disk-full error behind `error` (itself, its cause or context, a wrapped DBAPI error)."""
    from secdesk.atomic import DiskFullError  # only on the error path: the window starts lean

    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, DiskFullError):
            return current
        if isinstance(current, OSError) and current.errno in DISK_FULL:
            return current
        if getattr(current, "sqlite_errorcode", None) == SQLITE_FULL:
            return current
        original = getattr(current, "orig", None)  # SQLAlchemy's DBAPIError wraps sqlite3's
        if isinstance(original, BaseException) and _disk_full_cause(original) is not None:
            return original
        current = current.__cause__ or current.__context__
    return None


def _disk_full_message(error: BaseException) -> str:
    """Never 'damaged', never a traceback: what is full, and that nothing was left behind."""
    if isinstance(error, SecDeskError):  # DiskFullError names the file itself
        return str(error)
    filename = getattr(error, "filename", None)
    where = f" while writing {filename}" if filename else ""
    return f"The disk is full{where}; free some space and try again."

if __name__ == "__main__":
    raise SystemExit(main())
