"""`secdesk block list|add|move|remove|text|set`: an item's minutes as blocks, in the order they print.

Blocks are numbered by their place in the item (1, 2 ...), as `block list` shows them. The
rules are those of secdesk.services.minute_blocks, which the exports read too. `block text`
and `block set` read and write the whole of an item's minutes as one text, the form the
window's minutes editor edits (secdesk.services.minutes_text).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from secdesk.cli.common import print_json, print_table, store_from
from secdesk.cli.meeting_commands import MEETING_HELP, item_of
from secdesk.errors import ValidationError
from secdesk.model import BlockKind, Classification
from secdesk.services import minute_blocks, minutes_text
from secdesk.vocabulary import OWN_TEXT_KINDS

ADDED = sorted(kind.value for kind in minute_blocks.ADDED_KINDS)


def register(commands: argparse._SubParsersAction) -> None:
    block = commands.add_parser("block", help="an item's minutes as blocks: list, add, move, remove")
    verbs = block.add_subparsers(dest="block_command", metavar="list|add|move|remove|text|set", required=True)

    listing = verbs.add_parser("list", help="the item's blocks in the order they print")
    _item_arguments(listing)
    listing.add_argument("--json", action="store_true", help="print JSON")
    listing.set_defaults(handler=run_block_list)

    add = verbs.add_parser(
        "add", help="add a paragraph, heading, list, table or page break",
        description="Text: a paragraph may hold **bold**, *italic* and [links](https://...); a list one entry "
        "per line; a table one row per line, cells split by '|', the first row the header.",
    )
    _item_arguments(add)
    add.add_argument("kind", choices=ADDED)
    text = add.add_mutually_exclusive_group()
    text.add_argument("--text", help="the block's text")
    text.add_argument("--stdin", action="store_true", help="read the block's text from standard input")
    add.add_argument("--at", metavar="N", type=int, help="its place among the item's blocks (default: the end)")
    add.add_argument("--classification", metavar="LEVEL", default="white", help="white, green, amber or red")
    add.set_defaults(handler=run_block_add)

    move = verbs.add_parser("move", help="move a block (or the place of the text, a decision, action or note)")
    _item_arguments(move)
    move.add_argument("block", metavar="N", type=int, help="the block's place, as `block list` shows it")
    move.add_argument("--to", metavar="M", type=int, required=True)
    move.set_defaults(handler=run_block_move)

    remove = verbs.add_parser("remove", help="remove a block of the item's own")
    _item_arguments(remove)
    remove.add_argument("block", metavar="N", type=int)
    remove.set_defaults(handler=run_block_remove)

    text_form = verbs.add_parser("text", help="the item's minutes as one text, as the window's editor holds them")
    _item_arguments(text_form)
    text_form.set_defaults(handler=run_block_text)

    put = verbs.add_parser(
        "set", help="make the item's minutes say a text (as `block text` prints it)",
        description="Blocks are parted by blank lines: '## ' a sub-heading, '- ' or '1. ' list entries, '| a | b |' "
        "table rows (the first the header), {decision N}, {action N}, {note} and {page break} places; "
        "'{amber} ' before a block gives its level. Decisions and actions the text leaves out keep a place "
        "at the end.",
    )
    _item_arguments(put)
    source = put.add_mutually_exclusive_group(required=True)
    source.add_argument("--file", metavar="PATH", help="read the text from a UTF-8 file")
    source.add_argument("--stdin", action="store_true", help="read the text from standard input")
    put.set_defaults(handler=run_block_set)


def _item_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("meeting", metavar="MEETING", help=MEETING_HELP)
    parser.add_argument("item", metavar="ITEM", help="the item's number on the agenda")


def _described(place: minute_blocks.Place) -> str:
    if place.decision is not None:
        return f"{place.decision.verb.value} {place.decision.text}"
    if place.action is not None:
        return f"ACTION {place.action.reference}: {place.action.text}"
    if place.block is not None and place.block.kind in OWN_TEXT_KINDS:
        return " / ".join(place.block.content.splitlines())
    return {BlockKind.TEXT: "(the item's minutes)", BlockKind.NOTE: "(the post-meeting note)"}.get(place.kind, "")


def run_block_list(args: argparse.Namespace) -> int:
    store = store_from(args)
    with store.read() as session:
        item = item_of(session, args.meeting, args.item)
        rows: list[dict[str, str | int]] = [
            {
                "place": number,
                "kind": place.kind.value,
                "classification": (place.block.classification if place.block else Classification.WHITE).value,
                "text": _described(place),
            }
            for number, place in enumerate(minute_blocks.sequence(item), start=1)
        ]
    if args.json:
        print_json(rows)
    else:
        print_table([[str(r["place"]), str(r["kind"]), str(r["classification"]), str(r["text"])[:70]] for r in rows],
                    ["#", "Kind", "Level", "Says"])
    return 0


def run_block_add(args: argparse.Namespace) -> int:
    content = sys.stdin.read() if args.stdin else (args.text or "")
    store = store_from(args)
    with store.write() as session:
        item = item_of(session, args.meeting, args.item)
        block = minute_blocks.add_block(session, item, BlockKind(args.kind), content,
                                        classification=Classification.parse(args.classification), at=args.at)
        print(f"Item {item.number}: {block.kind.value} added as block {block.position + 1}.")
    return 0


def run_block_move(args: argparse.Namespace) -> int:
    store = store_from(args)
    with store.write() as session:
        item = item_of(session, args.meeting, args.item)
        minute_blocks.move_block(session, item, args.block, args.to)
        print(f"Item {item.number}: block {args.block} moved to {args.to}.")
    return 0


def run_block_remove(args: argparse.Namespace) -> int:
    store = store_from(args)
    with store.write() as session:
        item = item_of(session, args.meeting, args.item)
        minute_blocks.remove_block(session, minute_blocks.block_at(session, item, args.block))
        print(f"Item {item.number}: block {args.block} removed.")
    return 0


def run_block_text(args: argparse.Namespace) -> int:
    store = store_from(args)
    with store.read() as session:
        print(minutes_text.render(item_of(session, args.meeting, args.item)))
    return 0


def _read_text(args: argparse.Namespace) -> str:
    if args.stdin:
        return sys.stdin.read()
    try:
        return Path(args.file).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ValidationError(f"Cannot read {args.file}: {error}.") from None


def run_block_set(args: argparse.Namespace) -> int:
    text = _read_text(args)
    store = store_from(args)
    with store.write() as session:
        item = item_of(session, args.meeting, args.item)
        minutes_text.apply(session, item, text)
        kept = "in its usual order" if not item.blocks else f"as {len(item.blocks)} blocks"
        print(f"Item {item.number}: minutes written, {kept}.")
    return 0
