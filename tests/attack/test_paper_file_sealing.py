"""A stored paper file follows its item's and paper's level; purge leaves no plaintext copy."""

from __future__ import annotations

import os
import time
from pathlib import Path

from sqlalchemy import select

from secdesk.cli.main import main
from secdesk.model import AgendaItem, Classification, Paper
from secdesk.papers.attach import attach, copy_out, file_store
from tests.test_packs import pdf_with

MARKER = b"PAPER-FILE-MARKER-7Q"


def _copies(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file())


def _plaintext_copies(root: Path, *sources: Path) -> list[Path]:
    """Stored copies that hold any of the sources in clear (the PDFs compress their text)."""
    plain = [s.read_bytes() for s in sources]
    return [p for p in _copies(root) if p.read_bytes() in plain]


def _set_item_level(store, level: Classification) -> None:
    with store.write() as session:
        item = session.scalar(select(AgendaItem).join(Paper).where(Paper.reference == "TABASC_46_1910_06"))
        item.classification = level


def test_an_item_made_amber_seals_its_paper_files_and_white_again_unseals_them(demo_store, tmp_path: Path) -> None:
    source = pdf_with(tmp_path / "paper.pdf", MARKER.decode())
    made = attach(demo_store, "TABASC 46", 7, source, title="Supplier timetable", purpose=None)
    root = file_store(demo_store).root
    assert _plaintext_copies(root, source) == [root / made.sha256[:2] / made.sha256]

    _set_item_level(demo_store, Classification.AMBER)
    assert _plaintext_copies(root, source) == []
    assert [p.name for p in _copies(root) if made.sha256 in p.name] == [made.sha256 + ".sealed"]
    out = copy_out(demo_store, made.paper_reference, None, tmp_path / "back.pdf")
    assert out.read_bytes() == source.read_bytes()

    _set_item_level(demo_store, Classification.WHITE)
    assert [p.name for p in _copies(root) if made.sha256 in p.name] == [made.sha256]
    assert copy_out(demo_store, made.paper_reference, None, tmp_path / "again.pdf").read_bytes() == source.read_bytes()


def test_a_paper_made_amber_is_sealed_and_a_refused_write_leaves_the_plain_file(demo_store, tmp_path: Path) -> None:
    source = pdf_with(tmp_path / "paper.pdf", MARKER.decode())
    made = attach(demo_store, "TABASC 46", 7, source, title="Supplier timetable", purpose=None)
    root = file_store(demo_store).root
    try:
        with demo_store.write() as session:
            paper = session.scalar(select(Paper).where(Paper.reference == made.paper_reference))
            paper.classification = Classification.AMBER
            raise RuntimeError("the user's action failed after the change")
    except RuntimeError:
        pass
    # Rolled back: the paper is still White and its plain copy is still there.
    assert (root / made.sha256[:2] / made.sha256).exists()
    with demo_store.write() as session:
        session.scalar(
            select(Paper).where(Paper.reference == made.paper_reference)
        ).classification = Classification.AMBER
    assert _plaintext_copies(root, source) == []


def test_purge_seals_a_plain_copy_left_by_a_crash_and_removes_deleted_papers_files(
    demo_store, tmp_path: Path, db_path: Path, capsys
) -> None:
    source = pdf_with(tmp_path / "paper.pdf", MARKER.decode())
    made = attach(demo_store, "TABASC 46", 7, source, title="Supplier timetable", purpose=None)
    root = file_store(demo_store).root
    plain = root / made.sha256[:2] / made.sha256
    kept = plain.read_bytes()
    _set_item_level(demo_store, Classification.AMBER)
    orphan = pdf_with(tmp_path / "orphan.pdf", "ORPHAN-" + MARKER.decode())
    orphaned = attach(demo_store, "TABASC 46", 7, orphan, title="Withdrawn paper", purpose=None)
    with demo_store.write() as session:
        session.delete(session.scalar(select(Paper).where(Paper.reference == orphaned.paper_reference)))
    old = time.time() - 3600
    (orphan_copy,) = (root / orphaned.sha256[:2]).glob(orphaned.sha256 + "*")
    os.utime(orphan_copy, (old, old))
    plain.write_bytes(kept)  # a crash after a commit, before the plain copy was removed
    demo_store.close()

    assert main(["--db", str(demo_store.path), "purge"]) == 0
    out = capsys.readouterr().out
    assert "2 copies no paper needs removed" in out
    assert _plaintext_copies(root, source, orphan) == []
    assert not orphan_copy.exists()
