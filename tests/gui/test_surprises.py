"""Issue 18 items 7 and 8: what surprised a minute-taker, driven by keys and clicks, checked in the database."""

from __future__ import annotations

import os
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import keyring
import pytest
from keyring.backends import fail
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox, QWidget

from secdesk.gui import security
from secdesk.gui.live.live_window import LiveWindow
from secdesk.gui.main_window import MainWindow
from secdesk.gui.messages import RecordingMessages
from secdesk.gui.prompts import ScriptedPrompts
from secdesk.model import AgendaItem, Attendance, Classification, Meeting, MeetingStatus
from secdesk.services import agenda, audit, committees, meetings
from secdesk.store import Store, open_store
from tests.gui.conftest import choose, read, settle

pytestmark = pytest.mark.gui

CTRL, SHIFT = Qt.ControlModifier, Qt.ShiftModifier
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def screenshot_folder(tmp_path: Path) -> Path:
    """docs/screenshots when asked for (SECDESK_SCREENSHOTS=1, to look at and keep), else a scratch folder."""
    return SCREENSHOTS if os.environ.get("SECDESK_SCREENSHOTS") else tmp_path


def press(qtbot: Any, window: QWidget, key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.NoModifier) -> None:
    """A key to whatever has the focus in `window`, as from a keyboard."""
    if QApplication.activeWindow() is not window:
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(QApplication.focusWidget() or window, key, modifiers)
    settle()


def lifecycle(store: Store, identifier: str) -> tuple[str, bool]:
    def job(session: Any) -> tuple[str, bool]:
        meeting = meetings.resolve_meeting(session, identifier)
        return meeting.status.value, meeting.locked

    return read(store, job)


# --- 7. finalising confirms, and only Reopen undoes it ---


def test_agreeing_the_previous_minutes_asks_first_naming_the_meeting(
    qtbot: Any, live: LiveWindow, demo_store: Store, messages: RecordingMessages, tmp_path: Path
) -> None:
    messages.confirm_answer = False
    press(qtbot, live, Qt.Key_F, CTRL | SHIFT)
    asked = [(title, text) for kind, title, text in messages.shown if kind == "confirm"]
    assert len(asked) == 1
    title, text = asked[0]
    assert "final" in title.lower()
    assert "TABASC_46_1910" in text and "19 October 2026" in text and "locked" in text
    assert "Reopen" in text  # says how it is undone: not by Ctrl+Z
    box = QMessageBox(QMessageBox.Question, title, text, QMessageBox.Yes | QMessageBox.No, live)  # as Messages shows it
    box.setDefaultButton(QMessageBox.No)
    box.show()  # a message box takes its size as it is shown
    qtbot.waitExposed(box)
    assert box.grab().save(str(screenshot_folder(tmp_path) / "finalise-confirmation.png"))
    box.close()
    box.deleteLater()
    assert lifecycle(demo_store, "TABASC 46") == ("held", False)  # No: nothing happened

    messages.confirm_answer = True
    press(qtbot, live, Qt.Key_F, CTRL | SHIFT)
    assert lifecycle(demo_store, "TABASC 46") == ("final", True)
    qtbot.waitUntil(lambda: "were agreed as final" in live.review.previous.text())


def test_ctrl_z_does_not_unfinalise(qtbot: Any, live: LiveWindow, demo_store: Store) -> None:
    # Something undoable first, so a Ctrl+Z has a step to take back.
    press(qtbot, live, Qt.Key_PageDown, CTRL)
    qtbot.keyClicks(live.minutes, "Typed before agreeing.")
    qtbot.waitUntil(lambda: live.editor.pending_edits == 0, timeout=3000)
    settle()
    steps = live.editor.undo_stack.count()
    press(qtbot, live, Qt.Key_PageUp, CTRL)
    press(qtbot, live, Qt.Key_F, CTRL | SHIFT)
    assert lifecycle(demo_store, "TABASC 46") == ("final", True)
    assert live.editor.undo_stack.count() == steps  # not an undo step
    assert "agreed" not in live.editor.undo_stack.undoText().lower()
    for _ in range(steps + 1):
        press(qtbot, live, Qt.Key_Z, CTRL)
    assert lifecycle(demo_store, "TABASC 46") == ("final", True)


