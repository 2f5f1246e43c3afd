"""Layout of minutes in Word and PDF, read back: what stays together on a page, what is bold,
the space after lists, the files' properties, and the same document giving the same bytes."""

from __future__ import annotations

import io
import shutil
import subprocess
import time
import zipfile
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import docx
import pytest
from docx.table import _Row
from docx.text.paragraph import Paragraph as DocxParagraph
from openpyxl import load_workbook
from pypdf import PdfReader

from secdesk.documents.common import marking_for
from secdesk.documents.model import (
    ACTION,
    DECISION,
    ITEM_MARKING,
    META,
    Block,
    Bullets,
    Cell,
    Document,
    Heading,
    Paragraph,
    Run,
    Table,
    plain,
)
from secdesk.model import Classification
from secdesk.writers import docx_writer, write
from secdesk.writers.docx_writer import write_docx
from secdesk.writers.pdf_writer import write_pdf

ISSUED = datetime(2026, 10, 20, 9, 30, 15)
DECISIONS = (
    "NOTED the contents of the paper; and",
    "APPROVED the first amendment; and",
    "APPROVED the second amendment; and",
    "AGREED the timetable for the next review; and",
    "AGREED that the secretariat consults members; and",
    "NOTED the points raised in discussion; and",
    "REQUESTED a further update in the new year; and",
    "LASTBULLET AGREED to meet again in January.",
)


def _document(*blocks: Block, issued: datetime | None = ISSUED) -> Document:
    return Document(
        kind="minutes", title="Layout Test Minutes", subject="Layout", author="SECAS",
        identifier="TEST_1_0101", marking=marking_for(Classification.WHITE), file_stem="layout",
        blocks=tuple(blocks), issued=issued,
    )


def _decision_block() -> tuple[Block, ...]:
    return (
        Paragraph(plain("The Panel:"), role=DECISION),
        Bullets(tuple(plain(text) for text in DECISIONS), role=DECISION),
        Paragraph((Run("ACTION TEST1/01: ", bold=True), Run("SECAS to write it up.")), role=ACTION),
    )


def _fillers() -> Iterator[tuple[Block, ...]]:
    """Paragraphs filling most of a first page, by steps of a few points: whatever follows
    them starts somewhere in the last third of the page, at one place or another."""
    for body in range(19, 31):
        for meta in range(5):
            yield (
                *(Paragraph(plain(f"Filler paragraph {n}.")) for n in range(body)),
                *(Paragraph(plain(f"Meeting detail {n}."), role=META) for n in range(meta)),
            )


def _page_of(reader: PdfReader) -> Callable[[str], int]:
    texts = [page.extract_text() for page in reader.pages]

    def page_of(marker: str) -> int:
        pages = [number for number, text in enumerate(texts) if marker in text]
        assert len(pages) == 1, (marker, pages)
        return pages[0]

    return page_of


def _kept(paragraph: DocxParagraph, attribute: str) -> bool:
    """A paragraph's keep_with_next / keep_together as Word applies it: its own, else its style's."""
    value = getattr(paragraph.paragraph_format, attribute)
    style = paragraph.style
    while value is None and style is not None:
        value = getattr(style.paragraph_format, attribute)
        style = style.base_style
    return bool(value)


def _space_after(paragraph: DocxParagraph) -> int:
    value = paragraph.paragraph_format.space_after
    style = paragraph.style
    while value is None and style is not None:
        value = style.paragraph_format.space_after
        style = style.base_style
    return int(value or 0)


def _bold(paragraph: DocxParagraph, run_index: int = 0) -> bool:
    value = paragraph.runs[run_index].bold
    style = paragraph.style
    while value is None and style is not None:
        value = style.font.bold
        style = style.base_style
    return bool(value)


# --- Word ---------------------------------------------------------------------------------


