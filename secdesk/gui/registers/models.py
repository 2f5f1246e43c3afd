"""Read-only table models for the risk register, its snapshots, and the activity planner."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from secdesk.gui import palette
from secdesk.gui.models import KeyRole, RowsModel
from secdesk.model import PlanStatus, Rag, RiskStatus

Index = QModelIndex | QPersistentModelIndex

# The same colours as the exports and the heat map, with the word always written too.
RAG_FILL = {Rag.RED: "#F4B6B0", Rag.AMBER: "#FFE08A", Rag.GREEN: "#B9DFB0"}
RAG_INK = {Rag.RED: "#8B0000", Rag.AMBER: "#6B4E00", Rag.GREEN: "#1E5B1E"}
PLAN_STATUS = {
    PlanStatus.PLANNED: "Planned", PlanStatus.TAKEN: "On agenda", PlanStatus.ROLLED: "Rolled",
    PlanStatus.DROPPED: "Dropped",
}


class RiskTableModel(RowsModel):
    COLUMNS = ("No.", "Risk", "L", "I", "Sev.", "RAG", "Owner", "Class.")

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.DisplayRole) -> Any:
        if orientation == Qt.Horizontal and role == Qt.ToolTipRole and section in (2, 3, 4):
            return ("Likelihood (1-5)", "Impact (1-5)", "Severity: likelihood x impact")[section - 2]
        return super().headerData(section, orientation, role)

    def data(self, index: Index, role: int = Qt.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        risk, column = self.rows[index.row()], index.column()
        if role == Qt.DisplayRole:
            rag = risk.rag.colour + (" (set)" if risk.override else "")
            values = (risk.number, risk.description, risk.likelihood, risk.impact, risk.severity, rag,
                      risk.owner, risk.classification.label)
            if column == 1:  # a closed risk says so, not only by its grey
                closed = "" if risk.status is RiskStatus.OPEN else f" ({risk.status.value})"
                return risk.description.replace("\n", " ") + closed
            return values[column]
        if role == KeyRole:
            return risk.id
        if role == Qt.ToolTipRole and column in (1, 5):
            if column == 5 and risk.override:
                return (
                    f"Set to {risk.override.label} (severity gives {risk.computed_rag.label}): "
                    f"{risk.override_reason}"
                )
            return risk.description
        if role == Qt.BackgroundRole and column == 5:
            return QBrush(QColor(RAG_FILL[risk.rag]))
        if role == Qt.ForegroundRole:
            if column == 5:
                return QBrush(QColor(RAG_INK[risk.rag]))
            if risk.status is not RiskStatus.OPEN:
                return QBrush(QColor(palette.DIMMED))
        if role == Qt.FontRole and column == 5:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.TextAlignmentRole and column in (0, 2, 3, 4):
            return int(Qt.AlignCenter)
        return None


class PlannerModel(RowsModel):
    COLUMNS = ("Month", "Agenda item", "Owner", "Purpose", "Class.", "Status")

    def data(self, index: Index, role: int = Qt.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        item, column = self.rows[index.row()], index.column()
        if role == Qt.DisplayRole:
            first_of_month = index.row() == 0 or self.rows[index.row() - 1].month != item.month
            status = PLAN_STATUS[item.status] + (f" ({item.meeting})" if item.meeting else "")
            values = (
                f"{item.month:%B %Y}" if first_of_month else "",
                item.title,
                item.owner,
                item.purpose.label,
                item.classification.label,
                status,
            )
            return values[column]
        if role == KeyRole:
            return item.id
        if role == Qt.ForegroundRole and item.status is not PlanStatus.PLANNED:
            return QBrush(QColor(palette.DIMMED))
        if role == Qt.FontRole and column == 0:
            font = QFont()
            font.setBold(True)
            return font
        return None
