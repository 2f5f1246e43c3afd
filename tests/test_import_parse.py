"""Importing minutes, the pure layers: extracting text and finding the minutes' elements."""

from __future__ import annotations

import importlib.util
import json
import os
import sys
from datetime import date
from pathlib import Path

import pytest

from secdesk.importers import MinutesImportError
from secdesk.importers.found import ParsedMinutes
from secdesk.importers.parser import parse
from secdesk.importers.phrases import due_date, expand_references
from secdesk.importers.text_extract import ExtractedText, Line, clean_line, extract

MINUTES = Path(__file__).parent / "data" / "minutes"
# The real minutes sit beside the checkout (../shared/seeds) in the workplace; elsewhere
# SECDESK_SEEDS names them, and without them the tests that read them skip.
SEEDS = Path(os.environ.get("SECDESK_SEEDS", Path(__file__).resolve().parents[2] / "shared" / "seeds"))


def _load_corpus():
    """tests/data is not a package: load the corpus module from its file."""
    if "import_corpus" not in sys.modules:
        spec = importlib.util.spec_from_file_location("import_corpus", MINUTES / "corpus.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules["import_corpus"] = module
        spec.loader.exec_module(module)
    return sys.modules["import_corpus"]


corpus = _load_corpus()


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    """Every corpus source in every format (LibreOffice only when installed), made once."""
    folder = tmp_path_factory.mktemp("minutes")
    files = {}
    for source in corpus.SOURCES:
        for fmt in corpus.FORMATS:
            if fmt == "libreoffice.pdf" and corpus.soffice() is None:
                continue
            files[(source.stem, fmt)] = corpus.render(source, fmt, folder)
    return files


def _parse(path: Path, code: str = "TABASC") -> ParsedMinutes:
    return parse(extract(path), voice=f"The {code}", code=code)


# ---------------------------------------------------------------- extraction


def test_page_furniture_is_removed_from_inside_paragraphs():
    line = "would stay with the SSC Page 2 of 5 This document has a Classification of White SSC_07_1203 only."
    assert clean_line(line) == "would stay with the SSC only."
    assert clean_line("TABASC_46_1909_20") == ""
    assert clean_line("Page 12 of 33") == ""
    # The identifier in the heading block is content, not furniture.
    assert (
        clean_line("Meeting SECP_30_1103, 11th March 2016")
        == "Meeting SECP_30_1103, 11th March 2016"
    )


@pytest.mark.parametrize("bullet", ["\uf0b7", "\u2022", "\x7f", "\uf0a7", "\u25aa"])
def test_odd_bullet_characters_become_one_bullet(bullet: str):
    assert clean_line(f"{bullet}  NOTED the paper;") == "• NOTED the paper;"


def test_text_lines_keep_the_file_line_numbers(tmp_path: Path):
    path = tmp_path / "m.txt"
    path.write_text("1. Welcome\n\nPage 1 of 2\nThe TABASC NOTED the update.\n", encoding="utf-8")
    lines = extract(path).lines
    assert [(line.number, line.text) for line in lines] == [
        (1, "1. Welcome"),
        (4, "The TABASC NOTED the update."),
    ]


def test_word_tables_keep_their_cells(rendered):
    lines = extract(rendered[("tabasc_21", "docx")]).lines
    row = next(i for i, line in enumerate(lines) if line.text == "TABASC19/04")
    assert [line.cell for line in lines[row : row + 4]] == [0, 1, 2, 3]
    assert lines[row + 3].text == "Action CLOSED."


def test_an_encrypted_pdf_is_refused_with_a_clear_message(tmp_path: Path, rendered):
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(str(rendered[("tabasc_22", "reportlab.pdf")])))
    writer.encrypt(user_password="secret", algorithm="AES-128")
    locked = tmp_path / "locked.pdf"
    with locked.open("wb") as handle:
        writer.write(handle)
    with pytest.raises(MinutesImportError, match="encrypted PDF"):
        extract(locked)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("broken.pdf", b"%PDF-1.4 this is not really a PDF", "not a readable PDF"),
        ("broken.docx", b"PK\x03\x04 not a zip at all", "Word"),
        ("binary.txt", b"\x00\x01\x02\x03" * 100, "not a text file"),
        ("old.doc", b"\xd0\xcf\x11\xe0", "save it as .docx"),
        ("sheet.xlsx", b"PK", "imports minutes from"),
    ],
)
def test_unreadable_files_are_refused(tmp_path: Path, name: str, content: bytes, message: str):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(MinutesImportError, match=message):
        extract(path)


def test_a_missing_file_is_refused(tmp_path: Path):
    with pytest.raises(MinutesImportError, match="does not exist"):
        extract(tmp_path / "nowhere.docx")