def test_word_decision_block_keeps_together_and_with_its_heading(tmp_path: Path) -> None:
    document = _document(
        Heading("1. Item"),
        Paragraph(plain("Discussion of the item.")),
        Paragraph(plain("The Panel NOTED the verbal update."), role=DECISION),
        Paragraph(plain("More discussion.")),
        *_decision_block(),
    )
    paragraphs = docx.Document(str(write_docx(document, tmp_path / "d.docx"))).paragraphs
    by_text = {p.text: p for p in paragraphs}
    lone = by_text["The Panel NOTED the verbal update."]
    assert _kept(lone, "keep_together") and not _kept(lone, "keep_with_next")
    block = [by_text["The Panel:"], *(by_text[text] for text in DECISIONS)]
    assert all(_kept(p, "keep_together") for p in block)
    assert all(_kept(p, "keep_with_next") for p in block[:-1])
    # The block's last line does not drag the next paragraph with it.
    assert not _kept(block[-1], "keep_with_next")
    assert _kept(by_text["1. Item"], "keep_with_next")


def test_word_heading_keeps_with_its_first_paragraph_past_the_item_marking(tmp_path: Path) -> None:
    document = _document(
        Heading("6. Confidential Item"),
        Paragraph(plain("This item is classified Amber."), role=ITEM_MARKING),
        Paragraph(plain("The first paragraph of the item.")),
    )
    by_text = {p.text: p for p in docx.Document(str(write_docx(document, tmp_path / "h.docx"))).paragraphs}
    assert _kept(by_text["6. Confidential Item"], "keep_with_next")
    assert _kept(by_text["This item is classified Amber."], "keep_with_next")
    assert not _kept(by_text["The first paragraph of the item."], "keep_with_next")


def test_word_table_rows_never_split_and_the_header_row_repeats(tmp_path: Path) -> None:
    rows = tuple((Cell.of(f"REF{n}"), Cell.of(f"Action {n}", "Second line of the update.")) for n in range(40))
    huge = (Cell.of("REFHUGE"), Cell.of("A very long update. " * 2000))
    document = _document(Table(("Reference", "Update"), (*rows, huge), (1, 4)))
    table = docx.Document(str(write_docx(document, tmp_path / "t.docx"))).tables[0]
    def marks(row: _Row) -> set[str]:
        properties = row._tr.trPr
        return set() if properties is None else {child.tag.split("}")[1] for child in properties}

    header, *body, huge_row = [marks(row) for row in table.rows]
    assert header == {"tblHeader", "cantSplit"}
    assert body == [{"cantSplit"}] * 40
    # A row taller than a page must break somewhere: it is left free to.
    assert huge_row == set()


def test_word_list_has_a_paragraphs_space_after_it(tmp_path: Path) -> None:
    document = _document(
        Bullets((plain("first point"), plain("second point"), plain("third point"))),
        Paragraph(plain("The paragraph after the list.")),
        *_decision_block(),
    )
    word = docx.Document(str(write_docx(document, tmp_path / "l.docx")))
    by_text = {p.text: p for p in word.paragraphs}
    between_paragraphs = _space_after(by_text["The paragraph after the list."])
    assert _space_after(by_text["first point"]) < between_paragraphs  # items sit closer together
    assert _space_after(by_text["third point"]) >= between_paragraphs
    assert _space_after(by_text[DECISIONS[-1]]) >= between_paragraphs


def test_word_decision_text_is_bold_only_where_its_runs_say(tmp_path: Path) -> None:
    document = _document(
        Paragraph((Run("The Panel "), Run("NOTED", bold=True), Run(" the update.")), role=DECISION),
        *_decision_block(),
    )
    by_text = {p.text: p for p in docx.Document(str(write_docx(document, tmp_path / "b.docx"))).paragraphs}
    marked = by_text["The Panel NOTED the update."]
    assert [_bold(marked, i) for i in range(3)] == [False, True, False]
    assert not _bold(by_text["The Panel:"])
    assert not any(_bold(by_text[text]) for text in DECISIONS)
    # and the reference template's decision styles agree, for anyone writing in them in Word
    styles = docx.Document(str(docx_writer.template_path())).styles
    assert not styles["SD Decision"].font.bold and not styles["SD Decision Bullet"].font.bold


