"""Spelling checked as you type, offline, in British English: a red wavy line under misspelt words.

`attach_spelling(box)` gives a QPlainTextEdit (or QTextEdit) a highlighter that underlines
what `secdesk.services.spelling_words.Spelling` finds, and a context menu on a misspelt
word: up to five suggestions (each an ordinary, undoable edit of the box, so autosave
saves it like typing), "Add to dictionary" (kept in the user's word list) and "Ignore".
The autosave wrapper (`DebouncedText`) attaches it to every typed text box.

The dictionary is hunspell's en_GB through pyenchant, loaded once per process (about
60 ms) and shared; checking a 300-word paragraph takes about 2 ms. Without pyenchant, the
enchant library or the en_GB dictionary, the boxes work as before with no underlines, and
the log says why once.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import partial

import shiboken6
from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QContextMenuEvent,
    QSyntaxHighlighter,
    QTextBlock,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import QMenu, QPlainTextEdit, QTextEdit

from secdesk.paths import data_dir
from secdesk.services.spelling_words import LANGUAGE, MAX_SUGGESTIONS, Dictionary, Spelling, UserWords, words_file

log = logging.getLogger("secdesk.gui.spelling")

TextBox = QPlainTextEdit | QTextEdit
UNDERLINE_COLOUR = "#d32f2f"

_dictionaries: dict[str, Dictionary | None] = {}  # by language: loaded once, or known to be missing
_spellers: dict[str, Speller] = {}  # by data folder: one user's word list, shared by all their boxes


def open_dictionary(language: str = LANGUAGE) -> Dictionary | None:
    """The system's hunspell dictionary for `language` through enchant, or None (said once in the log)."""
    if language in _dictionaries:
        return _dictionaries[language]
    dictionary: Dictionary | None = None
    try:
        import enchant  # here: a missing C library raises on import, and most commands never check spelling
    except (ImportError, OSError) as error:
        log.warning("Spelling is not checked: pyenchant or the enchant library is missing (%s)", error)
    else:
        try:
            dictionary = enchant.Dict(language)
        except enchant.errors.Error as error:
            log.warning("Spelling is not checked: no %s dictionary (install hunspell-en-gb): %s", language, error)
    _dictionaries[language] = dictionary
    return dictionary


class Speller(QObject):
    """One user's spelling: the dictionary and their words; `changed` re-underlines every box."""

    changed = Signal()

    def __init__(self, spelling: Spelling | None) -> None:
        super().__init__()
        self.spelling = spelling
        self.enabled = True

    @property
    def active(self) -> bool:
        return self.enabled and self.spelling is not None

    def set_enabled(self, enabled: bool) -> None:
        if enabled != self.enabled:
            self.enabled = enabled
            self.changed.emit()

    def add(self, word: str) -> None:
        if self.spelling is not None:
            try:
                self.spelling.add(word)
            except OSError as error:  # the data folder cannot be written: accepted until SecDesk closes
                log.warning("Could not keep %r in %s: %s", word, self.spelling.user_words.path, error)
                self.spelling.ignore(word)
            self.changed.emit()

    def ignore(self, word: str) -> None:
        if self.spelling is not None:
            self.spelling.ignore(word)
            self.changed.emit()


def speller() -> Speller:
    """The user's speller (the one data folder's word list), made the first time a box asks."""
    key = str(data_dir())
    if key not in _spellers:
        dictionary = open_dictionary()
        _spellers[key] = Speller(Spelling(dictionary, UserWords(words_file())) if dictionary is not None else None)
    return _spellers[key]


def set_spelling_enabled(enabled: bool) -> None:
    """For a preference: turn the underlines off (or on again) in every box at once."""
    speller().set_enabled(enabled)


