"""The minutes lifecycle from the meeting itself: agree as final, mark the draft circulated, reopen.

Meeting > Agree minutes as final... opens `FinaliseDialog`: agreed at one of the committee's
later meetings (the next proposed) or approved ex-committee, by correspondence, dated or not.
It confirms, then `meetings.agree_final` or `meetings.approve_ex_committee` runs on the serial
worker. Finalising is not an undo step: only Reopen minutes... (confirmed, audited) unlocks
final minutes. Marking the draft circulated is an ordinary undoable lifecycle step, as End
meeting is. The entries and the page's buttons beside Reopen apply only when the core says
so (`meetings.can_be_final`, `meetings.can_be_circulated`).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QWidget,
)

from secdesk.gui.dialogs import FormDialog
from secdesk.gui.editor import Reply
from secdesk.gui.live.commands import Lifecycle
from secdesk.gui.messages import Messages
from secdesk.model import Meeting
from secdesk.services import meetings
from secdesk.services.changes import Changes, meeting_changed
from secdesk.services.meeting_record import MeetingView
from secdesk.services.meetings import FinalOptions
from secdesk.services.rows import fetch

if TYPE_CHECKING:
    from secdesk.gui.main_window import MainWindow
    from secdesk.gui.meeting_page import MeetingPage

LOCK_NOTE = (
    "Final minutes are the record: they are locked, and nothing in them can change. Undo does not "
    "unlock them; only Reopen minutes... on this meeting's page (or secdesk reopen) does, and the "
    "audit trail records it."
)


class FinaliseDialog(FormDialog):
    """How the draft minutes of one meeting became final; OK confirms, then `submit` saves."""

    def __init__(self, options: FinalOptions, messages: Messages, parent: QWidget | None = None) -> None:
        super().__init__(f"Agree the minutes of {options.identifier} as final", parent, 560)
        self.options, self.messages = options, messages
        explain = QLabel(
            f"The draft minutes of {options.identifier} ({options.date:%d %B %Y}) become the final minutes. "
            "How were they agreed?"
        )
        explain.setWordWrap(True)
        self.form.addRow(explain)

        self.at_meeting = QRadioButton("Agreed &at a meeting:")
        self.meeting = QComboBox()
        self.meeting.setAccessibleName("Meeting that agreed them")
        for later in options.later:
            self.meeting.addItem(f"{later.identifier}  ({later.date:%a %d %b %Y}): {later.status_label}", later.id)
        self.form.addRow(self.at_meeting, self.meeting)
        self.ex_committee = QRadioButton("Approved &ex-committee (by correspondence)")
        self.form.addRow(self.ex_committee)
        self.dated = QCheckBox("&Dated:")
        self.dated.setToolTip("Leave unticked when the record gives no date for the approval")
        self.on = QDateEdit(QDate.currentDate())
        self.on.setCalendarPopup(True)
        self.on.setDisplayFormat("ddd d MMM yyyy")
        self.on.setAccessibleName("Date approved ex-committee")
        self.no_date = QLabel("no date recorded")
        self.no_date.setStyleSheet("color: palette(placeholder-text);")
        dated_row = QHBoxLayout()
        dated_row.setContentsMargins(24, 0, 0, 0)
        dated_row.addWidget(self.dated)
        dated_row.addWidget(self.on)
        dated_row.addWidget(self.no_date, 1)
        self.form.addRow(dated_row)

        self.how = QButtonGroup(self)
        self.how.addButton(self.at_meeting)
        self.how.addButton(self.ex_committee)
        if options.later:
            self.at_meeting.setChecked(True)  # the next meeting, as a committee usually agrees them
        else:
            self.at_meeting.setEnabled(False)
            self.at_meeting.setText("Agreed at a meeting (no later meeting yet)")
            self.meeting.hide()
            self.ex_committee.setChecked(True)
        self.first_field = self.how.checkedButton()

        note = QLabel(LOCK_NOTE)
        note.setWordWrap(True)
        self.form.addRow(note)
        self.buttons.button(QDialogButtonBox.Ok).setText("A&gree as final...")
        self.how.buttonToggled.connect(lambda _button, _checked: self._follow())
        self.dated.toggled.connect(lambda _checked: self._follow())
        self._follow()

    def _follow(self) -> None:
        at = self.at_meeting.isChecked()
        self.meeting.setEnabled(at)
        self.dated.setEnabled(not at)
        self.on.setEnabled(not at and self.dated.isChecked())
        self.on.setVisible(self.dated.isChecked())
        self.no_date.setVisible(not self.dated.isChecked())

    def chosen_meeting(self) -> int | None:
        """The later meeting chosen, or None for ex-committee."""
        return self.meeting.currentData() if self.at_meeting.isChecked() else None

    def chosen_date(self) -> date | None:
        """Ex-committee: the date of the approval, None when the record gives none."""
        return self.on.date().toPython() if self.dated.isChecked() else None

    def agreement(self) -> str:
        """How the minutes were agreed, in words, for the question and the status bar."""
        at = self.chosen_meeting()
        if at is not None:
            return f"agreed at {self.meeting.currentText().split()[0]}"
        on = self.chosen_date()
        return f"approved ex-committee on {on:%d %B %Y}" if on else "approved ex-committee, with no date recorded"

    def _ok(self) -> None:
        if not self.buttons.button(QDialogButtonBox.Ok).isEnabled():
            return
        if self.at_meeting.isChecked() and self.chosen_meeting() is None:
            self.show_problem("Choose the meeting that agreed them.")
            return
        if not self.messages.confirm(
            self,
            "Agree minutes as final",
            f"Agree the draft minutes of {self.options.identifier} as final, {self.agreement()}?\n\n{LOCK_NOTE}",
        ):
            return
        super()._ok()


def _page(window: MainWindow) -> MeetingPage | None:
    """The meeting page, when it is the page shown and holds a meeting."""
    page = window._meeting_page
    return page if page is not None and window.shown_meeting() is not None else None


def agree_final(window: MainWindow) -> None:
    """Meeting > Agree minutes as final...: read what it can be agreed at, then ask."""
    page = _page(window)
    meeting = page.meeting if page is not None else None
    if page is None or meeting is None or not meetings.can_be_final(meeting.status, meeting.locked):
        return
    page.flush()  # what was typed a moment ago is in the record
    meeting_id = meeting.id
    window.editor.load(
        lambda s: meetings.final_options(s, fetch(s, Meeting, meeting_id)),
        lambda options: _ask(window, page, options),
    )


def _ask(window: MainWindow, page: MeetingPage, options: FinalOptions) -> None:
    if not shiboken6.isValid(page) or page.meeting is None or page.meeting.id != options.meeting_id:
        return  # another meeting was chosen meanwhile
    dialog = FinaliseDialog(options, window.messages, page)
    page.finalise_dialog = dialog  # type: ignore[attr-defined]
    meeting_id, identifier = options.meeting_id, options.identifier

    def submit(reply: Reply) -> None:
        at, on, how = dialog.chosen_meeting(), dialog.chosen_date(), dialog.agreement()

        def agree(session: Any) -> Changes:
            meeting = fetch(session, Meeting, meeting_id)
            if at is not None:
                meetings.agree_final(session, meeting, fetch(session, Meeting, at))
                return meeting_changed(meeting_id, structure=True) | meeting_changed(at)
            meetings.approve_ex_committee(session, meeting, on)
            return meeting_changed(meeting_id, structure=True)  # the navigator's padlock

        def agreed(_changes: Changes) -> None:
            reply(None)
            if shiboken6.isValid(window):
                window.statusBar().showMessage(
                    f"The minutes of {identifier} are final ({how}) and locked; Reopen minutes... unlocks them.",
                    10000,
                )

        window.editor.save(agree, agreed, failed=lambda error: reply(str(error)),
                           label="Agreeing the minutes as final...")

    dialog.submit = submit
    dialog.open()


def mark_circulated(window: MainWindow) -> None:
    """Meeting > Mark draft as circulated: an ordinary lifecycle step, undone by Edit > Undo."""
    page = _page(window)
    meeting = page.meeting if page is not None else None
    if page is None or meeting is None or not meetings.can_be_circulated(meeting.status, meeting.locked):
        return
    page.flush()
    identifier = meeting.identifier
    command = Lifecycle(window.editor, f"Mark the draft minutes of {identifier} as circulated", meeting.id,
                        meetings.circulate)

    def done() -> None:
        if shiboken6.isValid(window):
            window.statusBar().showMessage(
                f"The draft minutes of {identifier} are marked as circulated (Edit > Undo takes it back).", 10000
            )

    window.editor.push(command, done=done)


def reopen_minutes(window: MainWindow) -> None:
    """Meeting > Reopen minutes...: the meeting page's own confirmed, audited reopen."""
    page = _page(window)
    if page is not None:
        page.reopen_minutes()


