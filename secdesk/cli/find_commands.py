"""`secdesk find TEXT`: the window's Find (secdesk.services.find, matching words as secdesk.services.search
does) on the command line."""

from __future__ import annotations

import argparse

from secdesk.cli.common import print_json, print_table, store_from
from secdesk.model import Classification
from secdesk.services import find


def register(commands: argparse._SubParsersAction) -> None:
    finder = commands.add_parser(
        "find", help="find actions, decisions, agenda items, papers and people by words or reference"
    )
    finder.add_argument("text", nargs="+", metavar="TEXT",
                        help="every word must appear (any part of a word, any case; _ and %% are plain characters)")
    finder.add_argument("--classification", default="red", metavar="LEVEL",
                        help="leave out hits above this level (default: all)")
    finder.add_argument("--json", action="store_true", help="print JSON")
    finder.set_defaults(handler=run_find)


def run_find(args: argparse.Namespace) -> int:
    level = Classification.parse(args.classification)
    store = store_from(args, backup=False)
    with store.read() as session:
        hits = [h for h in find.find(session, " ".join(args.text)) if level.allows(h.classification)]
    if args.json:
        print_json(hits)
        return 0
    print_table(
        [
            [h.group, h.reference, h.meeting_identifier or h.committee, h.title[:60], h.snippet[:70]]
            for h in hits
        ],
        ["Found in", "Reference", "Meeting", "Title", "Text"],
    )
    return 0
