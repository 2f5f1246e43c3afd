"""The main window, the action log and the registers at a small laptop's size and at full HD
and the committee page (docs/screenshots/size-<screen>-1024x700.png and -1920x1080.png). Run under Xvfb:
    xvfb-run -a -s "-screen 0 1920x1080x24" python docs/screenshots/take_window_sizes.py
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
SIZES = ((1024, 700), (1920, 1080))


def main() -> int:
    home = Path(tempfile.mkdtemp(prefix="secdesk-sizes-"))
    os.environ["SECDESK_HOME"] = str(home)
    os.environ.setdefault("SECDESK_PASSPHRASE", "screenshots")

    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QWidget

    from secdesk.gui import registers
    from secdesk.gui.live import open_actions_log
    from secdesk.gui.main_window import MainWindow
    from secdesk.gui.messages import RecordingMessages
    from secdesk.services.demo import load_demo
    from secdesk.services.meetings import resolve_meeting
    from secdesk.store import open_store

    store = open_store(home / "demo.sqlite", backup=False)
    with store.write() as session:
        load_demo(session)
        meeting = resolve_meeting(session, "TABASC 46")
        meeting_id, committee_id = meeting.id, meeting.committee_id

    app = QApplication(sys.argv[:1])
    window = MainWindow(store, RecordingMessages())
    window.show()
    window.load_navigator()
    while not window.navigator_ready:
        app.processEvents()
    window.select("meeting", meeting_id)
    window.editor.settle()
    window.meeting_page.select_item(window.meeting_page.meeting.items[2].id)

    def shot(widget: QWidget, name: str, width: int, height: int) -> None:
        widget.resize(width, height)
        if widget is window:  # as a new window opens on a screen of that size: the navigator a quarter at most
            navigator = min(320, width // 4)
            window.splitter.setSizes([navigator, width - navigator])
        window.editor.settle()
        for _ in range(10):
            app.processEvents()
            QTest.qWait(20)
        path = HERE / f"size-{name}-{width}x{height}.png"
        widget.grab().save(str(path))
        print("wrote", path)

    for width, height in SIZES:
        shot(window, "meeting-page", width, height)
    window.select("committee", committee_id)
    window.editor.settle()
    for width, height in SIZES:
        shot(window, "committee-page", width, height)
    window.select("meeting", meeting_id)
    window.editor.settle()
    log = open_actions_log(window)
    risks = registers.open_register(window, committee_id)
    planner = registers.open_planner(window, committee_id)
    for name, screen in (("action-log", log), ("risk-register", risks), ("planner", planner)):
        assert screen is not None
        for width, height in SIZES:
            shot(screen, name, width, height)
        screen.close()
    window.close()
    store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
