"""Confidential content in the window: the key passphrase, locked items, recovery files, the audit trail.

Without a working keyring the database's key is kept in a passphrase-protected
file: `attach` makes the store's KeyRing ask for that passphrase in a dialog
(saying why), and `unlock_at_start` asks before anything confidential is read.
Where this computer lacks the key, confidential text shows as locked and
read-only until the key comes back from a recovery file. The menu entries
are built in `secdesk.gui.menus`.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, QThread
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from secdesk.atomic import write_atomically
from secdesk.errors import SecDeskError
from secdesk.gui import accessibility
from secdesk.gui.icons import icon
from secdesk.gui.prompts import prompts_of
from secdesk.security.fields import LOCKED_TEXT
from secdesk.security.keys import (
    FILE_MODE,
    KeyUnavailableError,
    WrongPassphraseError,
    open_sealed,
    seal_key,
)
from secdesk.services.changes import Changes, meeting_changed
from secdesk.services.meeting_record import ItemView, MeetingView

if TYPE_CHECKING:
    from secdesk.gui.main_window import MainWindow
    from secdesk.gui.meeting_page import MeetingPage
    from secdesk.services.audit import AuditEntry, Burst, Trail

RECOVERY_FILTER = "SecDesk key recovery file (*.json);;All files (*)"
LOCK_ICON = "final"  # the padlock the navigator shows on final minutes


def attach(window: MainWindow) -> None:
    """Once the store is open: its KeyRing asks for a passphrase in a dialog that says why."""
    keys = window.store.keys
    if keys is not None:
        keys.prompt_passphrase = lambda question: ask_key_passphrase(window, question)
        with_key_id(window, lambda: None)


def with_key_id(window: MainWindow, then: Callable[[], None]) -> None:
    """Read the database's key id on the worker, then go on here, where a passphrase can be asked.

    Looking for the key (keyring, key file, passphrase) then runs no SQL on the GUI thread.
    """
    keys = window.store.keys
    if keys is None:
        then()
        return

    def known(key_id: str | None) -> None:
        keys.know_key_id(key_id)
        then()

    window.editor.load(lambda _session: keys.expected_key_id(), known)


def _why(window: MainWindow) -> str:
    keys = window.store.keys
    problem = keys.keyring_problem if keys is not None and keys.keyring_problem else "no keyring is available"
    return (f"This computer's keyring cannot keep the database's key: {problem}. SecDesk keeps the key "
            "in a file protected by a passphrase instead.")


def ask_key_passphrase(window: MainWindow, question: str) -> str | None:
    """The KeyRing's prompt: a new passphrase is typed twice; a wrong one is said so and asked again."""
    app = QCoreApplication.instance()
    if app is None or QThread.currentThread() is not app.thread():
        return None  # never a dialog from the worker thread: the content stays locked
    keys = window.store.keys
    prompts = prompts_of(window)
    if question.startswith("Choose"):
        return prompts.passphrase(
            window, "Choose a passphrase",
            f"{_why(window)}\n\nChoose a passphrase of at least 8 characters to protect it. Without the "
            "passphrase (or a key recovery file) confidential content cannot be read on this computer.",
            twice=True,
        )
    while True:
        passphrase = prompts.passphrase(
            window, "Unlock confidential content",
            f"{_why(window)}\n\nType the passphrase to unlock confidential content, or Cancel to "
            "work with it locked.",
        )
        if passphrase is None or keys is None:
            # The key is here, behind its passphrase: "locked" must not say this computer lacks it.
            window.key_declined = True
            return None
        try:
            open_sealed(json.loads(keys.key_file.read_text(encoding="utf-8")), passphrase, str(keys.key_file))
            window.key_declined = False
            return passphrase
        except WrongPassphraseError:
            window.messages.error(
                window, "Wrong passphrase",
                "That passphrase does not open this database's key. Try again, or Cancel to work with "
                "confidential content locked.",
            )
        except (OSError, ValueError, KeyUnavailableError) as error:
            window.messages.error(window, "Key file unreadable", f"{keys.key_file} cannot be read: {error}")
            return None


