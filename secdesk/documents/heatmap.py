"""The risk heat map: a likelihood x impact grid with risk numbers, drawn as a PNG.

Pillow comes with reportlab; the font is the Carlito shipped in resources/, so
the picture looks the same everywhere. Each cell is coloured by the RAG its
severity gives and also carries the numbers in text, for black-and-white prints.
"""

from __future__ import annotations

from collections.abc import Callable
from io import BytesIO

from PIL import Image, ImageDraw, ImageFont

from secdesk.paths import asset_dir

RAG_FILL = {"red": "#F4B6B0", "amber": "#FFE08A", "green": "#B9DFB0"}
RAG_INK = {"red": "#8B0000", "amber": "#6B4E00", "green": "#1E5B1E"}
CELL = 120
MARGIN_LEFT, MARGIN_BOTTOM, MARGIN_TOP = 150, 110, 20


def _font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    name = "Carlito-Bold.ttf" if bold else "Carlito-Regular.ttf"
    return ImageFont.truetype(str(asset_dir("resources") / "fonts" / name), size)


def draw(grid: dict[tuple[int, int], list[int]], rag_of_severity: Callable[[int], str]) -> bytes:
    """`grid` maps (likelihood, impact) to risk numbers; `rag_of_severity(s)` gives 'red'/'amber'/'green'."""
    width = MARGIN_LEFT + 5 * CELL + 20
    height = MARGIN_TOP + 5 * CELL + MARGIN_BOTTOM
    picture = Image.new("RGB", (width, height), "white")
    pen = ImageDraw.Draw(picture)
    small, numbers, label = _font(26), _font(34, bold=True), _font(30, bold=True)
    for likelihood in range(1, 6):
        for impact in range(1, 6):
            left = MARGIN_LEFT + (impact - 1) * CELL
            top = MARGIN_TOP + (5 - likelihood) * CELL
            rag = rag_of_severity(likelihood * impact)
            pen.rectangle([left, top, left + CELL, top + CELL], fill=RAG_FILL[rag], outline="#555555", width=2)
            pen.text((left + 8, top + 6), str(likelihood * impact), font=small, fill="#555555")
            text = ", ".join(str(n) for n in sorted(grid.get((likelihood, impact), [])))
            if text:
                pen.text((left + CELL / 2, top + CELL / 2 + 8), text, font=numbers, fill=RAG_INK[rag], anchor="mm")
    for score in range(1, 6):
        pen.text((MARGIN_LEFT - 20, MARGIN_TOP + (5 - score) * CELL + CELL / 2), str(score), font=small,
                 fill="black", anchor="rm")
        pen.text((MARGIN_LEFT + (score - 1) * CELL + CELL / 2, MARGIN_TOP + 5 * CELL + 20), str(score),
                 font=small, fill="black", anchor="mt")
    pen.text((MARGIN_LEFT + 5 * CELL / 2, height - 30), "Impact", font=label, fill="black", anchor="mm")
    rotated = Image.new("RGBA", (5 * CELL, 50), (255, 255, 255, 0))
    ImageDraw.Draw(rotated).text((5 * CELL / 2, 25), "Likelihood", font=label, fill="black", anchor="mm")
    rotated = rotated.rotate(90, expand=True)
    picture.paste(rotated, (20, MARGIN_TOP), rotated)
    out = BytesIO()
    picture.save(out, "PNG", optimize=True)
    return out.getvalue()
