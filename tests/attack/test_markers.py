"""The marker attack: a unique marker in every confidential field the model has, then every
White and Green output the command line can write, and the data at rest, searched byte by byte.

The fields come from walking the model (`ENCRYPTED_FIELDS`, derived from the columns'
markings), so a new confidential column is covered without touching this file; the test
fails if the seed has no confidential row to carry it. Files are searched whole, as
unzipped parts, as decompressed PDF streams, metadata and outlines, and by name. The
Amber outputs are searched the same way and must show markers: the search is known to work.
"""

from __future__ import annotations

import itertools
import json
import zipfile
import zlib
from datetime import date
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from secdesk.cli.main import main
from secdesk.model import (
    ActionStatus,
    BlockKind,
    Classification,
    DecisionVerb,
    Meeting,
    MinutesRecord,
    PaperFile,
    Rag,
    effective_level,
)
from secdesk.papers.attach import attach
from secdesk.security.fields import ENCRYPTED_FIELDS
from secdesk.services import actions, agenda, decisions, meetings, minute_blocks, planner, risks
from secdesk.services.meetings import resolve_meeting
from secdesk.store import sqlite
from tests import factories
from tests.test_packs import pdf_with

MARK = "QZMARK"
AMBER = Classification.AMBER
WHITE = Classification.WHITE
MEETING = "TABASC 46"
PAPER_FILE_MARKER = f"{MARK}PAPERFILE"


def _add_confidential_rows(store, sources: Path) -> None:
    """Rows of every kind above White, each way a row can be: its own level or its container's."""
    with store.write() as session:
        meeting = resolve_meeting(session, MEETING)
        committee = meeting.committee
        amber_item = agenda.add_item(session, meeting, "Named supplier", public_title="Supplier matter",
                                     classification=AMBER, minutes="x", post_meeting_note="x")
        amber_item.presenter = "x"
        white_item = next(i for i in meeting.items if i.classification is WHITE)
        decisions.add(session, amber_item, DecisionVerb.NOTED, "x", WHITE)  # Amber by its item
        decisions.add(session, white_item, DecisionVerb.AGREED, "x", AMBER)
        # White by its own label, Amber by its item: the leak of issue 15 item 1.
        under_amber = actions.raise_action(session, meeting, "x", owner="x", item=amber_item)
        amber_action = actions.raise_action(session, meeting, "x", owner="x", item=white_item, classification=AMBER)
        # A block Amber on its own in a White item, and one Amber by its item.
        minute_blocks.add_block(session, white_item, BlockKind.PARAGRAPH, "x", classification=AMBER)
        minute_blocks.add_block(session, amber_item, BlockKind.PARAGRAPH, "x")
        paper = agenda.add_paper(session, white_item, "x", classification=AMBER)
        agenda.add_paper_file(session, paper, "x", "x.pdf", WHITE)
        white_paper = agenda.add_paper(session, white_item, "Public paper")
        agenda.add_paper_file(session, white_paper, "x", "x.pdf", AMBER)
        session.flush()
        later = factories.held_meeting(session, committee, 47, date(2026, 11, 23))
        actions.record_update(session, [under_amber, amber_action], later, "x", ActionStatus.ONGOING)
        risks.add_risk(session, committee, "x", 4, 4, owner="x", classification=AMBER,
                       mitigations=[("x", True), ("x", False)], rag_override=Rag.RED, override_reason="x")
        risks.add_risk(session, committee, "Public risk", 2, 2, owner="SECAS")
        planner.plan(session, committee, date(2027, 1, 1), "x", owner="x", classification=AMBER)
    # A confidential paper file with real content.
    attach(store, MEETING, 6, pdf_with(sources / "amber.pdf", PAPER_FILE_MARKER), title="Amber survey detail",
           classification=AMBER)


