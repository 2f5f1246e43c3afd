"""Item models over the plain views from `secdesk.services`; they never write."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QMimeData,
    QModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont

from secdesk.gui import palette
from secdesk.gui.navigator_model import ROOT, Index, KeyRole
from secdesk.vocabulary import AttendanceStatus, Capacity, Purpose, Section

if TYPE_CHECKING:
    from secdesk.services.meeting_record import ItemView


SECTION_LABELS = {Section.MAIN: "Main", Section.AOB: "Any other business", Section.INFORMATION: "For information"}
PURPOSE_LABELS = {purpose: purpose.label for purpose in Purpose}  # "For Decision": secdesk.glossary
STATUS_LABELS = {
    AttendanceStatus.PRESENT: "Present",
    AttendanceStatus.APOLOGIES: "Apologies",
    AttendanceStatus.ABSENT: "Absent",
}
CAPACITY_LABELS = {
    Capacity.MEMBER: "Member",
    Capacity.ALTERNATE: "Alternate",
    Capacity.OBSERVER: "Observer",
    Capacity.PARTICIPANT: "Other participant",
    Capacity.SECRETARIAT: "Secretariat",
    Capacity.MEETING_SECRETARY: "Meeting Secretary",
}
STATUS_COLOURS = {
    AttendanceStatus.PRESENT: "#2e7d32",
    AttendanceStatus.APOLOGIES: "#8d6e00",
    AttendanceStatus.ABSENT: palette.ABSENT,
}


class RowsModel(QAbstractTableModel):
    """A flat table of view rows (each with an `id`) under fixed column titles."""

    COLUMNS: tuple[str, ...] = ()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[Any] = []

    def set_rows(self, rows: tuple[Any, ...] | list[Any]) -> None:
        rows = list(rows)
        if [r.id for r in rows] == [r.id for r in self.rows]:
            # Same rows in the same order: repaint only those whose values changed, keeping selection and scroll.
            changed = [n for n, (old, new) in enumerate(zip(self.rows, rows, strict=True)) if old != new]
            self.rows = rows
            for n in changed:
                self.dataChanged.emit(self.index(n, 0), self.index(n, len(self.COLUMNS) - 1))
            return
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def row_of(self, row_id: int) -> int:
        return next((n for n, r in enumerate(self.rows) if r.id == row_id), -1)

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.DisplayRole) -> Any:
        if role == Qt.DisplayRole and orientation == Qt.Horizontal and 0 <= section < len(self.COLUMNS):
            return self.COLUMNS[section]
        return None


class AgendaModel(RowsModel):
    """The agenda as a table; rows can be dragged, and a drop asks for a move (no write here)."""

    move_requested = Signal(int, int)  # item id, new 1-based position
    COLUMNS = ("No.", "Title", "Purpose", "Presenter", "Min", "Classification")
    MIME = "application/x-secdesk-agenda-item"

    @property
    def items(self) -> list[ItemView]:
        return self.rows

    def set_items(self, items: tuple[ItemView, ...] | list[ItemView]) -> None:
        self.set_rows(items)

    def data(self, index: Index, role: int = Qt.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.items):
            return None
        item = self.items[index.row()]
        column = index.column()
        if role == KeyRole:
            return item.id
        if role == Qt.DisplayRole:
            if column == 0:
                return str(item.number)
            if column == 1:
                prefix = {"aob": "AOB: ", "information": "Info: "}.get(item.section, "")
                return prefix + item.title
            if column == 2:
                return PURPOSE_LABELS[item.purpose]
            if column == 3:
                return item.presenter or ""
            if column == 4:
                return "" if item.planned_minutes is None else str(item.planned_minutes)
            if column == 5:
                return item.classification.capitalize()
        if role == Qt.ToolTipRole and column == 1:
            papers = ", ".join(p.reference for p in item.papers)
            return f"{SECTION_LABELS[item.section]}" + (f"; papers {papers}" if papers else "")
        if role == Qt.TextAlignmentRole and column in (0, 4):
            return int(Qt.AlignRight | Qt.AlignVCenter)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemIsDropEnabled
        return Qt.ItemIsEnabled | Qt.ItemIsSelectable | Qt.ItemIsDragEnabled

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.MoveAction

    def mimeTypes(self) -> list[str]:
        return [self.MIME]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:
        mime = QMimeData()
        rows = sorted({i.row() for i in indexes if i.isValid()})
        mime.setData(self.MIME, json.dumps([self.items[r].id for r in rows]).encode())
        return mime

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index) -> bool:
        if action != Qt.MoveAction or not data.hasFormat(self.MIME):
            return False
        ids = json.loads(bytes(data.data(self.MIME).data()).decode())
        if len(ids) != 1:
            return False
        target = row if row >= 0 else (parent.row() if parent.isValid() else len(self.items))
        source = self.row_of(ids[0])
        # Positions are 1-based and counted without the moved item.
        new_position = target + 1 if target <= source else target
        if new_position != source + 1:
            self.move_requested.emit(ids[0], new_position)
        # False: the view must not remove rows itself; the refresh after the write does.
        return False


class AttendanceModel(RowsModel):
    COLUMNS = ("Name", "Attends as", "Seat / representing", "Status", "Notes")

    def data(self, index: Index, role: int = Qt.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        column = index.column()
        if role == KeyRole:
            return row.id
        if role == Qt.DisplayRole:
            if column == 0:
                return row.name + (" (Chair)" if row.is_chair else "")
            if column == 1:
                return CAPACITY_LABELS[row.capacity]
            if column == 2:
                return row.representing or row.seat_category or row.organisation or ""
            if column == 3:
                return STATUS_LABELS[row.status]
            if column == 4:
                notes = []
                if row.alternate_for:
                    notes.append(f"alternate for {row.alternate_for}")
                if row.part:
                    notes.append(row.part_note or "part")
                return ", ".join(notes)
        if role == Qt.ForegroundRole and column == 3:
            return QBrush(QColor(STATUS_COLOURS[row.status]))
        if role == Qt.FontRole and column == 3:
            font = QFont()
            font.setBold(row.status is AttendanceStatus.PRESENT)
            return font
        if role == Qt.ToolTipRole and column == 3:
            return "Click to change; or press P (present), A (apologies), X (absent)"
        return None
