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
        return _plain(asdict(self))


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    return value
