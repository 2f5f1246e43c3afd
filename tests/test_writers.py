"""The writers read back: Word with python-docx, PDF with pypdf, CSV and XLSX; and the commands."""

from __future__ import annotations

import csv
import re
from datetime import date
from pathlib import Path

import docx
import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from secdesk.cli.main import main
from secdesk.documents.export import action_log_document, export, meeting_document
from secdesk.documents.model import Document, Heading, Paragraph, plain
from secdesk.model import Classification
from secdesk.writers.pdf_writer import write_pdf

WHITE, AMBER = Classification.WHITE, Classification.AMBER
PAGE = re.compile(r"Page (\d+) of (\d+)")


@pytest.fixture
def amber_minutes(demo_store) -> Document:
    return meeting_document(demo_store, "minutes", "TABASC 46", AMBER)


def _docx_text(paragraphs) -> list[str]:
    return [p.text for p in paragraphs]


def test_docx_minutes_structure(amber_minutes: Document, tmp_path: Path) -> None:
    path = export(amber_minutes, "docx", tmp_path)
    assert path.name == "TABASC_46_1910_Draft_Minutes_AMBER.docx"
    word = docx.Document(str(path))
    headings = [p.text for p in word.paragraphs if p.style.name == "Heading 1"]
    numbered = [h for h in headings if h[0].isdigit()]
    assert [int(h.split(".")[0]) for h in numbered] == list(range(1, 13))
    assert "Items for Information" in headings
    decisions = [p.text for p in word.paragraphs if p.style.name in ("SD Decision", "SD Decision Bullet")]
    assert "The TABASC NOTED the verbal update." in decisions
    assert "The TABASC:" in decisions and "NOTED the named survey results; and" in decisions
    actions = [p.text for p in word.paragraphs if p.style.name == "SD Action"]
    assert actions[0].startswith("ACTION TABASC46/01: SECAS to include")
    assert any(a.startswith("ACTION TABASC46/02: ") for a in actions)
    assert any(p.text.startswith("Post Meeting Note: ") for p in word.paragraphs)
    outstanding = next(t for t in word.tables if t.rows[0].cells[0].text == "Action Reference")
    rows = [[c.text for c in row.cells] for row in outstanding.rows[1:]]
    assert rows[0][0] == "TABASC41/03" and rows[0][2].endswith("Action CLOSED.")
    assert any(r[0] == "TABASC45/03" and r[2].endswith("Action ONGOING.") for r in rows)
    section = word.sections[0]
    assert _docx_text(section.header.paragraphs) == [" This document has a Classification of Amber ", "DRAFT"]
    footer = section.footer.paragraphs
    assert footer[0].text.strip() == "This document has a Classification of Amber"
    footer_xml = section.footer._element.xml
    assert " PAGE " in footer_xml and " NUMPAGES " in footer_xml
    assert word.core_properties.author == "SECAS"
    assert word.core_properties.title == "TABASC Meeting 46 Draft Minutes"


def test_pdf_minutes_marking_on_every_page_and_outline(amber_minutes: Document, tmp_path: Path) -> None:
    path = export(amber_minutes, "pdf", tmp_path)
    reader = PdfReader(path)
    pages = [page.extract_text() for page in reader.pages]
    assert len(pages) >= 3
    for number, text in enumerate(pages, start=1):
        assert text.count("This document has a Classification of Amber") == 2, number  # header and footer
        assert f"Page {number} of {len(pages)}" in text
        assert "DRAFT" in text and "TABASC_46_1910" in text
    whole = "\n".join(pages)
    assert "ACTION TABASC46/02:" in whole
    assert "Action ONGOING." in whole and "Action CLOSED." in whole
    assert "The TABASC NOTED the verbal update." in whole
    titles = [entry.title for entry in reader.outline]
    assert titles[0] == "1. Minutes and Actions Outstanding"
    assert "6. Supplier Readiness Survey Results" in titles and "Items for Information" in titles
    assert reader.metadata.author == "SECAS"
    fonts = {
        font.get_object()["/BaseFont"]: font.get_object()
        for page in reader.pages for font in page["/Resources"]["/Font"].values()
    }
    assert all("Carlito" in name for name in fonts)
    assert all("/FontFile2" in f["/FontDescriptor"].get_object() for f in fonts.values())  # embedded


def test_final_white_pdf_has_no_draft_mark(demo_store, tmp_path: Path) -> None:
    path = export(meeting_document(demo_store, "minutes", "TABASC 44", WHITE), "pdf", tmp_path)
    assert path.name == "TABASC_44_1708_Final_Minutes_WHITE.pdf"
    texts = [p.extract_text() for p in PdfReader(path).pages]
    assert all("Classification of White" in t and "DRAFT" not in t for t in texts)


