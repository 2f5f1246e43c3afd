"""Take the window screenshots in docs/screenshots/window-*.png from the demo database.

Run under Xvfb at 1280x800 so the window has real decorations and fonts:
    xvfb-run -a -s "-screen 0 1280x800x24" python docs/screenshots/take_window_screenshots.py
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    home = Path(tempfile.mkdtemp(prefix="secdesk-shots-"))
    os.environ["SECDESK_HOME"] = str(home)  # fresh settings: default geometry, nothing remembered
    os.environ.setdefault("SECDESK_PASSPHRASE", "screenshots")  # no keyring under Xvfb

    from PySide6.QtCore import QDate, QTimer
    from PySide6.QtWidgets import QApplication

    from secdesk.gui.main_window import MainWindow
    from secdesk.gui.messages import RecordingMessages
    from secdesk.services.demo import load_demo
    from secdesk.services.meetings import resolve_meeting
    from secdesk.store import open_store

    store = open_store(home / "demo.sqlite", backup=False)
    with store.write() as session:
        load_demo(session)
        meeting_id = resolve_meeting(session, "TABASC 46").id
        tabasc_id = resolve_meeting(session, "TABASC 46").committee_id

    app = QApplication(sys.argv[:1])
    window = MainWindow(store, RecordingMessages())
    window.resize(1280, 800)
    window.show()
    window.load_navigator()

    def settle(ms: int = 150) -> None:
        end = QTimer()
        end.setSingleShot(True)
        end.start(ms)
        while end.isActive():
            app.processEvents()

    def shot(widget: object, name: str) -> None:
        window.editor.settle()
        settle()
        widget.grab().save(str(HERE / f"window-{name}.png"))  # type: ignore[attr-defined]
        print("saved", name)

    while not window.navigator_ready:
        app.processEvents()
    window.select("meeting", meeting_id)
    window.editor.settle()  # the page is read on the worker
    page = window.meeting_page
    page.select_item(page.meeting.items[5].id)
    shot(window, "main")

    page.select_item(page.meeting.items[0].id)
    shot(window, "agenda")

    # An item's minutes as blocks, its decision's box in its place.
    page.select_item(page.meeting.items[2].id)
    page.details.ui.minutes.setFocus()
    settle()
    page.ui.detailsScroll.ensureWidgetVisible(page.details.ui.minutes)
    shot(window, "item-minutes")

    page.ui.tabs.setCurrentIndex(1)
    page.ui.attendance.selectRow(2)
    shot(window, "attendance")

    window.select("committee", tabasc_id)
    window.editor.settle()
    shot(window, "committee")

    window.new_meeting(tabasc_id)
    window.editor.settle()  # the proposal is read before the dialog opens
    dialog = window.dialog
    dialog.ui.date.setDate(QDate(2026, 11, 16))
    shot(dialog, "new-meeting")
    dialog.reject()

    window.find()
    finder = window.dialog
    finder.ui.query.setText("risk")
    finder.search()
    while not finder.hits:
        app.processEvents()
    shot(finder, "find")
    finder.reject()

    window.close()
    store.close()

    # Starting on a file SecDesk cannot open: the problem is told in the window.
    notes = home / "notes.sqlite"
    notes.write_text("Minutes typed into the wrong file\n")
    refused = MainWindow(None, RecordingMessages())
    refused.resize(1280, 800)
    refused.show()
    refused.open_database(notes)
    while not refused.start_page.showing_problem:
        app.processEvents()
    shot(refused, "cannot-open")
    refused.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
