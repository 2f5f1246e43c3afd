"""Issue 18, accessibility: every window fits a 1366x768 laptop at 150 % (910x512, less a panel).

Each window's minimum (what its layout needs, or what it sets) is within 910x470, and a
window opens no larger than the screen it opens on.
"""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QWidget

from secdesk.gui import registers, security
from secdesk.gui.live import open_actions_log, open_live
from secdesk.services.meetings import resolve_meeting
from tests.gui.conftest import read, settle

pytestmark = pytest.mark.gui

ROOM = (910, 470)  # 1366x768 at 150 %, less a task bar


def needs(window: QWidget) -> tuple[int, int]:
    hint, least = window.minimumSizeHint(), window.minimumSize()
    return max(hint.width(), least.width()), max(hint.height(), least.height())


def test_every_window_and_dialog_fits_a_laptop_at_150_percent(window: Any, qtbot: Any) -> None:
    meeting_id, committee_id = read(window.store, lambda s: (resolve_meeting(s, "TABASC 46").id,
                                                             resolve_meeting(s, "TABASC 46").committee_id))
    assert window.select("meeting", meeting_id)
    settle()
    opened: dict[str, QWidget] = {"main window": window}
    for name, open_it in (
        ("live screen", lambda: open_live(window, meeting_id)),
        ("actions log", lambda: open_actions_log(window)),
        ("risk register", lambda: registers.open_register(window, committee_id)),
        ("activity planner", lambda: registers.open_planner(window, committee_id)),
    ):
        screen = open_it()
        assert screen is not None
        opened[name] = screen
    settle()
    for name, open_dialog in (
        ("find", window.find), ("preferences", window.preferences), ("new meeting", lambda: window.new_meeting(
            committee_id)), ("security", lambda: security.show_security(window)),
        ("audit trail", lambda: security.show_audit(window, meeting_id)),
    ):
        open_dialog()
        settle()
        opened[name] = window.dialog
        too_big = [(name, needs(window.dialog))] if not all(a <= b for a, b in zip(needs(window.dialog), ROOM,
                                                                                   strict=True)) else []
        assert too_big == []
        window.dialog.close()
    for name, shown in opened.items():
        assert all(need <= room for need, room in zip(needs(shown), ROOM, strict=True)), (name, needs(shown))
        space = shown.screen().availableGeometry()
        assert shown.width() <= space.width() and shown.height() <= space.height(), name  # opened within the screen
    for name, shown in opened.items():
        if shown is not window:
            shown.close()
    settle()


def test_the_live_screen_and_the_action_log_close_with_ctrl_w(window: Any, qtbot: Any) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    meeting_id = read(window.store, lambda s: resolve_meeting(s, "TABASC 46").id)
    assert window.select("meeting", meeting_id)
    settle()
    for open_it in (lambda: open_live(window, meeting_id), lambda: open_actions_log(window)):
        screen = open_it()
        assert screen is not None
        settle()
        screen.activateWindow()
        qtbot.waitUntil(lambda s=screen: QApplication.activeWindow() is s)
        qtbot.keyClick(QApplication.focusWidget() or screen, Qt.Key_W, Qt.ControlModifier)
        settle()
        assert not screen.isVisible()
