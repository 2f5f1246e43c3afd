"""Starts the window: `secdesk` with no command calls `start(db)`.

The window is shown first and the database opened behind it, so a locked,
damaged or foreign file is explained in the window rather than on a terminal
that someone who double-clicked SecDesk never sees.
"""

from __future__ import annotations

import sys
from pathlib import Path


def start(target: str | Path | None, *, with_demo: bool = False, crash_dialogs: bool = True) -> int:
    """Run the window on `target` (a file, an SQLAlchemy URL, or None for the default file)."""
    from PySide6.QtWidgets import QApplication

    from secdesk import __version__
    from secdesk.gui.crash import CrashHandler
    from secdesk.gui.main_window import MainWindow
    from secdesk.gui.messages import Messages
    from secdesk.smoke import maybe_schedule_quit

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("SecDesk")
    app.setOrganizationName("SecDesk")
    app.setApplicationVersion(__version__)
    messages = Messages()
    window = MainWindow(None, messages)

    def show_crash(error: BaseException, log_file: Path | None) -> None:
        if log_file is None:
            messages.error(window, "SecDesk", str(error))
        else:
            messages.crash(window, f"SecDesk met an unexpected error: {error}", str(log_file))

    crashes = CrashHandler(show_crash, dialogs=crash_dialogs)
    crashes.install()
    try:
        window.show()
        window.open_database(target, with_demo=with_demo)
        maybe_schedule_quit(app)  # smoke tests of the built program: quits by itself when asked
        return app.exec()
    finally:
        crashes.uninstall()
        if window.store is not None:
            window.store.close()
