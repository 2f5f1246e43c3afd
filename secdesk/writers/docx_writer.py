"""Render a neutral Document as .docx on the reference template in resources/templates.

Only the template's named styles are used, so an organisation restyles the output in
Word without touching code. The marking's fill is the classification's colour (data,
not styling).
"""

from __future__ import annotations

from datetime import datetime
from io import BytesIO
from pathlib import Path

from docx import Document as open_docx
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Length, Mm, Pt, RGBColor
from docx.table import Table as DocxTable
from docx.table import _Cell, _Row
from docx.text.paragraph import Paragraph as DocxParagraph
from docx.text.run import Run as DocxRun

from secdesk.atomic import write_atomically
from secdesk.documents import model
from secdesk.documents.model import (
    Bullets,
    Cell,
    Document,
    Heading,
    Image,
    Line,
    Marking,
    PageBreak,
    Paragraph,
    Table,
)
from secdesk.paths import asset_dir
from secdesk.text import clean_text
from secdesk.writers.stamping import APP_PROPERTIES, APPLICATION, app_properties, issued_at, restamp_zip

PARAGRAPH_STYLES = {
    model.BODY: "Normal",
    model.TITLE: "Title",
    model.SUBTITLE: "Subtitle",
    model.META: "SD Meta",
    model.STATUS: "SD Status",
    model.DECISION: "SD Decision",
    model.ACTION: "SD Action",
    model.NOTE: "SD Post Meeting Note",
    model.CLOSING: "SD Closing",
    model.CONFIDENTIAL: "SD Confidential",
    model.ITEM_MARKING: "SD Item Marking",
}
TABLE_STYLES = {"grid": "SD Grid Table", "layout": "SD Layout Table"}
FLAG_FILL = "FBE3E3"
# A row stays whole on one page unless it may be taller than a page, which must break
# somewhere (the PDF writer breaks such rows too). Its height is guessed generously from
# its text: a character at most this wide and a line this tall, in points (table text is 9.5 pt).
ROW_CHAR_PT = 5.5
ROW_LINE_PT = 13.0


def template_path() -> Path:
    return asset_dir("resources") / "templates" / "reference.docx"


def write_docx(document: Document, target: Path) -> Path:
    docx = open_docx(str(template_path()))
    issued = issued_at(document)
    _set_properties(docx, document, issued)
    section = docx.sections[0]
    if document.landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width
    _furniture(section, document)
    width = _length(section.page_width) - _length(section.left_margin) - _length(section.right_margin)
    height = _length(section.page_height) - _length(section.top_margin) - _length(section.bottom_margin)
    list_gap = docx.styles["Normal"].paragraph_format.space_after or Pt(6)
    blocks = document.blocks
    for index, block in enumerate(blocks):
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        if isinstance(block, Heading):
            # The template's headings keep with the next paragraph too; a restyled one may not.
            _keep(_styled(docx.add_paragraph(clean_text(block.text)), f"Heading {min(block.level, 2)}"), True)
        elif isinstance(block, Paragraph):
            paragraph = _styled(docx.add_paragraph(), PARAGRAPH_STYLES.get(block.role, "Normal"))
            _runs(paragraph, block.runs)
            if block.role == model.DECISION:
                # "The Panel:" stays on the page of the decisions it introduces.
                _keep(paragraph, isinstance(following, Bullets) and following.role == model.DECISION)
            elif block.role == model.ITEM_MARKING:
                _keep(paragraph, True)  # under its heading, with the item's first paragraph
        elif isinstance(block, Bullets):
            decision = block.role == model.DECISION
            style = "SD Decision Bullet" if decision else "List Number" if block.numbered else "List Bullet"
            last = len(block.items) - 1
            for position, line in enumerate(block.items):
                item = _styled(docx.add_paragraph(), style)
                _runs(item, line)
                if decision:
                    _keep(item, position < last)  # a decision block never splits across pages
                if position == last:
                    # The paragraph after a list stands apart from it as paragraphs do from each other.
                    item.paragraph_format.space_after = list_gap
        elif isinstance(block, PageBreak):
            docx.add_page_break()  # type: ignore[no-untyped-call]  # python-docx leaves it untyped
        elif isinstance(block, Image):
            docx.add_picture(BytesIO(block.png), width=Mm(block.width_mm))
            _styled(docx.add_paragraph(clean_text(block.caption)), "SD Meta")
        else:
            _table(docx, block, width, Length(height).pt)
            _styled(docx.add_paragraph(), "SD Meta")  # keeps consecutive tables apart
    # Rendered in memory: only the one write to the disk can meet a full disk.
    rendered = BytesIO()
    docx.save(rendered)
    # Dated from the issue time and with SecDesk's own app.xml, so one document gives one file.
    package = restamp_zip(rendered.getvalue(), issued, {APP_PROPERTIES: app_properties()})
    return write_atomically(target, package)


