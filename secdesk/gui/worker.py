"""Long work off the GUI thread: one serial worker; results come back on the GUI thread.

`Worker.run(job, on_done)` queues `job()` on the single worker thread; when it
finishes, `on_done(result)` runs on the GUI thread (a queued signal). A job that
is still running after PROGRESS_DELAY_MS makes `busy` emit True, so the window
shows progress only for work that lasts.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal

if TYPE_CHECKING:
    from concurrent.futures import Future, ThreadPoolExecutor

PROGRESS_DELAY_MS = 600


class Worker(QObject):
    _finished = Signal(int, object, object)  # token, result, error (emitted from the worker thread)
    busy = Signal(bool, str)  # shown/hidden, label

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._executor: ThreadPoolExecutor | None = None  # made by the first job, after the window has painted
        self._tokens = itertools.count(1)
        self._pending: dict[int, tuple[Callable[[Any], None], Callable[[BaseException], None] | None, str]] = {}
        self._shown: set[int] = set()
        self._closed = False
        self._finished.connect(self._deliver)

    def run(
        self,
        job: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None] | None = None,
        label: str = "Working...",
    ) -> int:
        if self._closed:
            return 0  # the window closed: nobody is left to show the result
        if self._executor is None:
            from concurrent.futures import ThreadPoolExecutor

            self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="secdesk-worker")
        token = next(self._tokens)
        self._pending[token] = (on_done, on_error, label)
        future = self._executor.submit(job)
        future.add_done_callback(lambda f, t=token: self._report(t, f))
        QTimer.singleShot(PROGRESS_DELAY_MS, self, lambda t=token: self._maybe_show(t))
        return token

    def idle(self) -> bool:
        """No job queued, running, or waiting for its result to be delivered."""
        return not self._pending

    def _report(self, token: int, future: Future[Any]) -> None:
        if future.cancelled():  # queued when the window closed: nobody waits for it
            return
        error = future.exception()
        self._finished.emit(token, None if error else future.result(), error)

    def _maybe_show(self, token: int) -> None:
        if token in self._pending:
            self._shown.add(token)
            self.busy.emit(True, self._pending[token][2])

    def _deliver(self, token: int, result: Any, error: BaseException | None) -> None:
        on_done, on_error, _label = self._pending.pop(token)
        if token in self._shown:
            self._shown.discard(token)
            if not self._shown:
                self.busy.emit(False, "")
        if error is None:
            on_done(result)
        elif on_error is not None:
            on_error(error)
        else:
            raise error

    def shutdown(self) -> None:
        """Run what is queued, then stop the thread (the window calls this when it closes).

        Queued jobs include the last saves of typing flushed as the window closes: none is dropped.
        """
        self._closed = True
        if self._executor is not None:
            self._executor.shutdown(wait=True)