def unlock_at_start(window: MainWindow, then: Callable[[], None] = lambda: None) -> None:
    """Find the key (asking for its passphrase if need be), then `then()`: before anything confidential is read."""
    keys = window.store.keys
    if keys is None:
        then()
        return

    def unlock() -> None:
        if keys.database_key_id() is not None:  # else nothing confidential is saved yet: nothing to unlock
            try:
                keys.cipher()
            except SecDeskError as error:
                window.messages.error(window, "Confidential content locked", str(error))
        show_key_state(window)
        then()

    with_key_id(window, unlock)


def holds_key(window: MainWindow) -> bool | None:
    """True/False once the key has been looked for; None when encryption is off or nothing is confidential yet."""
    keys = window.store.keys
    if keys is None or keys.database_key_id() is None:
        return None
    return keys.cipher() is not None


def locked_by_choice(window: MainWindow) -> bool:
    """The key is on this computer but its passphrase prompt was cancelled (not: the key is missing)."""
    return window.key_declined and holds_key(window) is False


def show_key_state(window: MainWindow) -> None:
    label: QLabel = window.key_label
    held = holds_key(window)
    label.setVisible(held is False)
    if locked_by_choice(window):
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setText('Confidential content locked: passphrase not given &middot; <a href="unlock">Unlock...</a>')
        label.setToolTip("The key is on this computer, protected by its passphrase; the passphrase prompt "
                         "was cancelled. Unlock (also File > Unlock with passphrase...) asks for it again.")
    else:
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setText("Confidential content locked on this computer")
        label.setToolTip("File > Unlock with recovery file... brings the key to this computer.")


def unlock_with_passphrase(window: MainWindow) -> bool:
    """Ask for the key's passphrase again, after it was cancelled; True once confidential content is unlocked."""
    keys = window.store.keys if window.store is not None else None
    if keys is None or holds_key(window) is not False:
        window.statusBar().showMessage("Confidential content is not locked.", 5000)
        return False
    if not locked_by_choice(window):
        window.messages.error(
            window, "Key not on this computer",
            "This computer does not hold the database's key, so no passphrase can unlock it. "
            "File > Unlock with recovery file... brings the key here.",
        )
        return False
    if keys.look_again() is None:
        return False  # cancelled again (or refused, said by the prompt): still locked by choice
    refresh_after_unlock(window)
    window.statusBar().showMessage("Confidential content unlocked.", 5000)
    return True


def refresh_after_unlock(window: MainWindow) -> None:
    changes = Changes(structure=True)
    page = window._meeting_page
    if page is not None and page.meeting is not None:
        changes = changes | meeting_changed(page.meeting.id)
    window.editor.changed.emit(changes)
    show_key_state(window)


def unlock_with_recovery_file(window: MainWindow) -> bool:
    """Ask for a recovery file and its passphrase, keep the key here, and show the content."""
    keys = window.store.keys
    if keys is None:
        window.messages.info(window, "Unlock", "Encryption is off for this database; nothing is locked.")
        return False
    prompts = prompts_of(window)
    path = prompts.open_file(window, "Unlock with recovery file", RECOVERY_FILTER)
    if path is None:
        return False
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as error:
        window.messages.error(window, "Not a recovery file", f"{path} is not a SecDesk key recovery file ({error}).")
        return False
    while True:
        passphrase = prompts.passphrase(window, "Unlock with recovery file", f"Type the passphrase of {path.name}.")
        if passphrase is None:
            return False
        try:
            database_uuid, key = open_sealed(document, passphrase, path.name)
            break
        except WrongPassphraseError as error:
            window.messages.error(window, "Wrong passphrase", f"{error} Try again, or Cancel.")
        except KeyUnavailableError as error:
            window.messages.error(window, "Not a recovery file", str(error))
            return False
    try:
        keys.install(database_uuid, key)
    except SecDeskError as error:
        window.messages.error(window, "Cannot unlock", str(error))
        return False
    refresh_after_unlock(window)
    window.statusBar().showMessage(f"Confidential content unlocked; the key is kept in {keys.where()}.", 10000)
    return True


