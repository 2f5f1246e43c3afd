"""Issue 18 item 10: after a crash the live screen comes back where the minute-taker was.

A crash is SecDesk stopping without closing the live screen: its journal
(secdesk.live_session) is left behind. The tests keep the journal a running screen
wrote, close the screen (which removes it, as a clean close does) and put the journal
back, which is what a kill leaves.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from secdesk import live_session
from secdesk.gui.editor import Editor
from secdesk.gui.live.live_window import LiveWindow
from secdesk.gui.messages import RecordingMessages
from secdesk.store import Store
from tests.gui.conftest import settle
from tests.gui.test_live_meeting import Keyboard

pytestmark = pytest.mark.gui

CTRL = Qt.ControlModifier


def crash(live: LiveWindow, store: Store, tmp_path: Path) -> Path:
    """What a kill leaves: the journal as the running screen last wrote it."""
    live._keep_place()
    settle()
    journal = live_session.journal_path(store.label)
    kept = tmp_path / "journal.json"
    shutil.copy(journal, kept)
    live.close()
    settle()
    assert not journal.exists()  # a clean close leaves nothing to recover
    shutil.copy(kept, journal)
    return journal


def reopen(qtbot: Any, store: Store, messages: RecordingMessages, meeting_id: int) -> LiveWindow:
    editor = Editor(store, messages)
    window = LiveWindow(editor, editor.worker, messages, meeting_id)
    qtbot.addWidget(window)
    window.show()
    editor.settle()
    return window


def test_the_live_screen_comes_back_at_its_item_with_its_timers_and_says_so(
    qtbot: Any, live: LiveWindow, demo_store: Store, meeting_47: int, messages: RecordingMessages, tmp_path: Path
) -> None:
    keys = Keyboard(qtbot, live)
    keys.press(Qt.Key_PageDown, CTRL)
    keys.press(Qt.Key_PageDown, CTRL)
    first = live.meeting.items[0].id
    live.elapsed[first] = 9 * 60.0  # nine minutes on item 1
    live.since -= 4 * 60  # four on item 3 so far
    item_3 = live.item_id
    assert live.meeting.item(item_3).number == 3
    crash(live, demo_store, tmp_path)

    again = reopen(qtbot, demo_store, messages, meeting_47)
    try:
        assert again.item_id == item_3  # not item 1
        assert round(again.elapsed[first]) == 540 and round(again.elapsed[item_3]) == 240
        assert again._spent(item_3) == 4 and again._spent(first) == 9
        assert again.recovered.isVisible()
        said = again.recovered.text()
        assert "Recovered" in said and "item 3" in said and "time spent on each item" in said
    finally:
        again.close()
        settle()
        again.worker.shutdown()
    # Closed properly this time: the next start has nothing to recover.
    assert live_session.interrupted(demo_store.label) is None


def test_the_main_window_offers_to_go_back_to_the_interrupted_meeting(
    qtbot: Any, live: LiveWindow, demo_store: Store, meeting_47: int, make_window: Any, tmp_path: Path
) -> None:
    Keyboard(qtbot, live).press(Qt.Key_PageDown, CTRL)
    item_2 = live.item_id
    crash(live, demo_store, tmp_path)
    live.worker.shutdown()  # the screen's own worker: the main window brings its own

    window = make_window(demo_store)
    settle()
    asked = [title for kind, title, _text in window.messages.shown if kind == "confirm"]
    assert asked == ["Resume the live meeting"]
    assert "TABASC 47" in next(text for kind, _t, text in window.messages.shown if kind == "confirm")
    screen = window.live_screen
    qtbot.waitUntil(lambda: screen.item_id == item_2)
    assert screen.recovered.isVisible()


def test_a_damaged_journal_is_ignored_and_the_meeting_opens_at_item_1(
    qtbot: Any, demo_store: Store, meeting_47: int, messages: RecordingMessages
) -> None:
    journal = live_session.journal_path(demo_store.label)
    journal.parent.mkdir(parents=True, exist_ok=True)
    journal.write_bytes(b"\x00{not json")
    window = reopen(qtbot, demo_store, messages, meeting_47)
    try:
        assert window.meeting.item(window.item_id).number == 1
        assert not window.recovered.isVisible()
    finally:
        window.close()
        settle()
        window.worker.shutdown()