def _seed_markers(store) -> list[str]:
    """Overwrite every confidential field of every row above White with a unique marker."""
    serial = itertools.count(1)
    markers: list[str] = []
    covered: set[tuple[str, str]] = set()

    def marker() -> str:
        markers.append(f"{MARK}{next(serial):04d}")
        return markers[-1]

    with store.write() as session:
        reopened = list(session.scalars(select(Meeting).where(Meeting.locked)))
        for locked in reopened:
            meetings.reopen(session, locked)  # final minutes change only after a reopen
        reopened_ids = [m.id for m in reopened]
    with store.write() as session:
        for cls, fields in ENCRYPTED_FIELDS.items():
            if cls is MinutesRecord:
                continue  # agreed minutes are never rewritten: they take the markers when agreed again, below
            for row in session.scalars(select(cls)):
                if effective_level(row) is WHITE:
                    continue
                for field in fields:
                    value = marker()
                    if cls is PaperFile and field == "filename":
                        value += ".pdf"
                    if field == "mitigations":  # a snapshot's mitigations are JSON
                        value = json.dumps([[value, True]])
                    setattr(row, field, value)
                    covered.add((cls.__name__, field))
    with store.write() as session:
        for meeting in (session.get(Meeting, i) for i in reopened_ids):
            assert meeting is not None
            if meeting.approved_at_meeting is not None:
                meetings.agree_final(session, meeting, meeting.approved_at_meeting)
            else:
                meetings.approve_ex_committee(session, meeting, meeting.approved_ex_committee_on)
        for kept in session.scalars(select(MinutesRecord)):
            if effective_level(kept) is not WHITE and any(m in kept.content for m in markers):
                covered.add((MinutesRecord.__name__, "content"))
    wanted = {(cls.__name__, f) for cls, fields in ENCRYPTED_FIELDS.items() for f in fields}
    assert wanted <= covered, f"no confidential row carries {sorted(wanted - covered)}: extend the seed"
    return markers


def _review_risks(store) -> None:
    """A risk review snapshots the register, confidential risks included."""
    with store.write() as session:
        meeting = resolve_meeting(session, MEETING)
        risks.review(session, meeting.committee, meeting=meeting)


# --- searching files ------------------------------------------------------------


def _views(name: str, data: bytes) -> dict[str, bytes]:
    """The file whole, its zip parts, and a PDF's decompressed streams, metadata and outline."""
    views = {name: data, f"{name} (name)": name.encode()}
    if data[:2] == b"PK":
        with zipfile.ZipFile(BytesIO(data)) as archive:
            for part in archive.namelist():
                views.update(_views(f"{name}/{part}", archive.read(part)))
    if data[:5] == b"%PDF-":
        views.update(_pdf_views(name, data))
    return views


def _pdf_views(name: str, data: bytes) -> dict[str, bytes]:
    reader = PdfReader(BytesIO(data))
    views: dict[str, bytes] = {}
    for number, page in enumerate(reader.pages):
        views[f"{name}#page{number}"] = (page.extract_text() or "").encode()
        contents = page.get_contents()
        if contents is not None:
            views[f"{name}#stream{number}"] = contents.get_data()
    views[f"{name}#metadata"] = repr(reader.metadata).encode()
    views[f"{name}#outline"] = repr(reader.outline).encode()
    # Every stream of the file, decompressed where it is Flate.
    for chunk in data.split(b"stream")[1:]:
        body = chunk.split(b"endstream")[0].strip(b"\r\n")
        try:
            views[f"{name}#flate{len(views)}"] = zlib.decompress(body)
        except zlib.error:
            continue
    return views


def _found(markers: list[str], views: dict[str, bytes]) -> dict[str, list[str]]:
    encoded = [(m, m.encode(), m.encode("utf-16-be")) for m in markers]
    hits: dict[str, list[str]] = {}
    for where, data in views.items():
        for text, utf8, utf16 in encoded:
            if utf8 in data or utf16 in data:
                hits.setdefault(text, []).append(where)
    return hits


def _everything_in(folder: Path) -> dict[str, bytes]:
    views: dict[str, bytes] = {}
    for path in sorted(p for p in folder.rglob("*")):
        views[f"{path.relative_to(folder)} (name)"] = path.name.encode()
        if path.is_file():
            views.update(_views(str(path.relative_to(folder)), path.read_bytes()))
    return views


# --- the outputs ----------------------------------------------------------------


