"""An item's minutes as an ordered sequence of blocks, in the order the minutes say things.

An item the secretary never arranged has no block rows: its minutes are its typed text,
then its decisions, the actions raised in it and its post-meeting note, as they always
were (`sequence` gives that order). Adding a block of its own (a paragraph, sub-heading,
list, table or page break) or moving one arranges the item: every place is then a row,
and decisions and actions made later take a place of their own at the end of it (before
a post-meeting note that closes the item).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from sqlalchemy.orm import Session

from secdesk.errors import ValidationError
from secdesk.model import Action, AgendaItem, Classification, Decision, MinuteBlock
from secdesk.services.properties import Property
from secdesk.services.rows import Snapshot, delete_with_snapshot
from secdesk.vocabulary import OWN_TEXT_KINDS, BlockKind

# The kinds a secretary adds and removes; the others are the places of rows of their own.
ADDED_KINDS = OWN_TEXT_KINDS | {BlockKind.PAGE_BREAK}
MAX_TABLE_CELLS = 2000


@dataclass(frozen=True)
class Place:
    """One place in an item's minutes: a block row (None while the item is not arranged) and
    the decision or action it prints, if it is one."""

    kind: BlockKind
    block: MinuteBlock | None = None
    decision: Decision | None = None
    action: Action | None = None


def _raised_here(item: AgendaItem) -> list[Action]:
    return sorted((a for a in item.actions if a.meeting_id == item.meeting_id), key=lambda a: a.reference)


def _default(item: AgendaItem) -> list[Place]:
    return [
        Place(BlockKind.TEXT),
        *(Place(BlockKind.DECISION, decision=d) for d in sorted(item.decisions, key=lambda d: d.position)),
        *(Place(BlockKind.ACTION, action=a) for a in _raised_here(item)),
        Place(BlockKind.NOTE),
    ]


def sequence_unarranged(item: AgendaItem) -> list[Place]:
    """The order an item with no block rows prints in: text, decisions, actions raised, note."""
    return _default(item)


def sequence(item: AgendaItem) -> list[Place]:
    """The item's minutes in order: its blocks, or its text, decisions, actions and note."""
    if not item.blocks:
        return _default(item)
    return [Place(b.kind, b, b.decision, b.action) for b in sorted(item.blocks, key=lambda b: b.position)]


def _arrange(session: Session, item: AgendaItem) -> None:
    """Give every place of a never-arranged item a row, in the order it prints today."""
    if item.blocks:
        return
    for position, place in enumerate(_default(item)):
        session.add(MinuteBlock(item=item, position=position, kind=place.kind, decision=place.decision,
                                action=place.action))
    session.flush()


def _renumber(item: AgendaItem, ordered: list[MinuteBlock]) -> None:
    for position, block in enumerate(ordered):
        block.position = position
    item.blocks.sort(key=lambda b: b.position)


def _ordered(item: AgendaItem) -> list[MinuteBlock]:
    return sorted(item.blocks, key=lambda b: b.position)


def check_content(kind: BlockKind, content: str) -> str:
    """A block's text as stored: a list one entry per line, a table as JSON rows of cells."""
    if kind is BlockKind.PAGE_BREAK:
        return ""
    if kind is BlockKind.TABLE:
        rows = table_rows(content)
        if len(rows) < 2 or any(len(row) != len(rows[0]) for row in rows) or not rows[0]:
            raise ValidationError(
                "A table needs a header row and at least one row, each with the same number of cells."
            )
        if sum(len(row) for row in rows) > MAX_TABLE_CELLS:
            raise ValidationError(f"A table holds at most {MAX_TABLE_CELLS} cells.")
        return json.dumps(rows, ensure_ascii=False)
    if kind in (BlockKind.BULLETS, BlockKind.NUMBERED):
        entries = [" ".join(line.split()) for line in content.splitlines() if line.strip()]
        if not entries:
            raise ValidationError("A list needs at least one entry: one per line.")
        return "\n".join(entries)
    if not content.strip():
        raise ValidationError(f"A {kind.value} needs its text.")
    return content.strip()


def table_rows(content: str) -> list[list[str]]:
    """A table's rows: stored JSON, or typed as lines of cells split by '|' (the first the header)."""
    text = content.strip()
    if text.startswith("["):
        try:
            rows = json.loads(text)
        except ValueError as error:
            raise ValidationError(f"The table is not readable: {error}.") from None
        if isinstance(rows, list) and all(isinstance(r, list) and all(isinstance(c, str) for c in r) for r in rows):
            return rows
        raise ValidationError("A table is rows of cells of text.")
    return [[" ".join(cell.split()) for cell in line.strip().strip("|").split("|")]
            for line in text.splitlines() if line.strip()]


def add_block(
    session: Session,
    item: AgendaItem,
    kind: BlockKind,
    content: str = "",
    *,
    classification: Classification = Classification.WHITE,
    at: int | None = None,
) -> MinuteBlock:
    """A block of the item's own at place `at` (1-based among the item's places; default: the end)."""
    if kind not in ADDED_KINDS:
        raise ValidationError(f"A {kind.value} block comes with its {kind.value}; it is not added on its own.")
    stored = check_content(kind, content)
    _arrange(session, item)
    ordered = _ordered(item)
    index = len(ordered) if at is None else max(0, min(at - 1, len(ordered)))
    block = MinuteBlock(item=item, kind=kind, content=stored, classification=classification, position=index)
    session.add(block)
    ordered.insert(index, block)
    _renumber(item, ordered)
    session.flush()
    return block


