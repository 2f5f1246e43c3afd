"""The live meeting screen and the action log, opened from the main window's Meeting menu."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from secdesk.gui.live.actions_log import ActionsLogWindow
    from secdesk.gui.live.live_window import LiveWindow
    from secdesk.gui.main_window import MainWindow


def open_live(window: MainWindow, meeting_id: int | None = None) -> LiveWindow | None:
    from secdesk.gui.live.live_window import LiveWindow

    meeting = window.meeting_page.meeting
    meeting_id = meeting_id or (
        meeting.id if meeting is not None and window.pages.currentWidget() is window.meeting_page else None
    )
    if meeting_id is None:
        window.messages.info(window, "Start meeting", "Choose the meeting on the left first, then press F5.")
        return None
    window.flush()
    screen = LiveWindow(window.editor, window.worker, window.messages, meeting_id, window)
    window.live_screen = screen  # type: ignore[attr-defined]
    screen.show()
    screen.minutes.setFocus()
    return screen


def open_actions_log(window: MainWindow) -> ActionsLogWindow:
    from secdesk.gui.live.actions_log import ActionsLogWindow

    window.flush()
    log = ActionsLogWindow(window.editor, window.worker, window.messages, window)
    log.open_requested.connect(
        lambda meeting_id, item_id: (window.open_place(meeting_id, item_id), window.activateWindow())
    )
    window.actions_log = log  # type: ignore[attr-defined]
    log.show()
    log.text.setFocus()
    return log
