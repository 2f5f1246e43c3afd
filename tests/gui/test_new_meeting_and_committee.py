"""New meeting dialog and committee setup, driven as a user would."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt
from sqlalchemy import select

from secdesk.model import Committee, Meeting, Membership, SeatCategory, StandingItem
from secdesk.services import committees
from tests.gui.conftest import choose, read, settle

pytestmark = pytest.mark.gui


def tabasc_id(store: Any) -> int:
    return read(store, lambda s: committees.get_committee(s, "TABASC").id)


def ok(dialog: Any) -> None:
    buttons = dialog.ui.buttons if hasattr(dialog, "ui") else dialog.buttons
    buttons.button(buttons.StandardButton.Ok).click()
    settle()  # the page shows what was saved once it is read again


def third_monday_after(last: date, today: date) -> date:
    """Counted by hand, month by month, rather than by the rule under test."""
    year, month = last.year, last.month
    while True:
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        first = date(year, month, 1)
        third = first + timedelta(days=(0 - first.weekday()) % 7 + 14)
        if third > today:
            return third


def test_new_meeting_proposes_number_date_venue_and_copies_the_template(window: Any, qtbot: Any) -> None:
    committee_id = tabasc_id(window.store)
    choose(window, "committee", committee_id)
    qtbot.keyClick(window, Qt.Key_N, Qt.ControlModifier)  # QKeySequence.New
    settle()
    dialog = window.dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.ui.number.value() == 47
    # The third Monday, like 19 Oct, of the first month in which it is still to come (issue 18 item 8).
    assert dialog.ui.date.date().toPython() == third_monday_after(date(2026, 10, 19), date.today())
    assert dialog.ui.venue.count() >= 1 and dialog.ui.venue.currentText()
    proposed = dialog.ui.date.date().toPython()
    assert dialog.ui.identifier.text() == f"<b>TABASC_47_{proposed:%d%m}</b>"
    dialog.ui.date.setDate(QDate(2026, 11, 18))
    assert "TABASC_47_1811" in dialog.ui.identifier.text()
    ok(dialog)
    assert not dialog.isVisible()

    meeting = read(window.store, lambda s: s.scalar(select(Meeting).where(Meeting.number == 47)))
    standing = read(window.store, lambda s: [t.title for t in s.get(Committee, committee_id).standing_items])
    assert meeting is not None and meeting.date == date(2026, 11, 18)
    page = window.meeting_page
    assert page.meeting.id == meeting.id and window.pages.currentWidget() is page
    assert [i.title for i in page.meeting.items] == standing
    assert page.meeting.attendance and all(r.capacity != "participant" for r in page.meeting.attendance)
    assert page.meeting.outstanding  # the Actions Outstanding item lists the open actions
    review = next(i for i in page.meeting.items if i.kind == "minutes_and_actions")
    page.select_item(review.id)
    assert page.details.ui.outstandingBox.isVisibleTo(page.details)
    assert page.details.ui.outstanding.topLevelItemCount() == len(page.meeting.outstanding)
    assert window.navigator_model.find("meeting", meeting.id).isValid()

    window.undo_action.trigger()
    assert read(window.store, lambda s: s.get(Meeting, meeting.id)) is None
    assert not window.navigator_model.find("meeting", meeting.id).isValid()
    window.redo_action.trigger()
    assert read(window.store, lambda s: [i.title for i in s.get(Meeting, meeting.id).items]) == standing


def test_a_duplicate_meeting_number_is_refused_in_the_dialog(window: Any, qtbot: Any) -> None:
    window.new_meeting(tabasc_id(window.store))
    settle()
    dialog = window.dialog
    dialog.ui.number.setValue(45)
    ok(dialog)
    assert dialog.isVisible()
    assert "already has a meeting 45" in dialog.ui.problem.text() and dialog.ui.problem.isVisibleTo(dialog)
    assert window.messages.shown == []  # the message is in the dialog, not a box
    count = read(window.store, lambda s: len(s.scalars(select(Meeting)).all()))
    dialog.ui.number.setValue(48)
    ok(dialog)
    assert not dialog.isVisible()
    assert read(window.store, lambda s: len(s.scalars(select(Meeting)).all())) == count + 1


def test_committee_details_save_and_undo(window: Any, qtbot: Any) -> None:
    committee_id = tabasc_id(window.store)
    choose(window, "committee", committee_id)
    page = window.committee_page
    assert window.pages.currentWidget() is page
    page.ui.voice.selectAll()
    qtbot.keyClicks(page.ui.voice, "The Sub-Committee")
    qtbot.waitUntil(
        lambda: read(window.store, lambda s: s.get(Committee, committee_id).voice) == "The Sub-Committee", timeout=1000
    )
    page.ui.quorum.setValue(7)
    page.ui.quorum.editingFinished.emit()
    assert read(window.store, lambda s: s.get(Committee, committee_id).quorum) == 7
    page.ui.parent.setCurrentIndex(0)
    page.ui.parent.activated.emit(0)
    assert read(window.store, lambda s: s.get(Committee, committee_id).parent_id) is None
    window.undo_action.trigger()
    window.undo_action.trigger()
    window.undo_action.trigger()
    committee = read(window.store, lambda s: s.get(Committee, committee_id))
    assert committee.voice == "The TABASC" and committee.quorum != 7 and committee.parent_id is not None


def test_how_the_minutes_word_the_committee_is_typed_on_its_page(window: Any, qtbot: Any) -> None:
    committee_id = tabasc_id(window.store)
    choose(window, "committee", committee_id)
    page = window.committee_page
    qtbot.keyClicks(page.ui.minutesName, "Technical Board")
    qtbot.keyClicks(page.ui.chairCategory, "Board Chair")
    page.ui.confidentialNotice.setFocus()
    qtbot.keyClicks(page.ui.confidentialNotice, "See the confidential minutes.")
    page.flush()
    settle()
    committee = read(window.store, lambda s: s.get(Committee, committee_id))
    assert (committee.minutes_name, committee.chair_category, committee.confidential_notice) == (
        "Technical Board", "Board Chair", "See the confidential minutes.")
    page.ui.chairCategory.selectAll()
    qtbot.keyClick(page.ui.chairCategory, Qt.Key.Key_Delete)
    page.flush()
    settle()
    assert read(window.store, lambda s: s.get(Committee, committee_id).chair_category) is None  # back to "(Chair)"


def test_code_clash_is_refused_beside_the_field_and_the_typing_is_kept(window: Any, qtbot: Any) -> None:
    committee_id = tabasc_id(window.store)
    choose(window, "committee", committee_id)
    page = window.committee_page
    page.ui.code.selectAll()
    qtbot.keyClicks(page.ui.code, "SECP")
    page.texts[committees.CODE].flush()
    settle()
    # Said beside the field and in the status bar, not in a box that interrupts the typing.
    assert window.messages.kinds() == []
    hint = page.texts[committees.CODE].hint
    assert hint is not None and hint.isVisibleTo(page) and "already exists" in hint.text()
    assert window.save_label.text().startswith("Not saved: ") and "already exists" in window.save_label.text()
    assert read(window.store, lambda s: s.get(Committee, committee_id).code) == "TABASC"
    assert page.ui.code.text() == "SECP"  # what was typed stays, to be corrected
    page.ui.code.selectAll()
    qtbot.keyClicks(page.ui.code, "TABASC")
    page.texts[committees.CODE].flush()
    settle()
    assert not hint.isVisibleTo(page) and window.save_label.text().startswith("Saved")


def test_members_seats_standing_items_and_organisations(window: Any, qtbot: Any) -> None:
    committee_id = tabasc_id(window.store)
    choose(window, "committee", committee_id)
    page = window.committee_page
    rows = page.ui.members.rowCount()

    page.add_seat()
    page.dialog.name.setText("Consumer Seat")
    ok(page.dialog)
    seat_id = read(
        window.store, lambda s: s.scalar(select(SeatCategory.id).where(SeatCategory.name == "Consumer Seat"))
    )
    assert seat_id is not None

    qtbot.mouseClick(page.ui.addMember, Qt.LeftButton)
    dialog = page.dialog
    dialog.name.setEditText("Robin Fairweather")
    dialog.organisation.setEditText("Consumer Voice")
    dialog.seat.setCurrentIndex(dialog.seat.findData(seat_id))
    dialog.start.setDate(QDate(2026, 1, 1))
    ok(dialog)
    assert not dialog.isVisible(), dialog.problem.text()
    assert page.ui.members.rowCount() == rows + 1
    membership = read(
        window.store, lambda s: s.scalars(select(Membership).where(Membership.seat_category_id == seat_id)).one()
    )
    assert membership.start_date == date(2026, 1, 1)

    row = next(r for r in range(page.ui.members.rowCount()) if page.ui.members.item(r, 0).text() == "Robin Fairweather")
    page.ui.members.setCurrentCell(row, 0)
    page.end_membership()
    page.dialog.end.setDate(QDate(2025, 6, 1))  # before it started: refused in the dialog
    ok(page.dialog)
    assert page.dialog.isVisible() and "before it starts" in page.dialog.problem.text()
    page.dialog.end.setDate(QDate(2026, 6, 30))
    ok(page.dialog)
    assert read(window.store, lambda s: s.get(Membership, membership.id).end_date) == date(2026, 6, 30)
    assert page.ui.members.rowCount() == rows  # past members are hidden
    page.ui.showPast.setChecked(True)
    assert page.ui.members.rowCount() > rows

    standing = read(window.store, lambda s: [t.title for t in s.get(Committee, committee_id).standing_items])
    page.add_standing()
    page.dialog.title.setText("Horizon Scanning")
    ok(page.dialog)
    after = read(window.store, lambda s: [t.title for t in s.get(Committee, committee_id).standing_items])
    assert after == standing + ["Horizon Scanning"]
    page.ui.standing.setCurrentCell(len(after) - 1, 0)
    page.move_standing(-1)
    after = read(window.store, lambda s: [t.title for t in s.get(Committee, committee_id).standing_items])
    assert after[-2] == "Horizon Scanning"
    window.undo_action.trigger()
    window.undo_action.trigger()
    assert read(window.store, lambda s: [t.title for t in s.get(Committee, committee_id).standing_items]) == standing

    page.add_organisation()
    page.dialog.name.setText("Regional Grid Ltd")
    ok(page.dialog)
    assert any(
        page.ui.organisations.item(i).text() == "Regional Grid Ltd" for i in range(page.ui.organisations.count())
    )
    window.undo_action.trigger()
    settle()
    assert not any(
        page.ui.organisations.item(i).text() == "Regional Grid Ltd" for i in range(page.ui.organisations.count())
    )


def test_new_committee_from_the_menu(window: Any, qtbot: Any) -> None:
    window.new_committee_action.trigger()
    window.dialog.code.setText("SSC")
    window.dialog.name.setText("Security Sub-Committee")
    ok(window.dialog)
    committee = read(window.store, lambda s: committees.get_committee(s, "SSC"))
    assert committee.voice == "The SSC"
    assert window.committee_page.committee.id == committee.id
    window.undo_action.trigger()
    assert read(window.store, lambda s: s.scalar(select(Committee).where(Committee.code == "SSC"))) is None
    assert (
        read(window.store, lambda s: s.scalar(select(StandingItem).where(StandingItem.committee_id == committee.id)))
        is None
    )


def test_the_code_of_a_committee_with_actions_cannot_change(window: Any, qtbot: Any) -> None:
    # Its action references (TABASC44/01 ...) carry the code and would be orphaned.
    committee_id = tabasc_id(window.store)
    choose(window, "committee", committee_id)
    page = window.committee_page
    page.ui.code.selectAll()
    qtbot.keyClicks(page.ui.code, "TABSC")
    page.texts[committees.CODE].flush()
    settle()
    hint = page.texts[committees.CODE].hint
    assert hint is not None and "references carry its code" in hint.text()
    assert read(window.store, lambda s: s.get(Committee, committee_id).code) == "TABASC"
