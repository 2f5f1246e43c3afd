"""Typing is saved without a save command: one mechanism for every text field on every screen.

A `DebouncedText` watches one line or text box. The first keystroke marks the
editor as having unsaved typing ("Saving..."). The text is committed through an
undo command after `delay_ms` without typing, and at the latest `max_wait_ms`
after the first unsaved keystroke even while typing goes on (so a crash loses
less than a second), and when focus leaves.

What the user is typing is never rewritten: a value arriving from the database
(the echo of our own save, trimmed or upper-cased by the service) is not
written into the box while it has the focus or has unsaved typing; the stored
form is shown once focus leaves. An undo or redo is shown at once, cursor kept.
A commit runs on the worker and replies when done; one that is refused (an
empty title, an impossible date) replies with its problem: it is shown beside
the field and the status bar says "Not saved: ...", and the typed text stays in
the box until the user corrects it.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QFocusEvent, QTextCursor
from PySide6.QtWidgets import (
    QBoxLayout,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from secdesk.gui import accessibility, palette
from secdesk.gui.block_editor import BlockEditor
from secdesk.gui.settings import DEFAULT_DELAY_MS
from secdesk.gui.spelling import SpellingHighlighter, attach_spelling

if TYPE_CHECKING:
    from secdesk.gui.editor import Editor, Reply

TextWidget = QLineEdit | QPlainTextEdit | BlockEditor
# A commit saves the value and replies None when saved (or nothing needed saving), else the problem in words.
Commit = Callable[[str, "Reply"], None]

MAX_WAIT_MS = 800  # typing that never pauses is still saved within a second of any keystroke
HINT_STYLE = f"color: {palette.PROBLEM};"


class DebouncedText(QObject):
    def __init__(
        self,
        editor: Editor,
        widget: TextWidget,
        commit: Commit,
        delay_ms: int = DEFAULT_DELAY_MS,
        max_wait_ms: int = MAX_WAIT_MS,
        *,
        hint_beside: bool = True,
    ):
        super().__init__(widget)
        self.editor, self.widget, self._commit = editor, widget, commit
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(delay_ms)
        self.timer.timeout.connect(self.flush)
        self.max_wait = QTimer(self)
        self.max_wait.setSingleShot(True)
        self.max_wait.setInterval(max_wait_ms)
        self.max_wait.timeout.connect(self.flush)
        self._saved = self.text()
        self._loading = False
        self._unsaved = False
        self._committing = 0  # commits sent and not yet answered
        self._deferred: str | None = None  # the stored form, shown when focus leaves
        self._seen_replays = editor.replays
        self.problem: str | None = None
        self._hint_beside = hint_beside
        self.hint: QLabel | None = None
        # Both kinds: a completer's choice or an arrow through its list sets the text without textEdited.
        widget.textChanged.connect(self._typed)
        self.spelling: SpellingHighlighter | None = None
        if isinstance(widget, QPlainTextEdit | BlockEditor):
            widget.setTabChangesFocus(True)  # a plain box holds no list to indent: Tab moves on, as in a form
            # Prose (minutes, notes, updates, summaries): spelling underlined as it is typed. A line box
            # (a title, an action's text) cannot draw the underline and is left alone.
            self.spelling = attach_spelling(widget)
        widget.installEventFilter(self)
        self.destroyed.connect(partial(editor.clear_problem, id(self)))

    def text(self) -> str:
        if isinstance(self.widget, BlockEditor):
            return self.widget.to_text()
        return self.widget.text() if isinstance(self.widget, QLineEdit) else self.widget.toPlainText()

    @property
    def pending(self) -> bool:
        return self._unsaved

    def set_delay(self, delay_ms: int) -> None:
        self.timer.setInterval(delay_ms)

    # --- values from the database ---

    def load(self, value: str) -> None:
        """The box now shows another record (or a new, empty one): always shown. Flush first."""
        self._drop_pending()
        self._clear_problem()
        self._write(value)

    def discard(self) -> None:
        """Give up typing that was refused: the box shows what is stored again."""
        self.load(self._saved)

    def show_value(self, value: str) -> None:
        """A refresh: show what the database holds, unless the user is editing this box."""
        replayed = self.editor.replays != self._seen_replays  # an undo or redo since we last looked
        if self._unsaved:
            return
        if not replayed and (self._committing or self.problem is not None or self._being_edited()):
            if self.problem is None and value != self.text():
                self._deferred = value
            return
        if replayed and self._being_edited() and value.strip() == self.text().strip():
            self._seen_replays = self.editor.replays  # only spaces differ: keep the cursor's text
            return
        self._clear_problem()
        self._write(value)

    def _write(self, value: str) -> None:
        self._deferred = None
        self._saved = value
        self._seen_replays = self.editor.replays
        if self.text() == value:
            return
        self._loading = True
        try:
            if isinstance(self.widget, QLineEdit):
                self.widget.setText(value)
            else:
                position = self.widget.textCursor().position()
                self._set_box(value)
                if self._being_edited():
                    cursor = self.widget.textCursor()
                    end = self.widget.document().characterCount() - 1
                    cursor.setPosition(min(position, end), QTextCursor.MoveMode.MoveAnchor)
                    self.widget.setTextCursor(cursor)
        finally:
            self._loading = False

    # --- typing ---

    def set_by_program(self, value: str) -> None:
        """Put a value in the box (a chosen completion, a guessed date) and save it like typing."""
        if value == self.text():
            return
        if isinstance(self.widget, QLineEdit):
            self.widget.setText(value)
        else:
            self._set_box(value)
        self._typed()

    def _set_box(self, value: str) -> None:
        if isinstance(self.widget, BlockEditor):
            self.widget.set_text(value)
        elif isinstance(self.widget, QPlainTextEdit):
            self.widget.setPlainText(value)

    def _being_edited(self) -> bool:
        """The box has the focus, or will have it again when the user comes back to this window."""
        return self.widget.window().focusWidget() is self.widget

    def _typed(self, *_args: object) -> None:
        if self._loading:
            return
        self._deferred = None
        self._seen_replays = self.editor.replays  # typed over whatever an undo put there
        if not self._unsaved:
            self._unsaved = True
            self.editor.pending_edits += 1
            self.editor.save_state.emit("Saving...")
            self.max_wait.start()
        self.timer.start()

    def _drop_pending(self) -> None:
        self.timer.stop()
        self.max_wait.stop()
        if self._unsaved:
            self._unsaved = False
            self.editor.pending_edits -= 1

    def flush(self) -> None:
        if not self._unsaved:
            self._drop_pending()
            return
        self._drop_pending()
        value, before = self.text(), self._saved
        if value == before:  # typed back to what is stored: nothing to save, nothing wrong
            self._clear_problem()
            self.editor.report_saved()
            return
        self._saved = value
        self._committing += 1
        self._commit(value, partial(self._committed, value, before))

    def _committed(self, value: str, before: str, problem: str | None) -> None:
        if not shiboken6.isValid(self):
            return  # the box went while its text was being saved
        self._committing -= 1
        if problem:
            if self._saved == value:  # no later commit has taken its place
                self._saved = before
            self._deferred = None
            self._show_problem(problem)
            return
        self._clear_problem()
        if self._deferred is not None and not self._committing and not self._unsaved and not self._being_edited():
            self._write(self._deferred)
        self.editor.report_saved()

    # --- problems, said beside the field ---

    def _show_problem(self, problem: str) -> None:
        self.problem = problem
        hint = self._hint_label()
        if hint is not None:
            hint.setText(problem)
            hint.show()
        self.widget.setToolTip(problem)
        self.editor.set_problem(id(self), problem)

    def _clear_problem(self) -> None:
        if self.problem is None:
            return
        self.problem = None
        if self.hint is not None:
            self.hint.hide()
        self.widget.setToolTip("")
        self.editor.clear_problem(id(self))

    def _hint_label(self) -> QLabel | None:
        """A red line under (or beside) the field, made the first time there is something to say."""
        if self.hint is not None or not self._hint_beside:
            return self.hint
        parent = self.widget.parentWidget()
        layout = _layout_holding(parent.layout(), self.widget) if parent is not None else None
        if layout is None:
            return None
        hint = QLabel()
        hint.setObjectName(f"{self.widget.objectName() or 'field'}Problem")
        hint.setStyleSheet(HINT_STYLE)
        accessibility.smaller(hint)
        hint.setWordWrap(True)
        hint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if isinstance(layout, QBoxLayout):
            layout.insertWidget(layout.indexOf(self.widget) + 1, hint)
        elif isinstance(layout, QFormLayout):
            position: tuple[int, object] = layout.getWidgetPosition(self.widget)  # type: ignore[assignment]
            layout.insertRow(position[0] + 1, hint)  # a row of its own: hidden, it takes no room
        elif isinstance(layout, QGridLayout):
            cell: tuple[int, int, int, int] = layout.getItemPosition(layout.indexOf(self.widget))  # type: ignore[assignment]
            layout.addWidget(hint, layout.rowCount(), cell[1], 1, cell[3])
        else:
            return None
        self.hint = hint
        return hint

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut:
            if self._unsaved:
                self.flush()
            focus: QFocusEvent = event  # type: ignore[assignment]
            # The stored form, now that the user has moved on; not when a popup, a message box or
            # another program only borrows the focus and the cursor comes back here.
            if self._deferred is not None and not self._unsaved and not self._being_edited() and focus.reason() not in (
                Qt.FocusReason.PopupFocusReason,
                Qt.FocusReason.ActiveWindowFocusReason,
            ):
                self._write(self._deferred)
        return False


def _layout_holding(layout: QLayout | None, widget: QWidget) -> QLayout | None:
    if layout is None:
        return None
    if layout.indexOf(widget) >= 0:
        return layout
    for index in range(layout.count()):
        item = layout.itemAt(index)
        child = item.layout() if item is not None else None
        if child is not None and (found := _layout_holding(child, widget)) is not None:
            return found
    return None
