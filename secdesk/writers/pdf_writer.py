"""Render a neutral Document as PDF with reportlab platypus: embedded fonts, outline per heading."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.colors import HexColor
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, KeepTogether, PageTemplate, TableStyle
from reportlab.platypus import Image as PdfImage
from reportlab.platypus import PageBreak as PdfPageBreak
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
    PageBreak,
    Paragraph,
    Table,
)
from secdesk.writers import pdf_styles
from secdesk.writers.stamping import APPLICATION


class _Outlined(PdfParagraph):  # type: ignore[misc]  # reportlab has no type hints: its classes are Any
    """A heading that becomes a PDF bookmark."""

    outline_key: str = ""
    outline_text: str = ""


class _Table(PdfTable):  # type: ignore[misc]  # reportlab has no type hints: its classes are Any
    """A table that breaks between rows, and within a row only when the row is taller than a page."""

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        pieces: list[Flowable] = super().split(availWidth, availHeight)
        if not pieces and hasattr(self, "_postponed"):
            # reportlab marks a flowable it has already moved to a fresh page: its next row
            # is still too tall there, so that row breaks, leaving at least a few lines on
            # each side, or anywhere if even that cannot fit.
            for minimum in (pdf_styles.ROW_SPLIT_MIN, 1):
                self.splitInRow = minimum
                pieces = super().split(availWidth, availHeight)
                if pieces:
                    break
            self.splitInRow = 0
        for piece in pieces:
            piece.splitInRow = 0
            piece.hAlign = self.hAlign  # reportlab drops it when it splits within a row
        return pieces


class _Whole(PdfParagraph):  # type: ignore[misc]  # reportlab has no type hints: its classes are Any
    """A line of a decision block: moved whole to the next page, not broken at a page's foot.

    Only one taller than a whole page breaks, as it must: at the top of a page, or once
    reportlab has moved it to a fresh page (and marked it so).
    """

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        frame = getattr(self, "_frame", None)
        if not hasattr(self, "_postponed") and not getattr(frame, "_atTop", False):
            return []
        pieces: list[Flowable] = super().split(availWidth, availHeight)
        return pieces


class _KeepWithNext(KeepTogether):  # type: ignore[misc]  # reportlab has no type hints
    """A heading (keepWithNext), an item's marking under it, and the block that follows them.

    reportlab's own group moves whole to the next page when it does not fit, so a heading
    over a long table or paragraph left most of a page empty. Like Word, this one keeps the
    heading with the start of what follows when the whole does not fit: a table's first
    rows, a paragraph's first lines. A decision block (its lines are _Whole) or a picture
    still moves whole.
    """

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        *leading, last = self._content
        if getattr(self, "_wrapInfo", None) != (availWidth, availHeight):
            self.wrap(availWidth, availHeight)
        splittable = isinstance(last, PdfParagraph | PdfTable) and not isinstance(last, _Whole)
        if not leading or self._H <= availHeight or not splittable:
            return list(super().split(availWidth, availHeight))
        used = 0.0
        for position, flowable in enumerate(leading):
            used += flowable.wrapOn(self.canv, availWidth, availHeight)[1]
            if position:  # the space between two flowables is at most the sum of theirs
                used += leading[position - 1].getSpaceAfter() + flowable.getSpaceBefore()
        room = availHeight - used - leading[-1].getSpaceAfter() - last.getSpaceBefore()
        start: list[Flowable] = last.splitOn(self.canv, availWidth, room) if room > 0 else []
        if start:
            return [*leading, *start]
        return list(super().split(availWidth, availHeight))


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
        if run.link:
            text = f'<link href="{escape(run.link, {chr(34): "&quot;"})}" color="#1f4e79"><u>{text}</u></link>'
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
        creator=APPLICATION,
        producer=APPLICATION,
        keywords=document.marking.text,
        pageCompression=1,
        invariant=1,  # no clock or random ID in the file: pdf_styles dates it from `issued`
        keepTogetherClass=_KeepWithNext,  # what gathers behind a heading
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
    blocks = document.blocks
    for index, block in enumerate(blocks):
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        if isinstance(block, Heading):
            if block.level == 1:
                heading = _Outlined(escape(block.text), styles["heading1"])
                heading.outline_key = f"h{index}"
                heading.outline_text = block.text
                story.append(heading)
            else:
                story.append(PdfParagraph(escape(block.text), styles["heading2"]))
        elif isinstance(block, Paragraph):
            style = styles.get(block.role, styles["body"])
            if block.role == DECISION:
                decision = _Whole(markup(block.runs), style)
                # "The Panel:" stays on the page of the decisions it introduces.
                decision.keepWithNext = int(isinstance(following, Bullets) and following.role == DECISION)
                story.append(decision)
            else:
                story.append(PdfParagraph(markup(block.runs), style))
        elif isinstance(block, Bullets):
            story += _bullets(block, styles)
        elif isinstance(block, Image):
            story += _image(block, styles)
        elif isinstance(block, PageBreak):
            story.append(PdfPageBreak())
        else:
            story.append(_table(block, styles, width))
    return story


def _bullets(block: Bullets, styles: dict[str, ParagraphStyle]) -> list[Flowable]:
    """A bulleted list; its last item has a paragraph's space after it, not a list item's.

    A decision's bullets are kept whole and with each other (keepWithNext gathers them
    with "The Panel:" and any heading above into one _KeepWithNext), so the block never
    splits across pages.
    """
    decision = block.role == DECISION
    kind = "bullet_decision" if decision else "bullet"
    last = len(block.items) - 1
    items: list[Flowable] = []
    for position, line in enumerate(block.items):
        style = styles[f"{kind}_last" if position == last else kind]
        mark = f"{position + 1}." if block.numbered else "\u2022"
        if decision:
            item = _Whole(markup(line), style, bulletText=mark)
            item.keepWithNext = int(position < last)
        else:
            item = PdfParagraph(markup(line), style, bulletText=mark)
        items.append(item)
    return items


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
    # The header row repeats on every page the table runs onto; rows do not split.
    rendered = _Table(data, colWidths=widths, repeatRows=1, hAlign="LEFT", spaceAfter=8, splitInRow=0)
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
