"""The bundled program's entry point: the `secdesk` command, plus what double-clicking needs.

- Opening a meeting package (`SecDesk meeting.sdmp`, as the file association and
  drag-and-drop do) imports it into the default database, then starts the window.
  Importing the same package twice changes nothing, so a second double-click is safe.
- With SECDESK_SMOKE_QUIT_MS set, a watchdog makes sure the window quits even if it
  never called secdesk.smoke.maybe_schedule_quit: the smoke test must never hang.
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
import threading
import time
from collections.abc import Sequence

from secdesk.cli.main import main
from secdesk.errors import SecDeskError
from secdesk.smoke import quit_delay_ms

PACKAGE_EXTENSION = ".sdmp"  # keep in step with installer/manifest.py
WATCHDOG_GRACE_MS = 3_000  # the window's own quit comes first; this one only stops a hang


def opened_package(argv: Sequence[str]) -> str | None:
    """The meeting package the program was asked to open, if that is all it was asked."""
    if len(argv) == 1 and argv[0].lower().endswith(PACKAGE_EXTENSION) and os.path.isfile(argv[0]):
        return argv[0]
    return None


def import_then_open(package: str) -> int:
    errors = io.StringIO()
    with contextlib.redirect_stderr(errors):
        imported = main(["import-meeting", package]) == 0
    if not imported:
        _show_problem(errors.getvalue().strip() or f"Could not import {package}.")
    return main([])


def _show_problem(text: str) -> None:
    """Say what went wrong on stderr and, as a double-click has no console, in a message box."""
    print(text, file=sys.stderr)
    from PySide6.QtWidgets import QApplication, QMessageBox

    QApplication.instance() or QApplication(sys.argv[:1])
    QMessageBox.warning(None, "SecDesk", text)


def start_quit_watchdog(delay_ms: int) -> None:
    """After the delay plus a grace period, post a quit to the application once there is one."""

    def watch() -> None:
        time.sleep((delay_ms + WATCHDOG_GRACE_MS) / 1000)
        while True:
            qt_core = sys.modules.get(
                "PySide6.QtCore"
            )  # loaded by the window, never by this thread
            app = qt_core.QCoreApplication.instance() if qt_core else None
            if app is not None:
                break
            time.sleep(0.2)
        print(
            "secdesk: smoke watchdog: the window did not quit by itself, quitting it",
            file=sys.stderr,
        )
        # Queued calls are thread-safe; this one waits for the event loop if it has not started.
        qt_core.QMetaObject.invokeMethod(app, "quit", qt_core.Qt.ConnectionType.QueuedConnection)

    threading.Thread(target=watch, name="smoke-watchdog", daemon=True).start()


def _give_windowed_program_streams() -> None:
    # A windowed Windows/macOS program has no console: sys.stdout/stderr are None there.
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            # Kept open for the life of the program: it stands in for the stream.
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115


def run(argv: Sequence[str]) -> int:
    _give_windowed_program_streams()
    try:
        delay = quit_delay_ms()
    except SecDeskError as error:
        print(f"secdesk: {error}", file=sys.stderr)
        return 2
    if delay is not None:  # a command ends without ever starting Qt: the watchdog just waits
        start_quit_watchdog(delay)
    package = opened_package(argv)
    if package is not None:
        return import_then_open(package)
    return main(list(argv))


if __name__ == "__main__":
    sys.exit(run(sys.argv[1:]))
