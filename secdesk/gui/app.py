"""Starts the window on an already-open store: `run(store)` is what `secdesk` calls."""

from __future__ import annotations

import sys
from pathlib import Path

from secdesk.store import Store


def run(store: Store, *, crash_dialogs: bool = True) -> int:
    from PySide6.QtWidgets import QApplication

    from secdesk import __version__
    from secdesk.gui import security
    from secdesk.gui.crash import CrashHandler
    from secdesk.gui.main_window import MainWindow
    from secdesk.gui.messages import Messages
    from secdesk.smoke import maybe_schedule_quit

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("SecDesk")
    app.setOrganizationName("SecDesk")
    app.setApplicationVersion(__version__)
    messages = Messages()
    window = MainWindow(store, messages)

    def show_crash(error: BaseException, log_file: Path | None) -> None:
        if log_file is None:
            messages.error(window, "SecDesk", str(error))
        else:
            messages.crash(window, f"SecDesk met an unexpected error: {error}", str(log_file))

    crashes = CrashHandler(show_crash, dialogs=crash_dialogs)
    crashes.install()
    try:
        window.show()
        security.unlock_at_start(window)  # asks for the key's passphrase before anything confidential is read
        window.load_navigator()
        maybe_schedule_quit(app)  # smoke tests of the built program: quits by itself when asked
        return app.exec()
    finally:
        crashes.uninstall()
