"""Every PDF style in one place: fonts, paragraph and table styles, page furniture.

Content code (pdf_writer) picks styles by role and never sets a font itself.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import TableStyle

from secdesk.documents.model import Document
from secdesk.paths import asset_dir
from secdesk.writers.stamping import issued_at

FONT = "Carlito"
BOLD = "Carlito-Bold"
ITALIC = "Carlito-Italic"
BOLD_ITALIC = "Carlito-BoldItalic"
INK = colors.HexColor("#1A1A1A")
ACCENT = colors.HexColor("#1F3864")  # headings and table headers
RULE = colors.HexColor("#8EA9DB")
FLAG = colors.HexColor("#FBE3E3")  # overdue rows
HEADER_FILL = colors.HexColor("#D9E2F3")
DRAFT_INK = colors.HexColor("#C00000")

MARGIN = 20 * mm
TOP_MARGIN = 28 * mm  # room for the marking above the text frame
BOTTOM_MARGIN = 24 * mm
# Table rows do not break across pages, except one taller than a page, which could not be
# placed at all otherwise (LayoutError): it breaks leaving at least this much (about three
# lines of cell text) on each side.
ROW_SPLIT_MIN = 40


@cache
def register_fonts() -> None:
    """Register the shipped open font (Carlito, metric-compatible with Calibri) so it is embedded."""
    folder = asset_dir("resources") / "fonts"
    for name in (FONT, BOLD, ITALIC, BOLD_ITALIC):
        file_name = "Carlito-Regular.ttf" if name == FONT else f"{name}.ttf"
        pdfmetrics.registerFont(TTFont(name, str(folder / file_name)))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC)


def page_size(document: Document) -> tuple[float, float]:
    size: tuple[float, float] = landscape(A4) if document.landscape else A4
    return size


@cache
def paragraph_styles() -> dict[str, ParagraphStyle]:
    """Styles by the roles of secdesk.documents.model."""
    register_fonts()
    body = ParagraphStyle(
        "body", fontName=FONT, bulletFontName=FONT, fontSize=11, leading=14.5, spaceAfter=7, textColor=INK
    )
    bullet = ParagraphStyle("bullet", parent=body, leftIndent=7 * mm, bulletIndent=2 * mm, spaceAfter=3)
    # Decisions are in the body's weight: only their runs' own marks make them bold.
    decision_bullet = ParagraphStyle("bullet_decision", parent=bullet)
    return {
        "body": body,
        "title": ParagraphStyle("title", parent=body, fontName=BOLD, fontSize=20, leading=24,
                                textColor=ACCENT, spaceAfter=4),
        "subtitle": ParagraphStyle("subtitle", parent=body, fontName=BOLD, fontSize=15, leading=19,
                                   textColor=ACCENT, spaceAfter=4),
        "meta": ParagraphStyle("meta", parent=body, spaceAfter=2),
        "status": ParagraphStyle("status", parent=body, fontName=BOLD, fontSize=13, leading=17,
                                 spaceBefore=6, spaceAfter=10),
        "heading1": ParagraphStyle("heading1", parent=body, fontName=BOLD, fontSize=13, leading=17,
                                   textColor=ACCENT, spaceBefore=10, spaceAfter=5, keepWithNext=1),
        "heading2": ParagraphStyle("heading2", parent=body, fontName=BOLD, fontSize=11.5, leading=15,
                                   textColor=ACCENT, spaceBefore=8, spaceAfter=3, keepWithNext=1),
        "decision": ParagraphStyle("decision", parent=body),
        "action": ParagraphStyle("action", parent=body, leftIndent=0),
        "note": ParagraphStyle("note", parent=body, fontName=ITALIC, leftIndent=6 * mm),
        "closing": ParagraphStyle("closing", parent=body, spaceBefore=6),
        "confidential": ParagraphStyle("confidential", parent=body, fontName=ITALIC),
        # An item's marking stays with its heading and the item's first paragraph.
        "item_marking": ParagraphStyle("item_marking", parent=body, fontName=BOLD, fontSize=9.5,
                                       textColor=colors.HexColor("#7F6000"), keepWithNext=1),
        "bullet": bullet,
        "bullet_decision": decision_bullet,
        # A list's last item: the paragraph after the list stands apart as paragraphs do.
        "bullet_last": ParagraphStyle("bullet_last", parent=bullet, spaceAfter=body.spaceAfter),
        "bullet_decision_last": ParagraphStyle("bullet_decision_last", parent=decision_bullet,
                                               spaceAfter=body.spaceAfter),
        "cell": ParagraphStyle("cell", parent=body, fontSize=9.5, leading=12, spaceAfter=2),
        "cell_header": ParagraphStyle("cell_header", parent=body, fontName=BOLD, fontSize=9.5,
                                      leading=12, spaceAfter=0, textColor=ACCENT),
        "layout_cell": ParagraphStyle("layout_cell", parent=body, spaceAfter=0),
        "layout_header": ParagraphStyle("layout_header", parent=body, fontName=BOLD, spaceAfter=0,
                                        textColor=ACCENT),
        "marking": ParagraphStyle("marking", parent=body, fontName=BOLD, fontSize=9, alignment=TA_CENTER),
    }


def table_style(role: str, flagged: frozenset[int]) -> TableStyle:
    # Cells hold paragraphs; the table's own font is set only so no base-14 font is referenced.
    base = [("FONTNAME", (0, 0), (-1, -1), FONT)]
    if role == "layout":
        commands = [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LINEBELOW", (0, 0), (-1, 0), 0.6, RULE),
            ("TOPPADDING", (0, 0), (-1, -1), 1),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
        ]
    else:
        commands = [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("GRID", (0, 0), (-1, -1), 0.5, RULE),
            ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ]
        # Data rows start at table row 1, under the header.
        commands += [("BACKGROUND", (0, index + 1), (-1, index + 1), FLAG) for index in sorted(flagged)]
    return TableStyle(base + commands)


def draw_page_furniture(canvas: Canvas, document: Document) -> None:
    """Marking in header and footer, the meeting identifier, and DRAFT, on every page."""
    width, height = page_size(document)
    marking = document.marking
    canvas.saveState()
    for y in (height - 14 * mm, 10 * mm):
        _marking_box(canvas, marking.text, marking.fill, marking.ink, width / 2, y)
    canvas.setFont(FONT, 9)
    canvas.setFillColor(INK)
    canvas.drawString(MARGIN, 10 * mm + 2, document.identifier)
    if document.draft:
        canvas.setFont(BOLD, 12)
        canvas.setFillColor(DRAFT_INK)
        canvas.drawRightString(width - MARGIN, height - 14 * mm + 2, "DRAFT")
        # A faint diagonal watermark, drawn before the page's content so text stays on top.
        canvas.setFont(BOLD, 110)
        canvas.setFillColor(colors.Color(0.75, 0.0, 0.0, alpha=0.07))
        canvas.translate(width / 2, height / 2)
        canvas.rotate(45)
        canvas.drawCentredString(0, -40, "DRAFT")
    canvas.restoreState()


def _marking_box(canvas: Canvas, text: str, fill: str, ink: str, x: float, y: float) -> None:
    text_width = pdfmetrics.stringWidth(text, BOLD, 9)
    canvas.setFillColor(colors.HexColor("#" + fill))
    canvas.setStrokeColor(colors.black)
    canvas.setLineWidth(0.6)
    canvas.rect(x - text_width / 2 - 6, y - 3, text_width + 12, 14, stroke=1, fill=1)
    canvas.setFillColor(colors.HexColor("#" + ink))
    canvas.setFont(BOLD, 9)
    canvas.drawCentredString(x, y + 1, text)


def numbered_canvas(document: Document) -> type[Canvas]:
    """A canvas that writes 'Page X of Y' once it knows how many pages there are.

    Its file is dated when the document was issued; with the template's invariant mode
    (no clock, no random ID) the same document gives the same bytes.
    """
    width, _height = page_size(document)
    stamp = issued_at(document).strftime("D:%Y%m%d%H%M%S+00'00'")

    class NumberedCanvas(Canvas):  # type: ignore[misc]  # reportlab has no type hints: Canvas is Any
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []
            # Invariant mode alone would date every file 1 January 2000.
            self.setDateFormatter(lambda *_clock: stamp)
            self._doc.updateSignature(stamp)  # the file's ID: its content and its date

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._doc.pageCounter += 1  # so a bookmark on the next page names that page
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            self._doc.pageCounter -= total  # the pages are numbered again as they are written
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                self.setFont(FONT, 9)
                self.setFillColor(INK)
                self.drawRightString(width - MARGIN, 10 * mm + 2, f"Page {number} of {total}")
                super().showPage()
            super().save()

    return NumberedCanvas
