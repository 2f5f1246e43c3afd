"""Issue 18 item 12: the risk register and the activity planner close by keyboard, Ctrl+W and Esc.

Esc closes the window only when the focused widget has no use for it: a cell being
edited keeps it (the edit is cancelled, the window stays). Typing is saved on the way out.
"""

from __future__ import annotations

from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

from secdesk.gui import registers
from secdesk.model import Risk
from secdesk.services.meetings import resolve_meeting
from tests.gui.conftest import choose, read, settle

pytestmark = pytest.mark.gui

CTRL = Qt.ControlModifier


def shown_meeting(window: Any) -> None:
    meeting_id = read(window.store, lambda s: resolve_meeting(s, "TABASC 46").id)
    assert choose(window, "meeting", meeting_id)


def active(qtbot: Any, screen: QMainWindow, focus: QWidget) -> None:
    qtbot.waitExposed(screen)
    settle()  # the register or plan is read
    screen.activateWindow()
    qtbot.waitActive(screen)
    focus.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is focus)


def closed(screen: QMainWindow) -> bool:
    return not shiboken6.isValid(screen) or not screen.isVisible()


def open_register(window: Any, qtbot: Any) -> Any:
    shown_meeting(window)
    screen = registers.open_register(window)
    assert screen is not None
    qtbot.waitExposed(screen)
    settle()  # the register is read
    return screen


def open_planner(window: Any) -> Any:
    shown_meeting(window)
    screen = registers.open_planner(window)
    assert screen is not None
    return screen


def test_ctrl_w_closes_the_risk_register_and_says_so_in_its_file_menu(window: Any, qtbot: Any) -> None:
    screen = open_register(window, qtbot)
    file_menu = screen.menuBar().actions()[0]
    assert file_menu.text() == "&File"
    assert [a.text() for a in file_menu.menu().actions()] == ["&Close"]
    assert "Ctrl+W" in [key.toString() for key in screen.close_action.shortcuts()]
    active(qtbot, screen, screen.table)
    qtbot.keyClick(screen.table, Qt.Key_W, CTRL)
    qtbot.waitUntil(lambda: closed(screen))
    assert window.isVisible()  # only the register went


def test_ctrl_w_closes_the_planner(window: Any, qtbot: Any) -> None:
    screen = open_planner(window)
    active(qtbot, screen, screen.table)
    qtbot.keyClick(screen.table, Qt.Key_W, CTRL)
    qtbot.waitUntil(lambda: closed(screen))
    assert window.isVisible()


def test_esc_closes_the_planner_from_its_table_and_its_fields(window: Any, qtbot: Any) -> None:
    screen = open_planner(window)
    active(qtbot, screen, screen.months)  # a spin box has no use for Esc either
    qtbot.keyClick(screen.months, Qt.Key_Escape)
    qtbot.waitUntil(lambda: closed(screen))

    screen = open_planner(window)
    active(qtbot, screen, screen.table)
    qtbot.keyClick(screen.table, Qt.Key_Escape)
    qtbot.waitUntil(lambda: closed(screen))


def test_esc_closes_the_risk_register_and_keeps_what_was_typed(window: Any, qtbot: Any) -> None:
    screen = open_register(window, qtbot)
    first = screen.rows[0]
    screen.select_risk(first.id)
    settle()
    active(qtbot, screen, screen.owner)
    screen.owner.selectAll()
    qtbot.keyClicks(screen.owner, "Head of Architecture")
    qtbot.keyClick(screen.owner, Qt.Key_Escape)  # straight away: before the autosave pause
    qtbot.waitUntil(lambda: closed(screen))
    assert read(window.store, lambda s: s.get(Risk, first.id).owner) == "Head of Architecture"


def test_esc_in_a_cell_being_edited_cancels_the_edit_not_the_window(window: Any, qtbot: Any) -> None:
    screen = open_register(window, qtbot)
    screen.tabs.setCurrentIndex(2)  # thresholds and impact scale: an editable table
    assert screen.scale.rowCount() > 0
    cell = screen.scale.item(0, 1)
    before = cell.text()
    active(qtbot, screen, screen.scale)
    screen.scale.setCurrentItem(cell)
    screen.scale.editItem(cell)
    editor = QApplication.focusWidget()
    assert editor is not None and editor is not screen.scale  # the cell's own editor
    qtbot.keyClicks(editor, "never kept")
    qtbot.keyClick(editor, Qt.Key_Escape)
    settle()
    assert screen.isVisible() and screen.scale.item(0, 1).text() == before
    # The next Esc, with no editing under way, closes the window.
    qtbot.waitUntil(lambda: QApplication.focusWidget() is screen.scale)
    qtbot.keyClick(screen.scale, Qt.Key_Escape)
    qtbot.waitUntil(lambda: closed(screen))
