"""The navigator's model: committees, then their meetings grouped by year, each with its status.

Its own module, apart from the table models, because the window builds it before its first paint.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from secdesk import glossary

if TYPE_CHECKING:
    from secdesk.services.navigator import CommitteeNode

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()

# Key role: ("committee" | "year" | "meeting", id) for the navigator; the row id for tables.
KeyRole = Qt.UserRole + 1

SHORT_MEETING_STATUS = glossary.MEETING_STATUS_SHORT  # one line per meeting: "Draft minutes", not "Held, ..."


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
            from secdesk.gui.icons import icon  # SVG icons load with the first row, after the first paint

            return icon("final" if node.locked else node.kind)
        if role == Qt.FontRole and node.kind == "committee":
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ForegroundRole and node.locked:
            return QBrush(QColor("#555555"))
        return None
