"""Take the screenshots of issue 18 items 5, 9 and 12 (start page when locked, audit trail, register File menu).

Run under Xvfb at 1280x800 so fonts and styles are the real ones:
    xvfb-run -a -s "-screen 0 1280x800x24" python docs/screenshots/take_issue18_screenshots.py
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    home = Path(tempfile.mkdtemp(prefix="secdesk-shots-"))
    os.environ["SECDESK_HOME"] = str(home)
    os.environ["SECDESK_PASSPHRASE"] = "screenshots"  # no keyring under Xvfb: the key goes in a key file

    from PySide6.QtCore import QPoint, QTimer
    from PySide6.QtGui import QPainter
    from PySide6.QtWidgets import QApplication

    from secdesk.gui import registers
    from secdesk.gui.main_window import MainWindow
    from secdesk.gui.messages import RecordingMessages
    from secdesk.gui.prompts import ScriptedPrompts
    from secdesk.services.demo import load_demo
    from secdesk.services.meetings import resolve_meeting
    from secdesk.store import open_store

    store = open_store(home / "demo.sqlite", backup=False)
    with store.write() as session:
        load_demo(session)
        meeting = resolve_meeting(session, "TABASC 46")
        meeting_id, tabasc_id = meeting.id, meeting.committee_id

    app = QApplication(sys.argv[:1])
    editors: list[object] = []  # every window's editor: its reads and saves are done before a shot

    def settle(ms: int = 200) -> None:
        for editor in editors:
            editor.settle()  # type: ignore[attr-defined]
        end = QTimer()
        end.setSingleShot(True)
        end.start(ms)
        while end.isActive():
            app.processEvents()

    def open_window(opened: object) -> MainWindow:
        window = MainWindow(opened, RecordingMessages())  # type: ignore[arg-type]
        window.prompts = ScriptedPrompts()  # type: ignore[attr-defined]
        window.resize(1280, 800)
        window.show()
        window.load_navigator()
        while not window.navigator_ready:
            app.processEvents()
        editors.append(window.editor)
        window.editor.settle()
        return window

    def save(pixmap: object, name: str) -> None:
        pixmap.save(str(HERE / f"{name}.png"))  # type: ignore[attr-defined]
        print("saved", name)

    # Item 12: the risk register's File menu, Close on Ctrl+W (the open menu painted over the window).
    window = open_window(store)
    register = registers.open_register(window, tabasc_id, meeting_id)
    assert register is not None
    register.resize(1100, 640)
    settle()
    register.select_risk(register.rows[0].id)
    settle()
    menu = register.menuBar().actions()[0].menu()
    origin = register.menuBar().actionGeometry(register.menuBar().actions()[0]).bottomLeft()
    menu.popup(register.mapToGlobal(register.menuBar().mapTo(register, origin)))
    settle()
    picture = register.grab()
    painter = QPainter(picture)
    painter.drawPixmap(register.mapFromGlobal(menu.mapToGlobal(QPoint(0, 0))), menu.grab())
    painter.end()
    menu.hide()
    save(picture, "register-close-menu")
    register.close()
    window.close()
    store.close()
    shutil.rmtree(home, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
