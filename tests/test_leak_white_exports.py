"""A White export holds nothing above White, anywhere in the file.

Every Amber field of TABASC 46 (and the Amber actions it reviews) gets a unique
marker; the White files are then searched part by part, stream by stream.
The Amber files are searched the same way and must show the markers, so the
search itself is known to work.
"""

from __future__ import annotations

import csv
import itertools
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from pypdf.generic import StreamObject

from secdesk.documents.export import action_log_document, export, meeting_document
from secdesk.model import AgendaItem, Classification, DecisionVerb, Paper
from secdesk.services import actions, agenda, decisions, meetings
from secdesk.services.actions import outstanding_for, update_for
from secdesk.services.meetings import resolve_meeting

MARK = "ZQXLEAK"
AMBER = Classification.AMBER


def _seed_markers(store) -> list[str]:
    """Put a unique marker into every Amber field of TABASC 46; return the markers."""
    counter = itertools.count(1)
    markers: list[str] = []

    def mark(text: str | None) -> str:
        marker = f"{MARK}{next(counter):03d}"
        markers.append(marker)
        return f"{text or ''} {marker}".strip()

    with store.write() as session:
        meeting = resolve_meeting(session, "TABASC 46")
        previous = resolve_meeting(session, "TABASC 45")
        meetings.reopen(session, previous)  # its Amber actions are edited below
        white_item = next(i for i in meeting.items if i.title.startswith("Specification Defect"))
        # Amber content inside a White item, of every kind.
        decisions.add(session, white_item, DecisionVerb.AGREED, mark("to keep the supplier list"), AMBER)
        actions.raise_action(session, meeting, mark("SECAS to brief the Chair"), owner="SECAS", item=white_item,
                             classification=AMBER)
        paper = agenda.add_paper(session, white_item, mark("Confidential annex"), reference=mark("REF"),
                                 classification=AMBER)
        agenda.add_paper_file(session, paper, mark("Appendix"), "annex.pdf", AMBER)
        session.flush()
        for item in meeting.items:
            _mark_item(item, mark)
        for action in outstanding_for(session, meeting):
            container = action.item.classification if action.item else Classification.WHITE
            if AMBER in (action.classification, container):
                action.text = mark(action.text)
                action.owner = mark(action.owner)
                update = update_for(action, meeting)
                if update is not None:
                    update.text = mark(update.text)
    return markers


def _mark_item(item: AgendaItem, mark) -> None:
    amber_item = item.classification is AMBER
    if amber_item:
        item.title = mark(item.title)
        item.minutes = mark(item.minutes)
        item.post_meeting_note = mark(item.post_meeting_note)
    for decision in item.decisions:
        if amber_item or decision.classification is AMBER:
            decision.text = mark(decision.text)
    for action in item.actions:
        if amber_item or action.classification is AMBER:
            action.text = mark(action.text)
            action.owner = mark(action.owner)
    for paper in item.papers:
        _mark_paper(paper, amber_item, mark)


def _mark_paper(paper: Paper, amber_item: bool, mark) -> None:
    if amber_item or paper.classification is AMBER:
        paper.title = mark(paper.title)
        paper.reference = mark(paper.reference)
    for attached in paper.files:
        if amber_item or paper.classification is AMBER or attached.classification is AMBER:
            attached.label = mark(attached.label)


def _docx_parts(path: Path) -> dict[str, str]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name).decode("utf-8", errors="replace") for name in archive.namelist()}


def _pdf_texts(path: Path) -> dict[str, str]:
    """Raw file, every decompressed stream, page text, Info, XMP and outline titles."""
    reader = PdfReader(path)
    texts = {"raw": path.read_bytes().decode("latin-1")}
    for number in range(1, int(reader.trailer["/Size"])):
        obj = reader.get_object(number)
        if isinstance(obj, StreamObject):
            texts[f"stream {number}"] = obj.get_data().decode("latin-1")
    for index, page in enumerate(reader.pages, start=1):
        texts[f"page {index}"] = page.extract_text()
    texts["info"] = repr(dict(reader.metadata or {}))
    texts["xmp"] = repr(reader.xmp_metadata.rdf_root.toxml()) if reader.xmp_metadata else ""
    texts["outline"] = repr(reader.outline)
    return texts


