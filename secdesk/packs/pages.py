"""Pages SecDesk draws for a pack: the cover with contents, notices in place of a paper, and the stamps.

Styles, fonts and the marking come from secdesk.writers.pdf_styles, so pack pages look
like the minutes and agenda around them.
"""

from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Spacer,
    TableStyle,
)
from reportlab.platypus import Paragraph as PdfParagraph
from reportlab.platypus import Table as PdfTable

from secdesk.documents.common import marking_for
from secdesk.documents.model import Document, Marking
from secdesk.packs.plan import PackPlan
from secdesk.writers import pdf_styles


@dataclass(frozen=True)
class ContentsLine:
    number: str  # "1", "2", ... or "" for a file within a paper
    text: str
    below: str  # a second, quieter line: "Item 5, paper TABASC_46_1910_01"
    detail: str  # "For Decision", "Amber, not included", ...
    page: int


@dataclass(frozen=True)
class Stamp:
    """What goes on one page of the combined PDF."""

    width: float
    height: float
    left: str  # e.g. "Paper TABASC_46_1910_03"
    marking: Marking | None  # drawn on pages SecDesk did not draw (a paper's own pages)


def frame_document(plan: PackPlan) -> Document:
    """A document carrying only the page furniture of pack pages (marking, identifier)."""
    return Document(
        kind="pack",
        title=plan.title,
        subject=f"{plan.committee_name}: {plan.kind.label.lower()}",
        author=plan.secretariat,
        identifier=plan.identifier,
        marking=marking_for(plan.level),
        file_stem=plan.stem,
    )


def _render(plan: PackPlan, story: list[Flowable]) -> bytes:
    document = frame_document(plan)
    buffer = BytesIO()
    template = BaseDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=pdf_styles.MARGIN,
        rightMargin=pdf_styles.MARGIN,
        topMargin=pdf_styles.TOP_MARGIN,
        bottomMargin=pdf_styles.BOTTOM_MARGIN,
        title=document.title,
        author=document.author,
        subject=document.subject,
        creator=document.author,
        producer="SecDesk",
        keywords=document.marking.text,
        initialFontName=pdf_styles.FONT,
    )
    frame = Frame(template.leftMargin, template.bottomMargin, template.width, template.height, id="body")
    template.addPageTemplates(
        [PageTemplate(id="page", frames=[frame], onPage=lambda c, _d: pdf_styles.draw_page_furniture(c, document))]
    )
    template.build(story)
    return buffer.getvalue()


def cover_pdf(plan: PackPlan, contents: list[ContentsLine], notes: list[str]) -> bytes:
    styles = pdf_styles.paragraph_styles()
    story: list[Flowable] = [
        Spacer(1, 18 * mm),
        PdfParagraph(escape(plan.committee_name), styles["title"]),
        PdfParagraph(escape(f"{plan.committee_code} Meeting {plan.meeting_number}"), styles["subtitle"]),
        Spacer(1, 4 * mm),
        PdfParagraph(escape(plan.kind.label), styles["status"]),
        PdfParagraph(escape(f"Meeting {plan.identifier}, {plan.when}"), styles["meta"]),
    ]
    if plan.venue:
        story.append(PdfParagraph(escape(plan.venue), styles["meta"]))
    story += [
        PdfParagraph(escape(f"Issued by {plan.secretariat}"), styles["meta"]),
        PdfParagraph(escape(f"Classification of this pack: {plan.level.label}"), styles["meta"]),
        Spacer(1, 8 * mm),
        PdfParagraph("Contents", styles["heading1"]),
    ]
    width = A4[0] - 2 * pdf_styles.MARGIN
    rows = [[PdfParagraph("No.", styles["cell_header"]), PdfParagraph("Document", styles["cell_header"]),
             PdfParagraph("", styles["cell_header"]), PdfParagraph("Page", styles["cell_header"])]]
    for line in contents:
        text = escape(line.text)
        if line.below:
            text += f'<br/><font size="8.5" color="#595959">{escape(line.below)}</font>'
        rows.append([
            PdfParagraph(escape(line.number), styles["cell"]),
            PdfParagraph(text, styles["cell"] if line.number else _indented(styles["cell"])),
            PdfParagraph(escape(line.detail), styles["cell"]),
            PdfParagraph(str(line.page), _right(styles["cell"])),
        ])
    table = PdfTable(rows, colWidths=[width * w for w in (0.07, 0.61, 0.2, 0.12)], repeatRows=1, hAlign="LEFT")
    table.setStyle(pdf_styles.table_style("layout", frozenset()))
    story.append(table)
    if notes:
        story.append(Spacer(1, 6 * mm))
        story.append(KeepTogether([PdfParagraph(escape(note), styles["note"]) for note in notes]))
    return _render(plan, story)


