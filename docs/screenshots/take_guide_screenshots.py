"""Take the screenshots of the user guide (docs/guide.md) that no other script takes.

- guide-export-menu.png: Meeting > Export > Export minutes, open over the meeting page;
- guide-final-locked.png: the page of a meeting whose minutes are final, with Reopen minutes...;
- guide-pack-dialog.png: Meeting > Build pack...;
- guide-delete-meeting.png: Delete on a meeting in the navigator, the question it asks;
- guide-white-amber.png: the same confidential item in the White and the Amber minutes (PDF).

Run under Xvfb at 1280x800 so fonts and styles are the real ones (pdftoppm draws the PDF pages):
    xvfb-run -a -s "-screen 0 1280x800x24" python3 docs/screenshots/take_guide_screenshots.py
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent


def pdf_page(pdf: Path, page: int, target: Path) -> Path:
    """One page at 60 dpi, as `pdftoppm -r 60 -png -f N -l N` renders it."""
    subprocess.run(["pdftoppm", "-r", "60", "-png", "-f", str(page), "-l", str(page), "-singlefile",
                    str(pdf), str(target.with_suffix(""))], check=True)
    return target


def page_with(pdf: Path, words: str) -> int:
    """The first page of the PDF whose text holds `words`."""
    from pypdf import PdfReader

    for number, page in enumerate(PdfReader(str(pdf)).pages, start=1):
        if words in " ".join(page.extract_text().split()):
            return number
    raise SystemExit(f"{words!r} is on no page of {pdf}")


def main() -> int:
    home = Path(tempfile.mkdtemp(prefix="secdesk-shots-"))
    os.environ["SECDESK_HOME"] = str(home)
    os.environ["HOME"] = str(home)  # the export and pack folders propose this Documents folder
    os.environ["SECDESK_PASSPHRASE"] = "screenshots"  # no keyring under Xvfb: the key goes in a key file

    from PIL import Image
    from PySide6.QtCore import QPoint, QTimer
    from PySide6.QtGui import QPainter, QPixmap
    from PySide6.QtWidgets import QApplication, QMenu, QMessageBox

    from secdesk.documents.export import export, meeting_document
    from secdesk.gui import pack_dialog
    from secdesk.gui.main_window import MainWindow
    from secdesk.gui.messages import Messages, RecordingMessages
    from secdesk.gui.prompts import ScriptedPrompts
    from secdesk.model import Classification
    from secdesk.services.demo import load_demo
    from secdesk.services.meetings import resolve_meeting
    from secdesk.store import open_store

    store = open_store(home / "demo.sqlite", backup=False)
    with store.write() as session:
        load_demo(session)
        held_id = resolve_meeting(session, "TABASC 46").id
        final_id = resolve_meeting(session, "TABASC 45").id

    app = QApplication(sys.argv[:1])
    window = MainWindow(store, RecordingMessages())
    window.prompts = ScriptedPrompts()
    window.resize(1280, 800)
    window.show()
    window.load_navigator()
    while not window.navigator_ready:
        app.processEvents()

    def settle(ms: int = 250) -> None:
        window.editor.settle()
        end = QTimer()
        end.setSingleShot(True)
        end.start(ms)
        while end.isActive():
            app.processEvents()

    def save(pixmap: QPixmap, name: str) -> None:
        pixmap.save(str(HERE / f"{name}.png"))
        print("saved", name)

    # Meeting > Export > Export minutes, each menu painted over the window where it opened.
    window.select("meeting", held_id)
    settle()
    page = window.meeting_page
    page.select_item(page.meeting.items[5].id)
    settle()
    bar = window.menuBar()
    meeting_entry = next(a for a in bar.actions() if a.text() == "&Meeting")
    menus: list[QMenu] = []
    menu = meeting_entry.menu()
    menu.popup(bar.mapToGlobal(bar.actionGeometry(meeting_entry).bottomLeft()))
    menus.append(menu)
    settle()
    for entry in (window.export_menu.menuAction(), window.export_menu.actions()[0]):
        parent = menus[-1]
        parent.setActiveAction(entry)
        sub = entry.menu()
        sub.popup(parent.mapToGlobal(parent.actionGeometry(entry).topRight()))
        menus.append(sub)
        settle()
    picture = window.grab()
    painter = QPainter(picture)
    for shown in menus:
        painter.drawPixmap(window.mapFromGlobal(shown.mapToGlobal(QPoint(0, 0))), shown.grab())
    painter.end()
    for shown in reversed(menus):
        shown.hide()
    save(picture, "guide-export-menu")

    # Meeting > Build pack... on the meeting shown.
    dialog = pack_dialog.open_pack_dialog(window)
    assert dialog is not None
    settle()
    save(dialog.grab(), "guide-pack-dialog")
    dialog.reject()

    # A meeting whose minutes are final: the lock banner and Reopen minutes...
    window.select("meeting", final_id)
    settle()
    page = window.meeting_page
    page.select_item(page.meeting.items[2].id)
    settle()
    save(window.grab(), "guide-final-locked")

    # Delete on a meeting chosen in the navigator: the real question, grabbed and answered No.
    window.select("meeting", held_id)
    settle()
    recording, window.messages = window.messages, Messages()

    def answer() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox), box
        save(box.grab(), "guide-delete-meeting")
        box.button(QMessageBox.StandardButton.No).click()

    QTimer.singleShot(800, answer)
    window.delete_action.trigger()
    window.messages = recording
    window.close()

    # The confidential item 6 of TABASC 46 in the White and in the Amber minutes.
    out = home / "out"
    out.mkdir()
    pages = []
    for level, words in ((Classification.WHITE, "Readiness Survey"),
                         (Classification.AMBER, "Supplier Readiness Survey Results")):
        pdf = export(meeting_document(store, "minutes", "TABASC 46", level), "pdf", out / f"{level.value}.pdf")
        pages.append(Image.open(pdf_page(pdf, page_with(pdf, words), out / f"{level.value}.png")))
    gap = 24
    both = Image.new("RGB", (sum(p.width for p in pages) + gap, max(p.height for p in pages)), "#d0d0d0")
    both.paste(pages[0], (0, 0))
    both.paste(pages[1], (pages[0].width + gap, 0))
    both.save(HERE / "guide-white-amber.png")
    print("saved guide-white-amber")
    store.close()
    shutil.rmtree(home, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