def _leaks(parts: dict[str, str], markers: list[str]) -> dict[str, list[str]]:
    return {name: found for name, text in parts.items() if (found := [m for m in markers if m in text])}


@pytest.fixture
def seeded(demo_store):
    return demo_store, _seed_markers(demo_store)


@pytest.mark.parametrize("kind", ["minutes", "agenda"])
def test_white_meeting_documents_hold_no_amber_marker(seeded, tmp_path: Path, kind: str) -> None:
    store, markers = seeded
    assert len(markers) >= 20
    for level in (Classification.WHITE, Classification.AMBER):
        document = meeting_document(store, kind, "TABASC 46", level)
        docx = export(document, "docx", tmp_path)
        pdf = export(document, "pdf", tmp_path)
        docx_leaks = _leaks(_docx_parts(docx), markers)
        pdf_leaks = _leaks(_pdf_texts(pdf), markers)
        if level is Classification.WHITE:
            assert docx_leaks == {}, f"White {kind} .docx leaks {docx_leaks}"
            assert pdf_leaks == {}, f"White {kind} PDF leaks {pdf_leaks}"
        else:
            # The same search finds the markers where they belong.
            assert any("word/document.xml" == name for name in docx_leaks)
            assert any(name.startswith("page") for name in pdf_leaks)


def test_amber_minutes_outline_carries_amber_title_but_white_does_not(seeded, tmp_path: Path) -> None:
    store, markers = seeded
    white = export(meeting_document(store, "minutes", "TABASC 46", Classification.WHITE), "pdf", tmp_path)
    amber = export(meeting_document(store, "minutes", "TABASC 46", Classification.AMBER), "pdf", tmp_path)
    assert any(m in repr(PdfReader(amber).outline) for m in markers)
    assert not any(m in repr(PdfReader(white).outline) for m in markers)


def test_white_action_log_holds_no_amber_marker_in_any_format(seeded, tmp_path: Path) -> None:
    store, markers = seeded
    white = action_log_document(store, Classification.WHITE, committee="TABASC")
    amber = action_log_document(store, Classification.AMBER, committee="TABASC")
    for document, expect_markers in ((white, False), (amber, True)):
        out = tmp_path / document.marking.level
        out.mkdir()
        found = {}
        found.update(_leaks(_docx_parts(export(document, "docx", out)), markers))
        found.update(_leaks(_docx_parts(export(document, "xlsx", out)), markers))
        found.update({f"pdf {k}": v for k, v in _leaks(_pdf_texts(export(document, "pdf", out)), markers).items()})
        with export(document, "csv", out).open(encoding="utf-8-sig") as handle:
            found.update(_leaks({"csv": "\n".join(",".join(row) for row in csv.reader(handle))}, markers))
        assert bool(found) is expect_markers, found


def test_white_docx_has_clean_properties_and_no_hidden_or_tracked_content(seeded, tmp_path: Path) -> None:
    store, _markers = seeded
    path = export(meeting_document(store, "minutes", "TABASC 46", Classification.WHITE), "docx", tmp_path)
    parts = _docx_parts(path)
    everything = "\n".join(parts.values())
    assert "python-docx" not in everything
    assert "<dc:creator>SECAS</dc:creator>" in parts["docProps/core.xml"]
    assert "<w:vanish" not in parts["word/document.xml"]  # hidden text
    for tracked in ("<w:ins ", "<w:del ", "<w:trackRevisions", "<w:comment"):
        assert tracked not in everything
    assert not any("comments" in name or "footnotes" in name for name in parts)
    workbook = load_workbook(export(action_log_document(store, Classification.WHITE), "xlsx", tmp_path))
    assert workbook.properties.creator == "SECAS"