def test_word_properties_name_secdesk_and_the_issue_date(tmp_path: Path) -> None:
    path = write_docx(_document(*_decision_block()), tmp_path / "p.docx")
    with zipfile.ZipFile(path) as package:
        app = package.read("docProps/app.xml").decode()
        core = package.read("docProps/core.xml").decode()
    assert "<Application>SecDesk</Application>" in app
    for leftover in ("Microsoft", "Normal.dotm", "<Template", "<Company", "<Pages>", "<Words>", "<Characters>"):
        assert leftover not in app
    assert "revision" not in core
    props = docx.Document(str(path)).core_properties
    assert props.created == props.modified == ISSUED.replace(tzinfo=UTC)
    assert props.author == "SECAS" and props.last_modified_by == "SecDesk"
    assert props.title == "Layout Test Minutes"


def test_an_issue_time_with_a_zone_is_stamped_in_utc_and_none_means_now(tmp_path: Path) -> None:
    summer = datetime(2026, 7, 1, 10, 0, tzinfo=timezone(timedelta(hours=1)))
    props = docx.Document(str(write_docx(_document(issued=summer), tmp_path / "z.docx"))).core_properties
    assert props.created == datetime(2026, 7, 1, 9, 0, tzinfo=UTC)
    before = datetime.now(UTC).replace(microsecond=0)
    props = docx.Document(str(write_docx(_document(issued=None), tmp_path / "n.docx"))).core_properties
    assert before <= props.created <= datetime.now(UTC)
    pdf = PdfReader(write_pdf(_document(issued=summer), tmp_path / "z.pdf"))
    assert pdf.metadata["/CreationDate"].startswith("D:20260701090000")


# --- Both: the same document, the same bytes ------------------------------------------------


def _next_second() -> None:
    """Wait until the clock reaches a new second: a file stamped with the clock would now differ."""
    start = int(time.time())
    while int(time.time()) == start:
        time.sleep(0.02)


