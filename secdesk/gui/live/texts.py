"""Autosave for text typed during a meeting: a short pause saves, and so does a long run of typing.

`DebouncedText` saves after a pause; a minute-taker who never pauses would
lose everything since the last pause. `LiveText` also saves at least every
`max_wait_ms` while typing goes on, so a crash loses at most that much, and
keeps the cursor where it was when a saved value (an undo) replaces the text.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QLineEdit

from secdesk.gui.autosave import DebouncedText, TextWidget
from secdesk.gui.editor import Editor

LIVE_DELAY_MS = 300
LIVE_MAX_WAIT_MS = 600


class LiveText(DebouncedText):
    def __init__(
        self,
        editor: Editor,
        widget: TextWidget,
        commit: Callable[[str], None],
        delay_ms: int = LIVE_DELAY_MS,
        max_wait_ms: int = LIVE_MAX_WAIT_MS,
    ) -> None:
        super().__init__(editor, widget, commit, delay_ms)
        self.max_wait = QTimer(self)
        self.max_wait.setSingleShot(True)
        self.max_wait.setInterval(max_wait_ms)
        self.max_wait.timeout.connect(self.flush)

    def _typed(self, *args: object) -> None:
        was_pending = self.pending
        super()._typed(*args)
        if self.pending and not was_pending:
            self.max_wait.start()

    def set_by_program(self, value: str) -> None:
        """Put a value in the box (a completion, a guessed date) and save it like typing."""
        if isinstance(self.widget, QLineEdit):
            self.widget.setText(value)
        else:
            self.widget.setPlainText(value)
        self._typed()

    def flush(self) -> None:
        self.max_wait.stop()
        super().flush()

    def show_value(self, value: str) -> None:
        if isinstance(self.widget, QLineEdit) or self.pending:
            super().show_value(value)
            return
        position = self.widget.textCursor().position()
        super().show_value(value)
        cursor = self.widget.textCursor()
        if cursor.position() != position:
            cursor.setPosition(min(position, len(value)), QTextCursor.MoveAnchor)
            self.widget.setTextCursor(cursor)
