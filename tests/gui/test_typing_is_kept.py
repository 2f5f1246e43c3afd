"""Typed text is kept as typed: spaces, choices, pauses, Tab, refusals and dates, on every screen.

Each test types as a person does (keys to whatever has the focus, with the
pauses people make) and then reads the database in a fresh session.
"""

from __future__ import annotations

import time
from datetime import date, timedelta
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QDateTimeEdit, QWidget
from sqlalchemy import select

from secdesk.gui.autosave import MAX_WAIT_MS
from secdesk.gui.live.live_window import LiveWindow
from secdesk.gui.live.texts import LIVE_DELAY_MS
from secdesk.model import Action, AgendaItem, Committee, Decision, Meeting
from secdesk.services import committees
from secdesk.services.meetings import resolve_meeting
from secdesk.store import Store
from tests.gui.conftest import choose, read, settle
from tests.gui.test_live_meeting import Keyboard

pytestmark = pytest.mark.gui


CTRL, SHIFT = Qt.ControlModifier, Qt.ShiftModifier
SENTENCE = "SECAS to write to the DCC by Friday."


def type_with_pauses(qtbot: Any, text: str, pause_ms: int) -> None:
    """Word by word, each followed by its space and a pause longer than the autosave's."""
    words = text.split(" ")
    for index, word in enumerate(words):
        widget = QApplication.focusWidget()
        assert widget is not None, "nothing has the keyboard focus"
        qtbot.keyClicks(widget, word + (" " if index < len(words) - 1 else ""))
        qtbot.wait(pause_ms)


def wait_saved(qtbot: Any, editor: Any) -> None:
    qtbot.waitUntil(lambda: editor.pending_edits == 0, timeout=3000)
    qtbot.wait(20)


def item_at(store: Store, meeting_id: int, number: int) -> AgendaItem:
    return read(store, lambda s: next(i for i in s.get(Meeting, meeting_id).items if i.number == number))


# --- the live screen ---

LIVE_PAUSE = LIVE_DELAY_MS + 120


def test_live_screen_keeps_every_space_typed_with_pauses(
    qtbot: Any, live: LiveWindow, demo_store: Store, meeting_47: int
) -> None:
    keys = Keyboard(qtbot, live)
    # Item 1: an update for the oldest outstanding action.
    keys.press(Qt.Key_R, CTRL)
    keys.press(Qt.Key_Return)
    assert keys.focus() is live.review.update_box
    type_with_pauses(qtbot, "The guide is drafted and goes out in December.", LIVE_PAUSE)
    keys.press(Qt.Key_Return)

    keys.press(Qt.Key_PageDown, CTRL)
    assert keys.focus() is live.minutes
    type_with_pauses(qtbot, "DESNZ summarised the responses to its consultation.", LIVE_PAUSE)

    keys.press(Qt.Key_D, CTRL)
    keys.press(Qt.Key_N)
    assert keys.focus() is live.outcomes.decision_text
    type_with_pauses(qtbot, "the verbal update and the next steps", LIVE_PAUSE)
    keys.press(Qt.Key_Return)

    keys.press(Qt.Key_A, CTRL | SHIFT)
    assert keys.focus() is live.outcomes.owner
    type_with_pauses(qtbot, "SECAS with the DCC", LIVE_PAUSE)
    keys.press(Qt.Key_Tab)
    assert keys.focus() is live.outcomes.action_text
    type_with_pauses(qtbot, SENTENCE, LIVE_PAUSE)
    keys.press(Qt.Key_Return)

    keys.press(Qt.Key_N, CTRL | SHIFT)
    assert keys.focus() is live.note
    type_with_pauses(qtbot, "Published on the website on 20 November.", LIVE_PAUSE)
    wait_saved(qtbot, live.editor)

    item = item_at(demo_store, meeting_47, 2)
    assert item.minutes == "DESNZ summarised the responses to its consultation."
    assert item.post_meeting_note == "Published on the website on 20 November."
    decisions = read(
        demo_store, lambda s: [d.text for d in s.scalars(select(Decision).where(Decision.agenda_item_id == item.id))]
    )
    assert decisions == ["the verbal update and the next steps"]
    action = read(demo_store, lambda s: s.scalar(select(Action).where(Action.agenda_item_id == item.id)))
    assert (action.owner, action.text) == ("SECAS with the DCC", SENTENCE)
    # The boxes still show what was typed: nothing was written back into them while typing.
    assert live.note.toPlainText() == "Published on the website on 20 November."
    updates = [row.update for row in live.review.model.rows if row.update]
    assert updates == ["The guide is drafted and goes out in December."]


