"""Register exports read back: severity order, RAG in words and colour, markings, nothing Amber in White."""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path

import pytest
from docx import Document as read_docx
from openpyxl import load_workbook
from pypdf import PdfReader

from secdesk.cli.main import main
from secdesk.documents import heatmap
from secdesk.documents.export import export
from secdesk.documents.registers import RAG_CELL, build_planner, build_risk_register
from secdesk.model import Classification
from secdesk.services import committees, planner, risks

AMBER_RISK_WORDS = "head-end system cannot be recovered"
AMBER_PLAN_WORDS = "Head-end Recovery"


def _register(demo_store, level: Classification):
    with demo_store.read() as session:
        return build_risk_register(session, committees.get_committee(session, "TABASC"), level,
                                   today=date(2026, 11, 23))


def test_register_rows_are_in_severity_order_with_rag_written_and_coloured(demo_store) -> None:
    document = _register(demo_store, Classification.AMBER)
    table = next(b for b in document.blocks if getattr(b, "headers", None) and b.headers[0] == "No.")
    severities = [int(row[4].text) for row in table.rows]
    assert severities == sorted(severities, reverse=True)
    for row in table.rows:
        word = row[5].text.split()[0].lower()
        assert word in RAG_CELL and row[5].fill == RAG_CELL[word]
    assert AMBER_RISK_WORDS in document.text()
    assert document.landscape


def test_planned_mitigations_are_italic(demo_store) -> None:
    document = _register(demo_store, Classification.WHITE)
    table = next(b for b in document.blocks if getattr(b, "headers", None) and b.headers[0] == "No.")
    runs = [run for row in table.rows for line in row[6].lines for run in line if run.text]
    assert any(r.italic for r in runs) and any(not r.italic for r in runs)


def test_heat_map_numbers_match_the_register(demo_store) -> None:
    with demo_store.read() as session:
        tabasc = committees.get_committee(session, "TABASC")
        shown = risks.register(session, tabasc, Classification.WHITE)
        thresholds = risks.settings(session, tabasc)
    grid = risks.heat_map(shown)
    assert sorted(n for cell in grid.values() for n in cell) == sorted(r.number for r in shown)
    png = heatmap.draw(grid, lambda s: risks.rag_for(s, thresholds).value)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize("fmt", ["pdf", "docx", "xlsx"])
def test_white_register_files_hold_no_amber_risk_and_mark_every_page(demo_store, tmp_path: Path, fmt: str) -> None:
    white = export(_register(demo_store, Classification.WHITE), fmt, tmp_path)
    amber = export(_register(demo_store, Classification.AMBER), fmt, tmp_path)
    assert "WHITE" in white.name and "AMBER" in amber.name

    def everything(path: Path) -> str:
        if fmt == "pdf":
            reader = PdfReader(path)
            pages = [page.extract_text() for page in reader.pages]
            for text in pages:
                assert "This document has a Classification of" in text and "Page" in text
            return " ".join("\n".join(pages).split())  # lines wrap inside table cells
        with zipfile.ZipFile(path) as archive:
            return "\n".join(archive.read(name).decode("utf-8", "replace") for name in archive.namelist())

    assert AMBER_RISK_WORDS not in everything(white)
    assert AMBER_RISK_WORDS in everything(amber)
    if fmt == "docx":
        rows = read_docx(str(white)).tables[0].rows
        assert [c.text for c in rows[0].cells][:3] == ["No.", "Risk", "L"]
    if fmt == "xlsx":
        sheet = load_workbook(white).active
        assert sheet.title == "Risk Register" and sheet["A1"].value == "This document has a Classification of White"


def test_planner_export_month_by_month_without_amber(demo_store, tmp_path: Path) -> None:
    with demo_store.read() as session:
        tabasc = committees.get_committee(session, "TABASC")
        white = build_planner(session, tabasc, Classification.WHITE, start=date(2026, 11, 1), months=4)
        amber = build_planner(session, tabasc, Classification.AMBER, start=date(2026, 11, 1), months=4)
        assert len(planner.planner(session, tabasc, start=date(2026, 11, 1), months=4)) == 5
    assert AMBER_PLAN_WORDS not in white.text() and AMBER_PLAN_WORDS in amber.text()
    months = [row[0].text for row in white.blocks[-1].rows if row[0].text]
    assert months == ["November 2026", "December 2026", "January 2027", "February 2027"]
    path = export(white, "pdf", tmp_path)
    assert "Release Readiness Lessons Learned" in PdfReader(path).pages[0].extract_text()


def test_register_commands(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "d.sqlite")
    assert main(["--db", db, "demo"]) == 0
    assert main(["--db", db, "risk-register", "TABASC", "--format", "xlsx", "-o", str(tmp_path)]) == 0
    assert main(["--db", db, "risk-add", "TABASC", "There is a risk that Y.", "--likelihood", "5",
                 "--impact", "5", "--planned-mitigation", "Do Z"]) == 0
    assert main(["--db", db, "risks", "TABASC", "--json"]) == 0
    out = capsys.readouterr().out
    assert '"severity": 25' in out and '"rag": "red"' in out
    assert main(["--db", db, "risk-review", "TABASC", "46"]) == 0
    assert "risk 7: added" in capsys.readouterr().out
    assert main(["--db", db, "risk-add", "TABASC", "Bad", "--likelihood", "0", "--impact", "1"]) == 1
    assert "from 1 to 5" in capsys.readouterr().err
