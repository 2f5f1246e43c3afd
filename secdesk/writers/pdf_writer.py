"""Render a neutral Document as PDF with reportlab platypus: embedded fonts, outline per heading."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.colors import HexColor
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, TableStyle
from reportlab.platypus import Image as PdfImage
from reportlab.platypus import Paragraph as PdfParagraph
from reportlab.platypus import Table as PdfTable

from secdesk.atomic import write_atomically
from secdesk.documents.model import (
    DECISION,
    Bullets,
    Cell,
    Document,
    Heading,
    Image,
    Line,
    Paragraph,
    Table,
)
from secdesk.writers import pdf_styles


class _Outlined(PdfParagraph):  # type: ignore[misc]  # reportlab has no type hints: its classes are Any
    """A heading that becomes a PDF bookmark."""

    outline_key: str = ""
    outline_text: str = ""


class _Table(PdfTable):  # type: ignore[misc]  # reportlab has no type hints: its classes are Any
    """A table whose rows may break across pages, never leaving a sliver unless it must."""

    splitInRow: int  # set by reportlab's Table.__init__

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        pieces: list[Flowable] = super().split(availWidth, availHeight)
        minimum = self.splitInRow
        if not pieces and minimum > 1 and hasattr(self, "_postponed"):
            # reportlab marks a flowable it has already moved to a fresh page; still too tall
            # there (what is left of a row is just over a page), so split it anywhere.
            self.splitInRow = 1
            pieces = super().split(availWidth, availHeight)
            self.splitInRow = minimum
        for piece in pieces:
            piece.splitInRow = minimum
            piece.hAlign = self.hAlign  # reportlab drops it when it splits within a row
        return pieces


class _MinutesTemplate(BaseDocTemplate):  # type: ignore[misc]  # reportlab has no type hints
    def afterFlowable(self, flowable: Flowable) -> None:
        if isinstance(flowable, _Outlined):
            self.canv.bookmarkPage(flowable.outline_key)
            self.canv.addOutlineEntry(flowable.outline_text, flowable.outline_key, level=0)


def markup(line: Line) -> str:
    """Runs as reportlab's paragraph markup, with the text escaped."""
    parts = []
    for run in line:
        text = escape(run.text)
        if run.bold:
            text = f"<b>{text}</b>"
        if run.italic:
            text = f"<i>{text}</i>"
        parts.append(text)
    return "".join(parts)


def write_pdf(document: Document, target: Path) -> Path:
    styles = pdf_styles.paragraph_styles()
    size = pdf_styles.page_size(document)
    rendered = BytesIO()
    template = _MinutesTemplate(
        rendered,
        pagesize=size,
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
        pageCompression=1,
        initialFontName=pdf_styles.FONT,
    )
    frame = Frame(
        template.leftMargin, template.bottomMargin, template.width, template.height, id="body"
    )
    template.addPageTemplates(
        [PageTemplate(id="page", frames=[frame], onPage=lambda c, _d: pdf_styles.draw_page_furniture(c, document))]
    )
    story = _story(document, styles, template.width)
    template.build(story, canvasmaker=pdf_styles.numbered_canvas(document))
    return write_atomically(target, rendered.getvalue())


def _story(document: Document, styles: dict[str, ParagraphStyle], width: float) -> list[Flowable]:
    story: list[Flowable] = []
    for index, block in enumerate(document.blocks):
        if isinstance(block, Heading):
            if block.level == 1:
                heading = _Outlined(escape(block.text), styles["heading1"])
                heading.outline_key = f"h{index}"
                heading.outline_text = block.text
                story.append(heading)
            else:
                story.append(PdfParagraph(escape(block.text), styles["heading2"]))
        elif isinstance(block, Paragraph):
            story.append(PdfParagraph(markup(block.runs), styles.get(block.role, styles["body"])))
        elif isinstance(block, Bullets):
            style = styles["bullet_decision" if block.role == DECISION else "bullet"]
            story += [PdfParagraph(markup(line), style, bulletText="\u2022") for line in block.items]
        elif isinstance(block, Image):
            story += _image(block, styles)
        else:
            story.append(_table(block, styles, width))
    return story


def _table(table: Table, styles: dict[str, ParagraphStyle], width: float) -> _Table:
    layout = table.role == "layout"
    header_style = styles["layout_header" if layout else "cell_header"]
    cell_style = styles["layout_cell" if layout else "cell"]

    def cell(content: Cell) -> list[Flowable]:
        return [PdfParagraph(markup(line), cell_style) for line in content.lines]

    data = [[PdfParagraph(escape(h), header_style) for h in table.headers]]
    data += [[cell(c) for c in row] for row in table.rows]
    total = sum(table.widths)
    widths = [width * w / total for w in table.widths]
    rendered = _Table(
        data, colWidths=widths, repeatRows=1, hAlign="LEFT", spaceAfter=8, splitInRow=pdf_styles.ROW_SPLIT_MIN
    )
    rendered.setStyle(pdf_styles.table_style(table.role, table.flagged))
    fills = [
        ("BACKGROUND", (column, row + 1), (column, row + 1), HexColor(f"#{content.fill}"))
        for row, cells in enumerate(table.rows)
        for column, content in enumerate(cells)
        if content.fill
    ]
    if fills:
        rendered.setStyle(TableStyle(fills))
    return rendered


def _image(block: Image, styles: dict[str, ParagraphStyle]) -> list[Flowable]:
    picture = PdfImage(BytesIO(block.png))
    scale = block.width_mm * mm / picture.imageWidth
    picture.drawWidth, picture.drawHeight = picture.imageWidth * scale, picture.imageHeight * scale
    picture.hAlign = "LEFT"
    return [picture, PdfParagraph(escape(block.caption), styles["meta"])]