def test_live_decision_tab_lands_on_the_minutes_and_what_follows_is_kept(
    qtbot: Any, live: LiveWindow, demo_store: Store, meeting_47: int
) -> None:
    keys = Keyboard(qtbot, live)
    keys.press(Qt.Key_PageDown, CTRL)
    keys.press(Qt.Key_D, CTRL)
    keys.press(Qt.Key_N)
    keys.type("the update")
    keys.press(Qt.Key_Tab)
    landed = keys.focus()
    assert landed.isVisible() and landed is live.minutes
    keys.type("Typed after the Tab.")
    keys.press(Qt.Key_Tab)  # outside a table Tab moves on, it is not typed
    # The text typed before the decision's place, which the box shows after it.
    assert live.minutes.to_text().startswith("Typed after the Tab.\n\n{decision ")
    wait_saved(qtbot, live.editor)
    assert item_at(demo_store, meeting_47, 2).minutes == "Typed after the Tab."
    decisions = read(demo_store, lambda s: [d.text for d in s.scalars(select(Decision))])
    assert "the update" in decisions


def test_live_impossible_due_date_and_empty_decision_are_said_beside_the_field(
    qtbot: Any, live: LiveWindow, demo_store: Store, meeting_47: int
) -> None:
    keys = Keyboard(qtbot, live)
    outcomes = live.outcomes
    keys.press(Qt.Key_PageDown, CTRL)
    keys.press(Qt.Key_A, CTRL | SHIFT)
    keys.type("SECAS")
    keys.press(Qt.Key_Tab)
    keys.type("SECAS to write to the DCC.")
    keys.press(Qt.Key_Tab)
    assert keys.focus() is outcomes.due
    keys.type("31 Feb 2027")
    wait_saved(qtbot, live.editor)
    assert live.save_label.text().startswith("Not saved: ") and "31 Feb 2027" in live.save_label.text()
    hint = outcomes.due_live.hint
    assert hint is not None and hint.isVisible() and "31 Feb 2027" in hint.text()
    assert outcomes.due.text() == "31 Feb 2027"  # kept, to be corrected
    def action() -> Action:
        return read(demo_store, lambda s: s.scalar(select(Action).where(Action.reference == "TABASC47/01")))

    assert action().due_date is None
    keys.press(Qt.Key_Return)  # refused: Enter does not close the action, the hint stays in view
    assert outcomes.action_box.isVisible() and keys.focus() is outcomes.due and hint.isVisible()
    keys.press(Qt.Key_Backspace)
    keys.press(Qt.Key_Backspace)
    keys.type("8")  # "31 Feb 208": still not a date
    for _ in range(len("31 Feb 208")):
        keys.press(Qt.Key_Backspace)
    keys.type("28 Feb 2027")
    wait_saved(qtbot, live.editor)
    assert not hint.isVisible() and live.save_label.text().startswith("Saved")
    assert action().due_date == date(2027, 2, 28)
    keys.press(Qt.Key_Return)

    keys.press(Qt.Key_D, CTRL)
    keys.press(Qt.Key_N)
    keys.type("the update")
    wait_saved(qtbot, live.editor)
    keys.press(Qt.Key_A, CTRL)
    keys.press(Qt.Key_Backspace)
    wait_saved(qtbot, live.editor)
    assert live.save_label.text().startswith("Not saved: ")
    hint = outcomes.decision_live.hint
    assert hint is not None and hint.isVisible() and "needs its words" in hint.text()
    assert outcomes.decision_text.text() == ""
    keys.press(Qt.Key_Return)
    assert outcomes.decision_box.isVisible() and keys.focus() is outcomes.decision_text
    assert read(demo_store, lambda s: [d.text for d in s.scalars(select(Decision))]).count("the update") == 1
    keys.type("the revised update")
    wait_saved(qtbot, live.editor)
    assert not hint.isVisible() and live.save_label.text().startswith("Saved")
    assert "the revised update" in read(demo_store, lambda s: [d.text for d in s.scalars(select(Decision))])


