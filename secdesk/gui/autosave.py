"""Typing is saved without a save command: each text field commits after a short pause.

A `DebouncedText` watches one line or text box. The first keystroke marks the
editor as having unsaved typing ("Saving..."); after `delay_ms` without typing
(or when focus leaves, or the selection moves on) the text is committed through
an undo command. Values arriving from the database never overwrite typing that
is still pending.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit

from secdesk.gui.settings import DEFAULT_DELAY_MS

if TYPE_CHECKING:
    from secdesk.gui.editor import Editor

TextWidget = QLineEdit | QPlainTextEdit


class DebouncedText(QObject):
    def __init__(self, editor: Editor, widget: TextWidget, commit: Callable[[str], None], delay_ms: int = DEFAULT_DELAY_MS):
        super().__init__(widget)
        self.editor, self.widget, self._commit = editor, widget, commit
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(delay_ms)
        self.timer.timeout.connect(self.flush)
        self._saved = self.text()
        if isinstance(widget, QLineEdit):
            widget.textEdited.connect(self._typed)
        else:
            widget.textChanged.connect(self._typed)
        widget.installEventFilter(self)
        self._loading = False
        self._unsaved = False

    def text(self) -> str:
        return self.widget.text() if isinstance(self.widget, QLineEdit) else self.widget.toPlainText()

    @property
    def pending(self) -> bool:
        return self._unsaved

    def set_delay(self, delay_ms: int) -> None:
        self.timer.setInterval(delay_ms)

    def show_value(self, value: str) -> None:
        """Show what the database holds, unless the user is mid-typing."""
        if self._unsaved:
            return
        self._saved = value
        if self.text() != value:
            self._loading = True
            if isinstance(self.widget, QLineEdit):
                self.widget.setText(value)
            else:
                self.widget.setPlainText(value)
            self._loading = False

    def _typed(self, *_args: object) -> None:
        if self._loading:
            return
        if not self._unsaved:
            self._unsaved = True
            self.editor.pending_edits += 1
            self.editor.save_state.emit("Saving...")
        self.timer.start()

    def flush(self) -> None:
        self.timer.stop()
        if not self._unsaved:
            return
        self._unsaved = False
        self.editor.pending_edits -= 1
        value = self.text()
        if value != self._saved:
            self._saved = value
            self._commit(value)
        else:
            self.editor.save_state.emit("Saved")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.FocusOut and self.pending:
            self.flush()
        return False
