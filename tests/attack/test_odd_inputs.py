"""Issue 15, item 17: odd inputs get a clear message or a correct result, never a traceback.

A minute or an action of 120,000 characters still exports to PDF with nothing lost; an
absurd planner span, an absurd meeting number and a package holding another committee's
(or a bogus) action reference are refused with a message that says what is allowed.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from secdesk.documents.export import action_log_document, export, meeting_document
from secdesk.model import Action, Classification, Section
from secdesk.services.meetings import resolve_meeting
from secdesk.store import Store

WHITE = Classification.WHITE
LONG = 120_000
# One paragraph of words and no newline, ending in a marker that must reach the PDF.
WORDS = ("lorem ipsum " * (LONG // 12)).strip() + " ENDMARKER"
# One word with no space at all: it must wrap inside the page, not run off it.
WORD = "Z" * LONG


def _pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def _squashed(text: str) -> str:
    """The text without whitespace: a wrapped word comes back whole."""
    return "".join(text.split())


def _assert_nothing_lost(document_text: str, pdf_text: str) -> None:
    assert "ENDMARKER" in pdf_text
    assert pdf_text.count("lorem") == document_text.count("lorem") > 0
    # Every character of the long word is printed, across however many lines and pages.
    assert _squashed(pdf_text).count("Z") == document_text.count("Z") >= LONG


@pytest.fixture
def long_texts(demo_store: Store) -> Store:
    """TABASC 46 with 120k-character minutes, and a 120k-character action text and update."""
    with demo_store.write() as session:
        meeting = resolve_meeting(session, "TABASC 46")
        items = [i for i in meeting.items if i.section is Section.MAIN]
        items[2].minutes = WORDS
        items[3].minutes = WORD
        # Outstanding at 46 (closed there): in the minutes' actions table and in the log.
        action = session.scalar(select(Action).where(Action.reference == "TABASC41/03"))
        action.text = WORDS
        action.updates[-1].text = WORD
    return demo_store


def test_minutes_with_a_120k_paragraph_a_120k_word_and_a_120k_table_cell_export_to_pdf(
    long_texts: Store, tmp_path: Path
) -> None:
    document = meeting_document(long_texts, "minutes", "TABASC 46", WHITE)
    assert document.text().count("ENDMARKER") == 2  # the item's minutes and the outstanding table
    path = export(document, "pdf", tmp_path)
    text = _pdf_text(path)
    assert text.count("ENDMARKER") == 2
    _assert_nothing_lost(document.text(), text)
    assert "Any Other Business" in text  # what follows the long content is there too


def test_action_log_with_a_120k_action_and_a_120k_word_update_exports_to_pdf(
    long_texts: Store, tmp_path: Path
) -> None:
    document = action_log_document(long_texts, WHITE)
    path = export(document, "pdf", tmp_path)
    text = _pdf_text(path)
    _assert_nothing_lost(document.text(), text)
    assert "TABASC46/04" in text  # the rows after the long one are there too
