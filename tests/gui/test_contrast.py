"""Issue 18, accessibility: text is readable on what it is drawn on, sized by the user, and never colour alone.

Contrast is WCAG's (4.5:1 for text). The inks are the ones the window's models and
stylesheets really use, each on every row fill it can meet.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from secdesk.gui import levels, palette
from secdesk.gui.live.actions_log import REFUSED_INK
from secdesk.gui.live.review import STATUS_INK, ReviewModel
from secdesk.gui.models import STATUS_COLOURS
from secdesk.gui.registers.models import RAG_FILL, RAG_INK, RiskTableModel
from secdesk.vocabulary import LEVEL_COLOURS, Classification

pytestmark = pytest.mark.gui

GUI = Path(levels.__file__).parent
ROW_INKS = [palette.DIMMED, palette.ABSENT, palette.OVERDUE, REFUSED_INK, *STATUS_INK.values(),
            *STATUS_COLOURS.values()]


@pytest.mark.parametrize("level", list(Classification))
def test_every_row_ink_reads_on_every_levels_fill(level: Classification) -> None:
    fill = palette.BASE if level is Classification.WHITE else levels.colours(level)[0]
    for ink in ROW_INKS:
        shown = levels.ink(ink, level).color().name()
        assert palette.contrast(shown, fill) >= 4.5, (ink, level, shown)


@pytest.mark.parametrize("level", list(Classification))
def test_level_chips_read_in_their_own_colours(level: Classification) -> None:
    fill, ink = levels.colours(level)
    assert palette.contrast(ink, fill) >= 4.5
    assert fill.upper().lstrip("#") == LEVEL_COLOURS[level][0]  # the documents' own fill


def test_rag_cells_and_the_windows_own_text_colours_read() -> None:
    for rag, fill in RAG_FILL.items():
        assert palette.contrast(RAG_INK[rag], fill) >= 4.5, rag
    # Every text colour a stylesheet or rich text label sets, on the window's background and on white.
    used = set()
    for source in GUI.rglob("*.py"):
        text = source.read_text(encoding="utf-8")
        for match in re.finditer(r"(?<![-\w])color:\s*(#[0-9a-fA-F]{6}|#[0-9a-fA-F]{3})\b", text):
            used.add(match.group(1))
    assert used, "no colours found: the pattern is wrong"
    for colour in used:
        full = colour if len(colour) == 7 else "#" + "".join(c * 2 for c in colour[1:])
        assert palette.contrast(full, palette.WINDOW) >= 4.5, colour
    # Text colours set in code on rows and cells, on the row's white.
    inks = {m.group(1) for source in GUI.rglob("*.py") if "forms" not in source.parts
            for m in re.finditer(r"(?:setForeground|QBrush)\(QColor\(\"(#[0-9a-fA-F]{6})\"\)",
                                 source.read_text(encoding="utf-8"))}
    for colour in inks:
        assert palette.contrast(colour, palette.BASE) >= 4.5, colour
    for edge in (palette.OUTLINE,):
        assert min(palette.contrast(edge, palette.BASE), palette.contrast(edge, palette.WINDOW)) >= 3


def test_no_fixed_pixel_font_sizes() -> None:
    fixed = [f"{source.name}: {m.group(0)}" for source in GUI.rglob("*.py") if "forms" not in source.parts
             for m in re.finditer(r"font-size:\s*\d+px", source.read_text(encoding="utf-8"))]
    assert fixed == []


def test_a_closed_risk_and_an_amber_action_say_so_in_words() -> None:
    from types import SimpleNamespace

    from secdesk.model.registers import Rag, RiskStatus

    risks = RiskTableModel()
    risks.rows = [SimpleNamespace(
        id=1, number=3, description="Supplier readiness", likelihood=2, impact=3, severity=6, rag=Rag.AMBER,
        override=None, owner="SECAS", classification=Classification.WHITE, status=RiskStatus.CLOSED,
    )]
    assert risks.data(risks.index(0, 1)) == "Supplier readiness (closed)"

    from secdesk.model import ActionStatus

    review = ReviewModel()
    review.rows = [SimpleNamespace(reference="TABASC46/02", text="SECAS to ...", due=None, update="",
                                   status=ActionStatus.OPEN, classification=Classification.AMBER)]
    assert review.data(review.index(0, 0)) == "TABASC46/02 [AMBER]"
