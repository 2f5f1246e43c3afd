"""Take the live screen at a small laptop's size and at full HD (live-1024x700.png, live-1920x1080.png).

Item 3 of the TABASC 47 meeting of take_live_screenshots.py, with two papers. Run under Xvfb:
    xvfb-run -a -s "-screen 0 1920x1080x24" python docs/screenshots/take_live_sizes.py
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
SIZES = ((1024, 700), (1920, 1080))


def main() -> int:
    home = Path(tempfile.mkdtemp(prefix="secdesk-live-sizes-"))
    os.environ["SECDESK_HOME"] = str(home)
    os.environ.setdefault("SECDESK_PASSPHRASE", "screenshots")
    sys.path.insert(0, str(HERE))
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication
    from take_live_screenshots import build_meeting

    from secdesk.gui.editor import Editor
    from secdesk.gui.live.live_window import LiveWindow
    from secdesk.gui.messages import RecordingMessages
    from secdesk.model import AgendaItem, Classification
    from secdesk.services import agenda
    from secdesk.services.demo import load_demo
    from secdesk.store import open_store

    store = open_store(home / "demo.sqlite", backup=False)
    with store.write() as session:
        load_demo(session)
    meeting_id, item_ids = build_meeting(store)
    with store.write() as session:
        item = session.get(AgendaItem, item_ids[3])
        agenda.add_paper(session, item, "Recovery test report", reference="TABASC47/03")
        agenda.add_paper(session, item, "Findings and next steps", reference="TABASC47/04",
                         classification=Classification.AMBER)

    app = QApplication(sys.argv[:1])
    messages = RecordingMessages()
    editor = Editor(store, messages)
    for width, height in SIZES:
        window = LiveWindow(editor, editor.worker, messages, meeting_id)
        window.resize(width, height)
        window.show()
        editor.settle()
        window.go_to(item_ids[3])
        editor.settle()
        for _ in range(10):
            app.processEvents()
            QTest.qWait(20)
        name = HERE / f"live-{width}x{height}.png"
        window.grab().save(str(name))
        print("wrote", name, "panes", window.splitter.sizes())
        window.close()
        editor.settle()
    editor.worker.shutdown()
    store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