def test_undoing_the_end_of_a_meeting_since_agreed_final_is_refused(
    qtbot: Any, live: LiveWindow, demo_store: Store, meeting_47: int, messages: RecordingMessages
) -> None:
    press(qtbot, live, Qt.Key_E, CTRL | SHIFT)  # End meeting: confirmed, and still undoable
    assert lifecycle(demo_store, "TABASC 47") == ("held", False)
    assert live.editor.undo_stack.undoText() == "End meeting"
    with demo_store.write() as session:  # then agreed as final at the next meeting
        forty_seven = session.get(Meeting, meeting_47)
        next_one = meetings.create_meeting(session, forty_seven.committee, date(2026, 12, 21))
        meetings.agree_final(session, forty_seven, next_one)
    press(qtbot, live, Qt.Key_Z, CTRL)
    assert lifecycle(demo_store, "TABASC 47") == ("final", True)  # not unlocked by the back door
    assert any(kind == "error" and "cannot be undone" in text for kind, _title, text in messages.shown)


def test_end_meeting_stays_undoable(qtbot: Any, live: LiveWindow, demo_store: Store) -> None:
    press(qtbot, live, Qt.Key_E, CTRL | SHIFT)
    assert lifecycle(demo_store, "TABASC 47") == ("held", False)
    press(qtbot, live, Qt.Key_Z, CTRL)
    assert lifecycle(demo_store, "TABASC 47") == ("planned", False)


def test_reopen_minutes_on_the_meeting_page_confirms_and_is_audited(
    window: Any, qtbot: Any, messages: RecordingMessages
) -> None:
    store = window.store
    meeting_id = read(store, lambda s: meetings.resolve_meeting(s, "TABASC 45").id)
    choose(window, "meeting", meeting_id)
    page = window.meeting_page
    assert page.reopen_button.isVisibleTo(page) and page.ui.lockBanner.isVisibleTo(page)

    messages.confirm_answer = False
    qtbot.mouseClick(page.reopen_button, Qt.LeftButton)
    assert lifecycle(store, "TABASC 45") == ("final", True)
    assert messages.shown[-1][0] == "confirm" and "TABASC_45_2109" in messages.shown[-1][2]

    messages.confirm_answer = True
    qtbot.mouseClick(page.reopen_button, Qt.LeftButton)
    assert lifecycle(store, "TABASC 45") == ("final", False)
    operations = read(store, lambda s: [e.operation for e in audit.for_meeting(s, s.get(Meeting, meeting_id))])
    assert operations[-1] == "reopen"
    qtbot.waitUntil(lambda: not page.reopen_button.isVisibleTo(page))
    assert not page.ui.lockBanner.isVisibleTo(page)
    assert window.editor.undo_stack.count() == 0  # reopening is its own step, not one Ctrl+Z takes back


# --- 8. smaller surprises ---


def test_form_dialogs_open_on_their_first_field(window: Any, qtbot: Any) -> None:
    window.new_committee()
    dialog = window.dialog
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.code)
    qtbot.keyClicks(QApplication.focusWidget(), "FOCUS")  # typed where the focus is, not into OK
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Tab)
    qtbot.keyClicks(QApplication.focusWidget(), "Focus Panel")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Return)
    settle()
    assert read(window.store, lambda s: committees.get_committee(s, "FOCUS").name) == "Focus Panel"


