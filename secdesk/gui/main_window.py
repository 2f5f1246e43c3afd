"""The main window: navigator on the left, the selected thing's editor in the centre, status below.

It paints before the database is open. `open_database` glances at the file with
the standard library to fill the navigator, and opens the store (SQLAlchemy,
migrations, backup) on the worker thread; `attach_store` then makes the editors
usable. Given a store that is already open (tests, scripts), it attaches at once.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QPaintEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QMainWindow,
    QProgressBar,
    QSplitter,
    QStackedWidget,
    QTreeView,
    QWidget,
)

from secdesk import __version__, glossary
from secdesk.errors import SecDeskError
from secdesk.gui import accessibility, menus
from secdesk.gui.editor import Editor, Reply
from secdesk.gui.messages import Messages
from secdesk.gui.navigator_model import KeyRole, NavigatorModel
from secdesk.gui.settings import Settings
from secdesk.gui.start_page import StartPage
from secdesk.gui.worker import Worker
from secdesk.paths import database_file
from secdesk.vocabulary import Classification

if TYPE_CHECKING:
    from secdesk.documents.model import Document
    from secdesk.gui.committee_page import CommitteePage
    from secdesk.gui.meeting_page import MeetingPage
    from secdesk.services.changes import Changes
    from secdesk.services.committees import CommitteeSummary
    from secdesk.services.meeting_record import MeetingView
    from secdesk.services.navigator import CommitteeNode
    from secdesk.store import Store

DATABASE_FILTER = "SecDesk database (*.sqlite *.db);;All files (*)"
EXPORT_FILTERS = {"pdf": "PDF document (*.pdf)", "docx": "Word document (*.docx)"}
EXPORT_NAMES = {"minutes": "minutes", "agenda": "agenda", "action_log": glossary.ACTION_LOG}
OPEN_UNPAINTED_AFTER_MS = 500  # a window shown on a hidden desktop may not paint until looked at


MINIMUM_SIZE = (760, 460)


class MainWindow(QMainWindow):
    def __init__(self, store: Store | None = None, messages: Messages | None = None,
                 settings: Settings | None = None) -> None:
        super().__init__()
        self.store: Store | None = None
        self.messages = messages or Messages()
        self.worker = Worker(self)  # the one serial worker: every read and write of the window
        # Made before the actions that follow its undo stack, so it is destroyed before them.
        self.editor = Editor(None, self.messages, self, worker=self.worker)
        self.editor.window = self
        self.settings = settings or Settings()
        self.dialog: QWidget | None = None
        self.last_export: Path | None = None
        self.navigator_ready = False
        self._item_to_show: int | None = None
        self._select_when_listed: tuple[str, int] | None = None
        self._selection_restored = False
        self._target: str | Path | None = None
        self._path: Path | None = None  # the target's SQLite file; None for a server URL
        self._database_name = ""
        self._with_demo = False
        self.key_declined = False  # the key's passphrase prompt was cancelled: locked by choice, not lacking
        self._painted = self._opening_waits = False
        self.setWindowTitle("SecDesk")
        self.setMinimumSize(MINIMUM_SIZE[0], MINIMUM_SIZE[1])  # fits 1366x768 at 150 % (910x512 less a panel)

        self.navigator_model = NavigatorModel(self)
        self.navigator = QTreeView()
        self.navigator.setAccessibleName("Committees and meetings")
        self.navigator.setModel(self.navigator_model)
        self.navigator.setHeaderHidden(True)
        self.navigator.setUniformRowHeights(True)
        self.navigator.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.navigator.setMinimumWidth(220)
        self.navigator.selectionModel().currentChanged.connect(self._navigated)

        self.start_page = StartPage()
        self.start_page.new_committee.connect(self.new_committee)
        self.start_page.load_demo.connect(self.load_demo)
        self.start_page.retry.connect(lambda: self.open_database(self._target, with_demo=self._with_demo))
        self.start_page.open_other.connect(self._open_other_database)
        self.start_page.quit.connect(self.close)
        self._committee_page: CommitteePage | None = None
        self._meeting_page: MeetingPage | None = None
        self.pages = QStackedWidget()
        self.pages.addWidget(self.start_page)

        self.splitter = QSplitter(Qt.Horizontal)
        self.splitter.addWidget(self.navigator)
        self.splitter.addWidget(self.pages)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([320, 960])
        self.splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.splitter)

        self._build_status_bar()
        menus.build(self)
        delete_key = QAction("Delete", self.navigator)  # Delete on the navigator deletes what is chosen there
        delete_key.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        delete_key.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        delete_key.triggered.connect(self.delete_action.trigger)
        self.navigator.addAction(delete_key)
        self._enable_database_actions(False)
        stack = self.editor.undo_stack
        stack.canUndoChanged.connect(self.undo_action.setEnabled)
        stack.canRedoChanged.connect(self.redo_action.setEnabled)
        stack.undoTextChanged.connect(lambda text: self.undo_action.setText(f"&Undo {text}".strip()))
        stack.redoTextChanged.connect(lambda text: self.redo_action.setText(f"&Redo {text}".strip()))
        self.editor.changed.connect(self._on_changed)
        self.editor.save_state.connect(self.save_label.setText)
        self.worker.busy.connect(self._busy)
        self._restore_settings()
        if store is not None:
            self.attach_store(store)

    # --- building ---

    # The editors are built when first needed, so the window paints sooner.
    @property
    def committee_page(self) -> CommitteePage:
        if self._committee_page is None:
            from secdesk.gui import registers
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
            from secdesk.gui import finalise_dialog, registers, security
            from secdesk.gui.meeting_page import MeetingPage

            page = MeetingPage(self.editor, self.messages)
            page.confirm_removals = self.settings.confirm_removals
            page.set_delay(self.settings.save_delay)
            if (agenda := self.settings.agenda_splitter) is not None:
                page.ui.agendaSplitter.restoreState(agenda)
            registers.extend_meeting_page(self, page)
            security.extend_meeting_page(self, page)
            finalise_dialog.extend_meeting_page(self, page)
            self.pages.addWidget(page)
            self._meeting_page = page
        return self._meeting_page

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.save_label = QLabel()  # "Saved" once the store is open
        self.save_label.setMinimumWidth(120)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setMaximumWidth(160)
        self.progress.hide()
        self.db_label = QLabel()
        self.db_label.setToolTip("The database file")
        self.key_label = QLabel()  # shown when confidential content is locked on this computer
        self.key_label.hide()
        self.key_label.linkActivated.connect(lambda _link: self.security_actions["passphrase"].trigger())
        for widget in (self.progress, self.save_label, self.db_label, self.key_label):
            bar.addPermanentWidget(widget)

    def _enable_database_actions(self, enabled: bool) -> None:
        for action in self.database_actions:
            action.setEnabled(enabled)
        self.start_page.new_committee_button.setEnabled(enabled)
        self.start_page.demo_button.setEnabled(enabled)

    def _show_database(self, label: str, name: str) -> None:
        self.db_label.setText(label)
        self._database_name = name
        self.setWindowTitle(f"SecDesk - {name}")

    # --- opening the database ---

    def open_database(self, target: str | Path | None, *, with_demo: bool = False) -> None:
        """Open `target` (a file, an SQLAlchemy URL, or None for the default file) behind the painted window."""
        self._target, self._with_demo = target, with_demo
        self._path = path = database_file(target)
        label = str(path) if path is not None else "the database server"
        self._show_database(label, path.name if path is not None else label)
        self.start_page.show_opening(label)
        self.pages.setCurrentWidget(self.start_page)
        if self._painted:
            self._start_opening()
        else:  # after the first paint, which then costs nothing of the opening
            self._opening_waits = True
            QTimer.singleShot(OPEN_UNPAINTED_AFTER_MS, self._open_if_waiting)  # a window never exposed

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            QTimer.singleShot(0, self._open_if_waiting)

    def _open_if_waiting(self) -> None:
        if self._opening_waits:
            self._opening_waits = False
            self._start_opening()

    def _start_opening(self) -> None:
        """A glance at the file fills the navigator; the store opens after it on the same worker."""
        target, path = self._target, self._path

        def glance_at_it() -> list[CommitteeNode] | None:
            from secdesk.services.navigator import glance

            return glance(path)

        def open_it() -> Store:
            from secdesk.store import open_store  # SQLAlchemy loads here, off the GUI thread
            from secdesk.store.opening import BEFORE_WRITING  # loaded by the line above

            # As a command does: a file unchanged since it passed the whole-file check is not read
            # through again, and a changed one is backed up before the first save, not while opening.
            return open_store(target, backup=BEFORE_WRITING, trust_unchanged=True)

        if path is not None:
            self.worker.run(glance_at_it, self._glanced)
        self.worker.run(open_it, self._store_opened, self._open_failed, "Opening the database...")

    def _glanced(self, committees: list[CommitteeNode] | None) -> None:
        if committees is not None and self.store is None:
            self._fill_navigator(committees)
            self._navigator_filled(committees)

    def _store_opened(self, store: Store) -> None:
        from secdesk.gui import security

        self.attach_store(store)
        # The key's passphrase is asked before anything confidential is read.
        security.unlock_at_start(self, self._fill_with_demo if self._with_demo else self.load_navigator)

    def _open_failed(self, error: BaseException) -> None:
        self.navigator_model.set_committees([])
        self.navigator_ready = False
        self._selection_restored = False
        self.start_page.show_problem(self._database_name, str(error) if isinstance(error, SecDeskError) else
                                     f"An unexpected error stopped it: {error}. The details are in the log.")
        self.pages.setCurrentWidget(self.start_page)
        if not isinstance(error, SecDeskError):
            raise error  # a bug: the crash handler logs it and shows its dialog

    def _open_other_database(self) -> None:
        from secdesk.gui.prompts import prompts_of

        path = prompts_of(self).open_file(self, "Open a SecDesk database", DATABASE_FILTER)
        if path is not None:
            self.open_database(path)

    def attach_store(self, store: Store) -> None:
        """Make the window work on an open store: editors, undo, the key's passphrase prompt."""
        from secdesk.gui import security

        self.store = self.editor.store = store
        security.attach(self)
        self._show_database(store.label, store.path.name if store.path else store.label)
        self.save_label.setText("Saved")
        self._enable_database_actions(True)
        if self._with_demo:  # not "New here? Create the first committee" while the demo is on its way
            self.start_page.show_loading_demo()
        else:
            self.start_page.show_welcome()
        self._navigated(self.navigator.currentIndex())  # chosen while the store was opening

    def load_demo(self) -> None:
        """The start page's "Load the demo committees", on a database with none yet."""
        self.start_page.show_loading_demo()
        self._fill_with_demo()

    def _fill_with_demo(self) -> None:
        """--with-demo on an empty database: the key first (its passphrase is asked here), then the demo."""
        from secdesk.services import committees

        self.editor.load(committees.list_committees, self._fill_if_empty)

    def _fill_if_empty(self, committees: list[CommitteeSummary]) -> None:
        from secdesk.papers.demo_files import load_demo_database

        store = self.store
        if committees or store is None:
            self._demo_done()
            return
        try:
            if store.keys is not None:
                if self.key_declined:  # its passphrase was cancelled earlier: asked again, not refused
                    store.keys.look_again()
                store.keys.cipher_for_writing()
        except SecDeskError as error:
            self.messages.error(self, "Demo not loaded", str(error))
            self._demo_done()
            return
        self.worker.run(lambda: load_demo_database(store), lambda _count: self._demo_done(),
                        self._demo_failed, "Loading the demo committees...")

    def _demo_failed(self, error: BaseException) -> None:
        if not isinstance(error, SecDeskError):
            raise error
        self.messages.error(self, "Demo not loaded", str(error))
        self._demo_done()

    def _demo_done(self) -> None:
        """Loaded, refused or not needed: the start page welcomes again and the navigator is read."""
        self.start_page.show_welcome()
        self.load_navigator()

    # --- settings ---

    def _restore_settings(self) -> None:
        if (geometry := self.settings.geometry) is not None:
            self.restoreGeometry(geometry)
        else:
            accessibility.fit_to_screen(self, 1280, 800)
        if (state := self.settings.window_state) is not None:
            self.restoreState(state)
        if (sizes := self.settings.splitter) is not None:
            self.splitter.restoreState(sizes)
        else:  # a quarter of the width for the navigator, at most 320 px: on a laptop the agenda needs the room
            navigator = min(320, self.width() // 4)
            self.splitter.setSizes([navigator, self.width() - navigator])

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
        """Fill from the store, off the GUI thread (a big database must not freeze the window)."""
        store = self.store

        def job() -> list[CommitteeNode]:
            from secdesk.services.navigator import navigator

            with store.read() as session:
                return navigator(session)

        self.worker.run(job, self._navigator_loaded, self._navigator_failed, "Reading the database...")

    def _navigator_loaded(self, committees: list[CommitteeNode]) -> None:
        self._fill_navigator(committees)
        self._navigator_filled(committees)

    def _navigator_filled(self, committees: list[CommitteeNode]) -> None:
        """The first fill reopens the last meeting (or the first committee); later ones keep the choice."""
        self.navigator_ready = True
        if self.store is not None and not self.start_page.loading_demo and not self.start_page.showing_problem:
            self.start_page.show_welcome(empty=not committees)  # an empty database offers the demo
        if self._selection_restored:
            return
        self._selection_restored = True
        last = self.settings.last_meeting if self.settings.reopen_last else None
        if last is not None and self.navigator_model.find("meeting", last).isValid():
            self.select("meeting", last)
        elif committees:
            self.select("committee", committees[0].id)
        self._offer_interrupted_meeting()

    def _offer_interrupted_meeting(self) -> None:
        """SecDesk stopped while a meeting was live (a crash, a kill): offer to go back to it where it was."""
        from secdesk import live_session

        session = live_session.interrupted(self.store.label) if self.store is not None else None
        if session is None:
            return
        node = self.navigator_model.find("meeting", session.meeting_id)
        if not node.isValid():
            live_session.finish(self.store.label)  # its meeting is gone: nothing to go back to
            return
        name = str(node.data()).split("  \u00b7  ")[0]
        if self.messages.confirm(
            self, "Resume the live meeting",
            f"SecDesk stopped while {name} was being minuted live. Go back to it where you were? "
            "Everything typed was saved as you went.",
        ):
            from secdesk.gui.live import open_live

            self.select("meeting", session.meeting_id)
            open_live(self, session.meeting_id)

    def _navigator_failed(self, error: BaseException) -> None:
        self.messages.error(self, "Cannot read the database", str(error))

    def _fill_navigator(self, committees: list[CommitteeNode]) -> None:
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
        if key is None or self.store is None:
            return  # chosen while the store opens: attach_store shows it
        kind, row_id = key
        if kind == "meeting":
            self.flush()
            self.meeting_page.show_meeting(row_id, self._item_to_show)
            self.pages.setCurrentWidget(self.meeting_page)
        else:
            committee_id = self.navigator_model.committee_of(index)
            if committee_id is not None:
                self.flush()
                self.committee_page.show_committee(committee_id)
                self.pages.setCurrentWidget(self.committee_page)

    def _on_changed(self, changes: Changes) -> None:
        if changes.structure:
            from secdesk.services.navigator import navigator

            self.editor.load(navigator, self._refilled)

    def _refilled(self, committees: list[CommitteeNode]) -> None:
        self._fill_navigator(committees)
        chosen, self._select_when_listed = self._select_when_listed, None
        if chosen is not None:
            self.select(*chosen)

    def select_when_listed(self, kind: str, key: int) -> None:
        """Choose a committee or meeting just created: the navigator lists it once it is read again."""
        if not self.select(kind, key):
            self._select_when_listed = (kind, key)

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
        self.editor.undo()

    def redo(self) -> None:
        self.flush()
        self.editor.redo()

    def new_meeting(self, committee_id: int | None = None) -> None:
        from secdesk.gui.new_meeting import NewMeetingDialog
        from secdesk.model import Committee
        from secdesk.services import meetings
        from secdesk.services.meetings import MeetingProposal
        from secdesk.services.rows import fetch

        committee_id = committee_id or self.current_committee_id()
        if committee_id is None:
            self.messages.info(self, "New meeting", "Choose the committee first (or create one: File > New committee).")
            return
        self.flush()

        def propose(proposal: MeetingProposal) -> None:
            dialog = NewMeetingDialog(self.editor, proposal, self)
            dialog.created.connect(lambda meeting_id: self.select_when_listed("meeting", meeting_id))
            self.dialog = dialog
            dialog.open()

        self.editor.load(lambda s: meetings.new_meeting_proposal(s, fetch(s, Committee, committee_id)), propose)

    def new_committee(self) -> None:
        from secdesk.gui import commands
        from secdesk.gui.dialogs import CommitteeDialog
        from secdesk.model import Committee
        from secdesk.services import committees

        dialog = CommitteeDialog(self)

        def submit(reply: Reply) -> None:
            code, name = dialog.code.text(), dialog.name.text()
            command = commands.Create(
                self.editor,
                "New committee",
                lambda s: committees.create_committee(s, code, name.strip() or code),
                commands.removal(Committee, committees.remove_committee),
            )

            def made() -> None:
                if command.row_id is not None:
                    self.select_when_listed("committee", command.row_id)

            self.editor.push(command, reply, done=made)

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
        """Show a meeting with one of its items chosen (Find, the action log)."""
        if item_id is not None:
            self.meeting_page.ui.tabs.setCurrentIndex(0)
        self._item_to_show = item_id  # for _navigated: the meeting is read before the item can be chosen
        try:
            self.select("meeting", meeting_id)
        finally:
            self._item_to_show = None

    def shown_meeting(self) -> MeetingView | None:
        """The meeting on the meeting page, when that page is the one shown."""
        page = self._meeting_page
        return page.meeting if page is not None and self.pages.currentWidget() is page else None

    def export_document(self, kind: str, level: Classification, file_format: str) -> None:
        """Minutes, agenda or action log ("minutes", "agenda", "action_log") of the meeting shown, as the live
        screen and `secdesk minutes|agenda|action-log` write them, without starting the meeting.

        The document is built on the worker, the file is named where the user chooses (the
        committee's last export folder, else Documents), then written on the worker.
        """
        from secdesk.gui.prompts import prompts_of

        meeting = self.shown_meeting()
        what = EXPORT_NAMES[kind]
        if meeting is None:
            self.messages.info(self, f"Export {what}", "Choose the meeting on the left first.")
            return
        self.flush()  # the minutes as typed, not as last saved
        store, identifier, code = self.store, meeting.identifier, meeting.committee_code

        def build() -> Document:
            from secdesk.documents.export import action_log_document, meeting_document

            if kind == "action_log":
                return action_log_document(store, level, committee=code)
            return meeting_document(store, kind, identifier, level)

        def built(document: Document) -> None:
            folder = self.settings.export_folder(code)
            suggested = str(folder / f"{document.file_stem}.{file_format}")
            path = prompts_of(self).save_file(self, f"Export {what}", suggested, EXPORT_FILTERS[file_format])
            if path is None:
                return

            def write() -> Path:
                from secdesk.documents.export import export

                return export(document, file_format, path)

            self.worker.run(write, lambda written: self._exported(code, written), failed,
                            f"Writing the {level.label} {what}...")

        def failed(error: BaseException) -> None:
            if not isinstance(error, SecDeskError):
                raise error  # a bug: the crash handler logs it
            self.messages.error(self, "Export failed", str(error))

        self.worker.run(build, built, failed, f"Preparing the {level.label} {what}...")

    def _exported(self, committee_code: str, written: Path) -> None:
        self.last_export = written
        self.settings.set_export_folder(committee_code, written.parent)
        self.statusBar().showMessage(f"Exported {written}", 10000)

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
        from secdesk.gui.import_dialog import ImportMinutesDialog

        self.flush()
        dialog = ImportMinutesDialog(self.store, self, messages=self.messages, worker=self.worker)
        from secdesk.services.changes import Changes

        dialog.imported.connect(lambda _report: self.editor.changed.emit(Changes(structure=True)))
        self.dialog = dialog
        dialog.open()

    def about(self) -> None:
        self.messages.about(
            self,
            "About SecDesk",
            f"<h3>SecDesk {__version__}</h3><p>The meeting secretariat's desk: committees, agendas, "
            "attendance, minutes, actions and classified exports.</p>"
            f"<p>Database: {self.db_label.text()}</p>",
        )

    def _busy(self, shown: bool, label: str) -> None:
        self.progress.setVisible(shown)
        if shown:
            self.statusBar().showMessage(label)
        else:
            self.statusBar().clearMessage()

    def closeEvent(self, event: QCloseEvent) -> None:
        for screen in self.findChildren(QMainWindow):  # the live screen, the log, the registers: their typing first
            if screen.isVisible():
                screen.close()
        self.flush()
        self._save_settings()
        self.worker.shutdown()  # the saves just flushed are queued on it: it runs them before it stops
        super().closeEvent(event)
