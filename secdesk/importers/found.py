"""What the minutes parser found: a tree of plain dataclasses, each element with a
confidence (0-1) and the source line numbers it came from.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any


@dataclass
class ParsedHeading:
    committee_name: str | None = None
    number: int | None = None
    identifier: str | None = None
    date: date | None = None
    venue: str | None = None
    minutes_status: str | None = None
    # The level the document states of itself ("This document has a Classification of Amber").
    classification: str | None = None
    confidence: float = 0.0
    lines: list[int] = field(default_factory=list)


@dataclass
class ParsedAttendee:
    name: str
    capacity: str  # a Capacity value
    status: str = "present"  # an AttendanceStatus value
    seat_category: str | None = None
    representing: str | None = None
    alternate_for: str | None = None
    is_chair: bool = False
    part: bool = False
    confidence: float = 0.8
    lines: list[int] = field(default_factory=list)


@dataclass
class ParsedDecision:
    verb: str
    text: str
    confidence: float = 0.9
    lines: list[int] = field(default_factory=list)


@dataclass
class ParsedAction:
    reference: str
    owner: str
    text: str
    due: date | None = None
    confidence: float = 0.9
    lines: list[int] = field(default_factory=list)


@dataclass
class ParsedReview:
    """One row of the Actions Outstanding table; several references can share it."""

    references: list[str]
    action_text: str
    update: str
    status: str  # "ongoing", "closed", or "" when the row states none
    confidence: float = 0.8
    lines: list[int] = field(default_factory=list)


@dataclass
class ParsedBlock:
    """One place in an item's minutes, in the order the minutes give them.

    `kind` is a block kind ("paragraph", "heading", "bullets", "numbered", "table",
    "decision", "action", "note") or "outstanding", where the Actions Outstanding table
    stands. `content` is the block's own text as a block stores it: a paragraph's inline
    markup (**bold**, *italic*, [label](https://...), other signs escaped), a heading's
    text, a list's entries one a line, a table's rows as JSON (the first the header).
    A decision or action place holds the element it stands for (`element`), so a row the
    secretary leaves out of the import leaves its place out too.
    """

    kind: str
    content: str = ""
    lines: list[int] = field(default_factory=list)
    element: ParsedDecision | ParsedAction | None = field(default=None, repr=False, compare=False)

    def to_json(self, item: ParsedItem) -> dict[str, Any]:
        found: dict[str, Any] = {"kind": self.kind, "lines": list(self.lines)}
        if self.content:
            found["content"] = self.content
        if isinstance(self.element, ParsedDecision):
            found["decision"] = next(
                (i for i, d in enumerate(item.decisions) if d is self.element), None
            )
        elif isinstance(self.element, ParsedAction):
            found["action"] = self.element.reference
        return found


@dataclass
class ParsedItem:
    number: int
    title: str
    section: str = "main"  # a Section value
    kind: str = "normal"  # an ItemKind value
    minutes: str = ""
    confidential: bool = False
    post_meeting_note: str | None = None
    decisions: list[ParsedDecision] = field(default_factory=list)
    actions: list[ParsedAction] = field(default_factory=list)
    # The item's minutes in their order; empty for an item built by hand, which is then
    # written as its minutes, decisions, actions and note.
    blocks: list[ParsedBlock] = field(default_factory=list)
    confidence: float = 0.9
    lines: list[int] = field(default_factory=list)


@dataclass
class ParsedMinutes:
    source: str
    heading: ParsedHeading
    attendees: list[ParsedAttendee] = field(default_factory=list)
    items: list[ParsedItem] = field(default_factory=list)
    reviews: list[ParsedReview] = field(default_factory=list)
    previous_minutes_note: str | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def actions(self) -> list[ParsedAction]:
        return [action for item in self.items for action in item.actions]

    @property
    def decisions(self) -> list[ParsedDecision]:
        return [decision for item in self.items for decision in item.decisions]

    def to_json(self) -> dict[str, Any]:
        found = _plain(asdict(self))
        for item, item_json in zip(self.items, found["items"], strict=True):
            # A place names its decision (by index) or action (by reference), not a copy of it.
            item_json["blocks"] = [block.to_json(item) for block in item.blocks]
        return found


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    return value
