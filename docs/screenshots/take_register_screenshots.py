"""Take docs/screenshots/register-*.png and security-*.png from the demo database.

Run under Xvfb at 1280x800 so fonts and styles are the real ones:
    xvfb-run -a -s "-screen 0 1280x800x24" python docs/screenshots/take_register_screenshots.py
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

    from PySide6.QtCore import QDate, QTimer
    from PySide6.QtWidgets import QApplication

    from secdesk.gui import registers, security
    from secdesk.gui.main_window import MainWindow
    from secdesk.gui.messages import RecordingMessages
    from secdesk.gui.prompts import PassphraseDialog, ScriptedPrompts
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

    def shot(widget: object, name: str) -> None:
        settle()
        widget.grab().save(str(HERE / f"{name}.png"))  # type: ignore[attr-defined]
        print("saved", name)

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

    window = open_window(store)
    window.select("meeting", meeting_id)
    settle()
    page = window.meeting_page
    item = next(i for i in page.meeting.items if i.kind == "risk_register")
    page.select_item(item.id)
    shot(window, "register-meeting-item")

    register = registers.open_register(window, tabasc_id, meeting_id)
    settle()  # the register is read on the worker
    register.resize(1280, 800)
    register.select_risk(register.rows[0].id)
    shot(register, "register-risks")
    register.tabs.setCurrentIndex(1)
    shot(register, "register-reviews")
    register.tabs.setCurrentIndex(2)
    shot(register, "register-thresholds")
    register.close()

    planner = registers.open_planner(window, tabasc_id)
    planner.start.setDate(QDate(2026, 11, 1))
    planner.resize(1100, 560)
    shot(planner, "register-planner")
    planner.close()

    window.new_meeting(tabasc_id)
    window.editor.settle()
    dialog = window.dialog
    dialog.ui.date.setDate(QDate(2026, 11, 16))
    window.editor.settle()
    dialog.planned.boxes[0][1].setChecked(True)
    shot(dialog, "register-new-meeting-planned")
    dialog.reject()

    # Minutes typed as a secretary types them, a pause at each word (each pause is a save), then a
    # presenter corrected: the audit trail shows each burst as one entry in words.
    from PySide6.QtTest import QTest

    window.select("meeting", meeting_id)
    settle()
    page = window.meeting_page
    desnz, dcc = [i for i in page.meeting.items if i.kind == "normal"][:2]

    def type_words(box: object, words: str) -> None:
        box.setFocus()  # type: ignore[attr-defined]
        for word in words.split():
            QTest.keyClicks(box, " " + word)  # type: ignore[arg-type]
            settle(700)

    page.select_item(desnz.id)
    settle()
    minutes = page.details.ui.minutes
    block, last = minutes.document().begin(), None
    while block.isValid() and "\ufffc" not in block.text():  # the end of the item's own text
        last = block if block.text() else last
        block = block.next()
    cursor = minutes.textCursor()
    cursor.setPosition(last.position() + last.length() - 1 if last is not None else 0)
    minutes.setTextCursor(cursor)
    type_words(minutes, "Members asked DESNZ to share the consultation timetable with the Panel.")
    page.flush()
    page.select_item(dcc.id)
    settle()
    page.details.ui.presenter.selectAll()
    type_words(page.details.ui.presenter, "The DCC Release Manager")
    page.flush()
    settle()

    audit = security.show_audit(window, meeting_id)
    while not audit.export_button.isEnabled():
        app.processEvents()
    audit.resize(1040, 560)
    shot(audit, "security-audit-trail")
    audit.every_change.setChecked(True)
    shot(audit, "security-audit-every-change")
    audit.reject()
    window.close()

    # Another computer: the key file is not there and no passphrase is set.
    shutil.move(str(home / "keys"), str(home / "keys-elsewhere"))
    del os.environ["SECDESK_PASSPHRASE"]
    store.close()
    locked_store = open_store(home / "demo.sqlite", backup=False)
    window = open_window(locked_store)
    security.unlock_at_start(window)
    window.select("meeting", meeting_id)
    settle()
    page = window.meeting_page
    amber = next(i for i in page.meeting.items if i.classification == "amber")
    page.select_item(amber.id)
    shot(window, "security-locked-item")
    dialog = security.show_security(window)
    shot(dialog, "security-key-status")
    dialog.reject()
    ask = PassphraseDialog("Unlock confidential content", security._why(window) + "\n\nType the passphrase to unlock "
                           "confidential content, or Cancel to work with it locked.", False, window)
    ask.show()
    shot(ask, "security-passphrase")
    ask.reject()
    window.close()
    locked_store.close()
    shutil.rmtree(home, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