def test_the_same_issued_document_gives_the_same_bytes_in_every_format(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = tuple((Cell.of(f"REF{n}"), Cell.of(f"Update {n}")) for n in range(5))
    document = _document(
        Heading("1. Item"), Paragraph(plain("Discussion.")), *_decision_block(),
        Table(("Reference", "Update"), rows, (1, 3)),
    )
    # The first Word file a process writes looks its styles up afresh.
    monkeypatch.setattr(docx_writer, "_STYLE_IDS", {})
    formats = ("docx", "pdf", "xlsx", "csv")
    first = {f: write(document, f, tmp_path / f"first.{f}").read_bytes() for f in formats}
    _next_second()
    second = {f: write(document, f, tmp_path / f"second.{f}").read_bytes() for f in formats}
    assert [f for f in formats if first[f] != second[f]] == []
    with zipfile.ZipFile(io.BytesIO(first["docx"])) as package:
        # (zip keeps a time to two seconds)
        assert {entry.date_time[:5] for entry in package.infolist()} == {ISSUED.timetuple()[:5]}
    workbook = load_workbook(io.BytesIO(first["xlsx"]))
    assert workbook.properties.created == workbook.properties.modified == ISSUED
    pdf = PdfReader(io.BytesIO(first["pdf"]))
    assert pdf.metadata["/CreationDate"] == pdf.metadata["/ModDate"] == "D:20261020093015+00'00'"
    assert pdf.metadata["/Creator"] == pdf.metadata["/Producer"] == "SecDesk"


# --- PDF ------------------------------------------------------------------------------------


@pytest.mark.parametrize("heading", [False, True], ids=["after a paragraph", "right under a heading"])
def test_pdf_decision_block_near_a_page_end_stays_on_one_page(tmp_path: Path, heading: bool) -> None:
    moved = 0
    above = (Heading("5. Item Decided Without Discussion"),) if heading else ()
    for number, fillers in enumerate(list(_fillers())[::2]):
        document = _document(*fillers, *above, *_decision_block())
        page_of = _page_of(PdfReader(write_pdf(document, tmp_path / f"{number}.pdf")))
        assert page_of("The Panel:") == page_of("LASTBULLET"), len(fillers)
        if heading:
            assert page_of("5. Item Decided") == page_of("The Panel:"), len(fillers)
        moved += page_of("The Panel:")
    assert moved  # some of the blocks did meet the end of the first page


@pytest.mark.parametrize("words", [0, 120], ids=["one-line paragraph", "long paragraph"])
def test_pdf_heading_and_item_marking_stay_with_the_first_paragraph(tmp_path: Path, words: int) -> None:
    moved = broken = 0
    for number, fillers in enumerate(list(_fillers())[::2]):
        document = _document(
            *fillers,
            Heading("6. Confidential Item"),
            Paragraph(plain("This item is classified Amber."), role=ITEM_MARKING),
            Paragraph(plain("FIRSTLINE of the item." + " and more" * words + " ITEMEND")),
        )
        page_of = _page_of(PdfReader(write_pdf(document, tmp_path / f"{number}.pdf")))
        assert page_of("6. Confidential Item") == page_of("classified Amber") == page_of("FIRSTLINE"), len(fillers)
        moved += page_of("FIRSTLINE")
        broken += page_of("ITEMEND") - page_of("FIRSTLINE")
    assert moved
    # A long paragraph is not moved whole: the heading stays with its first lines.
    assert bool(broken) is bool(words)


def test_pdf_heading_over_a_long_table_starts_it_on_the_same_page(tmp_path: Path) -> None:
    """Kept with the table's first rows, not with the whole table: no page is left empty."""
    rows = tuple((Cell.of(f"REF{n}"), Cell.of(f"ROW{n}START", "Second line.", "Third line.")) for n in range(1, 41))
    fillers = [Paragraph(plain(f"Filler paragraph {n}.")) for n in range(14)]
    document = _document(*fillers, Heading("7. Long Table"), Table(("Reference", "Update"), rows, (1, 4)))
    page_of = _page_of(PdfReader(write_pdf(document, tmp_path / "t.pdf")))
    assert page_of("Filler paragraph 13.") == page_of("7. Long Table") == page_of("ROW1START") == 0
    assert page_of("ROW40START") > 0


def test_pdf_table_rows_never_split_and_the_header_repeats(tmp_path: Path) -> None:
    lines = [f"Line {n} of the update." for n in range(1, 6)]
    rows = tuple(
        (Cell.of(f"REF{n}"), Cell.of(f"ROW{n}START", *lines, f"ROW{n}END")) for n in range(1, 9)
    )
    for number, fillers in enumerate(list(_fillers())[::4]):
        document = _document(*fillers, Table(("Reference", "UPDATEHEADER"), rows, (1, 4)))
        reader = PdfReader(write_pdf(document, tmp_path / f"{number}.pdf"))
        page_of = _page_of(reader)
        for n in range(1, 9):
            assert page_of(f"ROW{n}START") == page_of(f"ROW{n}END"), (len(fillers), n)
        texts = [page.extract_text() for page in reader.pages]
        last_page = page_of("ROW8END")
        assert all("UPDATEHEADER" in texts[p] for p in range(page_of("ROW1START"), last_page + 1))
    # A row taller than a page cannot stay whole: it still breaks, rather than fail the export.
    huge = (Cell.of("REFHUGE"), Cell.of("HUGESTART", *["A long update line that goes on."] * 150, "HUGEEND"))
    reader = PdfReader(write_pdf(_document(Table(("Reference", "Update"), (huge,), (1, 4))), tmp_path / "h.pdf"))
    page_of = _page_of(reader)
    assert page_of("HUGEEND") > page_of("HUGESTART")


def _chunks(reader: PdfReader, page: int = 0) -> list[tuple[str, float, str]]:
    """Each piece of text on a page with its baseline height and font name."""
    found: list[tuple[str, float, str]] = []

    def visit(text: str, cm: list[float], tm: list[float], font: dict | None, _size: float) -> None:
        if text.strip():
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            found.append((text.strip(), y, str((font or {}).get("/BaseFont", ""))))

    reader.pages[page].extract_text(visitor_text=visit)
    return found


def _first(chunks: list[tuple[str, float, str]], marker: str) -> tuple[str, float, str]:
    return next(chunk for chunk in chunks if marker in chunk[0])


def test_pdf_list_has_a_paragraphs_space_after_it(tmp_path: Path) -> None:
    document = _document(
        Bullets((plain("BULLETONE point"), plain("BULLETTWO point"), plain("BULLETTHREE point"))),
        Paragraph(plain("AFTERLIST paragraph.")),
        Paragraph(plain("NEXTPARAGRAPH of the body.")),
    )
    chunks = _chunks(PdfReader(write_pdf(document, tmp_path / "l.pdf")))
    y = {marker: _first(chunks, marker)[1] for marker in
         ("BULLETONE", "BULLETTWO", "BULLETTHREE", "AFTERLIST", "NEXTPARAGRAPH")}
    between_items = y["BULLETONE"] - y["BULLETTWO"]
    after_list = y["BULLETTHREE"] - y["AFTERLIST"]
    between_paragraphs = y["AFTERLIST"] - y["NEXTPARAGRAPH"]
    assert between_items < after_list
    assert after_list == pytest.approx(between_paragraphs)


def test_pdf_decision_text_is_bold_only_where_its_runs_say(tmp_path: Path) -> None:
    document = _document(
        Paragraph((Run("PLAINWORDS of the Panel "), Run("MARKEDBOLD", bold=True)), role=DECISION),
        *_decision_block(),
    )
    chunks = _chunks(PdfReader(write_pdf(document, tmp_path / "b.pdf")))
    fonts = {marker: _first(chunks, marker)[2] for marker in ("PLAINWORDS", "MARKEDBOLD", "The Panel:", "LASTBULLET")}
    assert "Bold" in fonts["MARKEDBOLD"]
    assert [m for m in ("PLAINWORDS", "The Panel:", "LASTBULLET") if "Bold" in fonts[m]] == [], fonts


# --- Word, as LibreOffice lays it out --------------------------------------------------------


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_word_file_laid_out_by_libreoffice_keeps_decision_blocks_and_rows_whole(tmp_path: Path) -> None:
    blocks: list[Block] = []
    for item in range(1, 13):
        blocks.append(Heading(f"{item}. Item {item}"))
        blocks += [Paragraph(plain(f"Discussion {item}.{n} of the item.")) for n in range(3 + item * 7 % 11)]
        blocks.append(Paragraph(plain(f"PANEL{item} The Panel:"), role=DECISION))
        blocks.append(Bullets(tuple(plain(f"{text} ({item})") for text in DECISIONS[:-1])
                              + (plain(f"BLOCKEND{item} AGREED to meet again."),), role=DECISION))
    lines = [f"Line {n} of the update." for n in range(1, 6)]
    rows = tuple((Cell.of(f"REF{n}"), Cell.of(f"ROW{n}START", *lines, f"ROW{n}END")) for n in range(1, 21))
    blocks.append(Table(("Reference", "UPDATEHEADER"), rows, (1, 4)))
    source = write_docx(_document(*blocks), tmp_path / "layout.docx")
    result = subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        check=False, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    reader = PdfReader(tmp_path / "layout.pdf")
    page_of = _page_of(reader)
    assert len(reader.pages) >= 5
    for item in range(1, 13):
        assert page_of(f"PANEL{item} ") == page_of(f"BLOCKEND{item} "), item
    for n in range(1, 21):
        assert page_of(f"ROW{n}START") == page_of(f"ROW{n}END"), n
    texts = [page.extract_text() for page in reader.pages]
    assert all("UPDATEHEADER" in texts[p] for p in range(page_of("ROW1START"), page_of("ROW20END") + 1))
