"""The centre of the window when nothing is chosen: opening, welcome, or why the database cannot open."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget


class StartPage(QWidget):
    new_committee = Signal()
    load_demo = Signal()
    retry = Signal()
    open_other = Signal()
    quit = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel()
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.title.setFont(font)
        self.text = QLabel()
        self.text.setTextInteractionFlags(Qt.TextSelectableByMouse)  # a problem can be copied into an email
        for label in (self.title, self.text):
            label.setAlignment(Qt.AlignCenter)
            label.setWordWrap(True)
            label.setTextFormat(Qt.PlainText)  # file names and error messages are shown as they are
        self.new_committee_button = self._button("New &committee...", self.new_committee)
        self.demo_button = self._button("Load the &demo committees", self.load_demo)
        self.demo_button.setToolTip("Two example committees with meetings, minutes, decisions and actions to try")
        self.retry_button = self._button("&Try again", self.retry)
        self.open_other_button = self._button("&Open another database...", self.open_other)
        self.quit_button = self._button("&Quit", self.quit)
        self._buttons = (self.new_committee_button, self.demo_button, self.retry_button, self.open_other_button,
                         self.quit_button)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in self._buttons:
            buttons.addWidget(button)
        buttons.addStretch(1)

        # A column of readable width, centred; labels that wrap get their height from its width.
        column = QWidget()
        column.setMaximumWidth(640)
        inner = QVBoxLayout(column)
        inner.addWidget(self.title)
        inner.addWidget(self.text)
        inner.addSpacing(8)
        inner.addLayout(buttons)
        centred = QHBoxLayout()
        centred.addStretch(1)
        centred.addWidget(column, 3)
        centred.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addLayout(centred)
        layout.addStretch(2)
        self.show_opening("")

    def _button(self, text: str, signal: Signal) -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(signal.emit)
        return button

    def _state(self, title: str, text: str, *buttons: QPushButton) -> None:
        self.title.setText(title)
        self.text.setText(text)
        for button in self._buttons:
            button.setVisible(button in buttons)
        if buttons:
            buttons[0].setDefault(True)

    def show_opening(self, database: str) -> None:
        self._state("SecDesk", f"Opening {database}...")

    def show_welcome(self, *, empty: bool = False) -> None:
        """`empty`: the database has no committee yet, so the demo can be loaded to try SecDesk."""
        if empty:
            self._state("SecDesk", "New here? Create the first committee, then its first meeting, "
                        "or load the demo committees to try SecDesk.", self.new_committee_button, self.demo_button)
            return
        self._state(
            "SecDesk",
            "Choose a committee or a meeting on the left.\n"
            "New here? Create the first committee, then its first meeting.",
            self.new_committee_button,
        )

    @property
    def offers_demo(self) -> bool:
        return self.demo_button.isVisibleTo(self)

    def show_loading_demo(self) -> None:
        """--with-demo: the demo committees are on their way; nothing to create by hand."""
        self._state("SecDesk", "Loading the demo committees and their meetings...\n"
                    "They appear on the left in a moment.")

    @property
    def loading_demo(self) -> bool:
        return self.text.text().startswith("Loading the demo")

    def show_problem(self, name: str, problem: str) -> None:
        """`name` is the file's name (the problem names its folder)."""
        self._state(f"SecDesk cannot open {name}", problem,
                    self.retry_button, self.open_other_button, self.quit_button)

    @property
    def showing_problem(self) -> bool:
        return self.retry_button.isVisibleTo(self)
