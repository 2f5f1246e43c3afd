"""Classification levels as the window shows them: their names, colours and chips, in one place.

The window offers every level the exports support (`Classification`, least restrictive
first) and shows each in the colours the documents print (`vocabulary.LEVEL_COLOURS`).
Views carry a level as its value ("white", "amber"); anything else is refused by the core.
"""

from __future__ import annotations

from PySide6.QtGui import QBrush, QColor

from secdesk.vocabulary import LEVEL_COLOURS, LEVEL_MEANINGS, Classification

LEVELS = tuple(Classification)
LEVEL_LABELS = {level.value: level.label for level in LEVELS}
# For exports: the level and what it means, e.g. "Amber (limited circulation)".
EXPORT_LEVEL_LABELS = {level.value: f"{level.label} ({LEVEL_MEANINGS[level]})" for level in LEVELS}
LEVEL_COLOURS_HEX = {level.value: (f"#{fill}", f"#{ink}") for level, (fill, ink) in LEVEL_COLOURS.items()}


def colours(level: str) -> tuple[str, str]:
    """(fill, ink) as #RRGGBB for a level's value."""
    return LEVEL_COLOURS_HEX[level]


def brush(level: str) -> QBrush | None:
    """The background of a row above White; White rows keep the view's own."""
    return None if level == Classification.WHITE.value else QBrush(QColor(colours(level)[0]))


def tag(level: str) -> str:
    """What marks a row above White in a list or a table, e.g. "[AMBER]"; nothing for White."""
    return "" if level == Classification.WHITE.value else f"[{LEVEL_LABELS[level].upper()}]"


def chip_style(level: str) -> str:
    fill, ink = colours(level)
    return f"background: {fill}; color: {ink}; border: 1px solid #999; border-radius: 9px; padding: 2px 10px;" \
        " font-weight: 600;"
