"""Attach a paper by keys: the title takes every space typed, only Enter confirms (issue 18 item 6)."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from sqlalchemy import select

from secdesk.model import AgendaItem, Paper
from secdesk.services import meetings
from tests.gui.conftest import choose, read, settle

pytestmark = pytest.mark.gui


def test_a_title_with_spaces_is_typed_and_enter_attaches(window: Any, qtbot: Any) -> None:
    meeting_id = read(window.store, lambda s: meetings.resolve_meeting(s, "TABASC 46").id)
    choose(window, "meeting", meeting_id)
    window.activateWindow()
    page = window.meeting_page
    item = page.meeting.items[2]
    page.select_item(item.id)
    settle()
    details = page.details
    before = read(window.store, lambda s: [p.title for p in s.get(AgendaItem, item.id).papers])

    details.ui.papers.setFocus()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Tab)
    assert QApplication.focusWidget() is details.ui.addPaper
    qtbot.keyClick(details.ui.addPaper, Qt.Key_Space)  # Attach paper...
    dialog = details.dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.title)
    proposed = dialog.reference.text()

    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    cancel = dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel)
    # Tab goes through the fields, then OK and Cancel: the ring starts at the title, not at OK.
    ring, widget = [], dialog.nextInFocusChain()
    while widget is not dialog:
        if widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            ring.append(widget)
        widget = widget.nextInFocusChain()
    assert ring[0] is dialog.title and ring[-2:] == [ok, cancel] and dialog.file in ring

    for word in ("Risk", " register", " update"):  # a pause at each word, as a person types
        qtbot.keyClicks(QApplication.focusWidget(), word)
        qtbot.wait(30)
    assert dialog.isVisible() and dialog.title.text() == "Risk register update"
    assert read(window.store, lambda s: [p.title for p in s.get(AgendaItem, item.id).papers]) == before

    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Return)
    settle()
    assert not dialog.isVisible()

    def attached(session: Any) -> list[tuple[str, str]]:
        return [(p.title, p.reference) for p in session.scalars(select(Paper).where(Paper.agenda_item_id == item.id))]

    assert ("Risk register update", proposed) in read(window.store, attached)
    assert len(read(window.store, attached)) == len(before) + 1


def test_a_dialog_that_loses_its_focus_comes_back_on_the_title_not_ok(window: Any, qtbot: Any) -> None:
    """With no field focused (the focused one went away), Tab starts the ring again: at the title."""
    meeting_id = read(window.store, lambda s: meetings.resolve_meeting(s, "TABASC 46").id)
    choose(window, "meeting", meeting_id)
    page = window.meeting_page
    page.details.attach_paper()
    settle()
    dialog = page.details.dialog
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.title)
    dialog.title.clearFocus()
    qtbot.keyClick(dialog, Qt.Key_Tab)
    assert QApplication.focusWidget() is dialog.title
    qtbot.keyClick(dialog.title, Qt.Key_Space)
    assert dialog.isVisible() and dialog.title.text() == " "
    dialog.reject()