def test_live_owner_chosen_from_the_list_is_stored_and_text_not_chosen_is_kept(
    qtbot: Any, live: LiveWindow, demo_store: Store, meeting_47: int
) -> None:
    keys = Keyboard(qtbot, live)
    outcomes = live.outcomes
    popup = outcomes.owner.completer().popup()
    keys.press(Qt.Key_PageDown, CTRL)
    keys.press(Qt.Key_A, CTRL | SHIFT)
    keys.type("SECAS")
    keys.press(Qt.Key_Tab)
    keys.type("SECAS to write to the DCC.")
    keys.press(Qt.Key_Return)

    wait_saved(qtbot, live.editor)
    # The action exists; its owner is changed: typed, a pause (saved as typed), then chosen from the list.
    keys.press(Qt.Key_4, CTRL)
    assert keys.focus() is outcomes.actions
    outcomes.actions.setCurrentRow(0)
    keys.press(Qt.Key_Return)
    keys.press(Qt.Key_Tab, SHIFT)
    assert keys.focus() is outcomes.owner
    keys.press(Qt.Key_A, CTRL)
    keys.type("tabasc ch")
    qtbot.wait(LIVE_PAUSE)
    reference = "TABASC47/01"
    def owner() -> str:
        return read(demo_store, lambda s: s.scalar(select(Action.owner).where(Action.reference == reference)))

    assert owner() == "tabasc ch"
    assert popup.isVisible() and "The TABASC Chair" in outcomes.owner_model.stringList()
    row = outcomes.owner_model.stringList().index("The TABASC Chair")
    for _ in range(row + 1):
        qtbot.keyClick(popup, Qt.Key_Down)
    qtbot.keyClick(popup, Qt.Key_Return)
    assert outcomes.owner.text() == "The TABASC Chair"
    qtbot.wait(LIVE_PAUSE)
    assert owner() == "The TABASC Chair"

    # Typed and not chosen (the list closed with Esc): stored as typed, not completed behind the user's back.
    keys.press(Qt.Key_A, CTRL)
    keys.type("tabasc")
    assert popup.isVisible()
    qtbot.keyClick(popup, Qt.Key_Escape)
    keys.press(Qt.Key_Tab)
    assert keys.focus() is outcomes.action_text
    wait_saved(qtbot, live.editor)
    assert owner() == "tabasc"


# --- the main window: meeting page and committee page ---

PAGE_PAUSE = 200  # the window fixture saves after 100 ms


def open_meeting(window: Any, spec: str = "TABASC 46") -> int:
    meeting_id = read(window.store, lambda s: resolve_meeting(s, spec).id)
    assert choose(window, "meeting", meeting_id)
    return meeting_id


def click_into(qtbot: Any, widget: Any) -> None:
    window = widget.window()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.mouseClick(widget.viewport() if hasattr(widget, "viewport") else widget, Qt.LeftButton)
    qtbot.waitUntil(widget.hasFocus)
    qtbot.keyClick(widget, Qt.Key_A, CTRL)  # what is there is replaced by what is typed
    qtbot.keyClick(widget, Qt.Key_Delete)


def test_meeting_page_keeps_every_space_typed_with_pauses(window: Any, qtbot: Any) -> None:
    meeting_id = open_meeting(window)
    page = window.meeting_page
    item_id = page.meeting.items[2].id
    page.select_item(item_id)
    ui = page.details.ui
    typed = {
        "title": (ui.title, "DCC update and the plan"),
        "public_title": (ui.publicTitle, "An update from the DCC"),
        "presenter": (ui.presenter, "SECAS for the DCC"),
        "minutes": (ui.minutes, SENTENCE),
        "post_meeting_note": (ui.note, "Sent out on 2 December."),
    }
    for widget, text in typed.values():
        click_into(qtbot, widget)
        type_with_pauses(qtbot, text, PAGE_PAUSE)
        assert (widget.text() if hasattr(widget, "text") else widget.toPlainText()) == text
    click_into(qtbot, page.ui.venue)
    type_with_pauses(qtbot, "Room 4 at the DCC", PAGE_PAUSE)
    wait_saved(qtbot, window.editor)

    item = read(window.store, lambda s: s.get(AgendaItem, item_id))
    assert {name: getattr(item, name) for name in typed} == {name: text for name, (_w, text) in typed.items()}
    assert read(window.store, lambda s: s.get(Meeting, meeting_id).venue) == "Room 4 at the DCC"


