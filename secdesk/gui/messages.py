"""Message boxes go through this service so tests can swap in one that never blocks."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget


class Messages:
    """Shows modal message boxes; replace with a recording stand-in in tests."""

    def error(self, parent: QWidget | None, title: str, text: str) -> None:
        QMessageBox.warning(parent, title, text)

    def info(self, parent: QWidget | None, title: str, text: str) -> None:
        QMessageBox.information(parent, title, text)

    def confirm(self, parent: QWidget | None, title: str, text: str) -> bool:
        answer = QMessageBox.question(parent, title, text, QMessageBox.Yes | QMessageBox.No, QMessageBox.No)
        return answer == QMessageBox.Yes

    def about(self, parent: QWidget | None, title: str, text: str) -> None:
        QMessageBox.about(parent, title, text)

    def crash(self, parent: QWidget | None, text: str, log_file: str) -> None:
        box = QMessageBox(QMessageBox.Critical, "SecDesk - unexpected error", text, QMessageBox.Ok, parent)
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
