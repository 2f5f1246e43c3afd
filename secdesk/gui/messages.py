"""Message boxes go through this service so tests can swap in one that never blocks."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox, QWidget


def _message_box() -> type[QMessageBox]:
    from PySide6.QtWidgets import QMessageBox  # loaded with the first message, not before the first paint

    return QMessageBox


class Messages:
    """Shows modal message boxes; replace with a recording stand-in in tests."""

    def error(self, parent: QWidget | None, title: str, text: str) -> None:
        _message_box().warning(parent, title, text)

    def info(self, parent: QWidget | None, title: str, text: str) -> None:
        _message_box().information(parent, title, text)

    def confirm(self, parent: QWidget | None, title: str, text: str) -> bool:
        box = _message_box()
        return box.question(parent, title, text, box.Yes | box.No, box.No) == box.Yes

    def about(self, parent: QWidget | None, title: str, text: str) -> None:
        _message_box().about(parent, title, text)

    def crash(self, parent: QWidget | None, text: str, log_file: str) -> None:
        kind = _message_box()
        box = kind(kind.Critical, "SecDesk - unexpected error", text, kind.Ok, parent)
        box.setInformativeText(f"Your work up to the last edit is saved. Details are in {log_file}")
        box.exec()


class RecordingMessages(Messages):
    """Records what would have been shown and answers questions with a preset reply."""

    def __init__(self, confirm_answer: bool = True) -> None:
        self.shown: list[tuple[str, str, str]] = []
        self.confirm_answer = confirm_answer

    def error(self, parent: QWidget | None, title: str, text: str) -> None:
        self.shown.append(("error", title, text))

    def info(self, parent: QWidget | None, title: str, text: str) -> None:
        self.shown.append(("info", title, text))

    def confirm(self, parent: QWidget | None, title: str, text: str) -> bool:
        self.shown.append(("confirm", title, text))
        return self.confirm_answer

    def about(self, parent: QWidget | None, title: str, text: str) -> None:
        self.shown.append(("about", title, text))

    def crash(self, parent: QWidget | None, text: str, log_file: str) -> None:
        self.shown.append(("crash", text, log_file))

    def kinds(self) -> list[str]:
        return [kind for kind, _title, _text in self.shown]
