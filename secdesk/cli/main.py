"""Entry point: `secdesk [--db DB] [COMMAND ...]`; with no command it starts the window.

Exit codes: 0 success, 1 a clear error on stderr, 2 usage.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from secdesk import __version__
from secdesk.cli import (
    core_commands,
    document_commands,
    import_commands,
    pack_commands,
    package_commands,
    register_commands,
    security_commands,
)
from secdesk.errors import SecDeskError

COMMAND_MODULES = (
    core_commands,
    package_commands,
    document_commands,
    import_commands,
    register_commands,
    security_commands,
    pack_commands,
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="secdesk",
        description="SecDesk: committees, meetings, minutes, actions and classified exports.",
    )
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
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMAND_MODULES:
        module.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command is None:
            from secdesk.cli.core_commands import start_window

            return start_window(args)
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
