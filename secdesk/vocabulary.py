"""Controlled vocabularies of the secretariat, and the house format of meeting identifiers.

Plain Python with no database import: the window reads these before SQLAlchemy loads.
"""

from __future__ import annotations

import enum
from datetime import date

from secdesk import glossary


class Classification(enum.StrEnum):
    """Panel Information Policy levels, in increasing order of restriction."""

    WHITE = "white"
    GREEN = "green"
    AMBER = "amber"
    RED = "red"

    @property
    def rank(self) -> int:
        return _RANK[self]

    def allows(self, other: Classification) -> bool:
        """True when content at `other` may appear in a document at this level."""
        return other.rank <= self.rank

    @property
    def label(self) -> str:
        return self.value.capitalize()

    @classmethod
    def highest(cls, *levels: Classification | None) -> Classification:
        """The most restrictive of `levels` (White when none is given): the one rule for combining levels."""
        return max((level for level in levels if level is not None), key=lambda level: level.rank, default=cls.WHITE)

    @classmethod
    def parse(cls, text: str) -> Classification:
        try:
            return cls(text.strip().lower())
        except ValueError:
            names = ", ".join(c.value for c in cls)
            from secdesk.errors import ValidationError

            raise ValidationError(f"Unknown classification {text!r}; use one of {names}.") from None


_RANK = {Classification.WHITE: 0, Classification.GREEN: 1, Classification.AMBER: 2, Classification.RED: 3}
# Traffic Light Protocol colours (RRGGBB): the fill of a level's marking and ink readable on it.
# The documents print them; the window shows the same.
LEVEL_COLOURS = {
    Classification.WHITE: ("FFFFFF", "000000"),
    Classification.GREEN: ("33FF00", "000000"),
    Classification.AMBER: ("FFC000", "000000"),
    Classification.RED: ("FF2B2B", "FFFFFF"),
}
# What each level means, as the Panel Information Policy puts it.
LEVEL_MEANINGS = {
    Classification.WHITE: "may be published",
    Classification.GREEN: "community",
    Classification.AMBER: "limited circulation",
    Classification.RED: "named recipients only",
}


class MemberRole(enum.StrEnum):
    CHAIR = "chair"
    MEMBER = "member"
    ALTERNATE = "alternate"
    OBSERVER = "observer"


class MeetingStatus(enum.StrEnum):
    PLANNED = "planned"
    AGENDA_ISSUED = "agenda_issued"
    HELD = "held"
    DRAFT_CIRCULATED = "draft_circulated"
    FINAL = "final"

    @property
    def label(self) -> str:
        """As the meeting page, dialogs and the command line say it (secdesk.glossary)."""
        return glossary.MEETING_STATUS[self.value]

    @property
    def short_label(self) -> str:
        """As the navigator says it, one line per meeting."""
        return glossary.MEETING_STATUS_SHORT[self.value]


class AttendanceStatus(enum.StrEnum):
    PRESENT = "present"
    APOLOGIES = "apologies"
    ABSENT = "absent"


class Capacity(enum.StrEnum):
    MEMBER = "member"
    ALTERNATE = "alternate"
    OBSERVER = "observer"
    PARTICIPANT = "participant"
    SECRETARIAT = "secretariat"
    MEETING_SECRETARY = "meeting_secretary"


class Section(enum.StrEnum):
    MAIN = "main"
    AOB = "aob"
    INFORMATION = "information"


class Purpose(enum.StrEnum):
    DECISION = "decision"
    DISCUSSION = "discussion"
    INFORMATION = "information"

    @property
    def label(self) -> str:
        return glossary.PURPOSE[self.value]


class ItemKind(enum.StrEnum):
    """Standing items with behaviour of their own."""

    NORMAL = "normal"
    MINUTES_AND_ACTIONS = "minutes_and_actions"
    RISK_REGISTER = "risk_register"
    ACTIVITY_PLANNER = "activity_planner"


class BlockKind(enum.StrEnum):
    """What one block of an item's minutes is; the item's blocks are printed in their order."""

    TEXT = "text"  # the item's own minutes, as typed live (paragraphs and bullets)
    PARAGRAPH = "paragraph"  # a paragraph of its own (bold, italic and links inside)
    HEADING = "heading"  # a sub-heading within the item
    BULLETS = "bullets"
    NUMBERED = "numbered"
    TABLE = "table"  # a header row and rows of cells of text
    DECISION = "decision"  # one of the item's decisions, where it falls
    ACTION = "action"  # one of the actions raised in the item, where it falls
    NOTE = "note"  # the item's post-meeting note, where it falls
    PAGE_BREAK = "page_break"


# The kinds whose text is the block's own (the others print a row they point to).
OWN_TEXT_KINDS = frozenset({BlockKind.PARAGRAPH, BlockKind.HEADING, BlockKind.BULLETS, BlockKind.NUMBERED,
                            BlockKind.TABLE})


class DecisionVerb(enum.StrEnum):
    NOTED = "NOTED"
    AGREED = "AGREED"
    APPROVED = "APPROVED"
    DISCUSSED = "DISCUSSED"
    SUPPORTED = "SUPPORTED"
    REJECTED = "REJECTED"
    DEFERRED = "DEFERRED"
    ENDORSED = "ENDORSED"
    RECOMMENDED = "RECOMMENDED"


class ActionStatus(enum.StrEnum):
    OPEN = "open"
    ONGOING = "ongoing"
    CLOSED = "closed"

    @property
    def is_open(self) -> bool:
        return self is not ActionStatus.CLOSED


def file_code(committee_code: str) -> str:
    """The committee code as it appears in identifiers and references (no spaces)."""
    return committee_code.replace(" ", "")


def meeting_identifier(file_code: str, number: int, day: date | None) -> str:
    """`SECP_30_1103`: code, number and day-month; `TABASC_9` for a meeting whose day is not known."""
    return f"{file_code}_{number}_{day:%d%m}" if day else f"{file_code}_{number}"
