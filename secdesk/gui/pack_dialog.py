"""Meeting > Build pack...: choose the kind, level and folder; the pack builds on the worker with a
progress bar and a Cancel button. Also opening a paper's file in the system's viewer.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from secdesk import glossary
from secdesk.errors import SecDeskError
from secdesk.gui.messages import Messages
from secdesk.gui.worker import Worker
from secdesk.model import Classification
from secdesk.packs.build import PackResult, build_pack
from secdesk.packs.errors import PackCancelled
from secdesk.packs.plan import PackKind, pack_stem
from secdesk.papers.attach import first_stored_file, viewing_copy
from secdesk.store import Store

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from secdesk.gui.editor import Editor
    from secdesk.gui.main_window import MainWindow

LEVELS = {"White (public)": Classification.WHITE, "Amber (confidential)": Classification.AMBER}
KINDS = {
    "Pre-meeting: agenda, previous minutes, actions outstanding, papers": PackKind.PRE,
    f"Post-meeting: minutes, {glossary.ACTION_LOG}, papers": PackKind.POST,
}


class PackDialog(QDialog):
    progressed = Signal(int, int, str)  # emitted from the worker thread; Qt queues it to the GUI thread
    built = Signal(object)  # the PackResult, once a pack is written

    def __init__(self, store: Store, worker: Worker, messages: Messages, meeting_identifier: str,
                 folder: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.worker, self.messages = store, worker, messages
        self.identifier = meeting_identifier
        self.result: PackResult | None = None
        self._cancel = threading.Event()
        self.setWindowTitle(f"Build pack - {meeting_identifier}")
        self.setMinimumWidth(560)

        self.kind = QComboBox()
        self.level = QComboBox()
        for box, choices in ((self.kind, KINDS), (self.level, LEVELS)):
            for label, value in choices.items():
                box.addItem(label, value.value)  # Qt keeps the plain string of a str enum
        self.folder = QLineEdit(str(folder))
        self.folder.setAccessibleName("Folder the pack is built in")
        browse = QPushButton("&Browse...")
        browse.clicked.connect(self._browse)
        where = QHBoxLayout()
        where.addWidget(self.folder, 1)
        where.addWidget(browse)
        self.target_label = QLabel()
        self.target_label.setStyleSheet("color: #555;")
        form = QFormLayout()
        form.addRow("&Pack:", self.kind)
        form.addRow("&Classification:", self.level)
        form.addRow("&Into folder:", where)
        form.labelForField(where).setBuddy(self.folder)  # type: ignore[attr-defined]  # Alt+I, not a literal "&"
        form.addRow("", self.target_label)

        self.progress = QProgressBar()
        self.progress.hide()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.buttons = QDialogButtonBox()
        self.build_button = self.buttons.addButton("&Build pack", QDialogButtonBox.AcceptRole)
        self.open_button = self.buttons.addButton("&Open PDF", QDialogButtonBox.ActionRole)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.Cancel)
        self.open_button.hide()
        self.build_button.clicked.connect(self.build)
        self.open_button.clicked.connect(self._open_pdf)
        self.cancel_button.clicked.connect(self._cancel_or_close)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.progressed.connect(self._show_progress)
        for box in (self.kind, self.level):
            box.currentIndexChanged.connect(self._show_target)
        self.folder.textChanged.connect(self._show_target)
        self._show_target()

    def target(self) -> Path:
        return Path(self.folder.text().strip()).expanduser() / pack_stem(self.identifier, *self.choices())

    def choices(self) -> tuple[PackKind, Classification]:
        return PackKind(self.kind.currentData()), Classification(self.level.currentData())

    def _show_target(self) -> None:
        self.target_label.setText(f"Creates {self.target().name}, with the PDF, the documents, a manifest and a zip")

    def _browse(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, "Folder for the pack", self.folder.text())
        if chosen:
            self.folder.setText(chosen)

    def build(self) -> None:
        target = self.target()
        replace = target.exists() and any(target.iterdir()) if target.is_dir() else False
        if replace and not self.messages.confirm(self, "Build pack", f"{target} already exists. Replace it?"):
            return
        self._cancel.clear()
        self._set_running(True)
        self.status.setText("Building...")
        store, identifier = self.store, self.identifier
        kind, level = self.choices()

        def job() -> PackResult:
            return build_pack(store, identifier, kind, level, target, replace=replace,
                              progress=self.progressed.emit, cancelled=self._cancel.is_set)

        self.worker.run(job, self._done, self._failed, label="Building the pack...")

    def cancel(self) -> None:
        """Stop at the next step; nothing is written."""
        self._cancel.set()
        self.status.setText("Cancelling...")
        self.cancel_button.setEnabled(False)

    def _cancel_or_close(self) -> None:
        if self.progress.isVisible() and self.build_button.isHidden():
            self.cancel()
        else:
            self.reject()

    def _set_running(self, running: bool) -> None:
        self.progress.setVisible(running)
        self.build_button.setHidden(running)
        self.cancel_button.setEnabled(True)
        for widget in (self.kind, self.level, self.folder):
            widget.setEnabled(not running)

    def _show_progress(self, done: int, total: int, label: str) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)
        if not self._cancel.is_set():
            self.status.setText(label)

    def _done(self, result: PackResult) -> None:
        self.result = result
        self._set_running(False)
        self.build_button.setText("&Build again")
        self.open_button.show()
        self.cancel_button.setText("Close")
        extra = "".join(f"\nNote: {n}" for n in result.notices)
        self.status.setText(f"Pack written: {result.folder}\n{result.combined.name}, {result.pages} pages; "
                            f"{len(result.files)} documents in its folder.{extra}")
        self.built.emit(result)

    def _failed(self, error: BaseException) -> None:
        self._set_running(False)
        if isinstance(error, PackCancelled):
            self.status.setText(str(error))
        elif isinstance(error, SecDeskError):
            self.status.setText("")
            self.messages.error(self, "Build pack", str(error))
        else:
            raise error

    def _open_pdf(self) -> None:
        if self.result is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.result.combined)))


def open_pack_dialog(window: MainWindow) -> PackDialog | None:
    meeting = window.shown_meeting()
    if meeting is None:
        window.messages.info(window, "Build pack", "Choose the meeting on the left first.")
        return None
    window.flush()
    code = meeting.committee_code
    # A folder that exists: the committee's last export or pack folder, else Documents (made if missing).
    folder = window.settings.export_folder(code)
    dialog = PackDialog(window.store, window.worker, window.messages, meeting.identifier, folder, window)
    dialog.built.connect(lambda result: window.settings.set_export_folder(code, result.folder.parent))
    window.dialog = dialog
    dialog.open()
    return dialog


def open_paper(parent: QWidget, editor: Editor, paper_id: int, reference: str) -> None:
    """Hand the paper's first stored file to the system's viewer (a decrypted temporary copy if confidential).

    The file is found, read and decrypted on the worker; the viewer opens when it is ready.
    """
    store = editor.store
    assert store is not None

    def job(session: Session) -> Path | None:
        file_id = first_stored_file(session, paper_id)
        return None if file_id is None else viewing_copy(store, file_id)

    def ready(copy: Path | None) -> None:
        if copy is None:
            editor.messages.info(parent, "Open paper", f"Paper {reference} has no file stored in SecDesk.")
        else:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(copy)))

    def refused(error: SecDeskError) -> None:
        editor.messages.error(parent, "Open paper", str(error))

    editor.load(job, ready, failed=refused, label="Opening the paper...")
