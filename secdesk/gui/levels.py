"""Classification levels as the window shows them: their names, colours and chips, in one place.

The window offers every level the exports support (`Classification`, least restrictive
first) and shows each in the colours the documents print (`vocabulary.LEVEL_COLOURS`).
Views carry a level as a `Classification`; these functions also take a level's value
("amber"), which is what a Qt item's data hands back.
"""

from __future__ import annotations

from PySide6.QtGui import QBrush, QColor

from secdesk.gui.palette import BASE, readable
from secdesk.vocabulary import LEVEL_COLOURS, LEVEL_MEANINGS, Classification

LEVELS = tuple(Classification)
LEVEL_LABELS = {level: level.label for level in LEVELS}
# For exports: the level and what it means, e.g. "Amber (limited circulation)".
EXPORT_LEVEL_LABELS = {level: f"{level.label} ({LEVEL_MEANINGS[level]})" for level in LEVELS}
LEVEL_COLOURS_HEX = {level: (f"#{fill}", f"#{ink}") for level, (fill, ink) in LEVEL_COLOURS.items()}


def colours(level: Classification | str) -> tuple[str, str]:
    """(fill, ink) as #RRGGBB: the documents' fill, with an ink that reads on it (Red's white does not)."""
    fill, ink = LEVEL_COLOURS_HEX[Classification(level)]
    return fill, readable(ink, fill)


def ink(colour: str, level: Classification | str) -> QBrush:
    """Text of `colour` on a row of `level`, darkened or lightened where the row's fill would hide it."""
    fill = BASE if level == Classification.WHITE else colours(level)[0]
    return QBrush(QColor(readable(colour, fill)))


def brush(level: Classification | str) -> QBrush | None:
    """The background of a row above White; White rows keep the view's own."""
    return None if level == Classification.WHITE else QBrush(QColor(colours(level)[0]))


def tag(level: Classification | str) -> str:
    """What marks a row above White in a list or a table, e.g. "[AMBER]"; nothing for White."""
    return "" if level == Classification.WHITE else f"[{Classification(level).label.upper()}]"


def toggled(level: Classification) -> Classification:
    """The confidential switch (Ctrl+Shift+C): White becomes Amber, anything above White becomes White."""
    return Classification.AMBER if level == Classification.WHITE else Classification.WHITE


def chip_style(level: Classification | str) -> str:
    fill, ink = colours(level)
    return f"background: {fill}; color: {ink}; border: 1px solid #999; border-radius: 9px; padding: 2px 10px;" \
        " font-weight: 600;"
