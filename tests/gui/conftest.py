"""GUI fixtures: a main window on the demo database, with message boxes recorded instead of shown."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.orm import Session

from secdesk.gui.messages import RecordingMessages
from secdesk.store import Store


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/gui/" in str(item.fspath).replace("\\", "/"):
            item.add_marker(pytest.mark.gui)


@pytest.fixture
def messages() -> RecordingMessages:
    return RecordingMessages()


@pytest.fixture
def make_window(qtbot: Any, messages: RecordingMessages) -> Iterator[Callable[[Store], Any]]:
    from secdesk.gui.main_window import MainWindow

    windows: list[MainWindow] = []

    def make(store: Store, fast: bool = True) -> MainWindow:
        window = MainWindow(store, messages)
        qtbot.addWidget(window)
        if fast:
            window.settings.save_delay = 100  # pages built later pick it up
            window._apply_delay(100)
        window.show()
        window.load_navigator()
        qtbot.waitUntil(lambda: window.navigator_ready, timeout=5000)
        windows.append(window)
        window.editor.settle()  # the page the settings remember is read
        return window

    yield make
    for window in windows:
        window.close()  # saves settings and stops the worker thread
    left = [t.name for t in threading.enumerate() if t.name.startswith("secdesk-worker")]
    assert not left, f"worker threads left running: {left}"


@pytest.fixture
def window(make_window: Callable[[Store], Any], demo_store: Store) -> Any:
    return make_window(demo_store)


EDITORS: list[Any] = []  # every editor a test made, so `settle` can wait for their work


@pytest.fixture
def meeting_47(demo_store: Store) -> int:
    from secdesk.services import committees, meetings

    with demo_store.write() as session:
        return meetings.create_meeting(session, committees.get_committee(session, "TABASC"), date(2026, 11, 16)).id


@pytest.fixture
def live(qtbot: Any, demo_store: Store, meeting_47: int, messages: RecordingMessages) -> Iterator[Any]:
    """The live screen of a new TABASC meeting, on the one serial worker as in the main window."""
    from secdesk.gui.editor import Editor
    from secdesk.gui.live.live_window import LiveWindow

    editor = Editor(demo_store, messages)
    worker = editor.worker
    window = LiveWindow(editor, worker, messages, meeting_47)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    editor.settle()  # the meeting is read, its first item shown
    window.minutes.setFocus()
    yield window
    window.close()
    worker.shutdown()


@pytest.fixture(autouse=True)
def _editors_are_known(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    from secdesk.gui.editor import Editor

    made = Editor.__init__

    def remembered(self: Editor, *args: Any, **kwargs: Any) -> None:
        made(self, *args, **kwargs)
        EDITORS.append(self)

    monkeypatch.setattr(Editor, "__init__", remembered)
    yield
    EDITORS.clear()


@pytest.fixture(autouse=True)
def _users_wait_for_the_window(monkeypatch: pytest.MonkeyPatch) -> None:
    """After each click or key a test sends, the window's reads and saves finish, as a user would see them."""
    from pytestqt.qtbot import QtBot

    for name in ("keyClick", "keyClicks", "keyPress", "keySequence", "mouseClick", "mouseDClick"):
        sent = getattr(QtBot, name)

        def then_settle(*args: Any, _sent: Any = sent, **kwargs: Any) -> Any:
            result = _sent(*args, **kwargs)
            settle()
            return result

        monkeypatch.setattr(QtBot, name, staticmethod(then_settle))


def settle() -> None:
    """Wait until every editor's queued reads and writes are done and their results shown."""
    import shiboken6

    for editor in EDITORS:
        if shiboken6.isValid(editor):
            editor.settle()


def choose(window: Any, kind: str, key: int) -> bool:
    """Choose a committee or meeting in the navigator, as a click does, and wait until it shows."""
    chosen = window.select(kind, key)
    settle()
    return chosen


def end_of_typed_minutes(box: Any) -> None:
    """Put a minutes editor's cursor where a secretary adds to the item's text: at the end of
    its last paragraph before the first decision, action or note box (the end of the document
    is after those boxes, and text typed there prints after them)."""
    block, last = box.document().begin(), None
    while block.isValid() and "\ufffc" not in block.text():
        last = block if block.text() else last
        block = block.next()
    cursor = box.textCursor()
    cursor.setPosition(last.position() + last.length() - 1 if last is not None else 0)
    box.setTextCursor(cursor)


def read(store: Store, job: Callable[[Session], Any]) -> Any:
    """Look at what is really saved, in a fresh session, once the window's work is done."""
    settle()
    with store.read() as session:
        return job(session)


# --- no database call on the GUI thread -------------------------------------------------

ALLOWED_FILE = Path(__file__).with_name("gui_thread_sql_allowed.txt")
STILL_ALLOWED = {
    line.strip() for line in ALLOWED_FILE.read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("#")
}


def _gui_frame() -> str:
    """The innermost named secdesk/gui function that led to a statement: where the call must move from."""
    import traceback

    for frame in reversed(traceback.extract_stack()):
        name = frame.filename.replace("\\", "/")
        if "/secdesk/gui/" in name and not frame.name.startswith("<") and not name.endswith("/editor.py"):
            return f"{name.split('/secdesk/gui/')[1]}:{frame.name}"
    return ""  # a test looking at what was saved, or building its data: not the window


@pytest.fixture(autouse=True)
def _no_sql_on_the_gui_thread() -> Iterator[None]:
    """Fails a test in which the window ran SQL on the GUI thread from a place not (yet) allowed."""
    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    found: set[str] = set()

    def check(*_args: Any) -> None:
        if threading.current_thread() is threading.main_thread():
            where = _gui_frame()
            if where and where not in STILL_ALLOWED:
                found.add(where)

    event.listen(Engine, "before_cursor_execute", check)
    yield
    event.remove(Engine, "before_cursor_execute", check)
    assert not found, f"the window ran SQL on the GUI thread from {sorted(found)}: use the editor's load/save"
