"""Issue 18 item 1: agreeing minutes as final and marking a draft circulated from the meeting itself.

Driven by keys as a user would (Alt+M opens the Meeting menu, its letters choose), checked in
the database afterwards.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QMenu, QWidget

from secdesk.gui.messages import RecordingMessages
from secdesk.model import Meeting, MeetingStatus
from secdesk.services import audit, meetings, minutes_record
from secdesk.store import Store
from tests.gui.conftest import choose, read, settle

pytestmark = pytest.mark.gui

ALT, CTRL = Qt.AltModifier, Qt.ControlModifier
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def meeting_id(store: Store, name: str) -> int:
    return read(store, lambda s: meetings.resolve_meeting(s, name).id)


def show(window: Any, store: Store, name: str) -> Any:
    choose(window, "meeting", meeting_id(store, name))
    page = window.meeting_page
    assert page.meeting is not None and page.meeting.identifier.startswith(name.replace(" ", "_"))
    return page


def from_meeting_menu(qtbot: Any, window: Any, letter: Qt.Key) -> None:
    """Alt+M, then the entry's letter, as from the keyboard."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window, Qt.Key_M, ALT)
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu))
    menu = QApplication.activePopupWidget()
    assert menu.title() == "&Meeting"
    qtbot.keyClick(menu, letter)
    settle()


def the_dialog(qtbot: Any, window: Any) -> Any:
    qtbot.waitUntil(lambda: getattr(window.meeting_page, "finalise_dialog", None) is not None)
    dialog = window.meeting_page.finalise_dialog
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog


def approval(store: Store, name: str) -> tuple[Any, ...]:
    def job(session: Any) -> tuple[Any, ...]:
        m = meetings.resolve_meeting(session, name)
        return (m.status, m.locked, m.approved_at_meeting_id, m.approved_ex_committee, m.approved_ex_committee_on,
                bool(minutes_record.versions(session, m)))  # the record kept as agreed

    return read(store, job)


def test_ex_committee_with_no_date_from_the_meeting_menu(
    window: Any, qtbot: Any, messages: RecordingMessages, meeting_47: int, tmp_path: Path
) -> None:
    store = window.store
    page = show(window, store, "TABASC 46")
    assert page.final_button.isVisibleTo(page) and window.minutes_actions["final"].isEnabled()
    folder = SCREENSHOTS if os.environ.get("SECDESK_SCREENSHOTS") else tmp_path
    window.resize(1280, 800)
    settle()
    window.grab().save(str(folder / "meeting-page-minutes-lifecycle.png"))
    from_meeting_menu(qtbot, window, Qt.Key_G)
    dialog = the_dialog(qtbot, window)
    assert dialog.at_meeting.isChecked() and dialog.chosen_meeting() == meeting_47  # the next meeting proposed
    dialog.grab().save(str(folder / "finalise-dialog.png"))
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_E, ALT)  # approved ex-committee
    qtbot.waitUntil(dialog.ex_committee.isChecked)  # a mnemonic clicks as an animated click
    assert not dialog.dated.isChecked()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Return)
    kind, _title, text = messages.shown[-1]
    assert kind == "confirm" and "TABASC_46_1910" in text and "no date recorded" in text
    assert "locked" in text and "Reopen minutes..." in text
    assert approval(store, "TABASC 46") == (MeetingStatus.FINAL, True, None, True, None, True)
    assert not dialog.isVisible()
    assert window.editor.undo_stack.count() == 0  # not a step Ctrl+Z takes back
    qtbot.waitUntil(lambda: page.reopen_button.isVisibleTo(page))
    assert not page.final_button.isVisibleTo(page) and not window.minutes_actions["final"].isEnabled()
    assert window.minutes_actions["reopen"].isEnabled()


def test_agreed_at_the_next_meeting_from_the_pages_button(
    window: Any, qtbot: Any, messages: RecordingMessages, meeting_47: int
) -> None:
    store = window.store
    page = show(window, store, "TABASC 46")
    qtbot.mouseClick(page.final_button, Qt.LeftButton)
    dialog = the_dialog(qtbot, window)
    assert QApplication.focusWidget() is dialog.at_meeting  # the choice, not OK, has the focus
    assert dialog.meeting.currentText().startswith("TABASC_47_1611")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Return)
    assert "agreed at TABASC_47_1611" in messages.shown[-1][2]
    assert approval(store, "TABASC 46") == (MeetingStatus.FINAL, True, meeting_47, False, None, True)
    assert window.editor.undo_stack.count() == 0


def test_ex_committee_on_a_date(window: Any, qtbot: Any, messages: RecordingMessages) -> None:
    store = window.store
    show(window, store, "SECP 151")  # draft circulated; no later meeting: ex-committee is the only way
    from_meeting_menu(qtbot, window, Qt.Key_G)
    dialog = the_dialog(qtbot, window)
    assert dialog.ex_committee.isChecked() and not dialog.at_meeting.isEnabled()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_D, ALT)  # dated
    qtbot.waitUntil(dialog.dated.isChecked)
    assert dialog.on.isVisible() and dialog.on.isEnabled()
    dialog.on.setDate(QDate(2026, 10, 23))
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Return)
    assert "approved ex-committee on 23 October 2026" in messages.shown[-1][2]
    assert approval(store, "SECP 151") == (MeetingStatus.FINAL, True, None, True, date(2026, 10, 23), True)


