"""Meeting packs: combined PDF (bookmarks, stamps, markings), folder, manifest, zip, and failures."""

from __future__ import annotations

import csv
import hashlib
import zipfile
from pathlib import Path
from types import SimpleNamespace

import docx
import pytest
from pypdf import PdfReader, PdfWriter
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen.canvas import Canvas

from secdesk.cli.main import main
from secdesk.errors import ValidationError
from secdesk.model import Classification
from secdesk.packs import convert
from secdesk.packs.build import build_pack
from secdesk.packs.errors import PackCancelled, PaperProblem
from secdesk.packs.plan import PackKind, _entry
from secdesk.papers.attach import attach, file_store

WHITE, AMBER = Classification.WHITE, Classification.AMBER


def pdf_with(path: Path, marker: str, pages: int = 2, size: tuple[float, float] = A4) -> Path:
    """A small PDF whose every page says `marker` (and its page number)."""
    canvas = Canvas(str(path), pagesize=size)
    for number in range(1, pages + 1):
        canvas.drawString(72, size[1] / 2, f"{marker} page {number}")
        canvas.showPage()
    canvas.save()
    return path


def docx_with(path: Path, marker: str) -> Path:
    document = docx.Document()
    document.add_paragraph(f"{marker} in a Word paper")
    document.save(str(path))
    return path


def outline_titles(reader: PdfReader) -> list[str]:
    return [item.title for item in reader.outline if not isinstance(item, list)]


def pack_pages(result) -> list[str]:
    return [page.extract_text() for page in PdfReader(result.combined).pages]


@pytest.fixture
def papered(demo_store, tmp_path: Path):
    """Demo meeting TABASC 46 with real files.

    A White paper with an Amber appendix, the Amber paper, a landscape one.
    """
    sources = tmp_path / "sources"
    sources.mkdir()
    attach(
        demo_store,
        "TABASC 46",
        5,
        pdf_with(sources / "cost.pdf", "WHITE-COST", 3),
        paper_reference="TABASC_46_1910_01",
        label="Paper",
    )
    attach(
        demo_store,
        "TABASC 46",
        5,
        pdf_with(sources / "cost-appendix.pdf", "AMBER-APPENDIX-MARKER"),
        paper_reference="TABASC_46_1910_01",
        label="Confidential Appendix A",
        classification=AMBER,
    )
    attach(
        demo_store,
        "TABASC 46",
        6,
        pdf_with(sources / "survey.pdf", "AMBER-SURVEY-MARKER"),
        paper_reference="TABASC_46_1910_02",
        label="Paper",
    )
    attach(
        demo_store,
        "TABASC 46",
        7,
        pdf_with(sources / "triage.pdf", "WHITE-TRIAGE", 1, landscape(A4)),
        paper_reference="TABASC_46_1910_03",
        label="Paper",
    )
    return demo_store


def test_a_white_pre_meeting_pack(papered, tmp_path: Path) -> None:
    steps: list[str] = []
    result = build_pack(
        papered,
        "TABASC 46",
        PackKind.PRE,
        WHITE,
        tmp_path / "out",
        progress=lambda done, total, label: steps.append(label),
    )
    assert result.folder == tmp_path / "out" and steps[-1] == "Done"
    reader = PdfReader(result.combined)
    titles = outline_titles(reader)
    assert titles[:4] == [
        "Cover and contents",
        "Agenda",
        "Minutes of TABASC Meeting 45 (agreed as final)",
        "Actions Outstanding",
    ]
    assert "Operational Cost of Concurrent Interface Versions" in titles
    assert "Paper TABASC_46_1910_02" in titles  # the Amber paper: named by reference only
    total = len(reader.pages)
    assert result.pages == total
    for number, page in enumerate(reader.pages, start=1):
        text = page.extract_text()
        assert f"Pack page {number} of {total}" in text
        assert "This document has a Classification of White" in text
    texts = [p.extract_text() for p in reader.pages]
    assert sum("WHITE-COST page" in t for t in texts) == 3
    assert any("WHITE-TRIAGE page 1" in t and "Paper TABASC_46_1910_03" in t for t in texts)
    assert any("1 file of this paper, classified Amber, is not included" in t for t in texts)
    # Nested bookmarks: the minutes keep their items, each on its own page of the pack.
    minutes = next(i for n, i in enumerate(reader.outline) if not isinstance(i, list) and i.title.startswith("Minutes"))
    children = reader.outline[reader.outline.index(minutes) + 1]
    assert len({reader.get_destination_page_number(c) for c in children if not isinstance(c, list)}) > 1