def test_committee_page_keeps_every_space_typed_with_pauses(window: Any, qtbot: Any) -> None:
    committee_id = read(window.store, lambda s: committees.get_committee(s, "TABASC").id)
    choose(window, "committee", committee_id)
    page = window.committee_page
    typed = {
        "name": (page.ui.name, "Technical Architecture and Business Architecture Sub Committee"),
        "voice": (page.ui.voice, "The TABASC members"),
        "secretariat": (page.ui.secretariat, "SECAS for the Panel"),
        "default_venue": (page.ui.venue, "Room 4 at the DCC"),
    }
    for widget, text in typed.values():
        click_into(qtbot, widget)
        type_with_pauses(qtbot, text, PAGE_PAUSE)
        assert widget.text() == text
    wait_saved(qtbot, window.editor)
    committee = read(window.store, lambda s: s.get(Committee, committee_id))
    assert {name: getattr(committee, name) for name in typed} == {name: text for name, (_w, text) in typed.items()}


def type_without_pausing(qtbot: Any, box: Any, stored: Any, text: str) -> None:
    """Three characters every 120 ms for 2.5 s: what was typed more than 1 s ago is already saved."""
    typed: list[tuple[float, int]] = []  # when, how many characters typed by then
    checked = 0
    start = time.monotonic()
    position = 0
    while time.monotonic() - start < 2.5:
        qtbot.keyClicks(box, text[position : position + 3])
        position += 3
        typed.append((time.monotonic(), position))
        qtbot.wait(120)  # shorter than any pause: the pause alone would never save
        saved = stored() or ""
        due = [count for when, count in typed if time.monotonic() - when > 1.0]
        if due:
            assert text.startswith(saved) and len(saved) >= due[-1], (len(saved), due[-1])
            checked += 1
    assert checked >= 5


LONG_TEXT = "The TABASC heard a long update and asked many questions about it. " * 3


def test_meeting_page_typing_that_never_pauses_is_saved_within_a_second(
    make_window: Any, demo_store: Store, qtbot: Any
) -> None:
    window = make_window(demo_store, fast=False)  # the real pause: 500 ms
    assert window.settings.save_delay == 500 and MAX_WAIT_MS <= 1000
    open_meeting(window)
    page = window.meeting_page
    item_id = page.meeting.items[2].id
    page.select_item(item_id)
    box = page.details.ui.minutes
    click_into(qtbot, box)
    type_without_pausing(
        qtbot, box, lambda: read(window.store, lambda s: s.get(AgendaItem, item_id).minutes), LONG_TEXT
    )


def test_committee_page_typing_that_never_pauses_is_saved_within_a_second(
    make_window: Any, demo_store: Store, qtbot: Any
) -> None:
    window = make_window(demo_store, fast=False)
    committee_id = read(window.store, lambda s: committees.get_committee(s, "TABASC").id)
    choose(window, "committee", committee_id)
    box = window.committee_page.ui.name
    click_into(qtbot, box)
    type_without_pausing(
        qtbot, box, lambda: read(window.store, lambda s: s.get(Committee, committee_id).name), LONG_TEXT
    )


def test_tab_order_of_the_meeting_page_is_deliberate_and_tab_leaves_plain_boxes(window: Any, qtbot: Any) -> None:
    meeting_id = open_meeting(window)
    page = window.meeting_page
    item_id = page.meeting.items[2].id
    page.select_item(item_id)
    ui = page.details.ui
    click_into(qtbot, ui.title)
    qtbot.keyClicks(ui.title, "Government update")
    order = [ui.publicTitle, ui.publicSummary, ui.section, ui.purpose, ui.presenter, ui.planned, ui.classification]
    for expected in order:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Tab)
        assert QApplication.focusWidget() is expected
    click_into(qtbot, ui.minutes)
    qtbot.keyClicks(ui.minutes, "Noted.")
    qtbot.keyClick(ui.minutes, Qt.Key_Tab)
    assert QApplication.focusWidget() is ui.note and ui.minutes.to_text().startswith("Noted.\n\n{decision ")
    qtbot.keyClicks(ui.note, "Typed after the Tab.")
    wait_saved(qtbot, window.editor)
    item = read(window.store, lambda s: s.get(AgendaItem, item_id))
    assert (item.title, item.minutes, item.post_meeting_note) == ("Government update", "Noted.", "Typed after the Tab.")
    assert meeting_id == page.meeting.id