def test_long_document_numbers_every_page(tmp_path: Path) -> None:
    from secdesk.documents.common import marking_for

    filler = "Members discussed the matter at length and noted several points for the record. " * 12
    blocks = []
    for number in range(1, 26):
        blocks += [Heading(f"{number}. Item {number}"), *[Paragraph(plain(filler)) for _ in range(3)]]
    document = Document(
        kind="minutes", title="Long", subject="Long", author="SECAS", identifier="TEST_1_0101",
        marking=marking_for(WHITE), file_stem="long", draft=True, blocks=tuple(blocks),
    )
    reader = PdfReader(write_pdf(document, tmp_path / "long.pdf"))
    total = len(reader.pages)
    assert total >= 10
    for number, page in enumerate(reader.pages, start=1):
        text = page.extract_text()
        assert PAGE.search(text).groups() == (str(number), str(total))
        assert "This document has a Classification of White" in text and "DRAFT" in text
    assert len(reader.outline) == 25


def test_agenda_docx_and_pdf(demo_store, tmp_path: Path) -> None:
    document = meeting_document(demo_store, "agenda", "TABASC 46", WHITE)
    word = docx.Document(str(export(document, "docx", tmp_path)))
    table = word.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["No.", "Item", "Purpose", "Lead", "Papers", "Time"]
    assert table.rows[1].cells[1].text == "Minutes and Actions Outstanding"
    text = "\n".join(p.extract_text() for p in PdfReader(export(document, "pdf", tmp_path)).pages)
    assert "Readiness Survey" in text and "Confidential item" in text
    assert "TABASC_46_1910_01" in text and "10:00" in text


def test_action_log_csv_and_xlsx(demo_store, tmp_path: Path) -> None:
    document = action_log_document(demo_store, WHITE, committee="TABASC", open_only=True, today=date(2026, 11, 23))
    with export(document, "csv", tmp_path).open(encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["Reference", "Owner", "Action", "Raised at", "Due", "Status", "Latest update"]
    by_reference = {row[0]: row for row in rows[1:]}
    assert by_reference["TABASC46/01"][5] == "Open OVERDUE"
    assert by_reference["TABASC45/03"][6].startswith("The reader's guide")
    sheet = load_workbook(export(document, "xlsx", tmp_path)).active
    assert sheet["A1"].value == "This document has a Classification of White"
    assert [c.value for c in sheet[3]] == rows[0]
    overdue_row = next(r for r in sheet.iter_rows(min_row=4) if r[0].value == "TABASC46/01")
    assert overdue_row[0].fill.fgColor.rgb.endswith("FBE3E3")
    assert sheet.freeze_panes == "A4"


def test_action_log_word_and_pdf_are_landscape(demo_store, tmp_path: Path) -> None:
    document = action_log_document(demo_store, AMBER, today=date(2026, 11, 23))
    section = docx.Document(str(export(document, "docx", tmp_path))).sections[0]
    assert section.page_width > section.page_height
    page = PdfReader(export(document, "pdf", tmp_path)).pages[0]
    assert page.mediabox.width > page.mediabox.height
    assert "SECP151/01" in page.extract_text()


def _demo_db(demo_store) -> str:
    return str(demo_store.path)


def test_command_writes_named_file_into_folder(demo_store, tmp_path: Path, capsys) -> None:
    db = _demo_db(demo_store)
    code = main(
        ["--db", db, "minutes", "TABASC_46_1910", "--classification", "white", "--format", "pdf", "-o", str(tmp_path)]
    )
    assert code == 0
    written = tmp_path / "TABASC_46_1910_Draft_Minutes_WHITE.pdf"
    assert capsys.readouterr().out.strip() == str(written)
    assert written.read_bytes().startswith(b"%PDF")
    assert (
        main(["--db", db, "agenda", "TABASC", "46", "--classification", "amber", "-o", str(tmp_path / "a.docx")]) == 0
    )
    assert docx.Document(str(tmp_path / "a.docx")).tables
    assert (
        main(["--db", db, "action-log", "--committee", "TABASC", "--open", "--format", "xlsx", "-o", str(tmp_path)])
        == 0
    )
    assert (tmp_path / "TABASC_Action_Log_Open_WHITE.xlsx").exists()


@pytest.mark.parametrize(
    "argv, message",
    [
        (["minutes", "TABASC", "99"], "TABASC has no meeting 99"),
        (["minutes", "NOPE_1_0101"], "No meeting NOPE_1_0101"),
        (["minutes", "TABASC", "46", "--classification", "purple"], "Unknown classification"),
        (["agenda", "TABASC", "46", "-o", "x.txt"], "Cannot write .txt"),
        (["action-log", "--committee", "NOPE"], "No committee"),
    ],
)
def test_command_errors_are_clear(demo_store, capsys, argv: list[str], message: str) -> None:
    assert main(["--db", _demo_db(demo_store), *argv]) == 1
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
