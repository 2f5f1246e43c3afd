"""Starts the window: `secdesk` with no command calls `start(db)`.

The window is shown first and the database opened behind it, so a locked,
damaged or foreign file is explained in the window rather than on a terminal
that someone who double-clicked SecDesk never sees.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

# The lighter scan below, once installed, keeps PySide6's own here.
ORIGINAL_SCAN = "_secdesk_original"


def lighten_pyside_import_scan() -> None:
    """Answer PySide6's question about each module imported after it by reading the file's bytes.

    PySide6 hooks every import after its own to ask whether the module's source says
    "PySide6" (for its opt-in `__feature__` switches, which SecDesk does not use), through
    inspect.getsource: about 0.1 s of the store's opening on the worker, SQLAlchemy and the
    model being some 270 modules. Reading the bytes answers the same question in a fraction
    of that; what is not a readable .py file gets PySide6's own answer. A PySide6 without
    that hook is left as it is.
    """
    feature = sys.modules.get("shibokensupport.feature")
    original = getattr(feature, "_mod_uses_pyside", None)
    if original is None or hasattr(original, ORIGINAL_SCAN):
        return

    def uses_pyside(module: Any) -> bool:
        file = getattr(module, "__file__", None)
        if not isinstance(file, str) or not file.endswith(".py"):
            return bool(original(module))
        try:
            with open(file, "rb") as source:
                return b"PySide6" in source.read()
        except OSError:
            return bool(original(module))

    setattr(uses_pyside, ORIGINAL_SCAN, original)
    feature._mod_uses_pyside = uses_pyside  # type: ignore[union-attr]


def start(target: str | Path | None, *, with_demo: bool = False, crash_dialogs: bool = True) -> int:
    """Run the window on `target` (a file, an SQLAlchemy URL, or None for the default file)."""
    from PySide6.QtWidgets import QApplication

    lighten_pyside_import_scan()  # before the window's own modules and the store's load

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
