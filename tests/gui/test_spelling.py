"""Spelling checked as you type, in British English, in the real minutes boxes of the window and the live screen."""

from __future__ import annotations

import logging
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QContextMenuEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QApplication, QMenu, QPlainTextEdit

from secdesk.gui import spelling
from secdesk.gui.editor import Editor
from secdesk.gui.live.live_window import LiveWindow
from secdesk.gui.messages import RecordingMessages
from secdesk.model import AgendaItem
from secdesk.services import committees, meetings
from secdesk.services.spelling_words import WORDS_FILE_NAME, Spelling, UserWords
from secdesk.store import Store
from tests.gui.conftest import end_of_typed_minutes, read
from tests.gui.test_agenda import open_meeting

pytestmark = pytest.mark.gui

needs_dictionary = pytest.mark.skipif(
    spelling.open_dictionary() is None, reason="no en_GB dictionary here (pyenchant + hunspell-en-gb)"
)

SENTENCE = " The organisation recieved the TABASC paper and minuted it."


def underlined(box: QPlainTextEdit, word: str) -> bool:
    """Whether every character of the first `word` in the box is drawn with the spelling underline."""
    text = box.toPlainText()
    at = text.index(word)
    block = box.document().findBlock(at)
    start = at - block.position()
    styles = set()
    for offset in range(start, start + len(word)):
        style = QTextCharFormat.UnderlineStyle.NoUnderline
        for span in block.layout().formats():
            if span.start <= offset < span.start + span.length:
                style = span.format.underlineStyle()
        styles.add(style)
    assert len(styles) == 1, f"{word!r} is partly underlined"
    return styles == {QTextCharFormat.UnderlineStyle.SpellCheckUnderline}


def minutes_box(window: Any) -> tuple[QPlainTextEdit, int]:
    open_meeting(window)
    page = window.meeting_page
    item_id = page.meeting.items[2].id
    page.select_item(item_id)
    box = page.details.ui.minutes
    box.setFocus()
    end_of_typed_minutes(box)
    return box, item_id


def cursor_in(box: QPlainTextEdit, word: str) -> QTextCursor:
    cursor = box.textCursor()
    cursor.setPosition(box.toPlainText().index(word) + 2)
    return cursor


def menu_texts(menu: Any) -> list[str]:
    return [action.text() for action in menu.actions() if not action.isSeparator()]


@needs_dictionary
def test_a_misspelt_word_is_underlined_as_typed_and_british_house_words_are_not(window: Any, qtbot: Any) -> None:
    box, _ = minutes_box(window)
    qtbot.keyClicks(box, SENTENCE)
    assert underlined(box, "recieved")
    for word in ("organisation", "TABASC", "minuted", "paper"):
        assert not underlined(box, word), word

    # The word being typed is not marked until it is finished.
    qtbot.keyClicks(box, " Teh")
    assert not underlined(box, "Teh")
    qtbot.keyClicks(box, " ")
    assert underlined(box, "Teh")
    qtbot.keyClicks(box, "Thier")
    qtbot.waitUntil(lambda: window.editor.pending_edits == 0)
    assert not underlined(box, "Thier")
    box.moveCursor(QTextCursor.MoveOperation.Start)  # moving away finishes the word: no text changed, no save
    assert underlined(box, "Thier") and window.editor.pending_edits == 0
    box.moveCursor(QTextCursor.MoveOperation.End)

    # The house writes -ise: the British dictionary's -ize form is marked, the -ise form offered first.
    qtbot.keyClicks(box, " The organization met. ")
    assert underlined(box, "organization")
    menu = box.document().findChild(spelling.SpellingHighlighter).menu_at(cursor_in(box, "organization"))
    assert menu_texts(menu)[0] == "organisation"

    # A preference can turn it off and on again in every box.
    spelling.set_spelling_enabled(False)
    assert not underlined(box, "recieved")
    spelling.set_spelling_enabled(True)
    assert underlined(box, "recieved")