def test_new_meeting_opens_on_its_number_and_proposes_a_day_to_come(window: Any, qtbot: Any) -> None:
    window.new_meeting(read(window.store, lambda s: committees.get_committee(s, "TABASC").id))
    settle()
    dialog = window.dialog
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    assert QApplication.focusWidget() in (dialog.ui.number, dialog.ui.number.findChild(QWidget))
    proposed = dialog.ui.date.date().toPython()
    assert proposed > date.today()
    assert proposed.weekday() == date(2026, 10, 19).weekday() and 15 <= proposed.day <= 21  # third Monday
    assert proposed - date.today() <= timedelta(days=35)  # the next one, not one further on
    dialog.reject()


def test_attach_paper_opens_on_its_title(window: Any, qtbot: Any) -> None:
    meeting_id = read(window.store, lambda s: meetings.resolve_meeting(s, "TABASC 46").id)
    choose(window, "meeting", meeting_id)
    page = window.meeting_page
    page.details.attach_paper()
    settle()
    dialog = page.details.dialog
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.title)
    dialog.reject()


def test_the_start_page_says_the_demo_is_loading(qtbot: Any, messages: RecordingMessages, tmp_path: Path) -> None:
    window = MainWindow(None, messages)
    qtbot.addWidget(window)
    said: list[str] = []
    shown = window.start_page._state
    window.start_page._state = lambda title, text, *buttons: (said.append(text), shown(title, text, *buttons))
    window.show()
    window.open_database(tmp_path / "new.sqlite", with_demo=True)
    try:
        qtbot.waitUntil(lambda: window.navigator_model.rowCount() == 2, timeout=60000)
        settle()
        loading = [i for i, text in enumerate(said) if "Loading the demo" in text]
        assert loading, said
        # Until the demo is in, never "New here? Create the first committee".
        assert not any("New here" in text for text in said[: loading[-1]]), said
        assert not window.start_page.loading_demo  # and once it is, the ordinary welcome
    finally:
        window.close()
        if window.store is not None:
            window.store.close()