def export_recovery_file(window: MainWindow) -> Path | None:
    """Write the key, wrapped under a passphrase typed twice, for another computer or a rainy day."""
    keys = window.store.keys
    if keys is None or keys.database_key_id() is None:
        window.messages.info(window, "Export key recovery file",
                             "This database has no key yet: nothing confidential has been saved.")
        return None
    prompts = prompts_of(window)
    stem = window.store.path.stem if window.store.path else "secdesk"
    path = prompts.save_file(window, "Export key recovery file", f"{stem}-key-recovery.json", RECOVERY_FILTER)
    if path is None:
        return None
    passphrase = prompts.passphrase(
        window, "Recovery file passphrase",
        "Choose a passphrase of at least 8 characters for the recovery file. Keep the file and the "
        "passphrase apart: together they unlock this database's confidential content.",
        twice=True,
    )
    if passphrase is None:
        return None
    try:
        document = seal_key(keys.current_key(), keys.database_uuid, passphrase)
        write_atomically(path, json.dumps(document, indent=2), mode=FILE_MODE)
    except SecDeskError as error:
        window.messages.error(window, "Recovery file not written", str(error))
        return None
    except OSError as error:
        window.messages.error(window, "Recovery file not written", f"{path} cannot be written: {error.strerror}.")
        return None
    window.statusBar().showMessage(f"Recovery file written: {path}", 10000)
    return path


# --- the Security dialog ---


def key_status(window: MainWindow) -> list[tuple[str, str]]:
    """(label, text) lines: where the key is, and whether this computer holds it."""
    keys = window.store.keys
    if keys is None:
        return [("Encryption", "off for this database")]
    expected = keys.database_key_id()
    lines = [("Database", window.store.label)]
    if expected is None:
        lines.append(("Key status", "none yet: made when confidential content is first saved"))
        lines.append(("Kept in", keys.where()))
    else:
        held = keys.cipher() is not None
        if held:
            status = "this computer holds the key"
        elif locked_by_choice(window):
            status = ("the key is on this computer, but its passphrase was not given (the prompt was "
                      "cancelled): confidential content is locked until it is")
        else:
            status = "this computer does NOT hold the key: confidential content is locked"
        lines.append(("Key status", status))
        lines.append(("Key fingerprint", expected))
        lines.append(("Kept in", keys.where()))
    if keys.keyring_problem:
        lines.append(("Keyring", keys.keyring_problem))
    return lines


class SecurityDialog(QDialog):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window_ = window
        self.setWindowTitle("Security and key status")
        self.setMinimumWidth(560)
        self.form = QFormLayout()
        self.explain = QLabel(
            "Confidential (Amber and Red) content is encrypted in the database. Its key stays on this "
            "computer; a key recovery file, kept safe with its passphrase, unlocks it on another one."
        )
        self.explain.setWordWrap(True)
        self.explain.setStyleSheet("color: #555;")
        export = QPushButton("&Export key recovery file...")
        export.clicked.connect(lambda: export_recovery_file(window) and self.fill())
        unlock = QPushButton("&Unlock with recovery file...")
        unlock.clicked.connect(lambda: unlock_with_recovery_file(window) and self.fill())
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(export)
        row.addWidget(unlock)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explain)
        layout.addLayout(self.form)
        layout.addLayout(row)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.fill()

    def fill(self) -> None:
        while self.form.rowCount():
            self.form.removeRow(0)
        for label, text in key_status(self.window_):
            value = QLabel(text)
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextSelectableByMouse)
            self.form.addRow(f"{label}:", value)