@needs_dictionary
def test_add_to_dictionary_removes_the_underline_everywhere_and_is_kept_for_the_user(
    window: Any, qtbot: Any, secdesk_home: Path
) -> None:
    box, item_id = minutes_box(window)
    qtbot.keyClicks(box, " The Panel discussed the Frobnitz proposal. ")
    assert underlined(box, "Frobnitz")
    qtbot.waitUntil(lambda: "Frobnitz" in read(window.store, lambda s: s.get(AgendaItem, item_id).minutes))
    qtbot.waitUntil(lambda: window.editor.pending_edits == 0)
    highlighter = box.document().findChild(spelling.SpellingHighlighter)
    menu = highlighter.menu_at(cursor_in(box, "Frobnitz"))
    assert "Add to Dictionary" in menu_texts(menu) and "Ignore" in menu_texts(menu)
    next(a for a in menu.actions() if a.text() == "Add to Dictionary").trigger()

    assert not underlined(box, "Frobnitz")
    assert window.editor.pending_edits == 0  # underlining changes no text: nothing to save
    assert (secdesk_home / WORDS_FILE_NAME).read_text(encoding="utf-8").splitlines() == ["Frobnitz"]
    # A box opened later (the post-meeting note) knows the word too.
    note = window.meeting_page.details.ui.note
    note.setFocus()
    qtbot.keyClicks(note, "Frobnitz again, with a mistaek. ")
    assert not underlined(note, "Frobnitz") and underlined(note, "mistaek")

    # Ignore: gone for this session in every box, not written to the user's list.
    menu = note.document().findChild(spelling.SpellingHighlighter).menu_at(cursor_in(note, "mistaek"))
    next(a for a in menu.actions() if a.text() == "Ignore").trigger()
    assert not underlined(note, "mistaek")
    assert "mistaek" not in (secdesk_home / WORDS_FILE_NAME).read_text(encoding="utf-8")


@needs_dictionary
def test_a_suggestion_replaces_the_word_and_autosave_stores_the_corrected_text(window: Any, qtbot: Any) -> None:
    box, item_id = minutes_box(window)
    qtbot.keyClicks(box, SENTENCE)
    stored = lambda: read(window.store, lambda s: s.get(AgendaItem, item_id).minutes)  # noqa: E731
    qtbot.waitUntil(lambda: "recieved" in stored(), timeout=2000)

    # A right click on the word, as the user does it: the menu pops up and "received" is chosen.
    shown: list[str] = []

    def choose_received() -> None:
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu)
        shown.extend(menu_texts(menu))
        menu.hide()
        next(a for a in menu.actions() if a.text() == "received").trigger()

    QTimer.singleShot(0, choose_received)
    where = box.cursorRect(cursor_in(box, "recieved")).center()
    QApplication.sendEvent(
        box.viewport(), QContextMenuEvent(QContextMenuEvent.Reason.Mouse, where, box.viewport().mapToGlobal(where))
    )
    suggestions = shown[: shown.index("Add to Dictionary")]
    assert suggestions[0] == "received" and len(suggestions) <= 5
    assert "Ignore" in shown and "Paste" in " ".join(shown)  # the box's own actions stay below

    corrected = "The organisation received the TABASC paper and minuted it."
    assert box.to_text().split("\n\n")[0].endswith(corrected)  # the item's text, before its decision
    assert not underlined(box, "received")
    qtbot.waitUntil(lambda: stored().endswith(corrected), timeout=2000)


@pytest.fixture
def live(qtbot: Any, demo_store: Store, messages: RecordingMessages) -> Any:
    with demo_store.write() as session:
        tabasc = committees.get_committee(session, "TABASC")
        meeting_id = meetings.create_meeting(session, tabasc, date(2026, 11, 16)).id
    editor = Editor(demo_store, messages)
    window = LiveWindow(editor, editor.worker, messages, meeting_id)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    editor.settle()
    window.minutes.setFocus()
    yield window
    window.close()
    editor.worker.shutdown()


