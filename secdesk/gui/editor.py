"""The window's single way to the data: reads and undoable writes through the store.

`Editor.load(job, done)` and `Editor.save(job, done)` run `job(session)` on the one
serial worker and hand the result to `done` on the GUI thread, as Anki's operations
do: the window never waits for the database. A SecDeskError (something the user can
fix) goes to the caller's `failed`, or becomes a message; anything else reaches the
crash dialog. `Editor.changed` is the application-level signal: it carries the
`Changes` of every write and each view refreshes only when the change concerns it.
`Editor.save_state` tells the status bar "Saving..." or "Saved 14:32:07".

Undoable edits are operations too: `Editor.push(command)` runs the command's
`capture` (the values undo will put back) and `do` on the worker, and puts it on
the undo stack once it succeeded; undo and redo run `revert` and `do` there as
well, after any edit still in flight. Inside a command, `read` and `write` open
their sessions on the worker and the Changes of each write are collected and
announced on the GUI thread when the step is done. Nothing the window does runs SQL
on the GUI thread (tests/gui/conftest.py fails a test that does).
"""

from __future__ import annotations

import threading
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
# What a command reports when it is done: None when it was saved, else the problem in words.
Reply = Callable[[str | None], None]


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
        self._step = threading.local()  # on the worker, inside a command: where its writes' Changes go
        self._when_saved: list[Callable[[], None]] = []  # undo and redo wait for edits in flight

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
            try:
                if done is not None:
                    done(result)
            finally:
                self._run_when_saved()

        def refused(error: BaseException) -> None:
            self.saving -= 1
            self._report_saved()
            try:
                self._failed(error, failed, "Not saved")
            finally:
                self._run_when_saved()

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
        self._report_saved()
        if (changes := _changes_of(result)) is not None:
            self.changed.emit(changes)

    def read(self, job: Callable[[Session], T]) -> T:
        """Inside a command's step (on the worker): read in a session of its own."""
        self._in_step()
        assert self.store is not None
        with self.store.read() as session:
            return job(session)

    def write(self, job: Callable[[Session], Any]) -> Any:
        """Inside a command's step (on the worker): one write transaction; its Changes go out after the step."""
        collected = self._in_step()
        assert self.store is not None
        with self.store.write() as session:
            result = job(session)
        if (changes := _changes_of(result)) is not None:
            collected.append(changes)
        return result

    def _in_step(self) -> list[Changes]:
        collected: list[Changes] | None = getattr(self._step, "collected", None)
        if collected is None:
            raise RuntimeError("Editor.read and write belong inside a command's step on the worker: use load or save")
        return collected

    def run_step(
        self,
        step: Callable[[], Any],
        done: Callable[[Any], None],
        refused: Callable[[BaseException], None],
        label: str = "Saving...",
        origin: object = None,
    ) -> None:
        """Run a command's step on the worker; the Changes of its writes go out, marked with `origin`."""
        collected: list[Changes] = []
        local = self._step

        def job() -> Any:
            local.collected = collected
            try:
                return step()
            finally:
                local.collected = None

        def announce() -> None:
            from dataclasses import replace

            self.saving -= 1
            for changes in collected:
                self.changed.emit(replace(changes, origin=origin) if origin is not None else changes)
            self._report_saved()

        def finished(result: Any) -> None:
            announce()
            try:
                done(result)
            finally:
                self._run_when_saved()

        def failed(error: BaseException) -> None:
            announce()
            try:
                refused(error)
            finally:
                self._run_when_saved()

        self.saving += 1
        self.save_state.emit("Saving...")
        self.worker.run(job, finished, failed, label)

    def when_saved(self, then: Callable[[], None]) -> None:
        """Run `then` once no edit is in flight (now, if none is): undo must take back the last edit."""
        self._when_saved.append(then)
        self._run_when_saved()

    def _run_when_saved(self) -> None:
        while self._when_saved and not self.saving:
            self._when_saved.pop(0)()

    def undo(self) -> None:
        self.when_saved(self.undo_stack.undo)

    def redo(self) -> None:
        self.when_saved(self.undo_stack.redo)

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

    def push(self, command: EditCommand, reply: Reply | None = None, *, done: Callable[[], None] | None = None) -> None:
        """Do the command on the worker; it goes on the undo stack only when it succeeded, then `done()`.

        A problem the user can fix goes to `reply` (a dialog shows it beside its fields)
        or, without one, to a message box; `reply(None)` says it was saved.
        """

        def succeeded(_result: Any) -> None:
            self._on_stack(command)
            if reply is not None:
                reply(None)
            if done is not None:
                done()

        def refused(error: BaseException) -> None:
            if not isinstance(error, SecDeskError):
                raise error
            if reply is None:
                self.refuse(error, command.refresh_on_error)
                return
            if command.refresh_on_error is not None:
                self.changed.emit(command.refresh_on_error)
            reply(str(error))

        self.run_step(command.first_do, succeeded, refused, command.text(), command.origin)

    def push_typed(self, command: EditCommand, reply: Reply) -> None:
        """Save typing: a value that is wrong (empty, impossible, taken) comes back to be said beside the field.

        Anything else that refuses the save (final minutes, a locked database) is a
        message box as usual, and the views re-read what is really saved.
        """

        def succeeded(_result: Any) -> None:
            self._on_stack(command)
            reply(None)

        def refused(error: BaseException) -> None:
            if isinstance(error, ValidationError):
                if command.refresh_on_error is not None:
                    self.changed.emit(command.refresh_on_error)
                reply(str(error))
            elif isinstance(error, SecDeskError):
                self.refuse(error, command.refresh_on_error)
                reply(None)
            else:
                raise error

        self.run_step(command.first_do, succeeded, refused, command.text(), command.origin)

    def push_edit(self, command: EditCommand, typed: Reply | None) -> None:
        """`push_typed` for typing (its problem said beside the field), else `push` (a message box)."""
        if typed is not None:
            self.push_typed(command, typed)
        else:
            self.push(command)

    def _on_stack(self, command: EditCommand) -> None:
        if command.unchanged:
            return  # it would have put back what is there: nothing to undo
        command.done = True
        self.undo_stack.push(command)  # calls redo(), which knows the step is already done

    def refuse(self, error: SecDeskError, refresh: Changes | None = None) -> None:
        """A user-fixable problem: say so clearly; views re-read what is really saved."""
        self.messages.error(self.window, "Not saved", str(error))
        if refresh is not None:
            self.changed.emit(refresh)