def extend_meeting_page(window: MainWindow, page: MeetingPage) -> None:
    """Buttons beside Reopen on the meeting page; they and the Meeting menu's entries follow the meeting shown."""
    final = QPushButton("A&gree minutes as final...")
    final.setToolTip("Record that these draft minutes were agreed as final, at a later meeting or ex-committee")
    final.clicked.connect(lambda: agree_final(window))
    circulated = QPushButton("Mar&k draft as circulated")  # Alt+C is the item's Classification
    circulated.setToolTip("Record that the draft minutes went out to the committee (Edit > Undo takes it back)")
    circulated.clicked.connect(lambda: mark_circulated(window))
    row = page.lock_row
    at = row.indexOf(page.reopen_button)
    row.insertStretch(at)
    row.insertWidget(at + 1, final)
    row.insertWidget(at + 2, circulated)
    QWidget.setTabOrder(page.reopen_button, final)
    QWidget.setTabOrder(final, circulated)
    final.hide()
    circulated.hide()
    page.final_button = final  # type: ignore[attr-defined]
    page.circulated_button = circulated  # type: ignore[attr-defined]

    def follow(*_args: Any) -> None:
        if not shiboken6.isValid(page):
            return
        meeting: MeetingView | None = window.shown_meeting()
        can_final = meeting is not None and meetings.can_be_final(meeting.status, meeting.locked)
        can_circulate = meeting is not None and meetings.can_be_circulated(meeting.status, meeting.locked)
        for button, applies in ((final, can_final), (circulated, can_circulate)):
            button.setVisible(applies)
            button.setEnabled(applies)
        window.minutes_actions["final"].setEnabled(can_final)
        window.minutes_actions["circulated"].setEnabled(can_circulate)
        window.minutes_actions["reopen"].setEnabled(meeting is not None and meeting.locked)

    page.details.item_shown.connect(follow)  # after every read of the meeting
    window.pages.currentChanged.connect(follow)
    follow()