def _length(value: Length | None) -> Length:
    """A page size or margin of the template's section; python-docx gives None when one is not set."""
    if value is None:
        raise TypeError("the reference template's section has no page width or margin")
    return value


def _set_properties(docx: DocxDocument, document: Document, issued: datetime) -> None:
    """Core properties from the document only: author is the secretariat, never the library."""
    props = docx.core_properties
    props.author = clean_text(document.author)
    props.last_modified_by = APPLICATION
    props.title = clean_text(document.title)
    props.subject = clean_text(document.subject)
    props.keywords = document.marking.text
    props.category = f"Classification: {document.marking.level}"
    props.comments = ""
    props.identifier = document.identifier
    props.created = props.modified = issued
    # The template's revision count and print date say nothing true about this file.
    element = props._element
    for name in ("cp:revision", "cp:lastPrinted"):
        for leftover in element.findall(qn(name)):
            element.remove(leftover)


_STYLE_IDS: dict[str, str] = {}


def _styled(paragraph: DocxParagraph, name: str) -> DocxParagraph:
    """Apply a template style by name.

    python-docx looks a style up by scanning every style in the template on each
    call; the ids never change, so they are looked up once and then set directly.
    """
    style_id = _STYLE_IDS.get(name)
    if style_id is None:
        paragraph.style = name
        properties = paragraph._p.pPr
        found = properties.pStyle if properties is not None else None
        _STYLE_IDS[name] = found.val if found is not None else ""
        if properties is not None and len(properties) == 0:
            # The default style leaves an empty <w:pPr/>, which later calls would not write.
            paragraph._p._remove_pPr()
    elif style_id:
        paragraph._p.get_or_add_pPr().get_or_add_pStyle().val = style_id
    return paragraph


def _keep(paragraph: DocxParagraph, with_next: bool) -> None:
    """Never break inside the paragraph; with_next: nor between it and the next one."""
    layout = paragraph.paragraph_format
    layout.keep_together = True
    if with_next:
        layout.keep_with_next = True


def _runs(paragraph: DocxParagraph, line: Line) -> None:
    for run in line:
        # Text is cleaned as it enters SecDesk; a database written before that may still
        # hold characters XML cannot, which would stop the whole export.
        added = paragraph.add_run(clean_text(run.text))
        if run.bold:
            added.bold = True
        if run.italic:
            added.italic = True
        if run.link:
            _linked(paragraph, added, run.link)


def _linked(paragraph: DocxParagraph, added: DocxRun, address: str) -> None:
    """Wrap the run in a hyperlink to `address` (python-docx has no call for it)."""
    relation = paragraph.part.relate_to(address, RT.HYPERLINK, is_external=True)
    hyperlink = OxmlElement("w:hyperlink")
    hyperlink.set(qn("r:id"), relation)
    added._r.addprevious(hyperlink)
    hyperlink.append(added._r)
    added.underline = True
    added.font.color.rgb = RGBColor(0x1F, 0x4E, 0x79)


def _furniture(section: Section, document: Document) -> None:
    """Marking in header and footer, DRAFT in the header, identifier and Page X of Y in the footer."""
    header = section.header
    header.is_linked_to_previous = False
    first = _styled(header.paragraphs[0], "SD Marking")
    _marking_run(first, document.marking)
    if document.draft:
        _styled(header.add_paragraph("DRAFT"), "SD Draft")
    footer = section.footer
    footer.is_linked_to_previous = False
    marking = _styled(footer.paragraphs[0], "SD Marking")
    _marking_run(marking, document.marking)
    line = _styled(footer.add_paragraph(), "SD Footer")
    line.add_run(document.identifier + ("  DRAFT" if document.draft else "") + "\tPage ")
    _field(line, "PAGE", "1")
    line.add_run(" of ")
    _field(line, "NUMPAGES", "1")


