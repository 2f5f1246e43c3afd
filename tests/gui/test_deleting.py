"""Issue 18 item 2: a wrong decision, action, meeting or committee is deleted in the window.

Each deletion is asked first, is one undo step, is refused with a message naming why when
the record must stand, and never frees an action's reference for another action.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget
from sqlalchemy import func, select

from secdesk.gui.live.live_window import LiveWindow
from secdesk.model import Action, AgendaItem, AuditRecord, Committee, Decision, Meeting
from secdesk.services import committees, meetings, minutes_text
from secdesk.store import Store
from tests.gui.conftest import read, settle
from tests.gui.test_live_meeting import Keyboard

pytestmark = pytest.mark.gui

CTRL, SHIFT = Qt.ControlModifier, Qt.ShiftModifier


def click_row(qtbot: Any, view: QListWidget, row: int) -> None:
    rect = view.visualItemRect(view.item(row))
    qtbot.mouseClick(view.viewport(), Qt.LeftButton, pos=rect.center())


def confirmations(live_or_window: Any) -> list[str]:
    return [title for kind, title, _text in live_or_window.messages.shown if kind == "confirm"]


def test_a_wrong_decision_is_deleted_after_asking_and_undo_brings_it_back_in_its_place(
    qtbot: Any, live: LiveWindow, demo_store: Store, meeting_47: int
) -> None:
    keys = Keyboard(qtbot, live)
    keys.press(Qt.Key_PageDown, CTRL)
    keys.type("The update was given.")
    keys.press(Qt.Key_D, CTRL)
    keys.press(Qt.Key_N)
    keys.type("the wrong paper")
    keys.press(Qt.Key_Tab)
    keys.saved()
    item_id = live.item_id
    before = read(demo_store, lambda s: minutes_text.render(s.get(AgendaItem, item_id)))
    assert "{decision " in before

    click_row(qtbot, live.outcomes.decisions, 0)
    keys.press(Qt.Key_Delete)
    assert confirmations(live) == ["Delete decision"]
    keys.saved()
    assert read(demo_store, lambda s: s.scalar(select(func.count()).select_from(Decision)
                                               .where(Decision.text == "the wrong paper"))) == 0
    assert live.outcomes.decisions.count() == 0
    audit = read(demo_store, lambda s: [r.operation for r in s.scalars(
        select(AuditRecord).where(AuditRecord.table_name == "decision"))])
    assert audit[-1] == "delete"

    keys.press(Qt.Key_Z, CTRL)
    keys.saved()
    assert read(demo_store, lambda s: minutes_text.render(s.get(AgendaItem, item_id))) == before


def test_a_deleted_actions_reference_is_never_given_to_the_next_action(
    qtbot: Any, live: LiveWindow, demo_store: Store, meeting_47: int
) -> None:
    keys = Keyboard(qtbot, live)
    keys.press(Qt.Key_PageDown, CTRL)
    keys.press(Qt.Key_A, CTRL | SHIFT)
    assert live.outcomes.reference.text() == "TABASC47/01"
    keys.type("SECAS")
    keys.press(Qt.Key_Tab)
    keys.type("SECAS to write to the wrong supplier.")
    keys.saved()
    keys.press(Qt.Key_Return)
    qtbot.waitUntil(lambda: live.outcomes.actions.count() == 1)
    click_row(qtbot, live.outcomes.actions, 0)
    keys.press(Qt.Key_Delete)
    keys.saved()
    assert read(demo_store, lambda s: s.scalars(select(Action.reference).where(
        Action.meeting_id == meeting_47)).all()) == []

    keys.press(Qt.Key_A, CTRL | SHIFT)
    assert live.outcomes.reference.text() == "TABASC47/02"  # 01 stays the deleted one's


def test_the_delete_key_on_the_navigator_deletes_a_meeting_and_refuses_one_with_actions(
    make_window: Any, demo_store: Store, qtbot: Any
) -> None:
    with demo_store.write() as session:
        tabasc = committees.get_committee(session, "TABASC")
        mistaken = meetings.create_meeting(session, tabasc, date(2027, 3, 15)).id
        with_actions = meetings.resolve_meeting(session, "TABASC 46").id
    window = make_window(demo_store)
    assert window.select("meeting", mistaken)
    settle()
    window.navigator.setFocus()
    qtbot.keyClick(window.navigator, Qt.Key_Delete)
    settle()
    assert confirmations(window) == ["Delete meeting"]
    assert read(demo_store, lambda s: s.get(Meeting, mistaken)) is None

    window.undo_action.trigger()
    settle()
    assert read(demo_store, lambda s: s.get(Meeting, mistaken)) is not None

    assert window.select("meeting", with_actions)
    settle()
    window.navigator.setFocus()
    qtbot.keyClick(window.navigator, Qt.Key_Delete)
    settle()
    refused = [text for kind, _title, text in window.messages.shown if kind == "error"]
    assert refused and "has actions raised at it" in refused[-1]
    assert read(demo_store, lambda s: s.get(Meeting, with_actions)) is not None


def test_a_committee_with_meetings_is_refused_and_an_empty_one_deleted(
    make_window: Any, demo_store: Store, qtbot: Any
) -> None:
    with demo_store.write() as session:
        spare = committees.create_committee(session, "SPARE", "A committee made by mistake").id
        tabasc = committees.get_committee(session, "TABASC").id
    window = make_window(demo_store)
    for committee_id in (tabasc, spare):
        assert window.select("committee", committee_id)
        settle()
        window.delete_action.trigger()
        settle()
    refused = [text for kind, _title, text in window.messages.shown if kind == "error"]
    assert refused and "TABASC has meetings" in refused[-1]
    assert read(demo_store, lambda s: s.get(Committee, tabasc)) is not None
    assert read(demo_store, lambda s: s.get(Committee, spare)) is None
