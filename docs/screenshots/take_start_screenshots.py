"""Take the screenshots of issue 18 item 5: an empty database offers the demo, a cancelled passphrase offers Unlock.

Run under Xvfb at 1280x800 so fonts and styles are the real ones:
    xvfb-run -a -s "-screen 0 1280x800x24" python docs/screenshots/take_start_screenshots.py
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    home = Path(tempfile.mkdtemp(prefix="secdesk-shots-"))
    os.environ["SECDESK_HOME"] = str(home)
    os.environ["SECDESK_PASSPHRASE"] = "screenshots"  # the key file's passphrase while the demo is made

    import keyring
    from keyring.backends import fail
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from secdesk.gui import security
    from secdesk.gui.main_window import MainWindow
    from secdesk.gui.messages import RecordingMessages
    from secdesk.gui.prompts import ScriptedPrompts
    from secdesk.services.demo import load_demo
    from secdesk.store import open_store

    keyring.set_keyring(fail.Keyring())  # no keyring: the key lives in a file behind its passphrase
    app = QApplication(sys.argv[:1])

    def settle(window: MainWindow, ms: int = 300) -> None:
        window.editor.settle()
        end = QTimer()
        end.setSingleShot(True)
        end.start(ms)
        while end.isActive():
            app.processEvents()

    # An empty database: the welcome offers the demo beside New committee.
    empty = open_store(home / "empty.sqlite", backup=False)
    window = MainWindow(empty, RecordingMessages())
    window.resize(1280, 800)
    window.show()
    window.load_navigator()
    while not window.navigator_ready:
        app.processEvents()
    settle(window)
    window.grab().save(str(HERE / "start-offers-demo.png"))
    window.close()
    empty.close()

    # A demo database whose passphrase prompt was cancelled: the status bar offers Unlock.
    demo = open_store(home / "demo.sqlite", backup=False)
    with demo.write() as session:
        load_demo(session)
    demo.close()
    del os.environ["SECDESK_PASSPHRASE"]
    demo = open_store(home / "demo.sqlite", backup=False)
    window = MainWindow(demo, RecordingMessages())
    window.prompts = ScriptedPrompts(passphrases=[None])  # type: ignore[attr-defined]
    window.resize(1280, 800)
    window.show()
    security.unlock_at_start(window, window.load_navigator)
    while not window.navigator_ready:
        app.processEvents()
    settle(window)
    window.grab().save(str(HERE / "status-locked-unlock.png"))
    window.close()
    demo.close()
    print("wrote start-offers-demo.png and status-locked-unlock.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