def test_a_file_that_is_not_minutes_is_refused(tmp_path: Path):
    path = tmp_path / "letter.txt"
    path.write_text(
        "Dear colleague,\nPlease find the invoice attached.\nKind regards\n", encoding="utf-8"
    )
    with pytest.raises(MinutesImportError, match="does not look like minutes"):
        parse(extract(path))
    paper = tmp_path / "paper.txt"
    paper.write_text(
        "1. Purpose\nThis paper sets out the options.\n2. Recommendations\nMembers are invited to comment.\n"
        "Paper Reference: TABASC_21_1501_04\n",
        encoding="utf-8",
    )
    with pytest.raises(MinutesImportError, match="looks like a paper"):
        parse(extract(paper))
    empty = tmp_path / "empty.txt"
    empty.write_text("\n\nPage 1 of 1\n", encoding="utf-8")
    with pytest.raises(MinutesImportError, match="empty"):
        parse(extract(empty))


# ---------------------------------------------------------------- small parsers


def test_shared_references_are_expanded_with_the_committee_code():
    assert expand_references("SECP20/04, 23/08 & 28/06") == ["SECP20/04", "SECP23/08", "SECP28/06"]
    assert expand_references("TABASC 16/02") == ["TABASC16/02"]


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("SECAS to report back by 31st March 2017.", date(2017, 3, 31)),
        ("The DCC to publish it by the end of April 2025.", date(2025, 4, 30)),
        ("SECAS to report by 05/03/2025.", date(2025, 3, 5)),
        ("SECAS to provide an update at the April 2017 meeting.", None),
    ],
)
def test_due_dates_are_read_from_the_action_text(text: str, due: date | None):
    assert due_date(text) == due


def test_decision_blocks_and_several_verbs_in_one_sentence():
    lines = [
        "1. Paper",
        "The Panel:",
        "• NOTED the contents of the paper; and",
        "• APPROVED the revised plan as set out in",
        "Appendix A.",
        "2. Update",
        "The Panel NOTED the update and SUPPORTED the proposed approach.",
    ]
    extracted = ExtractedText("x", [Line(n, t) for n, t in enumerate(lines, start=1)], "lines")
    parsed = parse(extracted, voice="The Panel")
    first, second = parsed.items
    assert [(d.verb, d.text) for d in first.decisions] == [
        ("NOTED", "the contents of the paper"),
        ("APPROVED", "the revised plan as set out in Appendix A"),
    ]
    assert first.decisions[1].lines == [2, 4, 5]
    assert [(d.verb, d.text) for d in second.decisions] == [
        ("NOTED", "the update"),
        ("SUPPORTED", "the proposed approach"),
    ]


# ---------------------------------------------------------------- the corpus, in every format


@pytest.mark.parametrize("fmt", corpus.FORMATS)
@pytest.mark.parametrize("source", [s.stem for s in corpus.SOURCES])
def test_corpus_minutes_are_found_in_every_format(rendered, source: str, fmt: str):
    if (source, fmt) not in rendered:
        pytest.skip("LibreOffice (soffice) is not installed")
    parsed = _parse(rendered[(source, fmt)])
    wanted = corpus.expected(MINUTES / f"{source}.txt")
    heading = parsed.heading
    assert (heading.number, heading.identifier, str(heading.date), heading.venue) == (
        wanted["meeting"]["number"],
        wanted["meeting"]["identifier"],
        wanted["meeting"]["date"],
        wanted["meeting"]["venue"],
    )
    assert [[i.number, i.title, i.section] for i in parsed.items] == wanted["items"]
    assert [i.number for i in parsed.items if i.confidential] == wanted["confidential_items"]
    assert [i.number for i in parsed.items if i.post_meeting_note] == wanted["post_meeting_notes"]
    assert [
        (a.reference, a.owner, a.due.isoformat() if a.due else None) for a in parsed.actions
    ] == [(a["reference"], a["owner"], a["due"]) for a in wanted["actions"]]
    assert corpus.findings(parsed) == corpus.wanted_findings(wanted)
    assert [(a.name, a.capacity, a.status, a.representing, a.part) for a in parsed.attendees] == [
        (a["name"], a["capacity"], a["status"], a.get("representing"), a.get("part", False))
        for a in wanted["attendees"]
    ]
    # The level the document states of itself is kept; the furniture itself is not.
    assert heading.classification == (None if fmt == "source.txt" else "white")
    # Nothing of the page furniture survives anywhere in what was found.
    dumped = json.dumps(parsed.to_json())
    assert "Page " not in dumped and "Classification of" not in dumped


def test_a_confidential_item_keeps_its_heading_but_not_the_placeholder(rendered):
    parsed = _parse(rendered[("tabasc_21", "messy.txt")])
    item = parsed.items[2]
    assert item.title == "Interface Versioning Review" and item.confidential
    assert "confidential minutes" not in item.minutes


def test_shared_updates_and_cells_are_split_into_action_text_and_update(rendered):
    for fmt in ("messy.txt", "docx", "reportlab.pdf"):
        parsed = _parse(rendered[("tabasc_21", fmt)])
        shared = parsed.reviews[2]
        assert shared.references == ["TABASC20/05", "TABASC20/06", "TABASC20/07"], fmt
        assert shared.action_text.startswith("SECAS to update the three process maps"), fmt
        assert shared.update.startswith("The three maps have been redrawn"), fmt
        assert "ONGOING" not in shared.update and shared.status == "ongoing", fmt