@needs_dictionary
def test_the_live_minutes_box_underlines_as_the_minute_taker_types(live: Any, qtbot: Any) -> None:
    qtbot.keyClicks(live.minutes, "The DCC's updaet on SECAS and SMETS2 was noted by the organisation.")
    assert underlined(live.minutes, "updaet")
    for word in ("DCC's", "SECAS", "SMETS2", "organisation", "noted"):
        assert not underlined(live.minutes, word), word


def test_without_a_dictionary_nothing_is_underlined_typing_is_saved_and_the_log_says_so_once(
    window: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setitem(sys.modules, "enchant", None)  # as if pyenchant were not installed
    monkeypatch.setattr(spelling, "_dictionaries", {})
    monkeypatch.setattr(spelling, "_spellers", {})
    with caplog.at_level(logging.WARNING, logger="secdesk.gui.spelling"):
        box, item_id = minutes_box(window)
        qtbot.keyClicks(box, SENTENCE)
        window.meeting_page.details.ui.note.setFocus()
        qtbot.keyClicks(window.meeting_page.details.ui.note, "A mistaek here too.")
    assert not underlined(box, "recieved")
    assert box.document().findChild(spelling.SpellingHighlighter).menu_at(cursor_in(box, "recieved")) is None
    said = [r.getMessage() for r in caplog.records if r.name == "secdesk.gui.spelling"]
    assert len(said) == 1 and said[0].startswith("Spelling is not checked: pyenchant or the enchant library is missing")
    qtbot.waitUntil(
        lambda: "recieved the TABASC" in read(window.store, lambda s: s.get(AgendaItem, item_id).minutes), timeout=2000
    )


def test_a_missing_en_gb_dictionary_is_said_in_the_log_and_gives_no_checker(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    pytest.importorskip("enchant")
    monkeypatch.setattr(spelling, "_dictionaries", {})
    with caplog.at_level(logging.WARNING, logger="secdesk.gui.spelling"):
        assert spelling.open_dictionary("xx_XX") is None
        assert spelling.open_dictionary("xx_XX") is None
    assert len(caplog.records) == 1 and "no xx_XX dictionary" in caplog.records[0].getMessage()


# --- the rules themselves, with a dictionary that knows a few words -------------------------


class FewWords:
    def __init__(self, *words: str) -> None:
        self.words = set(words)

    def check(self, word: str) -> bool:
        return word in self.words or word.lower() in self.words

    def suggest(self, word: str) -> list[str]:
        return sorted(w for w in self.words if w[0] == word[0].lower())


def test_the_rules_accept_committee_vocabulary_and_skip_addresses(tmp_path: Path) -> None:
    known = FewWords("the", "papers", "see", "and", "organisation", "organization")
    checker = Spelling(known, UserWords(tmp_path / "words.txt"))
    text = "The DCCs' TABASC46/01 papers, SECP_30 and Ofgem's; see https://exmaple.org/x and a.b@exmaple.org teh"
    assert [text[a:b] for a, b in checker.misspellings(text)] == ["teh"]
    # Oxford -ize is in the British dictionary; the house writes -ise.
    assert checker.misspellings("organization") == [(0, 12)]
    assert checker.suggestions("organization")[0] == "organisation"
    assert checker.misspellings("Organisation") == []


def test_added_words_are_kept_one_a_line_and_read_back_by_the_next_session(tmp_path: Path) -> None:
    path = tmp_path / "data" / "words.txt"
    Spelling(FewWords(), UserWords(path)).add("Frobnitz")
    UserWords(path).add("quux")  # another window added one meanwhile: both kept
    later = Spelling(FewWords(), UserWords(path))
    assert path.read_text(encoding="utf-8") == "Frobnitz\nquux\n"
    assert later.misspellings("Frobnitz quux Quux zork") == [(19, 23)]  # a lower-case word may start a sentence
    with pytest.raises(ValueError):
        later.add("two words")