class EditCommand(QUndoCommand):
    """Calls service functions by id through the editor; touches no widget; runs on the worker."""

    refresh_on_error: Changes | None = None
    origin: object = None  # who started it, carried on its Changes (the live screen knows its own typing)

    def __init__(self, editor: Editor, text: str) -> None:
        super().__init__(text)
        self.editor = editor
        self.done = False
        self.captured = False
        self.unchanged = False  # found, when first done, to change nothing: it stays off the undo stack

    def capture(self) -> None:
        """Read what undo will put back, just before the first `do` (on the worker)."""

    def first_do(self) -> None:
        if not self.captured:
            self.capture()
            self.captured = True
        self.do()

    def do(self) -> None:
        raise NotImplementedError

    def revert(self) -> None:
        raise NotImplementedError

    def redo(self) -> None:
        if self.done:  # the first redo happened in Editor.push
            self.done = False
            return
        self.editor.replays += 1
        self._replay(self.do)

    def undo(self) -> None:
        self.editor.replays += 1
        self._replay(self.revert)

    def _replay(self, step: Callable[[], None]) -> None:
        def refused(error: BaseException) -> None:
            if not isinstance(error, SecDeskError):
                raise error
            self.editor.refuse(error, self.refresh_on_error)
            self.setObsolete(True)

        self.editor.run_step(step, lambda _result: None, refused, self.text())


def _changes_of(result: Any) -> Changes | None:
    from secdesk.services.changes import Changes  # dataclasses: not before the first paint

    changes = result[-1] if isinstance(result, tuple) else result
    return changes if isinstance(changes, Changes) else None
