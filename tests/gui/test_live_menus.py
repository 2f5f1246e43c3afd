"""The main window opens the live screen (F5) and the actions log (Ctrl+L), and the log opens places."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from secdesk.gui.live import open_actions_log, open_live
from secdesk.model import Action
from secdesk.services.meetings import resolve_meeting
from tests.gui.conftest import choose, read, settle


def menu_action(window: Any, text: str) -> Any:
    for menu_action in window.menuBar().actions():
        for action in menu_action.menu().actions() if menu_action.menu() else []:
            if action.text().replace("&", "").startswith(text):
                return action
    raise AssertionError(f"no menu entry {text!r}")


def test_meeting_menu_has_start_and_log_with_their_keys(window: Any) -> None:
    labels = [a.text().replace("&", "") for a in window.menuBar().actions()]
    assert labels.index("Meeting") < labels.index("Help")
    assert menu_action(window, "Start meeting").shortcut().toString() == "F5"
    assert menu_action(window, "Action log").shortcut().toString() == "Ctrl+L"


def test_start_meeting_needs_a_meeting_then_opens_it(window: Any, demo_store: Any, messages: Any) -> None:
    committee = window.navigator_model.index(0, 0)
    window.navigator.setCurrentIndex(committee)
    assert open_live(window) is None
    assert messages.kinds()[-1] == "info"
    meeting_id = read(demo_store, lambda s: resolve_meeting(s, "TABASC 46").id)
    choose(window, "meeting", meeting_id)
    menu_action(window, "Start meeting").trigger()
    screen = window.live_screen
    settle()
    assert screen.meeting_id == meeting_id and screen.isVisible()
    assert screen.editor is window.editor  # one undo stack, one save state
    assert screen.heading.text().startswith("1. ")
    screen.close()


def test_actions_log_opens_the_place_an_action_was_raised(qtbot: Any, window: Any, demo_store: Any) -> None:
    log = open_actions_log(window)
    qtbot.keyClicks(log.text, "TABASC46/03")
    action = read(demo_store, lambda s: s.query(Action).filter_by(reference="TABASC46/03").one())
    log.table.setCurrentIndex(log.model.index(0, 0))
    qtbot.keyClick(log.table, Qt.Key_Return)
    settle()
    assert window.meeting_page.meeting.id == action.meeting_id
    assert window.meeting_page.selected_item_id() == action.agenda_item_id
    log.close()