def test_a_date_moved_more_than_a_few_days_is_confirmed_and_undoable(window: Any, qtbot: Any) -> None:
    meeting_id = open_meeting(window)
    page = window.meeting_page
    old = page.meeting.date
    def stored() -> date:
        return read(window.store, lambda s: s.get(Meeting, meeting_id).date)

    field = page.ui.date
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    field.setFocus(Qt.TabFocusReason)
    qtbot.waitUntil(lambda: field.currentSection() == QDateTimeEdit.DaySection)
    qtbot.keyClick(field, Qt.Key_Up)  # one arrow: one day, saved without a question
    qtbot.keyClick(field, Qt.Key_Return)
    assert stored() == old + timedelta(days=1) and window.messages.kinds() == []

    field.setCurrentSection(QDateTimeEdit.YearSection)
    qtbot.keyClick(field, Qt.Key_Up)  # a year: asked first; "No" leaves the meeting where it was
    window.messages.confirm_answer = False
    qtbot.keyClick(field, Qt.Key_Return)
    assert window.messages.kinds() == ["confirm"] and "Move" in window.messages.shown[0][1]
    assert stored() == old + timedelta(days=1)
    assert field.date() == QDate(stored().year, stored().month, stored().day)

    field.setCurrentSection(QDateTimeEdit.YearSection)
    qtbot.keyClick(field, Qt.Key_Up)
    window.messages.confirm_answer = True
    qtbot.keyClick(field, Qt.Key_Return)
    moved = stored()
    assert moved.year == old.year + 1 and window.messages.kinds() == ["confirm", "confirm"]
    window.undo_action.trigger()
    assert stored() == old + timedelta(days=1)
    window.undo_action.trigger()
    assert stored() == old


def test_tab_in_the_new_meeting_dialog_goes_top_to_bottom(window: Any, qtbot: Any) -> None:
    committee_id = read(window.store, lambda s: committees.get_committee(s, "TABASC").id)
    choose(window, "committee", committee_id)
    qtbot.keyClick(window, Qt.Key_N, CTRL)
    settle()
    dialog = window.dialog
    ui = dialog.ui
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    ui.number.setFocus(Qt.TabFocusReason)
    seen = [QApplication.focusWidget()]
    for _ in range(12 + len(dialog.planned.boxes)):  # Tab first steps through a date's day, month and year
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Tab)
        if QApplication.focusWidget() is not seen[-1]:
            seen.append(QApplication.focusWidget())
    # The agenda's start is one stop (its choice, the arrows between the two), before the planner's offers.
    expected = [ui.number, ui.date, ui.start, ui.end, ui.venue, ui.fromTemplate,
                *(box for _id, box in dialog.planned.boxes)]
    assert seen[: len(expected)] == expected
    assert seen[len(expected)].parent() is ui.buttons  # then OK and Cancel
    dialog.reject()


def test_leaving_for_another_window_mid_sentence_keeps_the_space(window: Any, qtbot: Any) -> None:
    open_meeting(window)
    page = window.meeting_page
    item_id = page.meeting.items[2].id
    page.select_item(item_id)
    box = page.details.ui.presenter
    click_into(qtbot, box)
    qtbot.keyClicks(box, "SECAS ")
    wait_saved(qtbot, window.editor)
    other = QWidget()
    qtbot.addWidget(other)
    other.show()
    other.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is other)
    qtbot.wait(50)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window and box.hasFocus())
    qtbot.keyClicks(box, "for the DCC")
    wait_saved(qtbot, window.editor)
    assert box.text() == "SECAS for the DCC"
    assert read(window.store, lambda s: s.get(AgendaItem, item_id).presenter) == "SECAS for the DCC"


def test_live_esc_gives_up_a_refused_decision_and_the_status_is_true(
    qtbot: Any, live: LiveWindow, demo_store: Store, meeting_47: int
) -> None:
    keys = Keyboard(qtbot, live)
    keys.press(Qt.Key_PageDown, CTRL)
    keys.press(Qt.Key_D, CTRL)
    keys.press(Qt.Key_N)
    keys.type("the update")
    wait_saved(qtbot, live.editor)
    keys.press(Qt.Key_A, CTRL)
    keys.press(Qt.Key_Backspace)
    wait_saved(qtbot, live.editor)
    assert live.save_label.text().startswith("Not saved: ")
    keys.press(Qt.Key_Escape)  # give it up: the decision keeps its words
    assert not live.outcomes.decision_box.isVisible() and keys.focus() is live.minutes
    assert live.save_label.text().startswith("Saved")
    assert read(demo_store, lambda s: [d.text for d in s.scalars(select(Decision))]).count("the update") == 1
    assert not live.editor.problems