def _outputs(db: Path, level: str, out: Path, capsys) -> dict[str, bytes]:
    """Run every command that writes or prints a classified output at `level`; return what they made."""
    out.mkdir()
    base = ["--db", str(db)]
    commands = [
        ["minutes", MEETING, "--format", "docx,pdf", "-o", str(out)],
        ["agenda", MEETING, "--format", "docx,pdf", "-o", str(out)],
        ["action-log", "--format", "docx,pdf,csv,xlsx", "-o", str(out)],
        ["action-log", "--open", "--committee", "TABASC", "--format", "csv", "-o", str(out / "open.csv")],
        ["risk-register", "TABASC", "--format", "docx,pdf,xlsx,csv", "-o", str(out)],
        ["planner", "TABASC", "--from", "2026-10", "--format", "docx,pdf,xlsx,csv", "-o", str(out)],
        ["planner", "TABASC", "--from", "2026-10", "--json"],
        ["risks", "TABASC", "--json"],
        ["export-meeting", MEETING, "-o", str(out / "package.json")],
        ["pack", MEETING, "--kind", "pre", "-o", str(out / "pre-pack"), "--quiet"],
        ["pack", MEETING, "--kind", "post", "-o", str(out / "post-pack"), "--quiet"],
    ]
    printed: dict[str, bytes] = {}
    for command in commands:
        code = main([*base, *command, "--classification", level])
        captured = capsys.readouterr()
        assert code == 0, f"{command}: {captured.err}"
        assert "Traceback" not in captured.err
        printed[f"stdout of {' '.join(command[:2])}"] = captured.out.encode()
    # The audit trail has no level: for confidential rows it names the changed fields only, and its
    # words name confidential items by their public titles.
    assert main([*base, "audit", MEETING, "-o", str(out / "audit.csv")]) == 0
    capsys.readouterr()
    for shown in (["--json"], ["--every-change"], ["--every-change", "--json"], []):
        assert main([*base, "audit", MEETING, *shown]) == 0
        printed[f"stdout of audit {' '.join(shown)}"] = capsys.readouterr().out.encode()
    return {**_everything_in(out), **printed}


@pytest.fixture
def seeded(demo_store, tmp_path: Path):
    sources = tmp_path / "sources"
    sources.mkdir()
    _add_confidential_rows(demo_store, sources)
    _review_risks(demo_store)
    markers = _seed_markers(demo_store)
    demo_store.backup(force=True)
    path = demo_store.path
    demo_store.close()
    return path, markers


@pytest.mark.parametrize("level", ["white", "green"])
def test_no_confidential_marker_in_any_white_or_green_output(seeded, tmp_path: Path, level: str, capsys) -> None:
    db, markers = seeded
    views = _outputs(db, level, tmp_path / level, capsys)
    assert len(views) > 100  # the search saw parts, streams and pages, not just files
    leaks = _found([*markers, PAPER_FILE_MARKER], views)
    assert leaks == {}


def test_the_amber_outputs_show_the_markers_so_the_search_works(seeded, tmp_path: Path, capsys) -> None:
    db, markers = seeded
    views = _outputs(db, "amber", tmp_path / "amber", capsys)
    found = _found([*markers, PAPER_FILE_MARKER], views)
    assert PAPER_FILE_MARKER in found
    assert len(found) > len(markers) // 2


def test_no_marker_at_rest_in_the_database_wal_backups_or_file_store(seeded) -> None:
    db, markers = seeded
    files = [db, db.with_name(db.name + "-wal"), *sqlite.list_backups(db)]
    store_folder = db.with_name(db.name + ".files")
    files += [p for p in store_folder.rglob("*") if p.is_file()]
    views: dict[str, bytes] = {}
    for path in files:
        if path.exists():
            views[str(path)] = path.read_bytes()
    assert len(views) >= 3
    assert _found(markers, views) == {}
    # The paper file is a PDF whose text is compressed: search it as a PDF too.
    copies = [p for p in store_folder.rglob("*") if p.is_file()]
    assert copies
    for copy in copies:
        assert _found([PAPER_FILE_MARKER], _views(copy.name, copy.read_bytes())) == {}, copy