def test_a_refusal_is_shown_in_the_dialog_and_changes_nothing(
    window: Any, qtbot: Any, messages: RecordingMessages
) -> None:
    store = window.store
    before = approval(store, "TABASC 46")
    assert before == (MeetingStatus.HELD, False, None, False, None, False)
    show(window, store, "TABASC 46")
    from_meeting_menu(qtbot, window, Qt.Key_G)
    dialog = the_dialog(qtbot, window)
    dialog.on.setDate(QDate(2026, 10, 5))  # before the meeting (19 October)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_D, ALT)
    qtbot.waitUntil(dialog.dated.isChecked)

    messages.confirm_answer = False  # No at the question: the dialog stays, nothing is saved
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Return)
    assert messages.shown[-1][0] == "confirm" and dialog.isVisible()
    assert approval(store, "TABASC 46") == before

    messages.confirm_answer = True
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Return)
    qtbot.waitUntil(dialog.problem.isVisible)
    assert "before the meeting was held" in dialog.problem.text() and "2026-10-05" in dialog.problem.text()
    assert dialog.isVisible()
    assert approval(store, "TABASC 46") == before

    # Meanwhile someone else approves them (the command line, another computer): refused, named.
    with store.write() as session:
        meetings.approve_ex_committee(session, meetings.resolve_meeting(session, "TABASC 46"), None)
    after = approval(store, "TABASC 46")
    dialog.dated.setChecked(False)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Return)
    qtbot.waitUntil(lambda: "already final" in dialog.problem.text())
    assert approval(store, "TABASC 46") == after
    assert messages.kinds().count("error") == 0 and "crash" not in messages.kinds()
    dialog.reject()


def test_mark_draft_circulated_is_an_audited_undoable_step(
    window: Any, qtbot: Any, messages: RecordingMessages
) -> None:
    store = window.store
    page = show(window, store, "TABASC 46")
    assert page.circulated_button.isVisibleTo(page) and window.minutes_actions["circulated"].isEnabled()
    from_meeting_menu(qtbot, window, Qt.Key_C)
    assert approval(store, "TABASC 46")[:2] == (MeetingStatus.DRAFT_CIRCULATED, False)
    changes = read(store, lambda s: [e.details for e in audit.for_meeting(s, s.get(Meeting, page.meeting.id))
                                     if e.table == "meeting"])
    assert "draft_circulated" in str(changes[-1])
    qtbot.waitUntil(lambda: page.ui.status.text() == "Draft circulated")
    assert not page.circulated_button.isVisibleTo(page) and not window.minutes_actions["circulated"].isEnabled()
    assert page.final_button.isVisibleTo(page)  # a circulated draft is agreed as any other
    assert window.editor.undo_stack.count() == 1

    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key_Z, CTRL)
    assert approval(store, "TABASC 46")[:2] == (MeetingStatus.HELD, False)
    qtbot.waitUntil(lambda: page.circulated_button.isVisibleTo(page))
    assert not messages.shown


def test_the_entries_apply_only_to_held_minutes_not_yet_final(
    meeting_47: int, window: Any, qtbot: Any
) -> None:
    store = window.store
    actions = window.minutes_actions
    page = show(window, store, "TABASC 47")  # planned: not held yet
    assert not actions["final"].isEnabled() and not actions["circulated"].isEnabled()
    assert not page.final_button.isVisibleTo(page) and not page.circulated_button.isVisibleTo(page)
    assert not actions["reopen"].isEnabled()
    page = show(window, store, "TABASC 45")  # final
    assert not actions["final"].isEnabled() and not actions["circulated"].isEnabled()
    assert actions["reopen"].isEnabled() and page.reopen_button.isVisibleTo(page)
    choose(window, "committee", read(store, lambda s: meetings.resolve_meeting(s, "TABASC 45").committee_id))
    assert not any(a.isEnabled() for a in actions.values())  # no meeting shown


def test_the_pages_buttons_have_letters_of_their_own(window: Any) -> None:
    """Alt and a letter on the meeting page goes to one place: the new buttons take none already used there."""
    page = show(window, window.store, "TABASC 46")
    letters: list[str] = []
    for widget in page.findChildren(QWidget):
        text = widget.text() if hasattr(widget, "text") and callable(widget.text) else ""
        if isinstance(text, str) and "&" in text.replace("&&", "") and widget.isVisibleTo(page):
            letters.append(text.replace("&&", "")[text.replace("&&", "").index("&") + 1].lower())
    for button in (page.final_button, page.circulated_button):
        letter = button.text()[button.text().index("&") + 1].lower()
        assert letters.count(letter) == 1, (button.text(), sorted(letters))
