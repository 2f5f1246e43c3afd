"""Entry point: `secdesk [--db DB] [COMMAND ...]`; with no command it starts the window.

Exit codes: 0 success, 1 a clear error on stderr, 2 usage.

Starting the window imports none of the command modules: they load SQLAlchemy,
which the window would rather load behind its first paint.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from secdesk import __version__
from secdesk.errors import SecDeskError

COMMAND_MODULES = (
    "core_commands",
    "package_commands",
    "document_commands",
    "import_commands",
    "register_commands",
    "security_commands",
    "pack_commands",
)


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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="secdesk",
        description="SecDesk: committees, meetings, minutes, actions and classified exports.",
    )
    _global_options(parser)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(f"secdesk.cli.{name}").register(commands)
    return parser


def window_arguments(argv: Sequence[str]) -> argparse.Namespace | None:
    """The options when `argv` starts the window (no command, no help); None otherwise."""
    parser = argparse.ArgumentParser(prog="secdesk", add_help=False)
    _global_options(parser)
    args, rest = parser.parse_known_args(argv)
    return None if rest else args


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        window = window_arguments(argv)
        if window is not None:
            from secdesk.gui.app import start

            return start(window.db, with_demo=window.with_demo)
        parser = build_parser()
        args = parser.parse_args(argv)
        if args.command is None:
            parser.error("name a COMMAND, or give only --db and --with-demo to start the window")
        return int(args.handler(args) or 0)
    except SecDeskError as error:
        print(f"secdesk: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("secdesk: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except OSError as error:  # a file the user named cannot be read or written
        if error.filename is None:
            raise
        print(f"secdesk: {error.filename}: {error.strerror}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
