"""New meeting from the previous one's agenda and attendance, chosen in the dialog by keys (issue 18 item 6)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from secdesk.model import AttendanceStatus, Capacity, Meeting
from secdesk.services import committees, meetings
from tests.gui.conftest import choose, read, settle

pytestmark = pytest.mark.gui

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def screenshot_folder(tmp_path: Path) -> Path:
    """docs/screenshots when asked for (SECDESK_SCREENSHOTS=1, to look at and keep), else a scratch folder."""
    return SCREENSHOTS if os.environ.get("SECDESK_SCREENSHOTS") else tmp_path


def open_dialog(window: Any, qtbot: Any) -> Any:
    committee_id = read(window.store, lambda s: committees.get_committee(s, "TABASC").id)
    choose(window, "committee", committee_id)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window, Qt.Key_N, Qt.ControlModifier)
    settle()
    dialog = window.dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def test_the_dialog_copies_the_previous_meeting_when_chosen(window: Any, qtbot: Any, tmp_path: Path) -> None:
    dialog = open_dialog(window, qtbot)
    ui = dialog.ui
    assert ui.fromPrevious.text() == "Co&py the agenda and attendance of TABASC_46_1910"
    assert ui.fromTemplate.isChecked() and not ui.fromPrevious.isChecked()  # the template unless chosen
    assert "standing items" in ui.copied.text()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_P, Qt.AltModifier)  # Co&py
    qtbot.waitUntil(ui.fromPrevious.isChecked, timeout=1000)  # a mnemonic clicks as a short animated press
    assert QApplication.focusWidget() is ui.fromPrevious and "as TABASC_46_1910 had them" in ui.copied.text()
    dialog.grab().save(str(screenshot_folder(tmp_path) / "new-meeting-copy-previous.png"))
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Return)  # Enter confirms, as OK does
    settle()
    assert not dialog.isVisible()

    def made(session: Any) -> Any:
        meeting = session.scalar(select(Meeting).where(Meeting.number == 47))
        previous = meetings.resolve_meeting(session, "TABASC 46")
        return (
            [(i.title, i.public_title, i.classification, i.presenter, i.planned_minutes) for i in meeting.items],
            [(i.title, i.public_title, i.classification, i.presenter, i.planned_minutes) for i in previous.items],
            [(a.person.name, a.capacity, a.status, a.part) for a in meeting.attendance],
            [(i.minutes, len(i.papers), len(i.decisions)) for i in meeting.items],
        )

    items, previous_items, attendees, content = read(window.store, made)
    assert items == previous_items and len(items) == 12
    assert content == [("", 0, 0)] * 12
    assert [name for name, *_ in attendees].count("Ben Holloway") == 0  # Marcus Webb's alternate at 46 only
    assert ("Marcus Webb", Capacity.MEMBER, AttendanceStatus.PRESENT, False) in attendees
    assert ("Iris Kowalczyk", Capacity.MEETING_SECRETARY, AttendanceStatus.PRESENT, False) in attendees
    assert all(status is AttendanceStatus.PRESENT and not part for _n, _c, status, part in attendees)
    page = window.meeting_page
    assert window.pages.currentWidget() is page and [i.title for i in page.meeting.items] == [t[0] for t in items]

    # The next new meeting of TABASC starts from the same choice, naming the meeting just made.
    made_identifier = page.meeting.identifier
    dialog = open_dialog(window, qtbot)
    assert dialog.ui.fromPrevious.isChecked()
    assert dialog.ui.fromPrevious.text() == f"Co&py the agenda and attendance of {made_identifier}"
    dialog.reject()

    window.undo_action.trigger()
    assert read(window.store, lambda s: s.scalar(select(Meeting).where(Meeting.number == 47))) is None


def test_the_template_stays_the_default(window: Any, qtbot: Any) -> None:
    dialog = open_dialog(window, qtbot)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Return)
    settle()
    assert not dialog.isVisible()

    def titles(session: Any) -> tuple[list[str], list[str]]:
        meeting = session.scalar(select(Meeting).where(Meeting.number == 47))
        return [i.title for i in meeting.items], [t.title for t in meeting.committee.standing_items]

    made, standing = read(window.store, titles)
    assert made == standing and "Supplier Readiness Survey Results" not in made



def test_a_committees_first_meeting_offers_no_copy(window: Any, qtbot: Any) -> None:
    with window.store.write() as session:
        committee_id = committees.create_committee(session, "NEWC", "A New Committee").id
    settle()
    window.new_meeting(committee_id)
    settle()
    dialog = window.dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.ui.fromTemplate.isChecked() and not dialog.ui.fromPrevious.isVisibleTo(dialog)
    assert dialog.copy_from_id() is None
    dialog.reject()
