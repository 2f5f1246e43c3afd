"""Starting the window: it paints first, fills the navigator from a glance, then opens the store.

A database that cannot be opened (foreign, damaged, locked) is explained in the
window, with Try again and Open another database, and is left as it was.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest

from secdesk.gui.main_window import MainWindow
from secdesk.gui.messages import RecordingMessages
from secdesk.gui.prompts import ScriptedPrompts
from secdesk.store import opening, sqlite
from tests.gui.conftest import read, settle

pytestmark = pytest.mark.gui


@pytest.fixture
def start_window(qtbot: Any, messages: RecordingMessages) -> Any:
    """A window as `secdesk` starts it: shown with no store, then told what to open."""
    windows: list[MainWindow] = []

    def start(target: Path, *, with_demo: bool = False) -> MainWindow:
        window = MainWindow(None, messages)
        qtbot.addWidget(window)
        window.show()
        window.open_database(target, with_demo=with_demo)
        windows.append(window)
        return window

    yield start
    for window in windows:
        window.close()
        if window.store is not None:
            window.store.close()


def _in_navigator(window: MainWindow) -> list[str]:
    model = window.navigator_model
    return [model.data(model.index(row, 0)) for row in range(model.rowCount())]


def test_the_window_is_up_before_the_store_and_works_once_it_is_open(start_window: Any, demo_file: Path,
                                                                      qtbot: Any) -> None:
    window = start_window(demo_file)
    assert window.store is None
    assert window.start_page.text.text() == f"Opening {demo_file}..."
    assert not window.new_meeting_action.isEnabled()  # nothing to edit yet
    assert window.db_label.text() == str(demo_file)
    qtbot.waitUntil(lambda: window.store is not None and window.navigator_ready, timeout=10000)
    settle()
    assert _in_navigator(window)[0].startswith("SECP")
    assert window.new_meeting_action.isEnabled() and window.find_action.isEnabled()
    assert window.pages.currentWidget() is window.committee_page  # the first committee is opened
    assert window.committee_page.committee.code == "SECP"


def test_a_meeting_chosen_while_the_store_opens_is_shown_when_it_is_open(
        start_window: Any, demo_file: Path, qtbot: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    release = threading.Event()
    real_open = opening.open_store

    def slow_open(*args: Any, **kwargs: Any) -> Any:
        release.wait(10)
        return real_open(*args, **kwargs)

    monkeypatch.setattr(opening, "open_store", slow_open)
    window = start_window(demo_file)
    qtbot.waitUntil(lambda: window.navigator_ready, timeout=5000)  # from the glance
    assert window.store is None
    meeting = window.navigator_model.find("meeting", 3)  # TABASC 46
    window.navigator.scrollTo(meeting)
    # QTest itself: the worker is held on purpose, so the click must not wait for it.
    QTest.mouseClick(window.navigator.viewport(), Qt.LeftButton, pos=window.navigator.visualRect(meeting).center())
    assert window.pages.currentWidget() is window.start_page  # nothing to show it with yet
    release.set()
    qtbot.waitUntil(lambda: window.store is not None, timeout=10000)
    settle()
    assert window.pages.currentWidget() is window.meeting_page
    assert window.meeting_page.meeting.identifier == "TABASC_46_1910"


def test_a_window_that_never_paints_still_opens_its_database(qtbot: Any, messages: RecordingMessages,
                                                             demo_file: Path) -> None:
    window = MainWindow(None, messages)  # never shown, as on a desktop nobody is looking at
    qtbot.addWidget(window)
    window.open_database(demo_file)
    qtbot.waitUntil(lambda: window.store is not None and window.navigator_ready, timeout=10000)
    window.close()
    window.store.close()


def test_a_foreign_file_is_explained_and_another_database_can_be_opened(
        start_window: Any, tmp_path: Path, demo_file: Path, qtbot: Any) -> None:
    notes = tmp_path / "notes.sqlite"
    notes.write_text("minutes of the meeting\n")
    window = start_window(notes)
    page = window.start_page
    qtbot.waitUntil(lambda: page.showing_problem, timeout=10000)
    assert window.pages.currentWidget() is page
    assert page.title.text() == "SecDesk cannot open notes.sqlite"
    assert str(notes) in page.text.text()
    assert "not a SecDesk database" in page.text.text() and "left untouched" in page.text.text()
    assert page.retry_button.isVisible() and page.open_other_button.isVisible() and page.quit_button.isVisible()
    assert not page.new_committee_button.isVisible()
    assert not window.new_meeting_action.isEnabled() and window.store is None
    assert notes.read_text() == "minutes of the meeting\n"

    window.prompts = ScriptedPrompts(files=[demo_file])
    qtbot.mouseClick(page.open_other_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: window.store is not None and window.navigator_ready, timeout=10000)
    assert window.store.path == demo_file and window.db_label.text() == str(demo_file)
    assert len(_in_navigator(window)) == 2


def test_a_damaged_database_is_refused_untouched(start_window: Any, demo_file: Path, qtbot: Any) -> None:
    data = bytearray(demo_file.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    data[page_size * 2: page_size * 4] = b"\xa5" * (page_size * 2)
    demo_file.write_bytes(bytes(data))
    window = start_window(demo_file)
    qtbot.waitUntil(lambda: window.start_page.showing_problem, timeout=10000)
    assert "damaged" in window.start_page.text.text() or "integrity" in window.start_page.text.text()
    assert _in_navigator(window) == []  # nothing from a file that may be wrong
    assert demo_file.read_bytes() == bytes(data)


def test_a_locked_database_can_be_tried_again(start_window: Any, demo_file: Path, qtbot: Any,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sqlite, "BUSY_TIMEOUT_MS", 200)
    holder = sqlite3.connect(demo_file, isolation_level=None, timeout=0.1)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    holder.execute("COMMIT")
    try:
        window = start_window(demo_file)
        qtbot.waitUntil(lambda: window.start_page.showing_problem, timeout=10000)
        assert "locked by another program" in window.start_page.text.text()
    finally:
        holder.close()
    qtbot.mouseClick(window.start_page.retry_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: window.store is not None and window.navigator_ready, timeout=10000)
    assert window.store.path == demo_file


def test_with_demo_fills_an_empty_database(start_window: Any, tmp_path: Path, qtbot: Any) -> None:
    from secdesk.services.committees import list_committees

    window = start_window(tmp_path / "new.sqlite", with_demo=True)
    qtbot.waitUntil(lambda: window.store is not None and len(_in_navigator(window)) == 2, timeout=60000)
    assert [c.code for c in read(window.store, list_committees)] == ["SECP", "TABASC"]


def test_secdesk_with_no_command_starts_the_window(demo_file: Path, qapp: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """The real entry point: `secdesk --db FILE` shows the window, opens the file and returns 0 on Quit."""
    from secdesk.cli.main import main

    seen: dict[str, Any] = {}

    def quit_when_open() -> None:
        window = next((w for w in qapp.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()), None)
        if window is not None and "first" not in seen:
            seen["first"] = window.store  # the window is up before the store
        if window is not None and window.store is not None and window.navigator_ready:
            seen["label"] = window.db_label.text()
            window.quit_action.trigger()
        else:
            QTimer.singleShot(20, quit_when_open)

    QTimer.singleShot(0, quit_when_open)
    assert main(["--db", str(demo_file)]) == 0
    assert seen == {"first": None, "label": str(demo_file)}


def test_nothing_heavy_loads_before_the_first_paint(demo_file: Path, secdesk_home: Path) -> None:
    """SQLAlchemy, the exports and the screens behind the menus load after the window has painted."""
    script = r"""
import sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
loaded = {}
class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Paint and not loaded:
            heavy = ("secdesk.gui.meeting_page", "secdesk.gui.security", "secdesk.store.opening")
            loaded["paint"] = sorted(
                m for m in sys.modules if m.split(".")[0] in ("sqlalchemy", "reportlab", "docx") or m in heavy
            )
            QTimer.singleShot(0, poll)
        return False
def poll():
    window = next(w for w in app.topLevelWidgets() if hasattr(w, "navigator_ready"))
    if window.store is None:
        QTimer.singleShot(20, poll)
    else:
        loaded["open"] = "sqlalchemy" in sys.modules
        window.close()
watch = FirstPaint()
show = QMainWindow.show
QMainWindow.show = lambda window: (window.installEventFilter(watch), show(window))
app = QApplication(sys.argv[:1])
from secdesk.cli.main import main
code = main(["--db", sys.argv[1]])
print(code, loaded)
"""
    done = subprocess.run(
        [sys.executable, "-c", script, str(demo_file)], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "0 {'paint': [], 'open': True}"


def test_pysides_scan_of_each_import_reads_bytes_and_gives_pysides_answers(monkeypatch: pytest.MonkeyPatch) -> None:
    """PySide6 asks of every module imported after it whether its source says "PySide6"
    (inspect.getsource: ~0.1 s of the store's opening); `start` answers by reading bytes."""
    import importlib
    import inspect

    import sqlalchemy.orm

    import secdesk.gui.main_window
    from secdesk.gui import app

    feature = importlib.import_module("shibokensupport.feature")
    original = getattr(feature._mod_uses_pyside, app.ORIGINAL_SCAN, feature._mod_uses_pyside)
    modules = (secdesk.gui.main_window, sqlalchemy.orm, sqlite, sys)
    expected = [original(module) for module in modules]
    assert expected == [True, False, False, False]
    monkeypatch.setattr(feature, "_mod_uses_pyside", original)  # as PySide6 has it; restored after
    app.lighten_pyside_import_scan()
    lighter = feature._mod_uses_pyside
    assert lighter is not original
    app.lighten_pyside_import_scan()
    assert feature._mod_uses_pyside is lighter, "installed once"

    def no_getsource(_module: object) -> str:
        raise AssertionError("read through inspect.getsource")

    monkeypatch.setattr(inspect, "getsource", no_getsource)
    assert [lighter(module) for module in modules[:3]] == expected[:3]
