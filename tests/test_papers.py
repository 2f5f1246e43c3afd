"""Paper files: the content-addressed store, sealing of confidential files, attaching from the command line."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from secdesk.cli.main import main
from secdesk.model import Classification, Paper
from secdesk.papers.attach import attach, copy_out, file_bytes, file_store, viewing_copy
from secdesk.papers.files import FileStore, PaperFileError, sha256_of
from secdesk.security.cipher import FieldCipher, new_key
from tests.test_packs import pdf_with


def test_a_file_is_kept_once_under_its_hash_and_checked_when_read(tmp_path: Path) -> None:
    files = FileStore(tmp_path / "db.sqlite.files")
    data = b"%PDF-1.4 pretend"
    first, again = files.put(data), files.put(data)
    sha = sha256_of(data)
    assert first == again and first.sha256 == sha and not first.sealed
    stored = tmp_path / "db.sqlite.files" / sha[:2] / sha
    assert [p for p in stored.parent.iterdir()] == [stored]
    assert files.read(sha, None, "Paper X") == data
    stored.write_bytes(b"%PDF-1.4 changed")
    with pytest.raises(PaperFileError, match="Paper X has changed since it was attached"):
        files.read(sha, None, "Paper X")
    stored.unlink()
    with pytest.raises(PaperFileError, match="Paper X is missing"):
        files.read(sha, None, "Paper X")


def test_a_sealed_file_holds_no_plaintext_and_needs_the_key(tmp_path: Path) -> None:
    files = FileStore(tmp_path / "files")
    cipher = FieldCipher(new_key())
    data = b"AMBER-ONLY content of a confidential appendix"
    kept = files.put(data, cipher)
    sealed = next((tmp_path / "files").rglob("*.sealed"))
    assert kept.sealed and b"AMBER-ONLY" not in sealed.read_bytes()
    assert files.read(kept.sha256, cipher, "Appendix") == data
    with pytest.raises(PaperFileError, match="does not hold the database key"):
        files.read(kept.sha256, None, "Appendix")
    with pytest.raises(PaperFileError, match="does not decrypt"):
        files.read(kept.sha256, FieldCipher(new_key()), "Appendix")


def test_attach_makes_a_paper_and_an_amber_appendix_is_sealed(demo_store, tmp_path: Path) -> None:
    paper_pdf = pdf_with(tmp_path / "paper.pdf", "PUBLIC-PAPER")
    appendix = pdf_with(tmp_path / "appendix.pdf", "SECRET-APPENDIX")
    made = attach(demo_store, "TABASC 46", 7, paper_pdf, title="Triage timetable", purpose=None)
    assert made.paper_created and made.paper_reference == "TABASC_46_1910_06" and not made.sealed
    added = attach(demo_store, "TABASC_46_1910", 7, appendix, paper_reference=made.paper_reference,
                   label="Confidential Appendix A", classification=Classification.AMBER)
    assert not added.paper_created and added.sealed
    root = file_store(demo_store).root
    assert (root / made.sha256[:2] / made.sha256).read_bytes() == paper_pdf.read_bytes()
    assert not (root / added.sha256[:2] / added.sha256).exists()
    with demo_store.read() as session:
        paper = session.scalar(select(Paper).where(Paper.reference == made.paper_reference))
        assert [(f.label, f.classification) for f in paper.files] == [
            ("Paper", Classification.WHITE), ("Confidential Appendix A", Classification.AMBER)]
        assert file_bytes(demo_store, paper.files[1]) == appendix.read_bytes()
        appendix_id = paper.files[1].id
    copy = viewing_copy(demo_store, appendix_id)
    assert copy.name == "appendix.pdf" and copy.read_bytes() == appendix.read_bytes()
    out = copy_out(demo_store, made.paper_reference, "confidential appendix a", tmp_path)
    assert out == tmp_path / "appendix.pdf"


def test_attach_refuses_what_it_cannot_keep(demo_store, tmp_path: Path) -> None:
    script = tmp_path / "notes.exe"
    script.write_bytes(b"MZ")
    with pytest.raises(PaperFileError, match="not .exe"):
        attach(demo_store, "TABASC 46", 7, script, title="Tool")
    with pytest.raises(PaperFileError, match="cannot be read"):
        attach(demo_store, "TABASC 46", 7, tmp_path / "absent.pdf", title="Absent")
    with demo_store.read() as session:
        assert session.scalar(select(Paper).where(Paper.title == "Tool")) is None


def test_the_attach_command(demo_store, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    paper = pdf_with(tmp_path / "survey.pdf", "SURVEY")
    db = str(demo_store.path)
    demo_store.close()
    code = main(["--db", db, "attach", "TABASC 46", "5", str(paper), "--title", "Survey results",
                 "--purpose", "decision", "--classification", "white"])
    assert code == 0
    assert "New paper TABASC_46_1910_06: Paper survey.pdf" in capsys.readouterr().out
    assert main(["--db", db, "attach", "TABASC 46", "99", str(paper), "--title", "X"]) == 1
    assert "has no item 99" in capsys.readouterr().err