def test_a_cancelled_passphrase_is_not_a_missing_key(
    make_window: Any, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        made = open_store(db_path, backup=False)  # SECDESK_PASSPHRASE (conftest) protects the key in a file
        with made.write() as session:
            committee = committees.create_committee(session, "TABASC", "Technical Architecture")
            meeting = meetings.create_meeting(session, committee, date(2026, 10, 19))
            agenda.add_item(session, meeting, "Named supplier failures", classification=Classification.AMBER)
        made.close()
        monkeypatch.delenv("SECDESK_PASSPHRASE")
        store = open_store(db_path, backup=False)
        window = make_window(store)
        window.prompts = ScriptedPrompts(passphrases=[None])  # Cancel
        security.unlock_at_start(window)
        settle()
        assert window.key_label.isVisible()
        assert "passphrase not given" in window.key_label.text()
        status = dict(security.key_status(window))["Key status"]
        assert "passphrase was not given" in status and "NOT hold" not in status
        window.close()
        store.close()

        # The key file gone: now the computer really lacks the key, and says so.
        store = open_store(db_path, backup=False)
        assert store.keys is not None
        store.keys.key_file.unlink()
        window = make_window(store)
        window.prompts = ScriptedPrompts(passphrases=[])
        security.unlock_at_start(window)
        settle()
        assert window.key_label.text() == "Confidential content locked on this computer"
        assert "does NOT hold the key" in dict(security.key_status(window))["Key status"]
        window.close()
        store.close()
    finally:
        keyring.set_keyring(previous)


def test_presence_counts_who_is_in_the_room_now(qtbot: Any, live: LiveWindow, demo_store: Store) -> None:
    assert live.presence.text() == "Present 8/8 (quorum 5)"
    press(qtbot, live, Qt.Key_5, CTRL)
    assert QApplication.focusWidget() is live.attendees
    press(qtbot, live, Qt.Key_Home)
    name = live.attendees.currentItem().data(Qt.UserRole + 2)
    press(qtbot, live, Qt.Key_E)  # left after item 1
    row = read(demo_store, lambda s: next(a for a in s.get(Meeting, live.meeting_id).attendance
                                          if a.person.name == name))
    assert row.part
    qtbot.waitUntil(lambda: live.presence.text() == "Present 7/8 (quorum 5)")
    press(qtbot, live, Qt.Key_PageDown, CTRL)
    assert live.presence.text() == "Present 7/8 (quorum 5)"
    attendance_id = row.id
    press(qtbot, live, Qt.Key_5, CTRL)
    press(qtbot, live, Qt.Key_Home)
    press(qtbot, live, Qt.Key_L)  # back: arrived at item 2
    items = read(demo_store, lambda s: [i.number for i in s.get(Attendance, attendance_id).items_attended])
    assert 2 in items
    qtbot.waitUntil(lambda: live.presence.text() == "Present 8/8 (quorum 5)")


def test_making_an_item_amber_asks_for_its_public_title(window: Any, qtbot: Any, tmp_path: Path) -> None:
    store = window.store
    meeting_id = read(store, lambda s: meetings.resolve_meeting(s, "TABASC 46").id)
    item_id = read(store, lambda s: next(i.id for i in s.get(Meeting, meeting_id).items if i.number == 2))
    choose(window, "meeting", meeting_id)
    page = window.meeting_page
    page.select_item(item_id)
    settle()
    box = page.details.ui.classification
    box.setFocus()
    qtbot.keyClicks(box, "A")  # Amber, chosen by keyboard
    settle()
    dialog = page.details.public_dialog
    assert dialog is not None and dialog.isVisible()
    assert read(store, lambda s: s.get(AgendaItem, item_id).classification) is Classification.AMBER
    assert dialog.public_title.text() == ""
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.public_title)
    qtbot.keyClicks(dialog.public_title, "Supplier update")
    qtbot.keyClick(dialog.public_title, Qt.Key_Tab)
    assert QApplication.focusWidget() is dialog.public_summary
    qtbot.keyClicks(dialog.public_summary, "The Panel discussed a supplier matter.")
    assert dialog.grab().save(str(screenshot_folder(tmp_path) / "public-title-prompt.png"))
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.Ok), Qt.LeftButton)
    settle()
    assert not dialog.isVisible()
    saved = read(store, lambda s: (s.get(AgendaItem, item_id).public_title, s.get(AgendaItem, item_id).public_summary))
    assert saved == ("Supplier update", "The Panel discussed a supplier matter.")
    qtbot.waitUntil(lambda: page.details.ui.publicTitle.text() == "Supplier update")

    # Now it has one: raising it further asks nothing; nor does making it White again.
    page.details.public_dialog = None
    box.setFocus()
    qtbot.keyClick(box, Qt.Key_Down)  # Amber to Red
    settle()
    assert read(store, lambda s: s.get(AgendaItem, item_id).classification) is Classification.RED
    assert page.details.public_dialog is None


def test_a_public_title_can_be_left_for_later(window: Any, qtbot: Any) -> None:
    store = window.store
    meeting_id = read(store, lambda s: meetings.resolve_meeting(s, "TABASC 46").id)
    item_id = read(store, lambda s: next(i.id for i in s.get(Meeting, meeting_id).items if i.number == 3))
    choose(window, "meeting", meeting_id)
    page = window.meeting_page
    page.select_item(item_id)
    settle()
    box = page.details.ui.classification
    box.setFocus()
    qtbot.keyClicks(box, "A")
    settle()
    dialog = page.details.public_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.Ok), Qt.LeftButton)  # OK with nothing typed
    assert dialog.isVisible() and "public title" in dialog.problem.text()
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.Cancel), Qt.LeftButton)  # Later
    item = read(store, lambda s: s.get(AgendaItem, item_id))
    assert item.classification is Classification.AMBER and item.public_title is None
    status = read(store, lambda s: s.get(Meeting, meeting_id).status)
    assert status is MeetingStatus.HELD