def show_security(window: MainWindow) -> SecurityDialog:
    dialog = SecurityDialog(window)  # the key id is known since the store was attached
    window.dialog = dialog
    dialog.open()
    return dialog


# --- locked items on the meeting page ---


def item_locked(item: ItemView | None) -> bool:
    if item is None:
        return False
    texts = (item.title, item.minutes, item.post_meeting_note, *(p.title for p in item.papers))
    return LOCKED_TEXT in texts


def extend_meeting_page(window: MainWindow, page: MeetingPage) -> None:
    """A lock bar on items whose confidential text this computer cannot read; their fields go read-only."""
    bar = QFrame()
    bar.setObjectName("lockBar")
    bar.setStyleSheet("#lockBar { background: #fff4d6; border: 1px solid #e0b84c; border-radius: 4px; }")
    padlock = QLabel()
    padlock.setPixmap(icon(LOCK_ICON).pixmap(24, 24))
    text = QLabel()
    text.setWordWrap(True)
    unlock = QPushButton("Unlock with recovery file...")
    unlock.clicked.connect(lambda: unlock_with_recovery_file(window))
    layout = QHBoxLayout(bar)
    layout.setContentsMargins(8, 6, 8, 6)
    layout.addWidget(padlock)
    layout.addWidget(text, 1)
    layout.addWidget(unlock)
    bar.hide()
    details = page.details
    details.layout().insertWidget(1, bar)
    page.lock_bar = bar  # type: ignore[attr-defined]
    page.unlock_button = unlock  # type: ignore[attr-defined]
    ui = details.ui

    def shown(_meeting: MeetingView | None, item: ItemView | None) -> None:
        locked = item_locked(item)
        bar.setVisible(locked)
        text.setText(
            "<b>Locked: the passphrase was not given.</b> The database's key is on this computer, but its "
            "passphrase prompt was cancelled, so this confidential item is read-only."
            if locked_by_choice(window) else
            "<b>Locked on this computer.</b> The database's key is not here, so this "
            "confidential item is read-only."
        )
        for widget in (ui.title, ui.minutes, ui.note):
            widget.setReadOnly(locked)
        for widget in (ui.classification, ui.addPaper, ui.removePaper):
            widget.setEnabled(not locked and (widget is not ui.removePaper or bool(item and item.papers)))

    details.item_shown.connect(shown)


# --- the audit trail ---


