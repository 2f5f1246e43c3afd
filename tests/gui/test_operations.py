"""Edits are operations on the worker: the window goes on while a save is slow, and order is kept.

A gate held on the worker's statements stands in for a slow database (a team server
across a network): while it is shut, nothing the worker runs can finish.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtTest import QTest
from sqlalchemy import event
from sqlalchemy.engine import Engine

from secdesk.model import AgendaItem
from secdesk.services.meetings import resolve_meeting
from tests.gui.conftest import choose, read, settle


class Gate:
    """Holds every statement the worker thread runs while shut; the GUI thread is never held."""

    def __init__(self) -> None:
        self.open = threading.Event()
        self.open.set()
        self.held = threading.Event()  # a statement is waiting at the gate

    def shut(self) -> None:
        self.held.clear()
        self.open.clear()

    def __call__(self, *_args: Any) -> None:
        if threading.current_thread() is not threading.main_thread() and not self.open.is_set():
            self.held.set()
            self.open.wait(10)


@pytest.fixture
def gate() -> Iterator[Gate]:
    held = Gate()
    event.listen(Engine, "before_cursor_execute", held)
    yield held
    held.open.set()
    settle()
    event.remove(Engine, "before_cursor_execute", held)


def wait_for(condition: Any) -> None:
    """Handle events until `condition()` holds, without waiting for the worker (it may be held)."""
    for _ in range(500):
        if condition():
            return
        QTest.qWait(10)
    raise AssertionError("the window did not get there")


def title_of_an_item(window: Any) -> tuple[Any, Any, Any]:
    """The meeting page on TABASC 46's second item, and that item's title box."""
    meeting_id = read(window.store, lambda s: resolve_meeting(s, "TABASC 46").id)
    assert choose(window, "meeting", meeting_id)
    page = window.meeting_page
    item = page.meeting.items[1]
    page.select_item(item.id)
    return page, item, page.details.ui.title


def test_the_window_goes_on_while_a_save_is_held_and_undo_waits_for_it(window: Any, gate: Gate) -> None:
    page, item, title = title_of_an_item(window)
    gate.shut()
    title.selectAll()
    QTest.keyClicks(title, "A title typed while the database is slow")  # QTest: no waiting for the worker
    page.details.flush()
    wait_for(gate.held.is_set)  # the save is on the worker, held
    # The window is not frozen: it handles events, shows what was typed and says it is saving.
    QTest.qWait(50)
    assert title.text() == "A title typed while the database is slow"
    assert window.save_label.text() == "Saving..."
    window.undo()  # asked while the save is in flight: it must take back that save, not an older edit
    gate.open.set()
    settle()
    assert read(window.store, lambda s: s.get(AgendaItem, item.id).title) == item.title
    assert title.text() == item.title
    assert window.redo_action.isEnabled() and window.redo_action.text() == "&Redo Edit title"
    window.redo()
    settle()
    assert read(window.store, lambda s: s.get(AgendaItem, item.id).title) == "A title typed while the database is slow"


def test_a_dialog_waits_for_its_save_and_keeps_the_typing_when_refused(window: Any, qtbot: Any, gate: Gate) -> None:
    window.new_committee()
    dialog = window.dialog
    qtbot.keyClicks(dialog.code, "TABASC")  # taken by the demo
    qtbot.keyClicks(dialog.name, "A second TABASC")
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    gate.shut()
    ok.click()
    wait_for(gate.held.is_set)
    assert dialog.isVisible() and not ok.isEnabled()  # a second OK cannot send it twice
    gate.open.set()
    settle()
    assert dialog.isVisible() and ok.isEnabled()
    assert "TABASC" in dialog.problem.text() and dialog.code.text() == "TABASC"


def test_closing_the_window_saves_the_typing_queued_behind_other_work(window: Any) -> None:
    import time as clock

    _page, item, title = title_of_an_item(window)
    title.selectAll()
    QTest.keyClicks(title, "Typed just before closing")  # still within its pause: not saved yet
    window.editor.load(lambda _s: clock.sleep(0.3), lambda _none: None)  # the worker is busy when the window closes
    window.close()  # flushes the typing: its save queues behind the busy worker, and must not be dropped
    assert read(window.store, lambda s: s.get(AgendaItem, item.id).title) == "Typed just before closing"