def _utf16(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Python positions as Qt's (UTF-16) ones, which differ after a character outside the BMP (an emoji)."""
    if not spans or all(ord(c) <= 0xFFFF for c in text):
        return spans
    offsets = [0]
    for character in text:
        offsets.append(offsets[-1] + (2 if ord(character) > 0xFFFF else 1))
    return [(offsets[start], offsets[end]) for start, end in spans]


class SpellingHighlighter(QSyntaxHighlighter):
    """Underlines misspelt words in one box, except the word being typed at the cursor."""

    def __init__(self, box: TextBox, speller: Speller) -> None:
        super().__init__(box.document())
        self.box, self.speller = box, speller
        self.underline = QTextCharFormat()
        self.underline.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SpellCheckUnderline)
        self.underline.setUnderlineColor(QColor(UNDERLINE_COLOUR))
        # A word is not marked while the cursor is at its end: "recei" is not yet a mistake.
        self._held: tuple[int, int] | None = None  # (block number, position) of the word left unmarked
        speller.changed.connect(self.recheck)
        box.cursorPositionChanged.connect(self._cursor_moved)
        box.installEventFilter(self)
        box.viewport().installEventFilter(self)  # context menu events go to a scroll area's viewport

    def misspellings(self, block: QTextBlock) -> list[tuple[int, int]]:
        """The misspelt words of a block as (start, end) in the block's own (Qt) positions."""
        spelling = self.speller.spelling
        if not self.speller.active or spelling is None:
            return []
        text = block.text()
        return _utf16(text, spelling.misspellings(text))

    def _typing_at(self, block: QTextBlock) -> int:
        cursor = self.box.textCursor()
        if not self.box.hasFocus() or cursor.hasSelection() or cursor.block() != block:
            return -1
        return cursor.positionInBlock()

    def highlightBlock(self, text: str) -> None:
        block = self.currentBlock()
        if self._held is not None and self._held[0] == block.blockNumber():
            self._held = None
        typing_at = self._typing_at(block)
        for start, end in self.misspellings(block):
            if end == typing_at:
                self._held = (block.blockNumber(), end)
                continue
            self.setFormat(start, end - start, self.underline)

    def _cursor_moved(self) -> None:
        if self._held is None:
            return
        cursor = self.box.textCursor()
        if (cursor.blockNumber(), cursor.positionInBlock()) != self._held or not self.box.hasFocus():
            block = self.document().findBlockByNumber(self._held[0])
            self._held = None
            if block.isValid():
                self.recheck(block)

    def recheck(self, block: QTextBlock | None = None) -> None:
        """Underline again (one block, or all), without the box saying its text changed.

        Qt marks the re-formatted text as changed, so the box would emit textChanged and
        autosave would start a save of text nobody typed.
        """
        was_blocked = self.box.blockSignals(True)
        try:
            if block is None:
                self.rehighlight()
            else:
                self.rehighlightBlock(block)
        finally:
            self.box.blockSignals(was_blocked)

    # --- the context menu ---

    def word_at(self, cursor: QTextCursor) -> tuple[QTextBlock, int, int] | None:
        """The misspelt word under a cursor position: its block and (start, end) in it."""
        block = cursor.block()
        at = cursor.positionInBlock()
        for start, end in self.misspellings(block):
            if start <= at <= end:
                return block, start, end
        return None

    def menu_at(self, cursor: QTextCursor) -> QMenu | None:
        """The box's own context menu with suggestions, "Add to dictionary" and "Ignore" on top, or None."""
        found = self.word_at(cursor)
        spelling = self.speller.spelling
        if found is None or spelling is None:
            return None
        block, start, end = found
        word = _text_between(block, start, end)
        menu = self.box.createStandardContextMenu()
        first = menu.actions()[0] if menu.actions() else None  # ours go above the box's own (undo, cut, paste)

        def put(text: str, then: Callable[[], None] | None) -> QAction:
            action = QAction(text, menu)
            if then is None:
                action.setEnabled(False)
            else:
                action.triggered.connect(then)
            menu.insertAction(first, action)
            return action

        suggestions = spelling.suggestions(word, MAX_SUGGESTIONS)
        for suggestion in suggestions:
            action = put(suggestion, partial(self.replace, block.blockNumber(), start, end, word, suggestion))
            font = action.font()
            font.setBold(True)
            action.setFont(font)
        if not suggestions:
            put("(No suggestions)", None)
        if first is not None:
            menu.insertSeparator(first)
        else:
            menu.addSeparator()
        put("Add to Dictionary", partial(self.speller.add, word))
        put("Ignore", partial(self.speller.ignore, word))
        if first is not None:
            menu.insertSeparator(first)
        return menu

    def replace(self, block_number: int, start: int, end: int, word: str, suggestion: str) -> None:
        """Put a suggestion in place of the word: one edit of the box, saved and undone like typing."""
        if not shiboken6.isValid(self.box):
            return
        block = self.document().findBlockByNumber(block_number)
        if not block.isValid() or _text_between(block, start, end) != word:
            return  # the text changed under the open menu
        cursor = QTextCursor(block)
        cursor.setPosition(block.position() + start)
        cursor.setPosition(block.position() + end, QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(suggestion)
        self.box.setTextCursor(cursor)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.FocusOut and self._held is not None:
            self._cursor_moved()  # the word left at the cursor is finished now
        elif kind == QEvent.Type.ContextMenu and watched is self.box.viewport():
            menu_event: QContextMenuEvent = event  # type: ignore[assignment]
            if menu_event.reason() == QContextMenuEvent.Reason.Mouse:
                cursor = self.box.cursorForPosition(menu_event.pos())
            else:  # the menu key: the word at the text cursor
                cursor = self.box.textCursor()
            menu = self.menu_at(cursor)
            if menu is not None:
                menu.exec(menu_event.globalPos())
                menu.deleteLater()
                return True
        return False


def _text_between(block: QTextBlock, start: int, end: int) -> str:
    cursor = QTextCursor(block)
    cursor.setPosition(block.position() + start)
    cursor.setPosition(block.position() + end, QTextCursor.MoveMode.KeepAnchor)
    return cursor.selectedText()


def attach_spelling(box: TextBox) -> SpellingHighlighter:
    """Check the spelling of a text box as the user types in it."""
    return SpellingHighlighter(box, speller())

