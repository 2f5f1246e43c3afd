"""Take the screenshot of issue 18 item 3: the action log edited in place, a refused due date said under it.

Run under Xvfb at 1280x800 so fonts and styles are the real ones:
    xvfb-run -a -s "-screen 0 1280x800x24" python docs/screenshots/take_actions_log_screenshots.py
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
TODAY = date(2026, 11, 23)


def main() -> int:
    home = Path(tempfile.mkdtemp(prefix="secdesk-shots-"))
    os.environ["SECDESK_HOME"] = str(home)
    os.environ["SECDESK_PASSPHRASE"] = "screenshots"

    import keyring
    from keyring.backends import fail
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QLineEdit

    from secdesk.gui.editor import Editor
    from secdesk.gui.live.actions_log import KEYS, ActionsLogWindow
    from secdesk.gui.messages import RecordingMessages
    from secdesk.gui.worker import Worker
    from secdesk.services import actions, committees, meetings, reviews
    from secdesk.services.demo import load_demo
    from secdesk.store import open_store

    keyring.set_keyring(fail.Keyring())
    app = QApplication(sys.argv[:1])
    store = open_store(home / "demo.sqlite", backup=False)
    with store.write() as session:
        load_demo(session)
    with store.write() as session:  # the next TABASC meeting is planned: updates typed in the log go there
        tabasc = committees.get_committee(session, "TABASC")
        next_meeting = meetings.create_meeting(session, tabasc, date(2026, 12, 14), number=47)
        reviews.log_update(session, next_meeting, actions.get_action(session, "TABASC46/01"),
                           "Cost estimate received from the DCC; paper drafted for the Panel.")

    worker = Worker()
    editor = Editor(store, RecordingMessages(), worker=worker)
    window = ActionsLogWindow(editor, worker, editor.messages)
    window.today = lambda: TODAY
    window.resize(1280, 800)
    window.show()
    window.activateWindow()
    QTest.qWaitForWindowActive(window)

    def settle(ms: int = 300) -> None:
        editor.settle()
        end = QTimer()
        end.setSingleShot(True)
        end.start(ms)
        while end.isActive():
            app.processEvents()
        editor.settle()

    settle()
    window.committee.setCurrentIndex(window.committee.findText("TABASC"))
    settle()
    row = next(n for n, r in enumerate(window.model.rows) if r.reference == "TABASC46/03")
    window.table.setFocus()
    window.table.setCurrentIndex(window.model.index(row, KEYS.index("due")))
    QTest.keyClick(window.table, Qt.Key_F2)
    settle()
    line = window.table.viewport().findChild(QLineEdit)
    QTest.keyClick(line, Qt.Key_A, Qt.ControlModifier)
    QTest.keyClicks(line, "31 Feb 2027")
    QTest.keyClick(line, Qt.Key_Return)
    settle(600)
    window.grab().save(str(HERE / "actions-log-editing.png"))
    window.close()
    worker.shutdown()
    store.close()
    print("wrote actions-log-editing.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
