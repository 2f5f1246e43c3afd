"""The main window: navigator on the left, the selected thing's editor in the centre, status below."""

from __future__ import annotations

import importlib.util
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QMainWindow,
    QProgressBar,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QStyle,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from secdesk import __version__
from secdesk.gui import commands, registers, security
from secdesk.gui.dialogs import CommitteeDialog
from secdesk.gui.editor import Editor
from secdesk.gui.messages import Messages
from secdesk.gui.models import KeyRole, NavigatorModel
from secdesk.gui.settings import Settings
from secdesk.gui.worker import Worker
from secdesk.services import editing, views
from secdesk.services.editing import Changes
from secdesk.store import Store

if TYPE_CHECKING:
    from secdesk.gui.committee_page import CommitteePage
    from secdesk.gui.meeting_page import MeetingPage

IMPORT_DIALOG_MODULE = "secdesk.gui.import_dialog"


class MainWindow(QMainWindow):
    def __init__(self, store: Store, messages: Messages | None = None, settings: Settings | None = None) -> None:
        super().__init__()
        self.store = store
        self.messages = messages or Messages()
        self.settings = settings or Settings()
        self.editor = Editor(store, self.messages, self)
        self.editor.window = self
        self.worker = Worker(self)
        self.dialog: QWidget | None = None
        self.navigator_ready = False
        self.setWindowTitle(f"SecDesk - {store.path.name if store.path else store.label}")
        self.setMinimumSize(960, 600)

        self.navigator_model = NavigatorModel(self)
        self.navigator = QTreeView()
        self.navigator.setModel(self.navigator_model)
        self.navigator.setHeaderHidden(True)
        self.navigator.setUniformRowHeights(True)
        self.navigator.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.navigator.setMinimumWidth(220)
        self.navigator.selectionModel().currentChanged.connect(self._navigated)

        self.welcome = self._welcome_page()
        self._committee_page: CommitteePage | None = None
        self._meeting_page: MeetingPage | None = None
        self.pages = QStackedWidget()
        self.pages.addWidget(self.welcome)

        self.splitter = QSplitter(Qt.Horizontal)
        self.splitter.addWidget(self.navigator)
        self.splitter.addWidget(self.pages)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([320, 960])
        self.splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.splitter)

        self._build_status_bar()
        self._build_menus()
        importlib.import_module("secdesk.gui.live").install_menus(self)  # Meeting menu: live screen, actions log
        importlib.import_module("secdesk.gui.pack_dialog").install_menu(self)  # Meeting > Build pack...
        registers.install_menus(self)  # Registers menu: risk register, activity planner
        security.install(self)  # passphrase prompt, unlock from a recovery file, audit trail
        self.editor.changed.connect(self._on_changed)
        self.editor.save_state.connect(self.save_label.setText)
        self.worker.busy.connect(self._busy)
        self._restore_settings()

    # --- building ---

    # The editors are built when first needed, so the window paints sooner.
    @property
    def committee_page(self) -> CommitteePage:
        if self._committee_page is None:
            from secdesk.gui.committee_page import CommitteePage

            page = CommitteePage(self.editor, self.messages)
            page.new_meeting_requested.connect(self.new_meeting)
            page.set_delay(self.settings.save_delay)
            registers.extend_committee_page(self, page)
            self.pages.addWidget(page)
            self._committee_page = page
        return self._committee_page

    @property
    def meeting_page(self) -> MeetingPage:
        if self._meeting_page is None:
            from secdesk.gui.meeting_page import MeetingPage

            page = MeetingPage(self.editor, self.messages)
            page.confirm_removals = self.settings.confirm_removals
            page.set_delay(self.settings.save_delay)
            if (agenda := self.settings.agenda_splitter) is not None:
                page.ui.agendaSplitter.restoreState(agenda)
            registers.extend_meeting_page(self, page)
            security.extend_meeting_page(self, page)
            self.pages.addWidget(page)
            self._meeting_page = page
        return self._meeting_page

    def _welcome_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        text = QLabel(
            "<h2>SecDesk</h2><p>Choose a committee or a meeting on the left.<br>"
            "New here? Create the first committee, then its first meeting.</p>"
        )
        text.setAlignment(Qt.AlignCenter)
        button = QPushButton("New &committee...")
        button.clicked.connect(self.new_committee)
        layout.addWidget(text)
        layout.addWidget(button, 0, Qt.AlignHCenter)
        layout.addStretch(2)
        return page

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.save_label = QLabel("Saved")
        self.save_label.setMinimumWidth(120)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setMaximumWidth(160)
        self.progress.hide()
        self.db_label = QLabel(self.store.label)
        self.db_label.setToolTip("The database file")
        bar.addPermanentWidget(self.progress)
        bar.addPermanentWidget(self.save_label)
        bar.addPermanentWidget(self.db_label)

    def _action(self, text: str, slot: object, shortcut: QKeySequence.StandardKey | str | None = None, icon: QStyle.StandardPixmap | None = None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if icon is not None:
            action.setIcon(self.style().standardIcon(icon))
        action.triggered.connect(slot)
        return action

    def _build_menus(self) -> None:
        menu = self.menuBar()
        file_menu = menu.addMenu("&File")
        self.new_meeting_action = self._action("&New meeting...", lambda: self.new_meeting(), QKeySequence.New, QStyle.SP_FileIcon)
        self.new_committee_action = self._action("New &committee...", self.new_committee)
        file_menu.addAction(self.new_meeting_action)
        file_menu.addAction(self.new_committee_action)
        file_menu.addSeparator()
        self.import_action = self._action("&Import minutes...", self.import_minutes)
        self.import_action.setEnabled(importlib.util.find_spec(IMPORT_DIALOG_MODULE) is not None)
        file_menu.addAction(self.import_action)
        file_menu.addSeparator()
        self.quit_action = self._action("&Quit", self.close, QKeySequence.Quit)
        self.quit_action.setMenuRole(QAction.QuitRole)
        file_menu.addAction(self.quit_action)

        edit_menu = menu.addMenu("&Edit")
        stack = self.editor.undo_stack
        # Own actions rather than createUndoAction: typing still waiting for its pause is
        # committed first, so Undo takes back what was just typed.
        self.undo_action = self._action("&Undo", self.undo, QKeySequence.Undo, QStyle.SP_ArrowBack)
        self.redo_action = self._action("&Redo", self.redo, QKeySequence.Redo, QStyle.SP_ArrowForward)
        self.undo_action.setEnabled(False)
        self.redo_action.setEnabled(False)
        stack.canUndoChanged.connect(self.undo_action.setEnabled)
        stack.canRedoChanged.connect(self.redo_action.setEnabled)
        stack.undoTextChanged.connect(lambda text: self.undo_action.setText(f"&Undo {text}".strip()))
        stack.redoTextChanged.connect(lambda text: self.redo_action.setText(f"&Redo {text}".strip()))
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        edit_menu.addSeparator()
        self.find_action = self._action("&Find...", self.find, QKeySequence.Find, QStyle.SP_FileDialogContentsView)
        edit_menu.addAction(self.find_action)
        edit_menu.addSeparator()
        self.preferences_action = self._action("&Preferences...", self.preferences, QKeySequence.Preferences)
        self.preferences_action.setMenuRole(QAction.PreferencesRole)
        edit_menu.addAction(self.preferences_action)

        help_menu = menu.addMenu("&Help")
        self.about_action = self._action("&About SecDesk", self.about)
        self.about_action.setMenuRole(QAction.AboutRole)
        help_menu.addAction(self.about_action)

        toolbar = self.addToolBar("Main")
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonTextBesideIcon)
        for action in (self.new_meeting_action, self.undo_action, self.redo_action, self.find_action):
            toolbar.addAction(action)

    # --- settings ---

    def _restore_settings(self) -> None:
        if (geometry := self.settings.geometry) is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)
        if (state := self.settings.window_state) is not None:
            self.restoreState(state)
        if (sizes := self.settings.splitter) is not None:
            self.splitter.restoreState(sizes)

    def _save_settings(self) -> None:
        self.settings.geometry = self.saveGeometry()
        self.settings.window_state = self.saveState()
        self.settings.splitter = self.splitter.saveState()
        if self._meeting_page is not None:
            self.settings.agenda_splitter = self._meeting_page.ui.agendaSplitter.saveState()
            meeting = self._meeting_page.meeting
            self.settings.last_meeting = meeting.id if meeting else None
        self.settings.sync()

    def _apply_delay(self, delay_ms: int) -> None:
        for page in (self._meeting_page, self._committee_page):
            if page is not None:
                page.set_delay(delay_ms)

    # --- navigator ---

    def load_navigator(self) -> None:
        """First fill off the GUI thread (a big database must not freeze the window)."""
        store = self.store

        def job() -> list[views.CommitteeNode]:
            with store.read() as session:
                return views.navigator(session)

        self.worker.run(job, self._navigator_loaded, self._navigator_failed, "Opening the database...")

    def _navigator_loaded(self, committees: list[views.CommitteeNode]) -> None:
        self._fill_navigator(committees)
        self.navigator_ready = True
        last = self.settings.last_meeting if self.settings.reopen_last else None
        if last is not None and self.navigator_model.find("meeting", last).isValid():
            self.select("meeting", last)
        elif committees:
            self.select("committee", committees[0].id)

    def _navigator_failed(self, error: BaseException) -> None:
        self.messages.error(self, "Cannot read the database", str(error))

    def _fill_navigator(self, committees: list[views.CommitteeNode]) -> None:
        current = self.navigator_model.data(self.navigator.currentIndex(), KeyRole)
        expanded = self._expanded_keys()
        self.navigator.selectionModel().blockSignals(True)
        self.navigator_model.set_committees(committees)
        for key in expanded:
            self.navigator.expand(self.navigator_model.find(*key))
        for row in range(self.navigator_model.rowCount()):
            committee = self.navigator_model.index(row, 0)
            self.navigator.expand(committee)
            if self.navigator_model.rowCount(committee):
                self.navigator.expand(self.navigator_model.index(0, 0, committee))
        if current is not None:
            index = self.navigator_model.find(*current)
            if index.isValid():
                self.navigator.setCurrentIndex(index)
        self.navigator.selectionModel().blockSignals(False)

    def _expanded_keys(self) -> list[tuple[str, int]]:
        keys = []
        for row in range(self.navigator_model.rowCount()):
            committee = self.navigator_model.index(row, 0)
            for year_row in range(self.navigator_model.rowCount(committee)):
                year = self.navigator_model.index(year_row, 0, committee)
                if self.navigator.isExpanded(year):
                    keys.append(self.navigator_model.data(year, KeyRole))
        return keys

    def select(self, kind: str, key: int) -> bool:
        index = self.navigator_model.find(kind, key)
        if not index.isValid():
            return False
        self.navigator.scrollTo(index)
        if self.navigator.currentIndex() == index:
            self._navigated(index)
        else:
            self.navigator.setCurrentIndex(index)
        return True

    def _navigated(self, index: QModelIndex, _previous: QModelIndex | None = None) -> None:
        key = self.navigator_model.data(index, KeyRole)
        if key is None:
            return
        kind, row_id = key
        if kind == "meeting":
            self.flush()
            self.meeting_page.show_meeting(row_id)
            self.pages.setCurrentWidget(self.meeting_page)
        else:
            committee_id = self.navigator_model.committee_of(index)
            if committee_id is not None:
                self.flush()
                self.committee_page.show_committee(committee_id)
                self.pages.setCurrentWidget(self.committee_page)

    def _on_changed(self, changes: Changes) -> None:
        if changes.structure:
            self._fill_navigator(self.editor.read(views.navigator))

    def current_committee_id(self) -> int | None:
        index = self.navigator.currentIndex()
        return self.navigator_model.committee_of(index) if index.isValid() else None

    # --- commands ---

    def flush(self) -> None:
        """Commit typing still waiting for its pause (before undo, close, navigation)."""
        for page in (self._meeting_page, self._committee_page):
            if page is not None:
                page.flush()

    def undo(self) -> None:
        self.flush()
        self.editor.undo_stack.undo()

    def redo(self) -> None:
        self.flush()
        self.editor.undo_stack.redo()

    def new_meeting(self, committee_id: int | None = None) -> None:
        from secdesk.gui.new_meeting import NewMeetingDialog

        committee_id = committee_id or self.current_committee_id()
        if committee_id is None:
            self.messages.info(self, "New meeting", "Choose the committee first (or create one: File > New committee).")
            return
        self.flush()
        dialog = NewMeetingDialog(self.editor, committee_id, self)
        dialog.created.connect(lambda meeting_id: self.select("meeting", meeting_id))
        self.dialog = dialog
        dialog.open()

    def new_committee(self) -> None:
        dialog = CommitteeDialog(self)

        def submit() -> str | None:
            command = commands.Create(
                self.editor,
                "New committee",
                lambda s: editing.create_committee(s, dialog.code.text(), dialog.name.text()),
                editing.delete_committee,
            )
            problem = self.editor.push(command, report=False)
            if problem is None and command.row_id is not None:
                self.select("committee", command.row_id)
            return problem

        dialog.submit = submit
        self.dialog = dialog
        dialog.open()

    def find(self) -> None:
        from secdesk.gui.find_dialog import FindDialog

        self.flush()
        dialog = FindDialog(self.editor, self.worker, self)
        dialog.open_place.connect(self.open_place)
        self.dialog = dialog
        dialog.open()

    def open_place(self, meeting_id: int, item_id: int | None) -> None:
        if self.select("meeting", meeting_id) and item_id is not None:
            self.meeting_page.ui.tabs.setCurrentIndex(0)
            self.meeting_page.select_item(item_id)

    def preferences(self) -> None:
        from secdesk.gui.preferences import PreferencesDialog

        dialog = PreferencesDialog(self.settings, self)
        dialog.accepted.connect(self._preferences_changed)
        self.dialog = dialog
        dialog.open()

    def _preferences_changed(self) -> None:
        if self._meeting_page is not None:
            self._meeting_page.confirm_removals = self.settings.confirm_removals
        self._apply_delay(self.settings.save_delay)

    def import_minutes(self) -> None:
        """Hook for the import review dialog (secdesk.gui.import_dialog.ImportMinutesDialog)."""
        module = importlib.import_module(IMPORT_DIALOG_MODULE)
        self.flush()
        dialog = module.ImportMinutesDialog(self.store, self, messages=self.messages, worker=self.worker)
        dialog.imported.connect(lambda _report: self.editor.changed.emit(Changes(structure=True)))
        self.dialog = dialog
        dialog.open()

    def about(self) -> None:
        self.messages.about(
            self,
            "About SecDesk",
            f"<h3>SecDesk {__version__}</h3><p>The meeting secretariat's desk: committees, agendas, "
            "attendance, minutes, actions and classified exports.</p>"
            f"<p>Database: {self.store.label}</p>",
        )

    def _busy(self, shown: bool, label: str) -> None:
        self.progress.setVisible(shown)
        if shown:
            self.statusBar().showMessage(label)
        else:
            self.statusBar().clearMessage()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.flush()
        self._save_settings()
        self.worker.shutdown()
        super().closeEvent(event)
