"""Generate reference.docx, the Word template whose named styles the .docx writer uses.

Run `python resources/templates/make_template.py` after changing it and commit the
.docx it writes. An organisation may instead restyle reference.docx in Word: the
writer only uses the style names listed in STYLE_NAMES, never fonts or sizes.
"""

from __future__ import annotations

from datetime import datetime
from io import BytesIO
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Mm, Pt, RGBColor

from secdesk.writers.stamping import APP_PROPERTIES, app_properties, restamp_zip

HERE = Path(__file__).resolve().parent
TARGET = HERE / "reference.docx"
FONT = "Calibri"  # LibreOffice substitutes the metric-compatible Carlito
ACCENT = RGBColor(0x1F, 0x38, 0x64)
BUILT = datetime(2026, 12, 3)  # the zip entries' date
GRID_TABLE = "SD Grid Table"
LAYOUT_TABLE = "SD Layout Table"


def _paragraph_style(document, name: str, base: str = "Normal", *, size: float | None = None,
                     bold: bool | None = None, italic: bool | None = None, colour: RGBColor | None = None,
                     before: float | None = None, after: float | None = None):
    styles = document.styles
    style = styles[name] if name in [s.name for s in styles] else styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    if style.name != base:
        style.base_style = styles[base]
    font = style.font
    font.name = FONT
    if size is not None:
        font.size = Pt(size)
    if bold is not None:
        font.bold = bold
    if italic is not None:
        font.italic = italic
    if colour is not None:
        font.color.rgb = colour
    fmt = style.paragraph_format
    if before is not None:
        fmt.space_before = Pt(before)
    if after is not None:
        fmt.space_after = Pt(after)
    style.quick_style = True
    return style


def _table_style(name: str, *, grid: bool) -> str:
    """A table style in WordprocessingML; python-docx cannot create one itself."""
    borders = (
        '<w:tblBorders>' + "".join(
            f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="8EA9DB"/>'
            for side in ("top", "left", "bottom", "right", "insideH", "insideV")
        ) + '</w:tblBorders>'
    ) if grid else ""
    header_fill = '<w:shd w:val="clear" w:color="auto" w:fill="D9E2F3"/>' if grid else ""
    header_rule = (
        "" if grid else '<w:tcBorders><w:bottom w:val="single" w:sz="6" w:space="0" w:color="8EA9DB"/></w:tcBorders>'
    )
    return (
        f'<w:style {nsdecls("w")} w:type="table" w:customStyle="1" w:styleId="{name.replace(" ", "")}">'
        f'<w:name w:val="{name}"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="59"/><w:qFormat/>'
        '<w:pPr><w:spacing w:before="20" w:after="20"/></w:pPr>'
        f'<w:tblPr>{borders}<w:tblCellMar><w:left w:w="85" w:type="dxa"/><w:right w:w="85" w:type="dxa"/>'
        '</w:tblCellMar></w:tblPr>'
        '<w:tblStylePr w:type="firstRow"><w:rPr><w:b/><w:color w:val="1F3864"/></w:rPr>'
        f'<w:tcPr>{header_rule}{header_fill}</w:tcPr></w:tblStylePr>'
        '</w:style>'
    )


def build() -> Path:
    document = Document()
    # The stock template carries a thumbnail and an author; a reference template needs neither.
    package = document.part.package
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype.endswith("/thumbnail"):
            del package.rels[rel_id]
    props = document.core_properties
    props.author = props.last_modified_by = props.title = props.subject = props.comments = ""
    props.keywords = props.category = ""
    props.revision = 1

    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(20)
    section.top_margin, section.bottom_margin = Mm(25), Mm(22)
    section.header_distance, section.footer_distance = Mm(10), Mm(8)

    _paragraph_style(document, "Normal", size=11, after=6)
    _paragraph_style(document, "Title", size=20, bold=True, colour=ACCENT, after=2)
    _paragraph_style(document, "Subtitle", size=15, bold=True, italic=False, colour=ACCENT, after=2)
    _paragraph_style(document, "Heading 1", size=13, bold=True, colour=ACCENT, before=12, after=4)
    _paragraph_style(document, "Heading 2", size=11.5, bold=True, colour=ACCENT, before=8, after=2)
    _paragraph_style(document, "List Bullet", size=11, after=3)
    _paragraph_style(document, "SD Meta", after=2)
    _paragraph_style(document, "SD Status", size=13, bold=True, before=6, after=8)
    # Decisions are in the body's weight, as published minutes print them; a run marked bold is bold.
    _paragraph_style(document, "SD Decision")
    _paragraph_style(document, "SD Decision Bullet", "List Bullet")
    _paragraph_style(document, "SD Action")
    _paragraph_style(document, "SD Post Meeting Note", italic=True).paragraph_format.left_indent = Mm(6)
    _paragraph_style(document, "SD Closing", before=6)
    _paragraph_style(document, "SD Confidential", italic=True)
    _paragraph_style(document, "SD Item Marking", size=9.5, bold=True, colour=RGBColor(0x7F, 0x60, 0x00))
    _paragraph_style(document, "SD Table Text", size=9.5, after=2)
    _paragraph_style(document, "SD Attendance", after=0)
    marking = _paragraph_style(document, "SD Marking", "Header", size=9, bold=True, after=0)
    marking.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    draft = _paragraph_style(document, "SD Draft", "Header", size=12, bold=True, colour=RGBColor(0xC0, 0, 0))
    draft.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    footer = _paragraph_style(document, "SD Footer", "Normal", size=9, after=0)
    footer.paragraph_format.tab_stops.add_tab_stop(Mm(170), WD_TAB_ALIGNMENT.RIGHT)

    styles_element = document.styles.element
    for name, grid in ((GRID_TABLE, True), (LAYOUT_TABLE, False)):
        styles_element.append(parse_xml(_table_style(name, grid=grid)))

    body = document.element.body
    for child in list(body):
        if not child.tag.endswith("sectPr"):
            body.remove(child)
    rendered = BytesIO()
    document.save(rendered)
    # python-docx's own template names Word for the Mac, Normal.dotm and page counts in
    # app.xml; the writer replaces it in every file, and the template carries SecDesk's too.
    # Dated once, so that building the template again gives the same file.
    TARGET.write_bytes(restamp_zip(rendered.getvalue(), BUILT, {APP_PROPERTIES: app_properties()}))
    return TARGET


if __name__ == "__main__":
    print(build())