def _marking_run(paragraph: DocxParagraph, marking: Marking) -> None:
    run = paragraph.add_run(f" {marking.text} ")
    properties = run._r.get_or_add_rPr()
    colour = OxmlElement("w:color")
    colour.set(qn("w:val"), marking.ink)
    properties.append(colour)
    border = OxmlElement("w:bdr")
    for key, value in (("w:val", "single"), ("w:sz", "4"), ("w:space", "0"), ("w:color", "000000")):
        border.set(qn(key), value)
    properties.append(border)
    shading = OxmlElement("w:shd")
    for key, value in (("w:val", "clear"), ("w:color", "auto"), ("w:fill", marking.fill)):
        shading.set(qn(key), value)
    properties.append(shading)


def _field(paragraph: DocxParagraph, instruction: str, placeholder: str) -> None:
    """A field (PAGE, NUMPAGES) as fldChar runs; Word and LibreOffice compute its value."""
    def char(kind: str) -> None:
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        paragraph.add_run()._r.append(element)

    char("begin")
    code = OxmlElement("w:instrText")
    code.set(qn("xml:space"), "preserve")
    code.text = f" {instruction} "
    paragraph.add_run()._r.append(code)
    char("separate")
    paragraph.add_run(placeholder)
    char("end")


def _table(docx: DocxDocument, table: Table, width: int, page_pt: float) -> DocxTable:
    rendered: DocxTable = docx.add_table(rows=1 + len(table.rows), cols=len(table.headers))
    rendered.style = TABLE_STYLES.get(table.role, TABLE_STYLES["grid"])
    rendered.autofit = False
    total = sum(table.widths)
    widths = [Length(int(width * w / total)) for w in table.widths]
    for column, column_width in zip(rendered.columns, widths):
        column.width = column_width
    header = rendered.rows[0]
    _row_property(header, "w:tblHeader")  # repeated at the top of each page the table runs onto
    _row_property(header, "w:cantSplit")
    for cell, text, cell_width in zip(header.cells, table.headers, widths):
        cell.width = cell_width
        _styled(cell.paragraphs[0], _cell_style(table)).add_run(clean_text(text))
    for index, (row, data) in enumerate(zip(rendered.rows[1:], table.rows)):
        if not _may_outgrow(data, widths, page_pt):
            _row_property(row, "w:cantSplit")
        for cell, content, cell_width in zip(row.cells, data, widths):
            cell.width = cell_width
            _cell(cell, content, _cell_style(table))
            if content.fill:
                _shade(cell, content.fill)
            elif index in table.flagged:
                _shade(cell, FLAG_FILL)
    return rendered


def _may_outgrow(row: tuple[Cell, ...], widths: list[Length], page_pt: float) -> bool:
    """Whether a row's text may be taller than a page's body (less room for the header row)."""
    for content, width in zip(row, widths):
        per_line = max(1, int(width.pt / ROW_CHAR_PT))
        lines = sum(-(-max(1, len(text)) // per_line) for text in content.text.split("\n"))
        if lines * ROW_LINE_PT > 0.85 * page_pt:
            return True
    return False


def _cell_style(table: Table) -> str:
    return "SD Attendance" if table.role == "layout" else "SD Table Text"


def _cell(cell: _Cell, content: Cell, style: str) -> None:
    lines = content.lines or ((),)
    _runs(_styled(cell.paragraphs[0], style), lines[0])
    for line in lines[1:]:
        _runs(_styled(cell.add_paragraph(), style), line)


def _row_property(row: _Row, name: str) -> None:
    properties = row._tr.get_or_add_trPr()
    element = OxmlElement(name)
    element.set(qn("w:val"), "true")
    properties.append(element)


def _shade(cell: _Cell, fill: str) -> None:
    shading = OxmlElement("w:shd")
    for key, value in (("w:val", "clear"), ("w:color", "auto"), ("w:fill", fill)):
        shading.set(qn(key), value)
    cell._tc.get_or_add_tcPr().append(shading)

