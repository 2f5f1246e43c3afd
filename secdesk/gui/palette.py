"""The window's text colours, each readable on what it is drawn on (WCAG contrast 4.5:1 or more).

A colour never says something alone: a dimmed row also says why in words ("closed",
"(overdue)", "[AMBER]"); these colours only make it quicker to see.
"""

from __future__ import annotations

from secdesk.vocabulary import LEVEL_COLOURS

WINDOW = "#efefef"  # Qt's Fusion window background, behind labels
BASE = "#ffffff"  # behind table and list rows
DIMMED = "#5f5f5f"  # a closed risk, a planned item dealt with
ABSENT = "#5f5f5f"  # an attendee not in the room (the list also says "(absent)")
HINT = "#555555"  # key hints and help under a field
PROBLEM = "#b71c1c"  # what is wrong with a value, said under its field
OUTLINE = "#767676"  # the edge of a chip or box that is not text (3:1 or more on white and the window)
OVERDUE = "#7f0000"  # an action past its due date (its status also says "(overdue)")
MINIMUM = 4.5


def _luminance(colour: str) -> float:
    value = colour.lstrip("#")
    channels = [int(value[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(ink: str, fill: str) -> float:
    lighter, darker = sorted((_luminance(ink), _luminance(fill)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def readable(ink: str, fill: str) -> str:
    """`ink` if it can be read on `fill`, else black or white, whichever reads better."""
    if contrast(ink, fill) >= MINIMUM:
        return ink
    return "#000000" if contrast("#000000", fill) >= contrast("#ffffff", fill) else "#ffffff"


# Behind a row: the view's own base, or the fill of its level above White.
ROW_FILLS = (BASE, *(f"#{fill}" for fill, _ink in LEVEL_COLOURS.values()))
