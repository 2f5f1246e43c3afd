"""The action log: every action of every committee, filtered as you type, sorted by any column.

The filter and the sort run as SQL (`secdesk.services.action_filter`) on the
worker; the model reads a page at a time and more as the view scrolls. Activating a row
asks to open the meeting and item where the action was raised.

Between meetings the log is edited as a spreadsheet is: owner, due, status and the latest
update in place (F2, a double click or typing starts an edit, Enter commits, Esc cancels;
while editing, Tab goes on to the next editable cell and, after the last, out of the table;
otherwise arrows move inside the table and Tab leaves it). Each edit is
one undoable step through the core: `actions.OWNER` and `actions.TYPED_DUE` as the live
screen sets them, and an update or status as a review at the committee's next meeting
(`reviews.log_review_meeting`). A refusal is said under the table and the typed text stays
in its cell, open again to correct. Exports hold exactly the rows the filters show.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QProgressBar,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from secdesk import glossary
from secdesk.gui import accessibility, palette
from secdesk.gui.commands import ReviewFromLog, SetField
from secdesk.gui.editor import EditCommand, Editor
from secdesk.gui.focus import tab_order
from secdesk.gui.levels import brush, ink, tag
from secdesk.gui.live.live_window import choose_save_path
from secdesk.gui.messages import Messages
from secdesk.gui.registers.risk_window import UndoActions
from secdesk.gui.worker import Worker
from secdesk.model import ActionStatus, Classification, Committee
from secdesk.services import action_filter, actions, reviews
from secdesk.services.action_filter import ConfidentialText, LogFilter, LogRow
from secdesk.services.actions import shown_due
from secdesk.services.changes import Changes

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()
COLUMNS = (
    ("reference", "Reference"),
    ("committee", "Committee"),
    ("owner", "Owner"),
    ("text", "Action"),
    ("raised", "Raised at"),
    ("due", "Due"),
    ("status", "Status"),
    ("update", "Latest update"),
)
EDITABLE = frozenset(("owner", "due", "status", "update"))
MINUTED = frozenset(("owner", "due"))  # as minuted: fixed once the raising meeting's minutes are final
SORTABLE = frozenset(key for key, _label in COLUMNS) - {"update"}
# What the status cell offers: a review makes an action ongoing or closes it.
STATUS_EDITS = (("Ongoing", "ongoing"), ("Closed", "closed"))
EDIT_ROLE = int(Qt.EditRole)
STATUS_CHOICES = (("Open", "open"), ("Closed", "closed"), ("All", None))
RowRole = Qt.UserRole + 3
COUNT_DELAY_MS = 250
# The kinds of rows (tables) whose changes the log shows: an action, its updates, the meeting
# that raised it, its committee's code, its owner.
SHOWN_KINDS = ("action", "action_update", "meeting", "committee", "person")
KEYS = tuple(key for key, _label in COLUMNS)
DISPLAY, TOOLTIP, BACKGROUND, FOREGROUND, ROW = (
    int(r) for r in (Qt.DisplayRole, Qt.ToolTipRole, Qt.BackgroundRole, Qt.ForegroundRole, RowRole)
)
SHOWN_ROLES = frozenset((DISPLAY, TOOLTIP, BACKGROUND, FOREGROUND, ROW))
REFUSED_INK = "#9a1b1b"  # with "(not saved)" after the text: not by colour alone


class ActionsLogModel(QAbstractTableModel):
    """Rows of the log for one filter, read a page at a time on the worker (the count is the window's).

    A page that arrives for a filter no longer asked for is dropped. The confidential
    text is decrypted once, on the worker, and kept until the data changes.
    """

    shown = Signal()  # a page for the current filter is in
    edited = Signal(object, str, str)  # the row, the column's key, the value typed or chosen

    def __init__(self, editor: Editor, parent: Any = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.filter = LogFilter(status="open")
        self.rows: list[LogRow] = []
        self.complete = True  # every matching row is loaded
        self.page_size = action_filter.PAGE_SIZE
        self._confidential: ConfidentialText | None = None
        self._stale: frozenset[int] = frozenset()  # meetings whose actions' text is decrypted again on the next read
        self._decrypting = 0  # counts full resets: a read decrypted for an earlier one is not kept
        self._asked = 0  # the latest page read asked for: older answers are dropped
        self._fetching = False
        # What was typed in a cell, by (action id, key), shown until the saved row is read back;
        # a refused value stays here so its cell opens with it again.
        self.typed: dict[tuple[int, str], str] = {}
        self._saved: set[tuple[int, str]] = set()
        self.refused: dict[tuple[int, str], str] = {}  # typed values refused, with why
        self.refresh()

    def set_filter(self, log_filter: LogFilter) -> None:
        self.filter = log_filter
        self.refresh()

    def data_changed(self, changes: Changes) -> None:
        """The database changed: re-run the query; decrypt again only the actions of the meetings named.

        An action's text and owner change only through the meeting it was raised at; a
        change of structure (or the key unlocked) decrypts everything again.
        """
        if changes.structure:
            self._confidential, self._stale = None, frozenset()
            self._decrypting += 1  # what reads in flight decrypted is out of date
        else:
            self._stale |= changes.meeting_ids
        self.refresh()

    @property
    def confidential(self) -> ConfidentialText | None:
        """The decrypted confidential text, once a page has been read since the data last changed."""
        return self._confidential

    def refresh(self) -> None:
        self._asked += 1
        asked, log_filter, size = self._asked, self.filter, self.page_size
        self._read(0, asked, log_filter, size, self._show_first)

    def _read(
        self, offset: int, asked: int, log_filter: LogFilter, size: int,
        show: Callable[[int, list[LogRow], ConfidentialText], None],
    ) -> None:
        known, stale, generation = self._confidential, self._stale, self._decrypting

        def page(session: Session) -> tuple[list[LogRow], ConfidentialText]:
            if known is None:
                confidential = ConfidentialText(session)
            else:
                confidential = known.refreshed(session, stale) if stale else known
            return action_filter.page(session, log_filter, confidential, offset, size), confidential

        self.editor.load(page, lambda found: self._decrypted(generation, stale, found[1]) and show(asked, *found))

    def _decrypted(self, generation: int, stale: frozenset[int], confidential: ConfidentialText) -> bool:
        """Keep what a read decrypted (the meetings it read again are fresh now), even if its page is dropped."""
        if not shiboken6.isValid(self):
            return False
        if generation == self._decrypting:
            self._confidential = confidential
            self._stale -= stale
        return True

    def _show_first(self, asked: int, rows: list[LogRow], confidential: ConfidentialText) -> None:
        if asked != self._asked or not shiboken6.isValid(self):
            return  # typed on meanwhile: a later page is coming
        for key in self._saved:
            self.typed.pop(key, None)
        self._saved.clear()
        if rows == self.rows:
            # Typing on in a word often finds the same first page: the view, its scroll and
            # selection stay as they are, and nothing is painted again.
            self.shown.emit()
            return
        if len(rows) == len(self.rows) and all(a.id == b.id for a, b in zip(rows, self.rows, strict=True)):
            # The same actions in the same order (an edit saved, say): changed in place, so the
            # cell being edited, the current cell and the scroll stay where they are.
            self.rows = rows
            self.dataChanged.emit(self.index(0, 0), self.index(len(rows) - 1, len(COLUMNS) - 1))
            self.shown.emit()
            return
        self.beginResetModel()
        self.rows, self.complete = rows, len(rows) < self.page_size
        self.endResetModel()
        self.shown.emit()

    def canFetchMore(self, parent: Index = ROOT) -> bool:
        return not parent.isValid() and not self.complete

    def fetchMore(self, parent: Index = ROOT) -> None:
        if parent.isValid() or self.complete or self._fetching:
            return
        self._fetching = True
        self._read(len(self.rows), self._asked, self.filter, self.page_size, self._show_more)

    def _show_more(self, asked: int, more: list[LogRow], confidential: ConfidentialText) -> None:
        if not shiboken6.isValid(self):
            return
        self._fetching = False
        if asked != self._asked:
            return  # the filter changed: its first page replaces these rows
        self.complete = len(more) < self.page_size
        if more:
            self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(more) - 1)
            self.rows.extend(more)
            self.endInsertRows()

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.DisplayRole) -> Any:
        if role == Qt.DisplayRole and orientation == Qt.Horizontal and 0 <= section < len(COLUMNS):
            return COLUMNS[section][1]
        return None

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        # Called for every visible cell and role on each keystroke: plain ints, no enum comparisons.
        role = int(role)
        if role not in SHOWN_ROLES or not index.isValid():
            return None
        row = self.rows[index.row()]
        key = KEYS[index.column()]
        if role == DISPLAY or role == TOOLTIP:
            typed = self.typed.get((row.id, key)) if self.typed else None
            if typed is None:
                return _shown(row, key)
            problem = self.refused.get((row.id, key))
            if problem is None:
                return typed
            return problem if role == TOOLTIP else f"{typed} (not saved)"
        if role == BACKGROUND:
            return brush(row.classification)
        if role == FOREGROUND and self.refused and (row.id, key) in self.refused:
            return ink(REFUSED_INK, row.classification)
        if role == FOREGROUND and row.overdue and key in ("due", "status"):
            return ink(palette.OVERDUE, row.classification)  # the status also says "(overdue)"
        if role == ROW:
            return row
        return None

    def data_for_edit(self, index: Index) -> str:
        """What a cell's editor starts with: a refused value typed before, else the value shown."""
        row, key = self.rows[index.row()], KEYS[index.column()]
        typed = self.typed.get((row.id, key))
        if typed is not None:
            return typed
        if key == "status":
            return row.status
        return _shown(row, key)

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and self.refusal(index) is None:
            flags |= Qt.ItemIsEditable
        return flags

    def refusal(self, index: Index) -> str | None:
        """Why this cell cannot be edited here, in words (None: it can)."""
        key = KEYS[index.column()]
        if key not in EDITABLE:
            return ""  # not an editable column: nothing to say
        row = self.rows[index.row()]
        if row.locked:
            return (f"{row.reference} is confidential and its text is locked on this computer: it is shown "
                    "read-only until the key is unlocked here (File > Unlock in the main window).")
        if key in MINUTED and row.minutes_final:
            return (f"{row.reference}'s {COLUMN_LABELS[key].lower()} stays as minuted: the minutes of "
                    f"{row.raised_at} are final (reopen them to correct it). Its status and update can still change.")
        return None

    def setData(self, index: Index, value: Any, role: int = EDIT_ROLE) -> bool:
        """A cell's edit: shown at once, saved by the window (`edited`), read back once saved."""
        if int(role) != EDIT_ROLE or not index.isValid() or self.refusal(index) is not None:
            return False
        row, key = self.rows[index.row()], KEYS[index.column()]
        text = str(value)
        if text == self.data_for_edit(index) and (row.id, key) not in self.typed:
            return False  # unchanged: nothing to save
        self.typed[row.id, key] = text if key != "status" else text.upper()
        self.dataChanged.emit(index, index, [Qt.DisplayRole])
        self.edited.emit(row, key, text)
        return True

    def saved(self, action_id: int, key: str) -> None:
        """The edit is saved: its typed text goes once the row is read back."""
        self._saved.add((action_id, key))
        self.refused.pop((action_id, key), None)

    def refuse(self, action_id: int, key: str, problem: str) -> None:
        """The edit was refused: the cell keeps the typed text, says it is not saved, and why in its tooltip."""
        self.refused[action_id, key] = problem
        self._changed_cell(action_id, key)

    def _changed_cell(self, action_id: int, key: str) -> None:
        cell = self.place(action_id, key)
        if cell.isValid():
            self.dataChanged.emit(cell, cell, [Qt.DisplayRole, Qt.ToolTipRole, Qt.ForegroundRole])

    def discard(self, action_id: int, key: str) -> None:
        """A refused edit given up (Esc): the cell shows what is saved again."""
        self.refused.pop((action_id, key), None)
        if self.typed.pop((action_id, key), None) is not None:
            self._changed_cell(action_id, key)

    def place(self, action_id: int, key: str) -> QModelIndex:
        """The cell of this action's `key` among the rows shown (invalid when it is not shown)."""
        for row_number, row in enumerate(self.rows):
            if row.id == action_id:
                return self.index(row_number, KEYS.index(key))
        return QModelIndex()

    def sort(self, column: int, order: Qt.SortOrder = Qt.AscendingOrder) -> None:
        if 0 <= column < len(COLUMNS) and COLUMNS[column][0] in SORTABLE:
            self.set_filter(replace(self.filter, sort=COLUMNS[column][0], descending=order == Qt.DescendingOrder))


def _shown(row: LogRow, key: str) -> str:
    if key == "raised":
        return row.raised_at or ""
    if key == "due":
        return shown_due(row.due)
    if key == "status":
        return row.status.upper() + (" (overdue)" if row.overdue else "")
    if key == "text":
        marker = tag(row.classification)
        return f"{marker} {row.text}" if marker else row.text
    if key == "update":
        return row.latest_update
    return str(getattr(row, key))


COLUMN_LABELS = {"owner": "Owner", "due": "Due date", "status": "Status", "update": "Update"}


class LogDelegate(QStyledItemDelegate):
    """The cell editors: a line of text for owner, due and update, a choice for the status."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        key = KEYS[index.column()]
        if key == "status":
            box = QComboBox(parent)
            for label, value in STATUS_EDITS:
                box.addItem(label, value)
            box.setAccessibleName("Status")
            return box
        line = QLineEdit(parent)
        line.setAccessibleName(COLUMN_LABELS[key])
        if key == "due":
            line.setPlaceholderText("31 Mar 2027, or the next meeting")
        return line

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        model = index.model()
        assert isinstance(model, ActionsLogModel)
        value = model.data_for_edit(index)
        if isinstance(editor, QComboBox):
            if value.lower() == "open" and editor.findData("open") < 0:
                editor.insertItem(0, "Open (not reviewed yet)", "open")  # kept as it is unless another is chosen
            found = editor.findData(value.lower())
            editor.setCurrentIndex(max(found, 0))
        elif isinstance(editor, QLineEdit):
            editor.setText(value)
            editor.selectAll()

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.EditRole)
        elif isinstance(editor, QLineEdit):
            model.setData(index, editor.text(), Qt.EditRole)


class LogTable(QTableView):
    """The log's table: arrows move inside, Tab leaves it (tabKeyNavigation is off).

    While a cell is edited, Tab saves it and edits the next editable cell (Shift+Tab the one
    before), and after the last one leaves the table, never wrapping to the first. An edit
    started where the core would refuse it says why instead.
    """

    refused = Signal(str)  # an edit tried where it cannot be made: why
    given_up = Signal(object)  # an edit cancelled with Esc: its cell

    def log_model(self) -> ActionsLogModel:
        model = self.model()
        assert isinstance(model, ActionsLogModel)
        return model

    def _editable_after(self, index: QModelIndex, forward: bool) -> QModelIndex:
        model = self.log_model()
        columns = model.columnCount()
        rows = model.rowCount()
        if rows == 0:
            return QModelIndex()
        if not index.isValid():
            place = -1 if forward else rows * columns
        else:
            place = index.row() * columns + index.column()
        step = 1 if forward else -1
        place += step
        while 0 <= place < rows * columns:
            cell = model.index(place // columns, place % columns)
            if cell.flags() & Qt.ItemIsEditable:
                return cell
            place += step
        return QModelIndex()

    def moveCursor(self, action: QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier) -> QModelIndex:
        if action in (QAbstractItemView.MoveNext, QAbstractItemView.MovePrevious):
            return self._editable_after(self.currentIndex(), action == QAbstractItemView.MoveNext)
        return super().moveCursor(action, modifiers)

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        current = self.currentIndex()
        if hint == QAbstractItemDelegate.RevertModelCache:
            self.given_up.emit(current)
        onward = hint in (QAbstractItemDelegate.EditNextItem, QAbstractItemDelegate.EditPreviousItem)
        forward = hint == QAbstractItemDelegate.EditNextItem
        if onward and not self._editable_after(current, forward).isValid():
            super().closeEditor(editor, QAbstractItemDelegate.NoHint)
            super().focusNextPrevChild(forward)  # the last editable cell: Tab leaves the table
            return
        super().closeEditor(editor, hint)

    def edit(self, index: Index, trigger: QAbstractItemView.EditTrigger = QAbstractItemView.AllEditTriggers,
             event: QEvent | None = None) -> bool:  # type: ignore[override]
        if index.isValid() and trigger & self.editTriggers():
            reason = self.log_model().refusal(index)
            if reason:
                self.refused.emit(reason)
                return False
        return super().edit(index, trigger, event)


class ActionsLogWindow(QMainWindow):
    open_requested = Signal(int, object)  # meeting id, item id (or None)

    def __init__(self, editor: Editor, worker: Worker, messages: Messages, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor, self.worker, self.messages = editor, worker, messages
        self.choose_path: Callable[[QWidget, str, str], Path | None] = choose_save_path
        self.last_export: Path | None = None
        self.today: Callable[[], date] = date.today
        self.setWindowTitle(f"SecDesk - {glossary.ACTION_LOG}")
        accessibility.fit_to_screen(self, 1280, 800)
        self.model = ActionsLogModel(editor, self)

        self.text = QLineEdit()
        self.text.setObjectName("filterText")
        self.text.setPlaceholderText("Filter: words or a reference (TABASC46/02)")
        self.text.setClearButtonEnabled(True)
        self.owner = QLineEdit()
        self.owner.setObjectName("filterOwner")
        self.owner.setPlaceholderText("Owner")
        self.owner.setAccessibleName("Owner filter")
        self.committee = QComboBox()
        self.committee.addItem("All committees", None)
        self.committee.setAccessibleName("Committee filter")
        editor.load(
            lambda s: s.execute(select(Committee.id, Committee.code).order_by(Committee.code)).all(),
            self._list_committees,
        )
        self.status = QComboBox()
        self.status.setAccessibleName("Status filter")
        for label, value in STATUS_CHOICES:
            self.status.addItem(label, value)
        self.overdue = QCheckBox("&Overdue only")
        self.count = QLabel()
        self.total: int | None = None
        self.count_timer = QTimer(self)
        self.count_timer.setSingleShot(True)
        self.count_timer.setInterval(COUNT_DELAY_MS)
        self.count_timer.timeout.connect(self._count)
        top = QHBoxLayout()
        top.addWidget(QLabel("&Find:"), 0)
        top.itemAt(0).widget().setBuddy(self.text)  # type: ignore[union-attr]
        top.addWidget(self.text, 3)
        top.addWidget(self.owner, 1)
        top.addWidget(self.committee)
        top.addWidget(self.status)
        top.addWidget(self.overdue)
        top.addWidget(self.count)

        self.table = LogTable()
        self.table.setObjectName("log")
        self.table.setAccessibleName("Actions")
        self.table.setModel(self.model)
        self.table.setItemDelegate(LogDelegate(self.table))
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; while editing it goes on to the next cell
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.DoubleClicked | QAbstractItemView.EditKeyPressed | QAbstractItemView.AnyKeyPressed
        )
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(24)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.Interactive)
        header.setSectionResizeMode(3, QHeaderView.Stretch)
        header.setSectionResizeMode(7, QHeaderView.Stretch)
        for column, width in ((0, 110), (1, 80), (2, 150), (4, 130), (5, 110), (6, 130)):
            self.table.setColumnWidth(column, width)
        header.sortIndicatorChanged.connect(self._sorted)
        self.table.activated.connect(self._activated)
        self.table.refused.connect(self._say)
        self.table.given_up.connect(self._given_up)
        self.model.edited.connect(self._edited)
        # A row that leaves the list (closed while open ones are shown) keeps the cursor in the table.
        self._kept_place: tuple[int, int] | None = None
        self.model.modelAboutToBeReset.connect(self._keep_place)
        self.model.modelReset.connect(self._put_place)

        # What an edit's refusal says, under the table; the typed text stays in its cell.
        self.problem = QLabel()
        self.problem.setObjectName("logProblem")
        self.problem.setAccessibleName("Why the last edit was not saved")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #9a1b1b;")  # 7.1:1 on white; the words carry the meaning
        self.problem.hide()
        self.problem_cell: tuple[int, str] | None = None  # the cell whose refused edit it says
        hint = QLabel("F2, a double click or typing edits the owner, due date, status or update; "
                      "an update or status is recorded at the committee's next meeting.")
        hint.setWordWrap(True)

        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addLayout(top)
        layout.addWidget(self.table)
        layout.addWidget(self.problem)
        layout.addWidget(hint)
        self.setCentralWidget(page)
        tab_order(self.text, self.owner, self.committee, self.status, self.overdue, self.table)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setMaximumWidth(140)
        self.progress.hide()
        self.statusBar().addPermanentWidget(self.progress)
        self._build_menus()

        self.text.textChanged.connect(lambda _t: self.apply_filter())
        self.owner.textChanged.connect(lambda _t: self.apply_filter())
        self.committee.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.status.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.overdue.toggled.connect(lambda _b: self.apply_filter())
        editor.changed.connect(self._on_changed)
        worker.busy.connect(self._busy)
        self._count()

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        for level, label in ((Classification.WHITE, "White"), (Classification.AMBER, "Amber")):
            for fmt, name in (("pdf", "PDF"), ("docx", "Word"), ("xlsx", "Excel"), ("csv", "CSV")):
                action = QAction(f"Export {glossary.ACTION_LOG}, {label} ({name})...", self)
                action.triggered.connect(lambda _c=False, lv=level, f=fmt: self.export_log(lv, f))
                file_menu.addAction(action)
        file_menu.addSeparator()
        close = QAction("&Close", self)
        close.setShortcuts(QKeySequence.keyBindings(QKeySequence.StandardKey.Close))  # Ctrl+W, not only Ctrl+F4
        close.triggered.connect(self.close)
        file_menu.addAction(close)
        self.undo_actions = UndoActions(self, self.editor, lambda: None)
        go = self.menuBar().addMenu("&Go")
        raised = QAction("Open where &raised", self)
        raised.setShortcut(QKeySequence("Ctrl+O"))
        raised.triggered.connect(lambda: self._activated(self.table.currentIndex()))
        reviewed = QAction("Open where last &updated", self)
        reviewed.setShortcut(QKeySequence("Ctrl+U"))
        reviewed.triggered.connect(self.open_last_review)
        go.addAction(raised)
        go.addAction(reviewed)
        focus = QAction("Find", self)
        focus.setShortcut(QKeySequence.Find)
        focus.triggered.connect(lambda: (self.text.setFocus(), self.text.selectAll()))
        self.addAction(focus)

    def current_filter(self) -> LogFilter:
        return replace(
            self.model.filter,
            text=self.text.text(),
            owner=self.owner.text(),
            committee_id=self.committee.currentData(),
            status=self.status.currentData(),
            overdue=self.overdue.isChecked(),
            today=self.today(),
        )

    def apply_filter(self) -> None:
        self.model.set_filter(self.current_filter())
        self.count_timer.start()  # counted once typing pauses, off the GUI thread

    def _list_committees(self, codes: list[tuple[int, str]]) -> None:
        if shiboken6.isValid(self):
            for committee_id, code in codes:
                self.committee.addItem(code, committee_id)

    def _count(self) -> None:
        log_filter, known = self.model.filter, self.model.confidential

        def count(session: Session) -> tuple[LogFilter, int]:
            confidential = known if known is not None else ConfidentialText(session)
            return log_filter, action_filter.count(session, log_filter, confidential)

        self.editor.load(count, self._show_count, lambda error: self.count.setText("?"))

    def _show_count(self, counted: tuple[LogFilter, int]) -> None:
        log_filter, total = counted
        if shiboken6.isValid(self) and log_filter == self.model.filter:
            self.total = total
            self.count.setText(f"{total} action{'s' if total != 1 else ''}")

    def _on_changed(self, changes: Changes) -> None:
        # Typing minutes, say, changes nothing the log shows or filters on.
        if changes.may_concern(*SHOWN_KINDS):
            self.model.data_changed(changes)
            self.count_timer.start()

    def _activated(self, index: QModelIndex) -> None:
        row: LogRow | None = self.model.data(index, RowRole)
        if row is not None and row.meeting_id is not None:
            self.open_requested.emit(row.meeting_id, row.item_id)

    def open_last_review(self) -> None:
        """Open item 1 of the meeting that last reviewed the selected action."""
        row: LogRow | None = self.model.data(self.table.currentIndex(), RowRole)
        if row is None:
            return
        action_id = row.id
        self.editor.load(
            lambda s: action_filter.last_review_place(s, action_id), lambda place: self._open_review(row, place)
        )

    def _open_review(self, row: LogRow, place: tuple[int, int | None] | None) -> None:
        if not shiboken6.isValid(self):
            return
        if place is None:
            self.statusBar().showMessage(f"{row.reference} has not been reviewed at a later meeting yet.", 5000)
            return
        self.open_requested.emit(*place)

    def export_log(self, level: Classification, file_format: str) -> None:
        from secdesk.documents.export import action_log_document, export

        # Exactly the rows the filters show, in their order, titled by the filter.
        shown = replace(self.current_filter(), today=self.today())
        committee = self.committee.currentText() if self.committee.currentData() is not None else None
        which = action_filter.described(shown, quoted=False)  # a file's name travels with it: no words searched
        name = f"{glossary.ACTION_LOG_LABEL}{' ' + committee if committee else ''}"
        suggested = f"{name}, {which} ({level.label}).{file_format}"
        suggested = "".join(c for c in suggested if c not in '\\/:*?"<>|')
        path = self.choose_path(self, suggested, f"{file_format.upper()} (*.{file_format})")
        if path is None:
            return
        store = self.editor.store

        def job() -> Path:
            return export(action_log_document(store, level, shown=shown), file_format, path)

        def done(written: Path) -> None:
            self.last_export = written
            self.statusBar().showMessage(f"Exported {written}", 10000)

        self.worker.run(
            job,
            done,
            lambda error: self.messages.error(self, "Export failed", str(error)),
            f"Exporting the {glossary.ACTION_LOG}...",
        )

    # --- editing in place ---

    def _edited(self, row: LogRow, key: str, value: str) -> None:
        """A cell's edit, saved on the worker as one undoable step through the core."""
        command: EditCommand
        if key == "owner":
            command = SetField(self.editor, actions.OWNER, row.id, value, Changes())
        elif key == "due":
            command = SetField(self.editor, actions.TYPED_DUE, row.id, value, Changes())
        elif key == "status":
            status = ActionStatus(value)
            command = ReviewFromLog(
                self.editor, f"Mark {row.reference} {status.value}", row.id, self.today(),
                lambda s, meeting, action: reviews.log_status(s, meeting, action, status),
            )
        else:
            command = ReviewFromLog(
                self.editor, f"Update {row.reference}", row.id, self.today(),
                lambda s, meeting, action: reviews.log_update(s, meeting, action, value),
            )
        self.editor.push(command, lambda problem: self._replied(row, key, value, problem))

    def _replied(self, row: LogRow, key: str, value: str, problem: str | None) -> None:
        if not shiboken6.isValid(self):
            return
        if problem is None:
            self.model.saved(row.id, key)
            shown = self.model.filter.status
            if key == "status" and shown is not None and (shown == "closed") != (value == "closed"):
                self.statusBar().showMessage(
                    f"{row.reference} is {value} now: it leaves the {shown} actions shown (choose All to see it).",
                    10000)
            if self.problem_cell == (row.id, key):
                self._say("")
            return
        self._say(f"{row.reference} {COLUMN_LABELS[key].lower()} not saved: {problem}", (row.id, key))
        self.model.refuse(row.id, key, problem)
        cell = self.model.place(row.id, key)
        if cell.isValid() and self.table.state() != QAbstractItemView.EditingState:
            # Open again with what was typed, to correct it (Esc gives it up).
            self.table.setFocus()
            self.table.setCurrentIndex(cell)
            self.table.edit(cell)

    def _sorted(self, column: int, _order: Qt.SortOrder) -> None:
        """The latest update is not a sort key (its text may be sealed): the indicator stays on the sort in use."""
        if 0 <= column < len(KEYS) and KEYS[column] not in SORTABLE:
            header = self.table.horizontalHeader()
            shown = self.model.filter
            header.blockSignals(True)
            order = Qt.DescendingOrder if shown.descending else Qt.AscendingOrder
            header.setSortIndicator(KEYS.index(shown.sort), order)
            header.blockSignals(False)
            self.statusBar().showMessage("The log sorts by any column but the latest update.", 5000)

    def _keep_place(self) -> None:
        current = self.table.currentIndex()
        self._kept_place = (current.row(), current.column()) if self.table.hasFocus() and current.isValid() else None

    def _put_place(self) -> None:
        if self._kept_place is not None and self.model.rowCount():
            row, column = self._kept_place
            self.table.setCurrentIndex(self.model.index(min(row, self.model.rowCount() - 1), column))
        self._kept_place = None

    def _say(self, text: str, cell: tuple[int, str] | None = None) -> None:
        self.problem.setText(text)
        self.problem_cell = cell
        self.problem.setVisible(bool(text))

    def _given_up(self, cell: QModelIndex) -> None:
        if cell.isValid():
            row: LogRow = self.model.data(cell, RowRole)
            key = KEYS[cell.column()]
            self.model.discard(row.id, key)
            if self.problem_cell == (row.id, key):
                self._say("")

    def _busy(self, shown: bool, label: str) -> None:
        self.progress.setVisible(shown)
        if shown:
            self.statusBar().showMessage(label)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.count_timer.stop()
        super().closeEvent(event)
