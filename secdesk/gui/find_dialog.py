"""Find (Ctrl+F): items, decisions, actions and papers of every committee; Enter opens the place."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHeaderView, QTreeWidgetItem, QWidget

from secdesk.errors import SecDeskError
from secdesk.gui import accessibility
from secdesk.gui.editor import Editor
from secdesk.gui.forms.ui_find_dialog import Ui_FindDialog
from secdesk.gui.models import KeyRole
from secdesk.gui.worker import Worker
from secdesk.services import find
from secdesk.services.changes import Changes
from secdesk.services.find import FindHit
from secdesk.services.search import ConfidentialIndex
from secdesk.vocabulary import Classification

TYPING_PAUSE_MS = 250


class FindDialog(QDialog):
    open_place = Signal(int, object)  # meeting id, item id or None

    def __init__(self, editor: Editor, worker: Worker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor, self.worker = editor, worker
        self.ui = Ui_FindDialog()
        self.ui.setupUi(self)
        accessibility.name(((self.ui.results, "Results"),))
        self.hits: list[FindHit] = []
        self._asked = ""
        # The sealed rows' text, decrypted on the worker by the first search and kept (in memory
        # only) until the data changes: then only the meetings a change names are read again.
        self._confidential: ConfidentialIndex | None = None
        self._stale: frozenset[int] = frozenset()
        self._generation = 0  # counts full resets: an index read for an earlier one is not kept
        editor.changed.connect(self._data_changed)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(TYPING_PAUSE_MS)
        self.timer.timeout.connect(self.search)
        self.ui.query.textChanged.connect(lambda _t: self.timer.start())
        self.ui.query.returnPressed.connect(self._enter)
        self.ui.results.itemActivated.connect(lambda _item, _column: self.open_selected())
        header = self.ui.results.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeToContents)
        self.ui.buttons.button(QDialogButtonBox.Open).clicked.connect(self.open_selected)
        self.ui.buttons.rejected.connect(self.reject)

    def search(self) -> None:
        """Runs on the worker: over years of meetings the GUI must not wait."""
        self.timer.stop()
        text = self.ui.query.text().strip()
        self._asked = text
        if not text:
            self._show(text, [])
            return
        self.ui.summary.setText("Searching...")
        store = self.editor.store
        known, stale, generation = self._confidential, self._stale, self._generation

        def job() -> tuple[list[FindHit], ConfidentialIndex]:
            with store.read() as session:
                if known is None:
                    index = ConfidentialIndex(session)
                else:
                    index = known.refreshed(session, stale) if stale else known
                return find.find(session, text, confidential=index), index

        def done(found: tuple[list[FindHit], ConfidentialIndex], asked: str = text) -> None:
            hits, index = found
            if generation == self._generation:
                self._confidential = index
                self._stale -= stale
            self._show(asked, hits)

        self.worker.run(job, done, self._failed, label="Finding...")

    def _data_changed(self, changes: Changes) -> None:
        if changes.structure:  # e.g. the key was unlocked: everything is decrypted again
            self._confidential, self._stale = None, frozenset()
            self._generation += 1
        else:
            self._stale |= changes.meeting_ids

    def _failed(self, error: BaseException) -> None:
        if not isinstance(error, SecDeskError):
            raise error  # a bug: the crash handler logs it
        self.ui.summary.setText(str(error))  # e.g. the database is locked: said where the results would be

    def _show(self, text: str, hits: list[FindHit]) -> None:
        if text != self._asked:  # an older search finished after a newer one was asked
            return
        self.hits = hits
        tree = self.ui.results
        tree.clear()
        groups: dict[str, QTreeWidgetItem] = {}
        bold = QFont()
        bold.setBold(True)
        for number, hit in enumerate(hits):
            group = groups.get(hit.group)
            if group is None:
                group = QTreeWidgetItem([hit.group])
                group.setFont(0, bold)
                group.setFirstColumnSpanned(True)
                group.setFlags(Qt.ItemIsEnabled)
                tree.addTopLevelItem(group)
                groups[hit.group] = group
            found = hit.title + (f"  -  {hit.snippet}" if hit.snippet and hit.snippet not in hit.title else "")
            meeting = f"{hit.meeting_identifier}  ·  {hit.meeting_date:%d %b %Y}" if hit.meeting_date else hit.committee
            row = QTreeWidgetItem([hit.reference, found, meeting])
            row.setData(0, KeyRole, number)
            row.setToolTip(1, hit.title)
            if hit.classification is not Classification.WHITE:
                row.setText(0, f"{hit.reference} [{hit.classification.label}]")
            group.addChild(row)
        tree.expandAll()
        for group in groups.values():
            group.setText(0, f"{group.text(0)} ({group.childCount()})")
        first = next((groups[g].child(0) for g in groups if groups[g].childCount()), None)
        if first is not None:
            tree.setCurrentItem(first)
        self.ui.summary.setText(f"{len(hits)} found" if text else "")

    def _enter(self) -> None:
        if self.timer.isActive() or self.ui.query.text().strip() != self._asked:
            self.search()
            return
        self.open_selected()

    def open_selected(self) -> None:
        current = self.ui.results.currentItem()
        number = current.data(0, KeyRole) if current is not None else None
        if number is None:
            return
        hit = self.hits[number]
        if hit.meeting_id is not None:
            self.open_place.emit(hit.meeting_id, hit.item_id)
            self.accept()