def test_the_folder_manifest_and_zip_agree(papered, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = build_pack(papered, "TABASC 46", PackKind.PRE, AMBER, None)
    assert result.folder == Path.cwd() / "TABASC_46_1910_Pre_Meeting_Pack_AMBER"
    assert result.files == (
        "01_Agenda.pdf",
        "02_TABASC_45_Minutes.pdf",
        "03_Actions_Outstanding.pdf",
        "04.1_TABASC_46_1910_01_Paper.pdf",
        "04.2_TABASC_46_1910_01_Confidential_Appendix_A.pdf",
        "05_TABASC_46_1910_02.pdf",
        "06_TABASC_46_1910_03.pdf",
    )
    with result.manifest.open(encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream))
    assert [r["File"] for r in rows] == [result.combined.name] + [f"documents/{n}" for n in result.files]
    for row in rows:
        data = (result.folder / row["File"]).read_bytes()
        assert row["SHA-256"] == hashlib.sha256(data).hexdigest() and int(row["Bytes"]) == len(data)
    assert {r["File"]: r["Classification"] for r in rows}["documents/05_TABASC_46_1910_02.pdf"] == "Amber"
    with zipfile.ZipFile(result.archive) as bundle:
        names = bundle.namelist()
        assert names[0].endswith("/manifest.csv")
        assert bundle.read(names[-1]) == (result.folder / "documents" / result.files[-1]).read_bytes()
    assert not [p for p in tmp_path.iterdir() if ".partial-" in p.name]


def test_a_post_meeting_pack_has_minutes_and_action_log(papered, tmp_path: Path) -> None:
    result = build_pack(papered, "TABASC 46", PackKind.POST, WHITE, tmp_path / "post")
    titles = outline_titles(PdfReader(result.combined))
    assert titles[:3] == ["Cover and contents", "Draft Minutes", "Action Log"]
    assert result.files[:2] == ("01_TABASC_46_Draft_Minutes.pdf", "02_Action_Log.pdf")


def test_papers_without_files_get_a_page_saying_so(demo_store, tmp_path: Path) -> None:
    result = build_pack(demo_store, "TABASC 46", PackKind.PRE, WHITE, tmp_path / "pack")
    texts = pack_pages(result)
    assert any("TABASC_46_1910_04 has no file attached in SecDesk" in t for t in texts)
    assert any("TABASC_46_1910_01.pdf (Paper) is listed on this paper but was never stored" in t for t in texts)
    assert "TABASC_46_1910_04: no file attached" in result.notices


def test_cancelling_leaves_nothing_behind(papered, tmp_path: Path) -> None:
    asked = []

    def cancelled() -> bool:
        asked.append(1)
        return len(asked) > 5

    packs = tmp_path / "packs"
    packs.mkdir()
    with pytest.raises(PackCancelled):
        build_pack(papered, "TABASC 46", PackKind.PRE, WHITE, packs / "out", cancelled=cancelled)
    assert len(asked) == 6 and list(packs.iterdir()) == []


def test_replacing_an_existing_pack(papered, tmp_path: Path) -> None:
    packs = tmp_path / "packs"
    packs.mkdir()
    build_pack(papered, "TABASC 46", PackKind.PRE, WHITE, packs / "out")
    with pytest.raises(ValidationError, match="already exists"):
        build_pack(papered, "TABASC 46", PackKind.PRE, WHITE, packs / "out")
    (packs / "out" / "stray.txt").write_text("old")
    build_pack(papered, "TABASC 46", PackKind.PRE, WHITE, packs / "out", replace=True)
    assert not (packs / "out" / "stray.txt").exists()
    assert [p.name for p in packs.iterdir()] == ["out"]


def _broken_paper(papered, tmp_path: Path, data: bytes) -> None:
    bad = tmp_path / "sources" / "bad.pdf"
    bad.write_bytes(data)
    attach(papered, "TABASC 46", 7, bad, paper_reference="TABASC_46_1910_03", label="Appendix B")