def move_block(session: Session, item: AgendaItem, place: int, to: int) -> None:
    """Move the block at 1-based `place` to 1-based `to`, arranging the item first if need be."""
    _arrange(session, item)
    ordered = _ordered(item)
    if not 1 <= place <= len(ordered):
        raise ValidationError(f"Item {item.number} has {len(ordered)} blocks; there is no block {place}.")
    block = ordered.pop(place - 1)
    ordered.insert(max(0, min(to - 1, len(ordered))), block)
    _renumber(item, ordered)
    session.flush()


def remove_block(session: Session, block: MinuteBlock) -> Snapshot:
    if block.kind not in ADDED_KINDS:
        raise ValidationError(
            f"The {block.kind.value}'s place goes with it: remove the {block.kind.value} itself, or move its place."
        )
    return delete_with_snapshot(session, block)


def block_at(session: Session, item: AgendaItem, place: int) -> MinuteBlock:
    """The block at 1-based `place`, arranging the item first (so every place has a row)."""
    _arrange(session, item)
    ordered = _ordered(item)
    if not 1 <= place <= len(ordered):
        raise ValidationError(f"Item {item.number} has {len(ordered)} blocks; there is no block {place}.")
    return ordered[place - 1]


def place_new(session: Session, item: AgendaItem, row: Decision | Action) -> None:
    """A decision or action made in an arranged item takes a place at the end of it, before a
    post-meeting note that closes it (an item never arranged prints it in its usual order)."""
    if not item.blocks:
        return
    ordered = _ordered(item)
    index = len(ordered) - 1 if ordered and ordered[-1].kind is BlockKind.NOTE else len(ordered)
    kind = BlockKind.DECISION if isinstance(row, Decision) else BlockKind.ACTION
    block = MinuteBlock(item=item, kind=kind, position=index,
                        decision=row if isinstance(row, Decision) else None,
                        action=row if isinstance(row, Action) else None)
    session.add(block)
    ordered.insert(index, block)
    _renumber(item, ordered)
    session.flush()


def set_content(session: Session, block: MinuteBlock, content: str) -> None:
    if block.kind not in OWN_TEXT_KINDS:
        raise ValidationError(f"A {block.kind.value} block has no text of its own.")
    block.content = check_content(block.kind, content)
    session.flush()


def set_classification(session: Session, block: MinuteBlock, classification: Classification) -> None:
    block.classification = classification
    session.flush()


CONTENT: Property[MinuteBlock, str] = Property(MinuteBlock, "block", lambda b: b.content, set_content)
CLASSIFICATION: Property[MinuteBlock, Classification] = Property(
    MinuteBlock, "block classification", lambda b: b.classification, set_classification
)


# --- the item's typed minutes -----------------------------------------------------------

BULLET = re.compile(r"^\s*[-*\u2022]\s+")


def typed_pieces(minutes: str) -> list[tuple[BlockKind, list[str]]]:
    """The item's typed minutes as plain paragraphs and bulleted lists: blank lines part
    paragraphs, lines starting '-', '*' or a bullet are bullets; text is as written (no markup)."""
    pieces: list[tuple[BlockKind, list[str]]] = []
    words: list[str] = []
    bullets: list[str] = []

    def close() -> None:
        if words:
            pieces.append((BlockKind.PARAGRAPH, [" ".join(words)]))
            words.clear()
        if bullets:
            pieces.append((BlockKind.BULLETS, list(bullets)))
            bullets.clear()

    for line in (minutes or "").splitlines():
        if not line.strip():
            close()
        elif BULLET.match(line):
            if words:
                close()
            bullets.append(" ".join(BULLET.sub("", line).split()))
        else:
            if bullets:
                close()
            words.append(" ".join(line.split()))
    close()
    return pieces


# --- inline emphasis and links inside a paragraph -------------------------------------

INLINE = re.compile(
    r"\\(?P<escaped>[!-/:-@\[-`{-~\u2022])"
    r"|\*\*(?P<bold>(?:\\.|[^\\])+?)\*\*"
    r"|\*(?P<italic>[^*\s\\](?:\\.|[^*\\])*?)\*"
    r"|\[(?P<label>(?:\\.|[^\]\\])+)\]\((?P<url>https?://[^)\s]+)\)"
)
_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~\u2022])")  # ASCII punctuation and the bullet sign


def unescape(text: str) -> str:
    """Markup's text with its backslash escapes read: "\\*" is an asterisk as written."""
    return _ESCAPED.sub(r"\1", text)


def inline(text: str) -> list[tuple[str, bool, bool, str | None]]:
    """(text, bold, italic, link) pieces of a paragraph: **bold**, *italic*, [label](https://...);
    a backslash before a punctuation mark keeps it as written."""
    pieces: list[tuple[str, bool, bool, str | None]] = []
    plain: list[str] = []
    at = 0

    def close_plain() -> None:
        if plain:
            pieces.append(("".join(plain), False, False, None))
            plain.clear()

    for found in INLINE.finditer(text):
        plain.append(text[at:found.start()])
        at = found.end()
        if found["escaped"] is not None:
            plain.append(found["escaped"])
            continue
        close_plain()
        if found["bold"] is not None:
            pieces.append((unescape(found["bold"]), True, False, None))
        elif found["italic"] is not None:
            pieces.append((unescape(found["italic"]), False, True, None))
        else:
            pieces.append((unescape(found["label"]), False, False, found["url"]))
    plain.append(text[at:])
    close_plain()
    return [piece for piece in pieces if piece[0]]
