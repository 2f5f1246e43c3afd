"""The actions log: every action of every committee, filtered as you type, sorted by any column.

The filter and the sort run as SQL (`secdesk.services.action_filter`) on the
worker; the model reads a page at a time and more as the view scrolls. Activating a row
asks to open the meeting and item where the action was raised.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QBrush, QCloseEvent, QColor, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QProgressBar,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from secdesk.gui.editor import Editor
from secdesk.gui.focus import tab_order
from secdesk.gui.levels import brush, tag
from secdesk.gui.live.live_window import choose_save_path
from secdesk.gui.messages import Messages
from secdesk.gui.worker import Worker
from secdesk.model import Classification, Committee
from secdesk.services import action_filter
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
)
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
OVERDUE_BRUSH = QBrush(QColor("#b71c1c"))


class ActionsLogModel(QAbstractTableModel):
    """Rows of the log for one filter, read a page at a time on the worker (the count is the window's).

    A page that arrives for a filter no longer asked for is dropped. The confidential
    text is decrypted once, on the worker, and kept until the data changes.
    """

    shown = Signal()  # a page for the current filter is in

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
        if rows == self.rows:
            # Typing on in a word often finds the same first page: the view, its scroll and
            # selection stay as they are, and nothing is painted again.
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
            return _shown(row, key)
        if role == BACKGROUND:
            return brush(row.classification)
        if role == FOREGROUND and row.overdue and key in ("due", "status"):
            return OVERDUE_BRUSH
        if role == ROW:
            return row
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.AscendingOrder) -> None:
        if 0 <= column < len(COLUMNS):
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
    return str(getattr(row, key))


class ActionsLogWindow(QMainWindow):
    open_requested = Signal(int, object)  # meeting id, item id (or None)

    def __init__(self, editor: Editor, worker: Worker, messages: Messages, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor, self.worker, self.messages = editor, worker, messages
        self.choose_path: Callable[[QWidget, str, str], Path | None] = choose_save_path
        self.last_export: Path | None = None
        self.today: Callable[[], date] = date.today
        self.setWindowTitle("SecDesk - actions log")
        self.resize(1280, 800)
        self.model = ActionsLogModel(editor, self)

        self.text = QLineEdit()
        self.text.setObjectName("filterText")
        self.text.setPlaceholderText("Filter: words or a reference (TABASC46/02)")
        self.text.setClearButtonEnabled(True)
        self.owner = QLineEdit()
        self.owner.setObjectName("filterOwner")
        self.owner.setPlaceholderText("Owner")
        self.committee = QComboBox()
        self.committee.addItem("All committees", None)
        editor.load(
            lambda s: s.execute(select(Committee.id, Committee.code).order_by(Committee.code)).all(),
            self._list_committees,
        )
        self.status = QComboBox()
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

        self.table = QTableView()
        self.table.setObjectName("log")
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(24)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.Interactive)
        header.setSectionResizeMode(3, QHeaderView.Stretch)
        for column, width in ((0, 110), (1, 80), (2, 150), (4, 130), (5, 95), (6, 130)):
            self.table.setColumnWidth(column, width)
        self.table.activated.connect(self._activated)

        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addLayout(top)
        layout.addWidget(self.table)
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
                action = QAction(f"Export action log, {label} ({name})...", self)
                action.triggered.connect(lambda _c=False, lv=level, f=fmt: self.export_log(lv, f))
                file_menu.addAction(action)
        file_menu.addSeparator()
        close = QAction("&Close", self)
        close.setShortcut(QKeySequence.Close)
        close.triggered.connect(self.close)
        file_menu.addAction(close)
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

        committee = self.committee.currentText() if self.committee.currentData() is not None else None
        open_only = self.status.currentData() == "open"
        suggested = f"Action log{' ' + committee if committee else ''} ({level.label}).{file_format}"
        path = self.choose_path(self, suggested, f"{file_format.upper()} (*.{file_format})")
        if path is None:
            return
        store = self.editor.store

        def job() -> Path:
            document = action_log_document(store, level, committee=committee, open_only=open_only)
            return export(document, file_format, path)

        def done(written: Path) -> None:
            self.last_export = written
            self.statusBar().showMessage(f"Exported {written}", 10000)

        self.worker.run(
            job,
            done,
            lambda error: self.messages.error(self, "Export failed", str(error)),
            "Exporting the action log...",
        )

    def _busy(self, shown: bool, label: str) -> None:
        self.progress.setVisible(shown)
        if shown:
            self.statusBar().showMessage(label)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.count_timer.stop()
        super().closeEvent(event)
