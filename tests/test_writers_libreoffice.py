"""LibreOffice opens every exported .docx: all of them convert to PDF in one soffice run."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from secdesk.documents.export import action_log_document, export, meeting_document
from secdesk.model import Classification, Meeting
from secdesk.services.meetings import resolve_meeting

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed"),
]


def test_libreoffice_converts_every_exported_docx(demo_store, tmp_path: Path) -> None:
    with demo_store.read() as session:
        identifiers = [m.identifier for m in session.scalars(select(Meeting))]
        meeting = resolve_meeting(session, "TABASC 46")
        amber_title = next(i.title for i in meeting.items if i.classification is Classification.AMBER)
    exported = tmp_path / "docx"
    exported.mkdir()
    for identifier in identifiers:
        for level in (Classification.WHITE, Classification.AMBER):
            export(meeting_document(demo_store, "minutes", identifier, level), "docx", exported)
            export(meeting_document(demo_store, "agenda", identifier, level), "docx", exported)
    export(action_log_document(demo_store, Classification.WHITE, today=date(2026, 11, 23)), "docx", exported)
    files = sorted(exported.glob("*.docx"))
    converted = tmp_path / "pdf"
    result = subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless",
         "--convert-to", "pdf", "--outdir", str(converted), *map(str, files)],
        check=False, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr
    for docx_file in files:
        pdf = converted / f"{docx_file.stem}.pdf"
        assert pdf.exists(), f"LibreOffice did not convert {docx_file.name}: {result.stdout}{result.stderr}"
        pages = [page.extract_text() for page in PdfReader(pdf).pages]
        level = "Amber" if docx_file.stem.endswith("AMBER") else "White"
        for number, text in enumerate(pages, start=1):
            assert f"Classification of {level}" in text, (docx_file.name, number)
            assert f"Page {number} of {len(pages)}" in text, (docx_file.name, number)
        if docx_file.stem == "TABASC_46_1910_Draft_Minutes_WHITE":
            assert amber_title not in "".join(pages)
            assert all("DRAFT" in text for text in pages)
