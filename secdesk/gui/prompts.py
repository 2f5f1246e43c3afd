"""Questions that need an answer before work goes on: a passphrase, a file to open or save.

Like `Messages`, this is a service the window is given, so tests swap in
`ScriptedPrompts`, which answers from a list and never blocks.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

MIN_PASSPHRASE = 8


class PassphraseDialog(QDialog):
    """A passphrase, typed once, or twice when a new one is being chosen."""

    def __init__(self, title: str, explanation: str, twice: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        self.twice = twice
        text = QLabel(explanation)
        text.setWordWrap(True)
        self.first = QLineEdit()
        self.first.setEchoMode(QLineEdit.Password)
        self.second = QLineEdit()
        self.second.setEchoMode(QLineEdit.Password)
        form = QFormLayout()
        form.addRow("&Passphrase:", self.first)
        if twice:
            form.addRow("&Again:", self.second)
        self.problem = QLabel()
        self.problem.setStyleSheet("color: #b71c1c;")
        self.problem.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self._ok)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)

    def problem_text(self) -> str | None:
        if self.twice and len(self.first.text()) < MIN_PASSPHRASE:
            return f"Choose a passphrase of at least {MIN_PASSPHRASE} characters."
        if self.twice and self.first.text() != self.second.text():
            return "The two passphrases differ."
        if not self.first.text():
            return "Type the passphrase, or Cancel."
        return None

    def _ok(self) -> None:
        problem = self.problem_text()
        if problem:
            self.problem.setText(problem)
            self.problem.show()
        else:
            self.accept()


class Prompts:
    """Modal questions; each returns None when the user cancels."""

    def passphrase(self, parent: QWidget | None, title: str, explanation: str, twice: bool = False) -> str | None:
        dialog = PassphraseDialog(title, explanation, twice, parent)
        return dialog.first.text() if dialog.exec() == QDialog.Accepted else None

    def open_file(self, parent: QWidget | None, title: str, file_filter: str) -> Path | None:
        path, _ = QFileDialog.getOpenFileName(parent, title, "", file_filter)
        return Path(path) if path else None

    def save_file(self, parent: QWidget | None, title: str, suggested: str, file_filter: str) -> Path | None:
        path, _ = QFileDialog.getSaveFileName(parent, title, suggested, file_filter)
        return Path(path) if path else None


class ScriptedPrompts(Prompts):
    """Answers from preset lists (None = Cancel) and records every question asked."""

    def __init__(self, passphrases: list[str | None] | None = None, files: list[Path | None] | None = None) -> None:
        self.passphrases = list(passphrases or [])
        self.files = list(files or [])
        self.asked: list[tuple[str, str]] = []

    def passphrase(self, parent: QWidget | None, title: str, explanation: str, twice: bool = False) -> str | None:
        self.asked.append(("passphrase", explanation))
        return self.passphrases.pop(0) if self.passphrases else None

    def open_file(self, parent: QWidget | None, title: str, file_filter: str) -> Path | None:
        self.asked.append(("open", title))
        return self.files.pop(0) if self.files else None

    def save_file(self, parent: QWidget | None, title: str, suggested: str, file_filter: str) -> Path | None:
        self.asked.append(("save", suggested))
        return self.files.pop(0) if self.files else None


def prompts_of(window: Any) -> Prompts:
    """The main window's question service, made on first use (tests set `window.prompts` first)."""
    if getattr(window, "prompts", None) is None:
        window.prompts = Prompts()
    return window.prompts
