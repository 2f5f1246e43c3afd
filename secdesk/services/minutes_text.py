"""An item's minutes as one text: the form the window's minutes editor and `secdesk block text` share.

Blocks are separated by blank lines and come in the order they print:

    The Sub-Committee discussed the timetable.     a paragraph (its lines join)
    ## Next steps                                  a sub-heading
    - first point                                  a bulleted list, an entry a line ('-', '*' or a bullet)
    1. first step                                  a numbered list
    | Milestone | Date |                          a table: its header row, then its rows
    {decision 12}  {action 7}  {note}              the place of a decision, an action, the post-meeting note
    {page break}

A block may begin with its level, "{amber} ...". In paragraphs and list entries
**bold**, *italic* and [label](https://...) mark runs, and a backslash keeps the
next character as written ("\\*", or "\\1. " to start a paragraph with a number).

Applying a text keeps what the item's typed minutes can hold (plain paragraphs and
bullets at its start) as that typed text and makes everything after it blocks, so
minutes typed as plain prose, with decisions and actions in their usual order, stay
unarranged and print exactly as before.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace

from sqlalchemy.orm import Session

from secdesk.errors import ValidationError
from secdesk.model import Action, AgendaItem, Classification, Decision, MinuteBlock
from secdesk.services import minute_blocks
from secdesk.services.properties import Property
from secdesk.vocabulary import BlockKind

PLACE_KINDS = frozenset({BlockKind.DECISION, BlockKind.ACTION, BlockKind.NOTE, BlockKind.PAGE_BREAK})

BULLET = minute_blocks.BULLET
_NUMBERED = re.compile(r"^\s*\d{1,3}[.)]\s+")
_HEADING = re.compile(r"^\s*#{1,6}\s+")
_PLACE = re.compile(r"^\{(?:(?P<kind>decision|action)\s+#?(?P<id>\d+)|(?P<note>note)|(?P<page>page break))\}$")
_LEVEL = re.compile(r"^\{(?P<level>white|green|amber|red)\}\s*", re.IGNORECASE)
# What would make a paragraph's first characters mean something else; written after a backslash.
_STARTS_SOMETHING = re.compile(r"^(?:[-*\u2022]\s|\d{1,3}[.)]\s|#|\||\{|\\)")
_INLINE_SIGNS = re.compile(r"([\\*\[\]])")
_CELL_SPLIT = re.compile(r"(?<!\\)\|")


@dataclass(frozen=True)
class Unit:
    """One block of the text: its kind, its content as a block stores it (a paragraph's inline
    markup, a list's entries a line each, a table's rows as JSON), its own level if it says
    one, and the decision or action a place stands for."""

    kind: BlockKind
    content: str = ""
    level: Classification | None = None
    row_id: int | None = None

    def entries(self) -> list[str]:
        return self.content.splitlines()

    def rows(self) -> list[list[str]]:
        return minute_blocks.table_rows(self.content) if self.content else []


# --- reading and writing the text ---------------------------------------------------


def _kind_of(line: str) -> BlockKind:
    if _HEADING.match(line):
        return BlockKind.HEADING
    if BULLET.match(line):
        return BlockKind.BULLETS
    if _NUMBERED.match(line):
        return BlockKind.NUMBERED
    if line.lstrip().startswith("|"):
        return BlockKind.TABLE
    return BlockKind.PARAGRAPH


def _cells(line: str) -> list[str]:
    inner = line.strip()
    inner = inner.removeprefix("|")
    inner = inner[:-1] if inner.endswith("|") and not inner.endswith("\\|") else inner
    return [" ".join(cell.replace("\\|", "|").split()) for cell in _CELL_SPLIT.split(inner)]


def _unit(kind: BlockKind, lines: list[str], level: Classification | None) -> Unit:
    if kind is BlockKind.PARAGRAPH:
        first = lines[0].removeprefix("\\")  # the backslash that kept it a paragraph
        return Unit(kind, " ".join(" ".join(line.split()) for line in [first, *lines[1:]]), level)
    if kind is BlockKind.HEADING:
        return Unit(kind, " ".join(_HEADING.sub("", lines[0]).split()), level)
    if kind in (BlockKind.BULLETS, BlockKind.NUMBERED):
        pattern = BULLET if kind is BlockKind.BULLETS else _NUMBERED
        return Unit(kind, "\n".join(" ".join(pattern.sub("", line).split()) for line in lines), level)
    rows = [_cells(line) for line in lines]
    width = max(len(row) for row in rows)
    return Unit(kind, json.dumps([row + [""] * (width - len(row)) for row in rows], ensure_ascii=False), level)


def parse(text: str) -> list[Unit]:
    """The blocks a text says, in order (see the module's docstring for the form)."""
    units: list[Unit] = []
    kind: BlockKind | None = None
    lines: list[str] = []
    level: Classification | None = None

    def close() -> None:
        nonlocal kind, level
        if kind is not None and lines:
            units.append(_unit(kind, lines, level))
        kind, level = None, None
        lines.clear()

    for raw in (text or "").replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = raw.strip()
        if not line:
            close()
            continue
        said = _LEVEL.match(line)
        if said and kind is None:
            level = Classification(said["level"].lower())
            line = line[said.end():]
            if not line:
                continue
        place = _PLACE.match(line)
        if place:
            held = level
            close()
            if place["page"]:
                units.append(Unit(BlockKind.PAGE_BREAK))
            elif place["note"]:
                units.append(Unit(BlockKind.NOTE))
            else:
                units.append(Unit(BlockKind(place["kind"]), row_id=int(place["id"]), level=held))
            continue
        line_kind = _kind_of(line)
        if line_kind is BlockKind.HEADING or (kind is not None and line_kind is not kind):
            held = level if kind is None else None
            close()
            level = held
        kind = line_kind
        lines.append(line)
        if line_kind is BlockKind.HEADING:
            close()
    close()
    return units


def escape_inline(text: str) -> str:
    """Plain text as paragraph markup: its asterisks, brackets and backslashes kept as written."""
    return _INLINE_SIGNS.sub(r"\\\1", text)


def _paragraph_line(markup: str) -> str:
    """A paragraph's first line, after a backslash where it would read as something else."""
    return "\\" + markup if _STARTS_SOMETHING.match(markup) else markup


def _cell_text(cell: str) -> str:
    return " ".join(cell.split()).replace("|", "\\|")


def unparse(units: list[Unit]) -> str:
    """The text of a list of blocks; `parse(unparse(units)) == units` for blocks in stored form."""
    parts = []
    for unit in units:
        kind = unit.kind
        if kind is BlockKind.PAGE_BREAK:
            parts.append("{page break}")
            continue
        if kind is BlockKind.NOTE:
            parts.append("{note}")
            continue
        if kind in (BlockKind.DECISION, BlockKind.ACTION):
            parts.append(f"{{{kind.value} {unit.row_id}}}")
            continue
        if kind is BlockKind.HEADING:
            body = f"## {unit.content}"
        elif kind is BlockKind.BULLETS:
            body = "\n".join(f"- {entry}" for entry in unit.entries())
        elif kind is BlockKind.NUMBERED:
            body = "\n".join(f"{n}. {entry}" for n, entry in enumerate(unit.entries(), start=1))
        elif kind is BlockKind.TABLE:
            body = "\n".join("| " + " | ".join(_cell_text(c) for c in row) + " |" for row in unit.rows())
        else:
            body = _paragraph_line(unit.content)
        level = f"{{{unit.level.value}}} " if unit.level not in (None, Classification.WHITE) else ""
        parts.append(level + body)
    return "\n\n".join(parts)


# --- the item's typed minutes as blocks ----------------------------------------------


def typed_units(minutes: str) -> list[Unit]:
    """The item's typed minutes (plain text, see minute_blocks.typed_pieces) as blocks in markup."""
    return [Unit(kind, "\n".join(escape_inline(line) for line in lines))
            for kind, lines in minute_blocks.typed_pieces(minutes)]


def _plain(markup: str) -> str | None:
    """The text of markup with no bold, italic or link in it; None when it has some."""
    pieces = minute_blocks.inline(markup)
    if any(bold or italic or link for _text, bold, italic, link in pieces):
        return None
    return "".join(text for text, *_rest in pieces)


def _typed_text(unit: Unit) -> str | None:
    """How the item's typed minutes hold this block, or None when they cannot."""
    if unit.level not in (None, Classification.WHITE):
        return None
    if unit.kind is BlockKind.PARAGRAPH:
        text = _plain(unit.content)
        # A paragraph that starts like a bullet would read back as one.
        return None if text is None or BULLET.match(text) else text
    if unit.kind is BlockKind.BULLETS:
        entries = [_plain(entry) for entry in unit.entries()]
        if any(entry is None for entry in entries):
            return None
        return "\n".join(f"- {entry}" for entry in entries)
    return None


def _split_typed(units: list[Unit]) -> tuple[str, list[Unit]]:
    typed: list[str] = []
    for index, unit in enumerate(units):
        text = _typed_text(unit)
        if text is None:
            return "\n\n".join(typed), units[index:]
        typed.append(text)
    return "\n\n".join(typed), []


# --- an item's minutes, read and written as one text -----------------------------------


def render(item: AgendaItem) -> str:
    """The item's minutes as one text, in the order they print."""
    units: list[Unit] = []
    for place in minute_blocks.sequence(item):
        if place.kind is BlockKind.TEXT:
            units += typed_units(item.minutes)
        elif place.kind is BlockKind.DECISION and place.decision is not None:
            units.append(Unit(BlockKind.DECISION, row_id=place.decision.id))
        elif place.kind is BlockKind.ACTION and place.action is not None:
            if place.action.meeting_id == item.meeting_id:
                units.append(Unit(BlockKind.ACTION, row_id=place.action.id))
        elif place.kind is BlockKind.NOTE:
            if item.post_meeting_note and item.post_meeting_note.strip():
                units.append(Unit(BlockKind.NOTE))
        elif place.kind is BlockKind.PAGE_BREAK:
            units.append(Unit(BlockKind.PAGE_BREAK))
        elif place.block is not None:
            units.append(Unit(place.kind, place.block.content, place.block.classification))
    return unparse(units)


def _key(unit: Unit) -> tuple[BlockKind, int | None]:
    return unit.kind, unit.row_id


def _wanted(item: AgendaItem, units: list[Unit]) -> list[Unit]:
    """The places the text gives, checked, and the item's decisions, actions and note it leaves out
    (at the end, the note last): the minutes editor never drops a decision by losing its place."""
    decisions = {d.id: d for d in item.decisions}
    raised = {a.id: a for a in item.actions if a.meeting_id == item.meeting_id}
    seen: set[tuple[BlockKind, int | None]] = set()
    wanted: list[Unit] = []
    for unit in units:
        if unit.kind is BlockKind.DECISION and unit.row_id not in decisions:
            raise ValidationError(f"Item {item.number} has no decision {unit.row_id}.")
        if unit.kind is BlockKind.ACTION and unit.row_id not in raised:
            raise ValidationError(f"Item {item.number} raised no action {unit.row_id}.")
        if unit.kind in (BlockKind.DECISION, BlockKind.ACTION, BlockKind.NOTE):
            if _key(unit) in seen:
                continue  # a place is held once
            seen.add(_key(unit))
            unit = replace(unit, level=None, content="")
        else:
            unit = replace(unit, content=minute_blocks.check_content(unit.kind, unit.content))
        wanted.append(unit)
    missing = [Unit(BlockKind.DECISION, row_id=d.id) for d in sorted(item.decisions, key=lambda d: d.position)]
    missing += [Unit(BlockKind.ACTION, row_id=a.id) for a in sorted(raised.values(), key=lambda a: a.reference)]
    wanted += [unit for unit in missing if _key(unit) not in seen]
    if (BlockKind.NOTE, None) not in seen:
        wanted.append(Unit(BlockKind.NOTE))
    return wanted


def _usual(item: AgendaItem, wanted: list[Unit]) -> bool:
    """The places alone, in the order an unarranged item prints them."""
    usual = [(place.kind, place.decision.id if place.decision else place.action.id if place.action else None)
             for place in minute_blocks.sequence_unarranged(item)]
    return [(BlockKind.TEXT, None), *(_key(u) for u in wanted)] == usual


def apply(session: Session, item: AgendaItem, text: str) -> None:
    """Make the item's minutes say `text`: its typed minutes and the order and content of its blocks."""
    typed, rest = _split_typed(parse(text))
    wanted = _wanted(item, rest)
    item.minutes = typed
    if _usual(item, wanted):
        for block in list(item.blocks):
            item.blocks.remove(block)  # delete-orphan: the item prints in its usual order again
        session.flush()
        return
    _write_blocks(session, item, wanted)


def _write_blocks(session: Session, item: AgendaItem, wanted: list[Unit]) -> None:
    """The item's block rows in the order `wanted` gives, its typed text first."""
    rows: dict[tuple[BlockKind, int | None], MinuteBlock] = {
        (b.kind, b.decision_id or b.action_id): b for b in item.blocks if b.kind not in minute_blocks.ADDED_KINDS
    }
    own = [b for b in sorted(item.blocks, key=lambda b: b.position) if b.kind in minute_blocks.ADDED_KINDS]
    decisions = {d.id: d for d in item.decisions}
    actions = {a.id: a for a in item.actions}

    def new(kind: BlockKind, **fields: object) -> MinuteBlock:
        block = MinuteBlock(item=item, kind=kind, **fields)
        session.add(block)
        return block

    ordered: list[MinuteBlock] = [rows.get((BlockKind.TEXT, None)) or new(BlockKind.TEXT)]
    own_units = [u for u in wanted if rows.get(_key(u)) is None and u.kind not in PLACE_KINDS - {BlockKind.PAGE_BREAK}]
    reused: dict[int, MinuteBlock] = {}  # id(unit) -> its row
    # An unchanged block keeps its row: no new sealing or search entry for text that stayed.
    for unit in own_units:
        level = unit.level or Classification.WHITE
        same = next((b for b in own if b.kind is unit.kind and b.content == unit.content
                     and b.classification is level), None)
        if same is not None:
            own.remove(same)
            reused[id(unit)] = same
    # A block whose words changed is the same block edited: its row is updated, not replaced,
    # so the audit trail says "edited" once rather than a removal and an addition every save.
    for unit in own_units:
        if id(unit) in reused:
            continue
        level = unit.level or Classification.WHITE
        edited = next((b for b in own if b.kind is unit.kind and b.classification is level), None)
        if edited is not None:
            own.remove(edited)
            edited.content = unit.content
            reused[id(unit)] = edited
    for unit in wanted:
        block = rows.get(_key(unit)) or reused.get(id(unit))
        if block is None and unit.kind not in PLACE_KINDS - {BlockKind.PAGE_BREAK}:
            block = new(unit.kind, content=unit.content, classification=unit.level or Classification.WHITE)
        elif block is None:
            block = new(unit.kind, decision=decisions.get(unit.row_id or -1) if unit.kind is BlockKind.DECISION
                        else None, action=actions.get(unit.row_id or -1) if unit.kind is BlockKind.ACTION else None)
        ordered.append(block)
    for block in list(item.blocks):
        if not any(block is kept for kept in ordered):
            item.blocks.remove(block)
    for position, block in enumerate(ordered):
        block.position = position
    item.blocks.sort(key=lambda b: b.position)
    session.flush()


def place_at(session: Session, item: AgendaItem, row: Decision | Action, at: int) -> None:
    """Put a decision or action made just now at block `at` (0-based) of the item's minutes text:
    where the minute-taker's cursor was, splitting typed paragraphs around it if need be."""
    kind = BlockKind.DECISION if isinstance(row, Decision) else BlockKind.ACTION
    units = [u for u in parse(render(item)) if _key(u) != (kind, row.id)]
    units.insert(max(0, min(at, len(units))), Unit(kind, row_id=row.id))
    apply(session, item, unparse(units))


def place_labels(item: AgendaItem) -> dict[str, str]:
    """What the editor shows in each place of the item's text: "decision 12" -> its sentence."""
    labels = {f"decision {d.id}": f"Decision: {d.verb.value} {d.text}" for d in item.decisions}
    labels |= {f"action {a.id}": f"ACTION {a.reference}: {a.text}" for a in item.actions
               if a.meeting_id == item.meeting_id}
    if item.post_meeting_note and item.post_meeting_note.strip():
        labels["note"] = f"Post Meeting Note: {' '.join(item.post_meeting_note.split())}"
    return labels


TEXT: Property[AgendaItem, str] = Property(AgendaItem, "minutes", render, apply)
