"""The window's single way to the data: reads and undoable writes through the store.

`Editor.load(job, done)` and `Editor.save(job, done)` run `job(session)` on the one
serial worker and hand the result to `done` on the GUI thread, as Anki's operations
do: the window never waits for the database. A SecDeskError (something the user can
fix) goes to the caller's `failed`, or becomes a message; anything else reaches the
crash dialog. `Editor.changed` is the application-level signal: it carries the
`Changes` of every write and each view refreshes only when the change concerns it.
`Editor.save_state` tells the status bar "Saving..." or "Saved 14:32:07".

`read` and `write` still run on the GUI thread; the calls that use them are moving to
`load` and `save` (tests/gui/gui_thread_sql_allowed.txt lists those left).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import shiboken6
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QWidget

from secdesk.errors import SecDeskError, ValidationError
from secdesk.gui.messages import Messages
from secdesk.gui.worker import Worker

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from secdesk.services.changes import Changes
    from secdesk.store import Store

T = TypeVar("T")


class Editor(QObject):
    changed = Signal(object)  # Changes
    save_state = Signal(str)

    def __init__(
        self, store: Store | None, messages: Messages, parent: QObject | None = None, worker: Worker | None = None
    ) -> None:
        """`store` may come later (the window opens it after its first paint); nothing is edited before.

        `worker` is the window's serial worker; an editor made on its own (a test, the kill
        drill) gets one of its own.
        """
        super().__init__(parent)
        self.store = store
        self.messages = messages
        self.worker = worker if worker is not None else Worker(self)
        self.saving = 0  # writes queued on the worker and not yet done
        self.undo_stack = QUndoStack(self)
        self.window: QWidget | None = None
        self.pending_edits = 0
        self.replays = 0  # undo and redo steps so far: a text box shows their result even while it has focus
        self.problems: dict[int, str] = {}  # typing refused, by field: the status bar says so

    def load(
        self,
        job: Callable[[Session], T],
        done: Callable[[T], None],
        failed: Callable[[SecDeskError], None] | None = None,
        label: str = "Reading...",
    ) -> None:
        """Read on the worker; `done(result)` runs on the GUI thread."""
        store = self.store

        def read() -> T:
            assert store is not None, "nothing is read before the store is open"
            with store.read() as session:
                return job(session)

        self.worker.run(read, done, lambda error: self._failed(error, failed, "Not read"), label)

    def save(
        self,
        job: Callable[[Session], Any],
        done: Callable[[Any], None] | None = None,
        failed: Callable[[SecDeskError], None] | None = None,
        label: str = "Saving...",
    ) -> None:
        """Write on the worker in one transaction; its Changes go out on `changed`, then `done(result)`."""
        store = self.store

        def write() -> Any:
            assert store is not None, "nothing is saved before the store is open"
            with store.write() as session:
                return job(session)

        def saved(result: Any) -> None:
            self.saving -= 1
            self._announce(result)
            if done is not None:
                done(result)

        def refused(error: BaseException) -> None:
            self.saving -= 1
            self._report_saved()
            self._failed(error, failed, "Not saved")

        self.saving += 1
        self.save_state.emit("Saving...")
        self.worker.run(write, saved, refused, label)

    def settle(self, timeout_s: float = 10.0) -> None:
        """Wait, handling events, until every queued load and save is done (tests and scripts only)."""
        from PySide6.QtCore import QCoreApplication, QDeadlineTimer

        deadline = QDeadlineTimer(int(timeout_s * 1000))
        while not self.worker.idle():
            if deadline.hasExpired():
                raise TimeoutError("the worker did not finish in time")
            QCoreApplication.processEvents()
            time.sleep(0.002)  # let the worker thread run

    def _failed(self, error: BaseException, failed: Callable[[SecDeskError], None] | None, title: str) -> None:
        if not isinstance(error, SecDeskError):
            raise error  # a bug: the crash dialog, with its log
        if failed is not None:
            failed(error)
        else:
            self.messages.error(self.window, title, str(error))

    def _announce(self, result: Any) -> None:
        from secdesk.services.changes import Changes  # dataclasses: not before the first paint

        changes = result[-1] if isinstance(result, tuple) else result
        self._report_saved()
        if isinstance(changes, Changes):
            self.changed.emit(changes)

    def read(self, job: Callable[[Session], T]) -> T:
        with self.store.read() as session:
            return job(session)

    def write(self, job: Callable[[Session], Any]) -> Any:
        """Run one write transaction and announce its Changes; user errors propagate."""
        self.save_state.emit("Saving...")
        try:
            with self.store.write() as session:
                result = job(session)
        except Exception:
            self._report_saved()
            raise
        self._announce(result)
        return result

    def _report_saved(self) -> None:
        if self.pending_edits or self.saving:
            self.save_state.emit("Saving...")
        elif self.problems:
            self.save_state.emit(f"Not saved: {list(self.problems.values())[-1]}")
        else:
            self.save_state.emit(f"Saved {time.strftime('%H:%M:%S')}")

    def report_saved(self) -> None:
        """Typing was committed (or needed no saving): the status bar tells the truth again."""
        self._report_saved()

    def set_problem(self, field: int, problem: str) -> None:
        """A field's typing was refused; it stays refused until that field saves or shows another record."""
        self.problems.pop(field, None)
        self.problems[field] = problem
        self._report_saved()

    def clear_problem(self, field: int) -> None:
        # Also called as a field is destroyed, which may be after the window (and this
        # editor's Qt half) is gone: then there is no status bar left to tell.
        if self.problems.pop(field, None) is not None and shiboken6.isValid(self):
            self._report_saved()

    def push(self, command: EditCommand, *, report: bool = True) -> str | None:
        """Do the command now; it goes on the undo stack only when it succeeded.

        Returns None, or the problem in words: shown in a message box when
        `report`, else left for the caller to show where the problem is (a dialog).
        """
        try:
            command.do()
        except SecDeskError as error:
            if report:
                self.refuse(error, command.refresh_on_error)
            elif command.refresh_on_error is not None:
                self.changed.emit(command.refresh_on_error)
            return str(error)
        command.done = True
        self.undo_stack.push(command)
        return None

    def push_typed(self, command: EditCommand) -> str | None:
        """Save typing: a value that is wrong (empty, impossible, taken) comes back to be said beside the field.

        Anything else that refuses the save (final minutes, a locked database) is a
        message box as usual, and the views re-read what is really saved.
        """
        try:
            command.do()
        except ValidationError as error:
            if command.refresh_on_error is not None:
                self.changed.emit(command.refresh_on_error)
            return str(error)
        except SecDeskError as error:
            self.refuse(error, command.refresh_on_error)
            return None
        command.done = True
        self.undo_stack.push(command)
        return None

    def refuse(self, error: SecDeskError, refresh: Changes | None = None) -> None:
        """A user-fixable problem: say so clearly; views re-read what is really saved."""
        self.messages.error(self.window, "Not saved", str(error))
        if refresh is not None:
            self.changed.emit(refresh)


class EditCommand(QUndoCommand):
    """Calls service functions by id through the editor; touches no widget."""

    refresh_on_error: Changes | None = None

    def __init__(self, editor: Editor, text: str) -> None:
        super().__init__(text)
        self.editor = editor
        self.done = False

    def do(self) -> None:
        raise NotImplementedError

    def revert(self) -> None:
        raise NotImplementedError

    def redo(self) -> None:
        if self.done:  # the first redo happened in Editor.push
            self.done = False
            return
        self.editor.replays += 1
        self._guarded(self.do)

    def undo(self) -> None:
        self.editor.replays += 1
        self._guarded(self.revert)

    def _guarded(self, step: Callable[[], None]) -> None:
        try:
            step()
        except SecDeskError as error:
            self.editor.refuse(error, self.refresh_on_error)
            self.setObsolete(True)