def notice_pdf(plan: PackPlan, heading: str, below: str, lines: list[str]) -> bytes:
    """One page standing in for something the combined PDF does not carry, said in a framed box."""
    styles = pdf_styles.paragraph_styles()
    width = A4[0] - 2 * pdf_styles.MARGIN
    box = PdfTable([[[PdfParagraph(escape(line), styles["body"]) for line in lines]]], colWidths=[width])
    box.setStyle(TableStyle([
        ("BOX", (0, 0), (-1, -1), 0.8, pdf_styles.RULE),
        ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#F3F6FB")),
        ("LEFTPADDING", (0, 0), (-1, -1), 5 * mm),
        ("RIGHTPADDING", (0, 0), (-1, -1), 5 * mm),
        ("TOPPADDING", (0, 0), (-1, -1), 4 * mm),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2 * mm),
    ]))
    story: list[Flowable] = [Spacer(1, 60 * mm), PdfParagraph(escape(heading), styles["subtitle"])]
    if below:
        story.append(PdfParagraph(escape(below), styles["meta"]))
    story += [Spacer(1, 6 * mm), box]
    return _render(plan, story)


def _indented(style):
    return style.clone(style.name + "_indented", leftIndent=5 * mm, fontName=pdf_styles.ITALIC)


def _right(style):
    return style.clone(style.name + "_right", alignment=TA_RIGHT)


STAMP_SIZE = 8
STAMP_BASELINE = 3.5 * mm
MARK_SIZE = 9


def stamps_pdf(plan: PackPlan, stamps: list[Stamp]) -> bytes:
    """One overlay page per pack page: 'Pack page X of Y' at the foot, and the marking where needed."""
    pdf_styles.register_fonts()
    buffer = BytesIO()
    canvas = Canvas(buffer, pagesize=A4, initialFontName=pdf_styles.FONT)
    total = len(stamps)
    footer = f"{plan.committee_code} {plan.meeting_number} {plan.kind.label}"
    for number, stamp in enumerate(stamps, start=1):
        canvas.setPageSize((stamp.width, stamp.height))
        margin = min(pdf_styles.MARGIN, stamp.width * 0.08)
        canvas.setFont(pdf_styles.FONT, STAMP_SIZE)
        canvas.setFillColor(pdf_styles.INK)
        canvas.drawString(margin, STAMP_BASELINE, stamp.left or footer)
        canvas.drawRightString(stamp.width - margin, STAMP_BASELINE, f"Pack page {number} of {total}")
        if stamp.marking is not None:
            for y in (stamp.height - 9 * mm, 8.5 * mm):
                _marking_box(canvas, stamp.marking, stamp.width / 2, y)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _marking_box(canvas: Canvas, marking: Marking, x: float, y: float) -> None:
    text_width = pdfmetrics.stringWidth(marking.text, pdf_styles.BOLD, MARK_SIZE)
    canvas.setFillColor(colors.HexColor("#" + marking.fill))
    canvas.setStrokeColor(colors.black)
    canvas.setLineWidth(0.6)
    canvas.rect(x - text_width / 2 - 6, y - 3, text_width + 12, 14, stroke=1, fill=1)
    canvas.setFillColor(colors.HexColor("#" + marking.ink))
    canvas.setFont(pdf_styles.BOLD, MARK_SIZE)
    canvas.drawCentredString(x, y + 1, marking.text)