@pytest.mark.parametrize("problem", ["missing", "broken", "encrypted"])
def test_a_bad_paper_file_is_named_and_nothing_is_written(papered, tmp_path: Path, problem: str) -> None:
    if problem == "missing":
        root = file_store(papered).root
        next(p for p in root.rglob("*") if p.is_file() and not p.name.endswith(".sealed")).unlink()
        expected = "is missing from"
    elif problem == "broken":
        _broken_paper(papered, tmp_path, b"%PDF-1.7\nthis is not really a PDF at all\n")
        expected = "bad.pdf is not a readable PDF"
    else:
        writer = PdfWriter(clone_from=pdf_with(tmp_path / "open.pdf", "LOCKED"))
        writer.encrypt("secret")
        locked = tmp_path / "locked.pdf"
        with locked.open("wb") as stream:
            writer.write(stream)
        _broken_paper(papered, tmp_path, locked.read_bytes())
        expected = "bad.pdf is a password-protected"
    packs = tmp_path / "packs"
    packs.mkdir()
    with pytest.raises(PaperProblem, match=expected) as caught:
        build_pack(papered, "TABASC 46", PackKind.PRE, WHITE, packs / "out")
    assert str(caught.value).startswith("Paper TABASC_46_1910_0")
    assert list(packs.iterdir()) == []


def test_a_paper_with_no_classification_is_refused() -> None:
    item = SimpleNamespace(number=5, classification=WHITE, title="Item", public_title=None)
    paper = SimpleNamespace(reference="TABASC_46_1910_09", classification=None, files=[])
    with pytest.raises(PaperProblem, match="TABASC_46_1910_09: it has no classification"):
        _entry(item, paper, WHITE)


def test_word_papers_without_libreoffice_go_in_the_folder(papered, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(convert, "office_converter", lambda: None)
    attach(
        papered,
        "TABASC 46",
        7,
        docx_with(tmp_path / "notes.docx", "WORD-MARKER"),
        paper_reference="TABASC_46_1910_03",
        label="Appendix C",
    )
    result = build_pack(papered, "TABASC 46", PackKind.PRE, WHITE, tmp_path / "out")
    assert "06.2_TABASC_46_1910_03_Appendix_C.docx" in result.files
    texts = pack_pages(result)
    assert any("LibreOffice" in t and "documents/06.2_TABASC_46_1910_03_Appendix_C.docx" in t for t in texts)
    assert not any("WORD-MARKER" in t for t in texts)


def test_pictures_become_a_page(papered, tmp_path: Path) -> None:
    from PIL import Image

    picture = tmp_path / "chart.png"
    Image.new("RGB", (300, 200), "#1F3864").save(picture)
    attach(papered, "TABASC 46", 7, picture, paper_reference="TABASC_46_1910_03", label="Chart")
    result = build_pack(papered, "TABASC 46", PackKind.PRE, WHITE, tmp_path / "out")
    reader = PdfReader(result.combined)
    chart = next(
        p
        for p in reader.pages
        if "Paper TABASC_46_1910_03" in p.extract_text()
        and "/XObject" in p["/Resources"]
        and any(name.startswith(("/FormXob", "/Im")) for name in p["/Resources"]["/XObject"])
    )
    assert float(chart.mediabox.width) > float(chart.mediabox.height)  # a wide picture gets a landscape page


def test_the_pack_command(papered, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(papered.path)
    papered.close()
    code = main(
        [
            "--db",
            db,
            "pack",
            "TABASC",
            "46",
            "--kind",
            "post",
            "--classification",
            "amber",
            "-o",
            str(tmp_path / "pack"),
        ]
    )
    out = capsys.readouterr().out
    assert code == 0 and "TABASC_46_1910_Post_Meeting_Pack_AMBER.pdf" in out
    assert main(["--db", db, "pack", "TABASC", "46", "--kind", "during", "-o", str(tmp_path)]) == 1
    assert "Unknown pack kind 'during'" in capsys.readouterr().err


@pytest.mark.skipif(convert.office_converter() is None, reason="LibreOffice (soffice) is not installed")
def test_word_papers_are_converted_with_libreoffice(papered, tmp_path: Path) -> None:
    attach(
        papered,
        "TABASC 46",
        7,
        docx_with(tmp_path / "notes.docx", "WORD-MARKER"),
        paper_reference="TABASC_46_1910_03",
        label="Appendix C",
    )
    result = build_pack(papered, "TABASC 46", PackKind.PRE, WHITE, tmp_path / "out")
    texts = pack_pages(result)
    assert any("WORD-MARKER in a Word paper" in t and "Classification of White" in t for t in texts)
