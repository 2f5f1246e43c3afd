"""Item models over the plain views from `secdesk.services.views`; they never write."""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont

from secdesk.gui.icons import icon
from secdesk.services.views import CommitteeNode, ItemView

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()

# Key role: ("committee" | "year" | "meeting", id) for the navigator; the row id for tables.
KeyRole = Qt.UserRole + 1

CLASSIFICATION_COLOURS = {
    "white": ("#ffffff", "#333333"),
    "green": ("#2e7d32", "#ffffff"),
    "amber": ("#ffb300", "#222222"),
    "red": ("#c62828", "#ffffff"),
}
SECTION_LABELS = {"main": "Main", "aob": "Any other business", "information": "For information"}
PURPOSE_LABELS = {"decision": "For Decision", "discussion": "For Discussion", "information": "For Information"}
STATUS_LABELS = {"present": "Present", "apologies": "Apologies", "absent": "Absent"}
CAPACITY_LABELS = {
    "member": "Member",
    "alternate": "Alternate",
    "observer": "Observer",
    "participant": "Other participant",
    "secretariat": "Secretariat",
    "meeting_secretary": "Meeting Secretary",
}
SHORT_MEETING_STATUS = {
    "planned": "Planned",
    "agenda_issued": "Agenda issued",
    "held": "Draft minutes",
    "draft_circulated": "Draft circulated",
    "final": "Final",
}
STATUS_COLOURS = {"present": "#2e7d32", "apologies": "#8d6e00", "absent": "#9e9e9e"}


class _Node:
    def __init__(self, kind: str, key: int, label: str, parent: _Node | None, tooltip: str = "", locked: bool = False):
        self.kind, self.key, self.label, self.parent = kind, key, label, parent
        self.tooltip, self.locked = tooltip, locked
        self.children: list[_Node] = []
        self.row = len(parent.children) if parent else 0


class NavigatorModel(QAbstractItemModel):
    """Committees, then their meetings grouped by year (newest first), each with its status."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._roots: list[_Node] = []

    def set_committees(self, committees: list[CommitteeNode]) -> None:
        self.beginResetModel()
        self._roots = []
        for c in committees:
            node = _Node("committee", c.id, f"{c.code} - {c.name}", None, c.name)
            node.row = len(self._roots)
            self._roots.append(node)
            years: dict[int, _Node] = {}
            for m in c.meetings:
                year = years.get(m.date.year)
                if year is None:
                    year = _Node("year", m.date.year, str(m.date.year), node)
                    node.children.append(year)
                    years[m.date.year] = year
                label = f"{c.code} {m.number}  ·  {m.date:%d %b}  ·  {SHORT_MEETING_STATUS[m.status]}"
                tooltip = f"{m.identifier}: {m.status_label}"
                year.children.append(_Node("meeting", m.id, label, year, tooltip, m.locked))
        self.endResetModel()

    def find(self, kind: str, key: int) -> QModelIndex:
        for root in self._roots:
            for node in self._walk(root):
                if node.kind == kind and node.key == key:
                    return self.createIndex(node.row, 0, node)
        return QModelIndex()

    def committee_of(self, index: Index) -> int | None:
        node = self._node(index)
        while node is not None and node.kind != "committee":
            node = node.parent
        return node.key if node else None

    def _walk(self, node: _Node) -> list[_Node]:
        found = [node]
        for child in node.children:
            found.extend(self._walk(child))
        return found

    def _node(self, index: Index) -> _Node | None:
        return index.internalPointer() if index.isValid() else None

    def index(self, row: int, column: int, parent: Index = ROOT) -> QModelIndex:
        if column != 0 or row < 0:
            return QModelIndex()
        siblings = self._node(parent).children if parent.isValid() else self._roots
        if row >= len(siblings):
            return QModelIndex()
        return self.createIndex(row, 0, siblings[row])

    def parent(self, index: Index = ROOT) -> QModelIndex:  # type: ignore[override]
        node = self._node(index)
        if node is None or node.parent is None:
            return QModelIndex()
        return self.createIndex(node.parent.row, 0, node.parent)

    def rowCount(self, parent: Index = ROOT) -> int:
        if parent.column() > 0:
            return 0
        return len(self._node(parent).children) if parent.isValid() else len(self._roots)

    def columnCount(self, parent: Index = ROOT) -> int:
        return 1

    def data(self, index: Index, role: int = Qt.DisplayRole) -> Any:
        node = self._node(index)
        if node is None:
            return None
        if role == Qt.DisplayRole:
            return node.label
        if role == Qt.ToolTipRole:
            return node.tooltip or None
        if role == KeyRole:
            return (node.kind, node.key)
        if role == Qt.DecorationRole:
            return icon("final" if node.locked else node.kind)
        if role == Qt.FontRole and node.kind == "committee":
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ForegroundRole and node.locked:
            return QBrush(QColor("#555555"))
        return None


class RowsModel(QAbstractTableModel):
    """A flat table of view rows (each with an `id`) under fixed column titles."""

    COLUMNS: tuple[str, ...] = ()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[Any] = []

    def set_rows(self, rows: tuple[Any, ...] | list[Any]) -> None:
        rows = list(rows)
        if [r.id for r in rows] == [r.id for r in self.rows]:
            # Same rows in the same order: repaint them, keeping selection and scroll.
            self.rows = rows
            if rows:
                self.dataChanged.emit(self.index(0, 0), self.index(len(rows) - 1, len(self.COLUMNS) - 1))
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
                return item.purpose.capitalize()
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
                    notes.append("part")
                return ", ".join(notes)
        if role == Qt.ForegroundRole and column == 3:
            return QBrush(QColor(STATUS_COLOURS[row.status]))
        if role == Qt.FontRole and column == 3:
            font = QFont()
            font.setBold(row.status == "present")
            return font
        if role == Qt.ToolTipRole and column == 3:
            return "Click to change; or press P (present), A (apologies), X (absent)"
        return None
