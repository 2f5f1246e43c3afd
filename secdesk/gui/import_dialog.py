"""File > Import minutes...: read a committee's existing minutes, review and correct, then import.

Reading the file and writing the import both run on the serial worker, off the
GUI thread. Nothing is written before Import is pressed; Cancel writes nothing.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from secdesk.errors import SecDeskError
from secdesk.gui import accessibility
from secdesk.gui.messages import Messages
from secdesk.gui.worker import Worker
from secdesk.importers.found import (
    ParsedAction,
    ParsedAttendee,
    ParsedDecision,
    ParsedHeading,
    ParsedItem,
    ParsedMinutes,
    ParsedReview,
)
from secdesk.importers.phrases import expand_references
from secdesk.store import Store
from secdesk.vocabulary import DecisionVerb

LOW_CONFIDENCE = 0.7
MAX_COLUMN_WIDTH = 170  # pixels; the text column takes the rest
COLUMNS = (
    "Import",
    "Kind",
    "Item",
    "Reference",
    "Owner / who",
    "Verb / status",
    "Text",
    "Due",
    "Confidence",
    "Lines",
)
INCLUDE, KIND, ITEM, REFERENCE, OWNER, VERB, TEXT, DUE, CONFIDENCE, LINES = range(len(COLUMNS))
STATUSES = ("ongoing", "closed")


@dataclasses.dataclass
class _Row:
    kind: str
    element: Any
    item: ParsedItem | None = None


def _rows(parsed: ParsedMinutes) -> list[_Row]:
    rows = [_Row("Meeting", parsed.heading)]
    rows += [_Row("Attendee", attendee) for attendee in parsed.attendees]
    rows += [_Row("Outstanding", review) for review in parsed.reviews]
    for item in parsed.items:
        rows.append(_Row("Item", item, item))
        rows += [_Row("Decision", decision, item) for decision in item.decisions]
        rows += [_Row("Action", action, item) for action in item.actions]
    return rows


class FoundModel(QAbstractTableModel):
    """What the parser found, one row per element; the cells a secretary corrects are editable."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.parsed: ParsedMinutes | None = None
        self._rows: list[_Row] = []
        self._excluded: set[int] = set()

    def load(self, parsed: ParsedMinutes | None) -> None:
        self.beginResetModel()
        self.parsed = parsed
        self._rows = _rows(parsed) if parsed else []
        self._excluded = set()
        self.endResetModel()

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.DisplayRole
    ) -> Any:
        if orientation == Qt.Horizontal and role == Qt.DisplayRole:
            return COLUMNS[section]
        return None

    def row(self, index: int) -> _Row:
        return self._rows[index]

    def find(self, kind: str, text: str) -> int:
        """The first row of that kind showing the text (in its reference or text); -1 if none."""
        for number, row in enumerate(self._rows):
            if row.kind == kind and text in (
                self._display(row, REFERENCE) + self._display(row, TEXT)
            ):
                return number
        return -1

    def _display(self, row: _Row, column: int) -> str:
        element = row.element
        if column == KIND:
            return row.kind
        if column == ITEM:
            return str(row.item.number) if row.item else ""
        if column == CONFIDENCE:
            return f"{element.confidence:.0%}"
        if column == LINES:
            lines = element.lines
            return (
                f"{min(lines)}-{max(lines)}" if len(lines) > 1 else (str(lines[0]) if lines else "")
            )
        if isinstance(element, ParsedHeading):
            values = {
                REFERENCE: element.identifier
                or (f"meeting {element.number}" if element.number else ""),
                TEXT: " · ".join(
                    str(v) for v in (element.committee_name, element.date, element.venue) if v
                ),
                VERB: element.minutes_status or "",
            }
        elif isinstance(element, ParsedAttendee):
            extras = [
                element.seat_category or element.representing or "",
                "part" if element.part else "",
            ]
            values = {
                OWNER: element.name,
                VERB: f"{element.capacity} ({element.status})",
                TEXT: ", ".join(e for e in extras if e),
            }
        elif isinstance(element, ParsedReview):
            values = {
                REFERENCE: ", ".join(element.references),
                VERB: element.status,
                TEXT: element.update,
                OWNER: element.action_text,
            }
        elif isinstance(element, ParsedItem):
            values = {
                TEXT: element.title,
                VERB: element.section + (" · confidential" if element.confidential else ""),
            }
        elif isinstance(element, ParsedDecision):
            values = {VERB: element.verb, TEXT: element.text}
        else:
            values = {
                REFERENCE: element.reference,
                OWNER: element.owner,
                TEXT: element.text,
                DUE: element.due.isoformat() if element.due else "",
            }
        return values.get(column, "")

    def data(self, index: QModelIndex, role: int = Qt.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if column == INCLUDE:
            if role == Qt.CheckStateRole:
                return Qt.Unchecked if id(row.element) in self._excluded else Qt.Checked
            return None
        if role in (Qt.DisplayRole, Qt.EditRole, Qt.ToolTipRole):
            return self._display(row, column)
        if role == Qt.BackgroundRole and row.element.confidence < LOW_CONFIDENCE:
            return QBrush(QColor(255, 243, 205))  # doubtful: worth a second look
        return None

    def _editable(self, row: _Row, column: int) -> bool:
        if isinstance(row.element, ParsedAction):
            return column in (REFERENCE, OWNER, TEXT, DUE)
        if isinstance(row.element, ParsedReview):
            return column in (REFERENCE, VERB, TEXT)
        if isinstance(row.element, ParsedDecision):
            return column in (VERB, TEXT)
        if isinstance(row.element, ParsedItem):
            return column == TEXT
        if isinstance(row.element, ParsedAttendee):
            return column == OWNER
        return False

    def flags(self, index: QModelIndex) -> Qt.ItemFlags:
        if not index.isValid():
            return Qt.NoItemFlags
        flags = Qt.ItemIsEnabled | Qt.ItemIsSelectable
        row = self._rows[index.row()]
        if index.column() == INCLUDE and row.kind != "Meeting":
            flags |= Qt.ItemIsUserCheckable
        elif self._editable(row, index.column()):
            flags |= Qt.ItemIsEditable
        return flags

    def setData(self, index: QModelIndex, value: Any, role: int = Qt.EditRole) -> bool:
        if not index.isValid():
            return False
        row = self._rows[index.row()]
        column = index.column()
        if column == INCLUDE and role == Qt.CheckStateRole:
            checked = Qt.CheckState(value) == Qt.Checked if not isinstance(value, bool) else value
            (self._excluded.discard if checked else self._excluded.add)(id(row.element))
            self.dataChanged.emit(index, index, [role])
            return True
        if role != Qt.EditRole or not self._editable(row, column):
            return False
        if not self._apply(row.element, column, str(value).strip()):
            return False
        row.element.confidence = 1.0  # checked by the secretary
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), len(COLUMNS) - 1))
        return True

    @staticmethod
    def _apply(element: Any, column: int, text: str) -> bool:
        """Write a corrected cell into the element; False (cell unchanged) when the value is not valid."""
        if column == TEXT:
            if not text:
                return False
            field = (
                "title"
                if isinstance(element, ParsedItem)
                else ("update" if isinstance(element, ParsedReview) else "text")
            )
            setattr(element, field, text)
        elif column == OWNER:
            if isinstance(element, ParsedAttendee):
                if not text:
                    return False
                element.name = text
            else:
                element.owner = text
        elif column == REFERENCE:
            if not text:
                return False
            if isinstance(element, ParsedReview):
                element.references = expand_references(text)
            else:
                element.reference = text.replace(" ", "").upper()
        elif column == VERB:
            if isinstance(element, ParsedReview):
                if text.lower() not in STATUSES:
                    return False
                element.status = text.lower()
            else:
                if text.upper() not in DecisionVerb.__members__:
                    return False
                element.verb = text.upper()
        elif column == DUE:
            try:
                element.due = date.fromisoformat(text) if text else None
            except ValueError:
                return False
        return True

    def included(self) -> ParsedMinutes:
        """The parsed minutes without the rows the secretary unticked."""
        assert self.parsed is not None
        def keep(elements: list[Any]) -> list[Any]:
            return [e for e in elements if id(e) not in self._excluded]

        items = [
            dataclasses.replace(item, decisions=keep(item.decisions), actions=keep(item.actions))
            for item in keep(self.parsed.items)
        ]
        return dataclasses.replace(
            self.parsed,
            attendees=keep(self.parsed.attendees),
            reviews=keep(self.parsed.reviews),
            items=items,
        )


