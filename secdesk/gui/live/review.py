"""Item 1: the previous minutes agreed as final, and the review of actions outstanding.

Every action still open from earlier meetings, oldest first. Select one or
several rows and type the update once (it is shared); O marks them ONGOING,
C CLOSED. Enter moves to the update box; Esc back to the table.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from secdesk.gui import accessibility
from secdesk.gui.editor import Editor, Reply
from secdesk.gui.levels import brush, ink, tag
from secdesk.gui.live.commands import review_change
from secdesk.gui.live.texts import LiveText
from secdesk.model import ActionStatus
from secdesk.services import reviews
from secdesk.services.actions import shown_due
from secdesk.services.meeting_record import PreviousMeeting, ReviewRow

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()
HEADERS = ("Reference", "Action", "Due", "Update", "Status")
STATUS_SHOWN = {ActionStatus.OPEN: "to review", ActionStatus.ONGOING: "ONGOING", ActionStatus.CLOSED: "CLOSED"}
STATUS_INK = {ActionStatus.OPEN: "#8d6e00", ActionStatus.ONGOING: "#1565c0", ActionStatus.CLOSED: "#2e7d32"}
STATUS_KEYS = {Qt.Key_O: ActionStatus.ONGOING, Qt.Key_C: ActionStatus.CLOSED}


class ReviewModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[ReviewRow] = []

    def set_rows(self, rows: tuple[ReviewRow, ...]) -> None:
        if [r.action_id for r in rows] == [r.action_id for r in self.rows]:
            # Same actions: keep the selection, repaint only the rows whose values changed.
            changed = [n for n, (old, new) in enumerate(zip(self.rows, rows, strict=True)) if old != new]
            self.rows = list(rows)
            for n in changed:
                self.dataChanged.emit(self.index(n, 0), self.index(n, len(HEADERS) - 1))
            return
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.DisplayRole) -> Any:
        if role == Qt.DisplayRole and orientation == Qt.Horizontal:
            return HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        column = index.column()
        if role in (Qt.DisplayRole, Qt.ToolTipRole):
            # The owner opens the action's own words ("SECAS to ..."), so it needs no column.
            marked = f"{row.reference} {tag(row.classification)}".strip()  # the level in words, not colour alone
            values = (marked, row.text, shown_due(row.due), row.update, STATUS_SHOWN[row.status])
            return values[column]
        if role == Qt.BackgroundRole:
            return brush(row.classification)
        if role == Qt.FontRole and column == 4 and row.status is not ActionStatus.OPEN:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ForegroundRole and column == 4:
            return ink(STATUS_INK[row.status], row.classification)
        return None


class ReviewTable(QTableView):
    status_key = Signal(object)  # an ActionStatus
    to_update = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        plain = not event.modifiers() & (Qt.ControlModifier | Qt.AltModifier)
        if plain and (status := STATUS_KEYS.get(Qt.Key(event.key()))):
            self.status_key.emit(status)
            return
        if plain and event.key() in (Qt.Key_Return, Qt.Key_Enter, Qt.Key_F2):
            self.to_update.emit()
            return
        super().keyPressEvent(event)


class UpdateBox(QPlainTextEdit):
    back = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key_Escape or (
            event.key() in (Qt.Key_Return, Qt.Key_Enter) and not event.modifiers() & Qt.ShiftModifier
        ):
            self.back.emit()
            return
        super().keyPressEvent(event)


class ReviewPanel(QWidget):
    def __init__(self, editor: Editor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.meeting_id: int | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.previous = QLabel()
        self.previous.setWordWrap(True)
        layout.addWidget(self.previous)
        heading = QLabel(
            "<b>Actions outstanding</b> <span style='color:#666'>Ctrl+R table · select rows, Enter to "
            "type one update for all · O ongoing · C closed</span>"
        )
        heading.setWordWrap(True)  # its width must not set the pane's: panes keep their width from item to item
        layout.addWidget(heading)
        self.model = ReviewModel(self)
        self.table = ReviewTable()
        self.table.setObjectName("review")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.verticalHeader().hide()
        # The action and its update wrap, so both can be read in full during the meeting.
        self.table.setWordWrap(True)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.Interactive)
        header.setSectionResizeMode(1, QHeaderView.Stretch)
        header.setSectionResizeMode(3, QHeaderView.Stretch)
        layout.addWidget(self.table, 1)
        self.update_label = QLabel("Update:")
        layout.addWidget(self.update_label)
        self.update_box = UpdateBox()
        self.update_box.setObjectName("reviewUpdate")
        self.update_box.setMaximumHeight(70)
        self.update_box.setPlaceholderText("The update for the selected action(s); Enter returns to the table")
        layout.addWidget(self.update_box)
        self.chosen: list[int] = []
        self.update_live = LiveText(editor, self.update_box, self._update_typed)
        accessibility.name(((self.table, "Actions outstanding"), (self.update_box, "Update for the chosen actions")))
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.status_key.connect(self.set_status)
        self.table.to_update.connect(self.update_box.setFocus)
        self.update_box.back.connect(self._back_to_table)

    def show_review(self, meeting_id: int, rows: tuple[ReviewRow, ...], previous: PreviousMeeting | None) -> None:
        self.meeting_id = meeting_id
        if previous is None:
            self.previous.setText("No previous meeting: nothing to agree.")
        elif previous.agreed_here:
            self.previous.setText(
                f"<b>The draft minutes of the {previous.date:%B %Y} meeting ({previous.identifier}) "
                "were agreed as final.</b> They are locked: Reopen minutes... on that meeting's page unlocks them."
            )
        else:
            self.previous.setText(
                f"Previous minutes: {previous.identifier} ({previous.status_label}). "
                "<b>Ctrl+Shift+F</b>: the draft minutes were agreed as final (asks first; they are then locked)."
            )
        sized = [r.action_id for r in self.model.rows] == [r.action_id for r in rows]
        self.model.set_rows(rows)
        if not sized:  # measuring every cell of three columns is most of a refresh: only for other rows
            for column in (0, 2, 4):
                self.table.resizeColumnToContents(column)
        self._show_update()

    def flush(self) -> None:
        self.update_live.flush()

    def selected_ids(self) -> list[int]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.rows[r].action_id for r in rows if r < len(self.model.rows)]

    def _selection_changed(self, *_args: object) -> None:
        self.update_live.flush()  # the typed update belongs to the rows chosen while typing
        self._show_update()

    def _show_update(self) -> None:
        chosen = self.selected_ids()
        switched, self.chosen = chosen != self.chosen, chosen
        rows = [r for r in self.model.rows if r.action_id in self.chosen]
        texts = {r.update for r in rows}
        self.update_box.setEnabled(bool(rows))
        self.update_label.setText(
            f"Update for {', '.join(r.reference for r in rows)}:" if rows else "Update: select one or more actions"
        )
        shown = texts.pop() if len(texts) == 1 else ""
        # Other actions chosen: their update replaces the box; a refresh never types over it.
        (self.update_live.load if switched else self.update_live.show_value)(shown)

    def _update_typed(self, text: str, reply: Reply) -> None:
        if self.meeting_id is None or not self.chosen:
            reply(None)
            return
        meeting_id, chosen = self.meeting_id, list(self.chosen)
        label = f"Update {', '.join(r.reference for r in self.model.rows if r.action_id in chosen)}"
        self.editor.push_typed(
            review_change(
                self.editor, meeting_id, chosen, label, lambda s, m: reviews.share_update(s, m, chosen, text)
            ),
            reply,
        )

    def set_status(self, status: ActionStatus) -> None:
        self.update_live.flush()
        chosen = self.selected_ids()
        if self.meeting_id is None or not chosen:
            return
        meeting_id = self.meeting_id
        label = f"Mark {len(chosen)} action(s) {status.value.upper()}"
        self.editor.push(
            review_change(
                self.editor, meeting_id, chosen, label, lambda s, m: reviews.mark(s, m, chosen, status)
            )
        )

    def focus_table(self) -> None:
        """Into the table, on the oldest action if none is chosen yet."""
        if self.isVisible() and self.model.rows:
            self.table.setFocus()
            if not self.table.selectionModel().hasSelection():
                self.table.selectRow(0)

    def _back_to_table(self) -> None:
        self.update_live.flush()
        self.table.setFocus()