def test_every_element_carries_a_confidence_and_its_source_lines(rendered):
    parsed = _parse(rendered[("tabasc_22", "messy.txt")])
    lines = extract(rendered[("tabasc_22", "messy.txt")]).lines
    text_of = {line.number: line.text for line in lines}
    for action in parsed.actions:
        assert 0 < action.confidence <= 1
        assert action.reference in text_of[action.lines[0]].replace(" ", "")
    for review in parsed.reviews:
        assert review.references[0] in text_of[review.lines[0]]
    for decision in parsed.decisions:
        assert decision.verb in " ".join(text_of[n] for n in decision.lines)


def test_the_hand_made_messy_extraction():
    raw = MINUTES / "raw" / "ssc_07.txt"
    parsed = _parse(raw, code="SSC")
    wanted = corpus.expected(raw)
    assert corpus.findings(parsed) == corpus.wanted_findings(wanted)
    assert parsed.heading.minutes_status == "draft" and parsed.heading.date == date(2025, 3, 12)
    assert [a.alternate_for for a in parsed.attendees if a.capacity == "alternate"] == [
        "Lena Stroud"
    ]
    # The action ran across a page break; its due date sits after the furniture.
    first = parsed.actions[0]
    assert first.text == "SECAS to send each party its assessment slot by 21st March 2025."
    assert parsed.items[1].minutes.endswith("would stay with the SSC only.")
    assert (
        parsed.items[3].post_meeting_note
        == "The annex was circulated to members on 14th March 2025."
    )
    assert "approved via ex-committee" in parsed.previous_minutes_note


# ---------------------------------------------------------------- the real minutes, when present


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed minutes are not on this machine")
def test_seed_000_tabasc_16():
    parsed = parse(extract(next(SEEDS.glob("000_*.txt"))), voice="The TABASC", code="TABASC")
    assert [a.reference for a in parsed.actions] == [f"TABASC16/{n:02d}" for n in range(1, 12)]
    assert [(r.references, r.status) for r in parsed.reviews] == [
        ([ref], "ongoing")
        for ref in (
            "TABASC09/06",
            "TABASC13/01",
            "TABASC13/04",
            "TABASC15/02",
            "TABASC15/03",
            "TABASC15/05",
            "TABASC15/07",
            "TABASC15/08",
            "TABASC15/09",
        )
    ]
    assert parsed.reviews[0].action_text.endswith("for TABASC to review.")
    assert parsed.actions[1].owner == "The TABASC Members" and parsed.actions[1].due == date(
        2017, 3, 31
    )
    assert [i.section for i in parsed.items][-3:] == ["aob", "information", "information"]


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed minutes are not on this machine")
def test_seed_003_is_a_paper_not_minutes():
    with pytest.raises(MinutesImportError, match="looks like a paper"):
        parse(extract(next(SEEDS.glob("003_*.txt"))), voice="The TABASC", code="TABASC")


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed minutes are not on this machine")
def test_seed_002_secp_30():
    parsed = parse(extract(next(SEEDS.glob("002_*.txt"))), voice="The Panel", code="SECP")
    assert (parsed.heading.identifier, parsed.heading.date) == ("SECP_30_1103", date(2016, 3, 11))
    assert [a.reference for a in parsed.actions] == [f"SECP30/{n:02d}" for n in range(1, 9)]
    assert parsed.reviews[1].references == ["SECP20/04", "SECP23/08", "SECP28/06"]
    item4 = parsed.items[3]
    assert [d.verb for d in item4.decisions] == ["NOTED", "APPROVED", "APPROVED"]
    assert [i.number for i in parsed.items if i.confidential] == [2, 3]
    assert parsed.items[7].post_meeting_note.startswith("Following the meeting")
    by_name = {a.name: a for a in parsed.attendees}
    assert by_name["Adam Carden"].capacity == "alternate"
    assert by_name["Daniel Walker-Nolan"].capacity == "observer"
    assert by_name["Hugh Mullens"].status == "apologies"
    assert by_name["Nigel Nash"].representing == "Ofgem (the Authority)"
    assert (
        by_name["Sebastian Rattansen"].part
        and by_name["Sebastian Rattansen"].capacity == "secretariat"
    )


@pytest.mark.parametrize(
    ("width", "cell_width", "page_lines"), [(55, 16, 12), (75, 24, 21), (120, 45, 50)]
)
def test_any_line_width_and_page_length_gives_the_same_findings(
    tmp_path: Path, width, cell_width, page_lines
):
    for source in corpus.SOURCES:
        path = corpus.write_messy_text(
            source, tmp_path / f"{source.stem}.txt", width, cell_width, page_lines
        )
        parsed = _parse(path)
        wanted = corpus.expected(source)
        assert corpus.findings(parsed) == corpus.wanted_findings(wanted)
        assert [[i.number, i.title, i.section] for i in parsed.items] == wanted["items"]