def _choose_file(parent: QWidget) -> str | None:
    path, _filter = QFileDialog.getOpenFileName(
        parent, "Import minutes", "", "Minutes (*.docx *.pdf *.txt);;All files (*)"
    )
    return path or None


class ImportMinutesDialog(QDialog):
    """Choose the file and committee, review what was found, then Import (or Cancel: nothing written)."""

    imported = Signal(object)  # the ImportReport

    def __init__(
        self,
        store: Store,
        parent: QWidget | None = None,
        *,
        messages: Messages | None = None,
        worker: Worker | None = None,
        choose_file: Callable[[QWidget], str | None] = _choose_file,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.messages = messages or getattr(parent, "messages", None) or Messages()
        self.worker = worker or getattr(parent, "worker", None) or Worker(self)
        self._own_worker = self.worker.parent() is self
        self.choose_file = choose_file
        self.report = None
        self.setWindowTitle("Import minutes")
        accessibility.fit_to_screen(self, 1100, 650)

        self.path = QLineEdit()
        self.path.setPlaceholderText("Minutes as .docx, .pdf or .txt")
        browse = QPushButton("Browse...")
        browse.clicked.connect(self.browse)
        self.committee = QComboBox()
        self.meeting = QSpinBox()
        self.meeting.setRange(0, 9999)
        self.meeting.setSpecialValueText("as in the minutes")
        self.date = QLineEdit()
        self.date.setPlaceholderText("YYYY-MM-DD, when the minutes do not say")
        self.read_button = QPushButton("Read minutes")
        self.read_button.clicked.connect(self.read)

        chooser = QHBoxLayout()
        chooser.addWidget(self.path, 1)
        chooser.addWidget(browse)
        form = QFormLayout()
        form.addRow("File:", chooser)
        form.addRow("Committee:", self.committee)
        form.addRow("Meeting number:", self.meeting)
        form.addRow("Meeting date:", self.date)

        self.status = QLabel("Choose the minutes and the committee, then Read minutes.")
        self.status.setWordWrap(True)
        # Never squeezed by the table: the warnings say what to check.
        self.status.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Minimum)
        self.model = FoundModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAlternatingRowColors(True)
        self.table.horizontalHeader().setSectionResizeMode(TEXT, QHeaderView.Stretch)
        self.table.verticalHeader().hide()

        self.buttons = QDialogButtonBox(QDialogButtonBox.Cancel)
        self.import_button = self.buttons.addButton("Import", QDialogButtonBox.AcceptRole)
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(self.write)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.read_button)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)
        self._load_committees()

    def _load_committees(self) -> None:
        from secdesk.services.committees import list_committees

        store = self.store

        def job() -> list[tuple[str, str]]:
            with store.read() as session:
                return [(f"{c.code} - {c.name}", c.code) for c in list_committees(session)]

        self.worker.run(job, self._show_committees)

    def _show_committees(self, committees: list[tuple[str, str]]) -> None:
        if shiboken6.isValid(self):
            for label, code in committees:
                self.committee.addItem(label, code)

    def browse(self) -> None:
        path = self.choose_file(self)
        if path:
            self.path.setText(path)
            self.read()

    def _busy(self, busy: bool, text: str) -> None:
        self.read_button.setEnabled(not busy)
        self.import_button.setEnabled(not busy and self.model.parsed is not None)
        self.status.setText(text)

    def read(self) -> None:
        """Parse the file on the worker; the table fills in when it is done."""
        path, code = self.path.text().strip(), self.committee.currentData()
        if not path or not code:
            self.messages.error(
                self, "Import minutes", "Choose a minutes file and a committee first."
            )
            return
        from secdesk.importers.apply import parse_for_committee

        self.model.load(None)
        self._busy(True, f"Reading {Path(path).name}...")
        self.worker.run(
            lambda: parse_for_committee(self.store, path, code),
            self._read_done,
            self._failed,
            "Reading minutes...",
        )

    def _read_done(self, parsed: ParsedMinutes) -> None:
        self.model.load(parsed)
        self.table.resizeColumnsToContents()
        for column in range(len(COLUMNS)):
            if column != TEXT:
                self.table.setColumnWidth(
                    column, min(self.table.columnWidth(column), MAX_COLUMN_WIDTH)
                )
        doubtful = sum(
            1
            for r in range(self.model.rowCount())
            if self.model.row(r).element.confidence < LOW_CONFIDENCE
        )
        found = (
            f"Found {len(parsed.items)} items, {len(parsed.decisions)} decisions, {len(parsed.actions)} actions "
            f"and {len(parsed.reviews)} outstanding-action updates."
        )
        notes = [found]
        if doubtful:
            notes.append(f"{doubtful} shaded rows are doubtful: check them.")
        notes += parsed.warnings
        self._busy(False, "\n".join(notes))

    def _failed(self, error: BaseException) -> None:
        self._busy(False, "Nothing was imported.")
        if not isinstance(error, SecDeskError):
            raise error
        self.messages.error(self, "Import minutes", str(error))

    def _date(self) -> date | None:
        text = self.date.text().strip()
        if not text:
            return None
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise SecDeskError(f"{text!r} is not a date like 2025-03-19.") from None

    def write(self) -> None:
        """Import what the table shows, ticked rows only, in one transaction."""
        from secdesk.importers.apply import import_minutes

        try:
            day = self._date()
        except SecDeskError as error:
            self.messages.error(self, "Import minutes", str(error))
            return
        parsed, code = self.model.included(), self.committee.currentData()
        number = self.meeting.value() or None
        self._busy(True, "Importing...")
        self.worker.run(
            lambda: import_minutes(self.store, parsed, code, number=number, day=day),
            self._written,
            self._failed,
            "Importing minutes...",
        )

    def _written(self, report: Any) -> None:
        self.report = report
        self._busy(False, f"Imported {report.meeting}.")
        summary = (
            f"{report.meeting}: {report.items} items, {report.decisions} decisions, "
            f"{len(report.actions_created)} new and {len(report.actions_updated)} updated actions, "
            f"{len(report.reviews_recorded)} outstanding-action updates. The minutes are final and locked."
        )
        lines = [summary, *report.warnings]
        self.messages.info(self, "Minutes imported", "\n".join(lines))
        self.imported.emit(report)
        self.accept()

    def done(self, result: int) -> None:
        if self._own_worker:
            self.worker.shutdown()
        super().done(result)
