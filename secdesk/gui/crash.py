"""Unexpected errors: logged to a file and shown in a dialog (switchable off), never a silent exit."""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from secdesk import __version__
from secdesk.errors import SecDeskError
from secdesk.paths import log_dir

log = logging.getLogger("secdesk.gui")

ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], None]


def write_crash_log(error: BaseException) -> Path:
    from datetime import datetime  # not before the window's first paint

    path = log_dir() / f"crash-{datetime.now():%Y%m%d-%H%M%S-%f}.log"
    details = "".join(traceback.format_exception(type(error), error, error.__traceback__))
    path.write_text(f"SecDesk {__version__}, Python {sys.version.split()[0]}\n\n{details}", encoding="utf-8")
    log.error("unexpected error, logged to %s\n%s", path, details)
    return path


class CrashHandler:
    """Installed as sys.excepthook while the window runs.

    Errors a user can fix (SecDeskError) that escape to here still get a clear
    message; anything else is a bug: log file plus crash dialog.
    """

    def __init__(self, show: Callable[[BaseException, Path | None], None], dialogs: bool = True) -> None:
        self._show = show
        self.dialogs = dialogs
        self._previous: ExceptHook | None = None
        self.crashes: list[Path] = []

    def install(self) -> None:
        self._previous = sys.excepthook
        sys.excepthook = self.handle

    def uninstall(self) -> None:
        if self._previous is not None:
            sys.excepthook = self._previous
            self._previous = None

    def handle(self, kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        if isinstance(error, KeyboardInterrupt):
            if self._previous:
                self._previous(kind, error, tb)
            return
        error.__traceback__ = tb
        if isinstance(error, SecDeskError):
            if self.dialogs:
                self._show(error, None)
            return
        path = write_crash_log(error)
        self.crashes.append(path)
        if self.dialogs:
            self._show(error, path)