class AuditDialog(QDialog):
    """Who changed what in one meeting, oldest first: a burst of saves of one thing is one entry in words
    (services/audit.group); "Every change" lists each recorded change with its values, and the export
    writes every change as CSV."""

    HEADERS = ("When (UTC)", "Who", "What")
    EVERY_CHANGE_HEADERS = ("When (UTC)", "Who", "What", "Changes")

    def __init__(self, window: MainWindow, meeting_id: int) -> None:
        super().__init__(window)
        self.window_, self.meeting_id = window, meeting_id
        self.trail: Trail | None = None
        self.entries: list[AuditEntry] = []
        self.bursts: list[Burst] = []
        self.changes: list[Burst] = []
        self.last_export: Path | None = None
        self.setWindowTitle("Audit trail")
        accessibility.fit_to_screen(self, 1040, 560)
        self.heading = QLabel("Reading the audit trail...")
        self.table = QTableWidget(0, len(self.HEADERS))
        self.table.setAccessibleName("Audit trail")
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move in it
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        self.every_change = QCheckBox("Show e&very change")
        self.every_change.setToolTip("One row per recorded change, with the values kept for White content")
        self.every_change.toggled.connect(self._show)
        self.export_button = QPushButton("&Export CSV...")
        self.export_button.setToolTip("Every recorded change, one row each: the full record")
        self.export_button.setEnabled(False)
        self.export_button.clicked.connect(self.export_csv)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.addButton(self.export_button, QDialogButtonBox.ActionRole)
        buttons.rejected.connect(self.reject)
        note = QLabel(
            "Saves of the same thing by the same person less than five minutes apart are one entry. "
            "Confidential records show only which fields changed, never their text."
        )
        note.setWordWrap(True)
        note.setStyleSheet("color: #555;")
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.every_change)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self._show()
        self._load()

    def _load(self) -> None:
        store, meeting_id = self.window_.store, self.meeting_id

        def job() -> tuple[Trail, list[Burst], list[Burst]] | None:
            from secdesk.model import Meeting
            from secdesk.services import audit

            with store.read() as session:
                meeting = session.get(Meeting, meeting_id)
                if meeting is None:
                    return None
                trail = audit.read(session, meeting)
            return trail, trail.bursts(), trail.every_change()

        self.window_.worker.run(job, self._fill, label="Reading the audit trail...")

    def _fill(self, found: tuple[Trail, list[Burst], list[Burst]] | None) -> None:
        if found is None:
            self.heading.setText("This meeting is no longer there.")
            return
        self.trail, self.bursts, self.changes = found
        self.entries = self.trail.entries
        entries = "entry" if len(self.bursts) == 1 else "entries"
        changes = "change" if len(self.entries) == 1 else "changes"
        self.heading.setText(
            f"<b>{self.trail.identifier}</b>: {len(self.bursts)} {entries} "
            f"({len(self.entries)} recorded {changes})"
        )
        self.export_button.setEnabled(bool(self.entries))
        self._show()

    def _show(self) -> None:
        from secdesk.services.audit import describe_changes

        every = self.every_change.isChecked()
        headers = self.EVERY_CHANGE_HEADERS if every else self.HEADERS
        shown = self.changes if every else self.bursts
        self.table.clear()
        self.table.setColumnCount(len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setRowCount(len(shown))
        for row, burst in enumerate(shown):
            if every:
                values = (f"{burst.first:%Y-%m-%d %H:%M:%S}", burst.user, burst.what,
                          describe_changes(burst.entries[0].details))
                tips = ("", "", burst.record, values[3])
            else:
                values = (burst.when, burst.user, burst.what + burst.saves_said)
                saves = f"{burst.saves} saves, " if burst.saves > 1 else ""
                span = f"{burst.first:%H:%M:%S} to {burst.last:%H:%M:%S}" if burst.last != burst.first \
                    else f"{burst.first:%H:%M:%S}"
                tips = ("", "", f"{burst.sentence}: {saves}{len(burst.entries)} recorded changes, {span}")
            for column, value in enumerate(values):
                cell = QTableWidgetItem(value)
                if tips[column]:
                    cell.setToolTip(tips[column])
                self.table.setItem(row, column, cell)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeToContents)
        header.setSectionResizeMode(len(headers) - 1, QHeaderView.Stretch)
        self.table.scrollToBottom()

    def export_csv(self) -> Path | None:
        from secdesk.services import audit

        if self.trail is None:
            return None
        suggested = f"{self.trail.identifier} audit trail.csv"
        path = prompts_of(self.window_).save_file(self, "Export audit trail", suggested, "CSV file (*.csv)")
        if path is None:
            return None
        try:
            write_atomically(path, audit.as_csv(self.trail.entries, self.trail.names))
        except SecDeskError as error:  # disk full or unwritable, named by secdesk.atomic
            self.window_.messages.error(self, "Audit trail not written", str(error))
            return None
        self.last_export = path
        return path


def show_audit(window: MainWindow, meeting_id: int | None = None) -> AuditDialog | None:
    page = window._meeting_page
    if meeting_id is None and page is not None and page.meeting is not None and window.pages.currentWidget() is page:
        meeting_id = page.meeting.id
    if meeting_id is None:
        window.messages.info(window, "Audit trail", "Choose the meeting on the left first.")
        return None
    dialog = AuditDialog(window, meeting_id)
    window.dialog = dialog
    dialog.open()
    return dialog
