"""Issue 18 item 11: one glossary (secdesk/glossary.py) names things, and the old names are gone.

The package, the command line's help and the documents are scanned for the spellings the
glossary replaced; the vocabularies' labels are checked against the glossary; a RAG rating is
never written so that it reads as a classification.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest

from secdesk import glossary
from secdesk.cli.main import build_parser
from secdesk.documents.model import Paragraph
from secdesk.documents.registers import build_risk_register
from secdesk.model import Classification, MeetingStatus, Purpose, Rag
from secdesk.services import committees

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted((ROOT / "secdesk").rglob("*.py"))
DOCS = sorted((ROOT / "docs").glob("*.md")) + [ROOT / "README.md"]  # the user guide among them

# What the glossary replaced, and where it may still be said (the glossary says what it replaced).
OLD_SPELLINGS = {
    "the action log spelt 'Actions log'": re.compile(r"\bactions log\b", re.IGNORECASE),
    "a status in doubled parentheses": re.compile(r"Held \(draft minutes\)"),
    "a purpose written out of the glossary": re.compile(r"^[^#]*[\"']For (Decision|Discussion|Information)[\"']"),
    "a purpose as a bare capitalised value": re.compile(r"purpose\.capitali[sz]e\(\)"),
    "a RAG rating as a bare capitalised value": re.compile(r"\brag\.capitali[sz]e\(\)"),
    # Where Qt draws a '&' as it is (the screens' labels are checked in tests/gui/test_no_literal_ampersands.py).
    "a literal '&' in a title, tooltip, heading, hint or status message": re.compile(
        r"(setWindowTitle|setToolTip|setStatusTip|showMessage|HeaderLabels|setPlaceholderText)\("
        r"[^)]*[\"'][^\"']*&(?!&)\w"),
}


def found(pattern: re.Pattern[str], files: list[Path]) -> list[str]:
    return [f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
            for path in files if path.name != "glossary.py"
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
            if pattern.search(line)]


# Words the documentation must not say either; the others are ways of writing code.
SAID = {"the action log spelt 'Actions log'", "a status in doubled parentheses"}


@pytest.mark.parametrize("what", sorted(OLD_SPELLINGS))
def test_no_old_spelling_is_left_in_the_package_or_its_documentation(what: str) -> None:
    assert found(OLD_SPELLINGS[what], SOURCES + DOCS if what in SAID else SOURCES) == [], what


def test_the_scan_finds_what_it_looks_for(tmp_path: Path) -> None:
    planted = tmp_path / "planted.py"
    planted.write_text('TITLE = "SecDesk - Actions log"\nLABEL = "Held (draft minutes)"\nP = "For Decision"\n'
                       "x = item.purpose.capitalize()\ny = risk.rag.capitalize()\n"
                       'w.setToolTip("&Export the log")\n', encoding="utf-8")
    hits = {what for what, pattern in OLD_SPELLINGS.items() if any(
        pattern.search(line) for line in planted.read_text(encoding="utf-8").splitlines())}
    assert hits == set(OLD_SPELLINGS)


def test_the_vocabularies_labels_are_the_glossarys() -> None:
    assert {s.value: s.label for s in MeetingStatus} == glossary.MEETING_STATUS
    assert {s.value: s.short_label for s in MeetingStatus} == glossary.MEETING_STATUS_SHORT
    assert {p.value: p.label for p in Purpose} == glossary.PURPOSE
    for label in [*glossary.MEETING_STATUS.values(), *glossary.MEETING_STATUS_SHORT.values()]:
        assert "(" not in label and ")" not in label, f"{label!r} would double the brackets it is put in"
    assert MeetingStatus.HELD.label == "Held, minutes in draft"
    assert Purpose.DECISION.label == "For Decision"


def test_a_rag_rating_never_reads_as_a_classification() -> None:
    levels = {level.label for level in Classification}
    for rag in Rag:
        assert rag.label == f"RAG {rag.colour}" and rag.label not in levels
        assert rag.colour in levels  # why the word RAG must come first: the colours are also levels


def every_help(parser: argparse.ArgumentParser) -> str:
    """The help of `parser` and of every command under it, however deep."""
    text = parser.format_help()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                text += f"\n{name}\n" + every_help(sub)
    return text


def test_the_command_lines_help_says_action_log() -> None:
    text = every_help(build_parser())
    assert glossary.ACTION_LOG_COMMAND in text and f"the {glossary.ACTION_LOG}" in text
    assert not re.search(r"actions log", text, re.IGNORECASE)
    assert "Held (draft minutes)" not in text and MeetingStatus.HELD.label in text


def test_the_risk_register_says_rag_before_a_rating_outside_its_rag_column(demo_store) -> None:
    with demo_store.read() as session:
        document = build_risk_register(session, committees.get_committee(session, "TABASC"), Classification.AMBER)
    texts = ["".join(run.text for run in block.runs) for block in document.blocks if isinstance(block, Paragraph)]
    legend = next(t for t in texts if t.startswith("Severity is likelihood x impact"))
    assert "RAG Red from" in legend and "RAG Amber from" in legend and "otherwise RAG Green" in legend
    assert not re.search(r"(?<!RAG )\b(Red|Amber|Green)\b", legend), legend
