"""The neutral classified document: plain blocks that every writer renders the same way.

A builder produces a Document holding only content allowed at its classification;
writers never see anything else and never touch the database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class Run:
    """A stretch of text with one emphasis."""

    text: str
    bold: bool = False
    italic: bool = False
    link: str | None = None  # a web address the text points to


Line = tuple[Run, ...]


def plain(text: str) -> Line:
    return (Run(text),)


# Paragraph roles; each writer maps a role to one named style.
BODY = "body"
DECISION = "decision"
ACTION = "action"
NOTE = "note"
CLOSING = "closing"
CONFIDENTIAL = "confidential"
ITEM_MARKING = "item_marking"
META = "meta"
TITLE = "title"
SUBTITLE = "subtitle"
STATUS = "status"


@dataclass(frozen=True)
class Heading:
    """An item or section heading; level 1 headings become PDF bookmarks."""

    text: str
    level: int = 1


@dataclass(frozen=True)
class Paragraph:
    runs: Line
    role: str = BODY


@dataclass(frozen=True)
class Bullets:
    items: tuple[Line, ...]
    role: str = BODY
    numbered: bool = False  # 1. 2. 3. instead of bullets


@dataclass(frozen=True)
class PageBreak:
    """Where the secretary wants the next page to begin."""


@dataclass(frozen=True)
class Cell:
    """A table cell: one or more lines, optionally on a coloured fill (hex RGB, e.g. RAG status)."""

    lines: tuple[Line, ...]
    fill: str | None = None

    @classmethod
    def of(cls, *texts: str, bold: bool = False) -> Cell:
        return cls(tuple((Run(t, bold=bold),) for t in texts))

    @property
    def text(self) -> str:
        return "\n".join("".join(r.text for r in line) for line in self.lines)


@dataclass(frozen=True)
class Table:
    """A table; widths are relative; `flagged` rows are highlighted (e.g. overdue)."""

    headers: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    widths: tuple[float, ...]
    role: str = "grid"  # "grid" (ruled, header row) or "layout" (attendance lists, no rules)
    flagged: frozenset[int] = frozenset()


@dataclass(frozen=True)
class Image:
    """A picture (PNG bytes) drawn from the document's own content, with a caption."""

    png: bytes
    width_mm: float
    caption: str


Block = Heading | Paragraph | Bullets | Table | Image | PageBreak


@dataclass(frozen=True)
class Marking:
    """The classification statement carried on every page."""

    level: str  # "White", "Amber", ...
    text: str  # "This document has a Classification of White"
    fill: str  # hex RGB of the level's colour
    ink: str  # hex RGB of text readable on that fill


@dataclass(frozen=True)
class Document:
    kind: str  # "minutes", "agenda", "action_log"
    title: str  # used in properties; never holds content above the level
    subject: str
    author: str  # the committee's secretariat
    identifier: str  # printed in the footer
    marking: Marking
    file_stem: str  # e.g. TABASC_46_1910_Draft_Minutes_WHITE
    draft: bool = False
    landscape: bool = False
    blocks: tuple[Block, ...] = field(default_factory=tuple)
    # When it was issued (final minutes: when they were agreed); the writers stamp it as the
    # file's creation date, so the same document gives the same file. None: the moment of writing.
    issued: datetime | None = None

    def text(self) -> str:
        """Everything the document says, for tests and searches."""
        parts: list[str] = [self.title, self.subject, self.author, self.identifier, self.marking.text]
        for block in self.blocks:
            if isinstance(block, Heading):
                parts.append(block.text)
            elif isinstance(block, Paragraph):
                parts.append("".join(r.text for r in block.runs))
            elif isinstance(block, Bullets):
                parts.extend("".join(r.text for r in line) for line in block.items)
            elif isinstance(block, Image):
                parts.append(block.caption)
            elif isinstance(block, PageBreak):
                continue
            else:
                parts.extend(block.headers)
                parts.extend(cell.text for row in block.rows for cell in row)
        return "\n".join(parts)
