"""Issue 18 item 3: an item's decisions and actions are seen, made and edited on the meeting page too.

The meeting page holds the live screen's own decisions-and-actions panel, so the keys are
the same (Ctrl+D, Ctrl+Shift+A, Enter to edit, Delete), and every change is read back
from the database.
"""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from secdesk.model import Action, Decision
from secdesk.services.meetings import resolve_meeting
from tests.gui.conftest import choose, read, settle

pytestmark = pytest.mark.gui

CTRL, SHIFT = Qt.ControlModifier, Qt.ShiftModifier


def press(qtbot: Any, key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.NoModifier) -> None:
    qtbot.keyClick(QApplication.focusWidget(), key, modifiers)
    settle()


def test_decisions_and_actions_are_made_edited_and_deleted_between_meetings(window: Any, qtbot: Any) -> None:
    meeting_id = read(window.store, lambda s: resolve_meeting(s, "TABASC 46").id)
    assert choose(window, "meeting", meeting_id)
    page = window.meeting_page
    item = page.meeting.items[2]
    page.select_item(item.id)
    settle()
    outcomes = page.details.outcomes
    assert [outcomes.decisions.item(i).text() for i in range(outcomes.decisions.count())] == [
        f"The TABASC {d.verb} {d.text}" for d in item.decisions]

    page.details.ui.minutes.setFocus()
    press(qtbot, Qt.Key_D, CTRL)
    press(qtbot, Qt.Key_A)  # AGREED
    qtbot.keyClicks(QApplication.focusWidget(), "to publish the outage schedule")
    press(qtbot, Qt.Key_Return)
    qtbot.waitUntil(lambda: window.editor.pending_edits == 0)
    settle()
    made = read(window.store, lambda s: s.scalars(select(Decision).where(
        Decision.text == "to publish the outage schedule")).one())
    assert made.verb.value == "AGREED" and made.agenda_item_id == item.id

    # Enter on it in the list edits it; the words typed are saved.
    row = next(i for i in range(outcomes.decisions.count()) if "outage" in outcomes.decisions.item(i).text())
    outcomes.decisions.setFocus()
    outcomes.decisions.setCurrentRow(row)
    press(qtbot, Qt.Key_Return)
    box = outcomes.decision_text
    assert box.hasFocus()
    box.selectAll()
    qtbot.keyClicks(box, "to publish the outage schedule by Friday")
    press(qtbot, Qt.Key_Return)
    qtbot.waitUntil(lambda: window.editor.pending_edits == 0)
    assert read(window.store, lambda s: s.get(Decision, made.id).text) == "to publish the outage schedule by Friday"

    # An action made here takes the meeting's next reference.
    page.details.ui.minutes.setFocus()
    press(qtbot, Qt.Key_A, CTRL | SHIFT)
    reference = outcomes.reference.text()
    assert reference.startswith("TABASC46/")
    qtbot.keyClicks(QApplication.focusWidget(), "SECAS")
    press(qtbot, Qt.Key_Tab)
    qtbot.keyClicks(QApplication.focusWidget(), "SECAS to circulate the outage schedule.")
    press(qtbot, Qt.Key_Return)
    qtbot.waitUntil(lambda: window.editor.pending_edits == 0)
    settle()
    assert read(window.store, lambda s: s.scalars(select(Action.text).where(Action.reference == reference)).one()) \
        == "SECAS to circulate the outage schedule."

    # Delete on the decision takes it away, after asking.
    row = next(i for i in range(outcomes.decisions.count()) if "outage" in outcomes.decisions.item(i).text())
    outcomes.decisions.setFocus()
    outcomes.decisions.setCurrentRow(row)
    press(qtbot, Qt.Key_Delete)
    qtbot.waitUntil(lambda: window.editor.pending_edits == 0)
    assert read(window.store, lambda s: s.get(Decision, made.id)) is None
