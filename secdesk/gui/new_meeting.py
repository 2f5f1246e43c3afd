"""New meeting: number, date and venue proposed; the identifier shown as it will appear."""

from __future__ import annotations

from datetime import time

import shiboken6
from PySide6.QtCore import QDate, QTime, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget

from secdesk.gui import accessibility, commands
from secdesk.gui.dialogs import focus_field
from secdesk.gui.editor import Editor
from secdesk.gui.focus import tab_order
from secdesk.gui.forms.ui_new_meeting_dialog import Ui_NewMeetingDialog
from secdesk.gui.registers.commands import NewMeetingWithPlanned
from secdesk.gui.registers.planned_offer import PlannedOffer
from secdesk.gui.settings import Settings
from secdesk.services.meetings import MeetingProposal
from secdesk.vocabulary import meeting_identifier


class NewMeetingDialog(QDialog):
    created = Signal(int)  # the new meeting's id

    def __init__(self, editor: Editor, proposal: MeetingProposal, parent: QWidget | None = None) -> None:
        """`proposal` is read by the caller, on the worker, before the dialog opens."""
        super().__init__(parent)
        self.editor = editor
        self.ui = Ui_NewMeetingDialog()
        self.ui.setupUi(self)
        accessibility.name(((self.ui.start, "Start time"), (self.ui.end, "End time")))
        self.proposal = p = proposal
        self.ui.committee.setText(p.committee_code)
        self.ui.number.setValue(p.number)
        self.ui.date.setDate(QDate(p.date.year, p.date.month, p.date.day))
        self.ui.start.setTime(_qtime(p.start_time or time(10, 0)))
        self.ui.end.setTime(_qtime(p.end_time or time(13, 0)))
        self.ui.venue.addItems(list(p.venues))
        self.ui.venue.setCurrentIndex(0 if p.venues else -1)
        self.ui.venue.lineEdit().setPlaceholderText("Full address, or 'Teleconference'")
        # The start this committee's last new meeting took (the standing items until one copies).
        self.settings = Settings()
        if p.previous_identifier is not None:
            self.ui.fromPrevious.setText(f"Co&py the agenda and attendance of {p.previous_identifier}")
            self.ui.fromPrevious.setChecked(self.settings.copies_previous(p.committee_code))
        else:  # a committee's first meeting: nothing to copy
            self.ui.fromPrevious.hide()
        self.ui.fromTemplate.toggled.connect(self._show_copied)
        self._show_copied()
        self.ui.copied.setStyleSheet("color: #555;")
        self.ui.problem.hide()
        self.planned = PlannedOffer(editor, p.committee_id, self)  # the activity planner's items for the month
        self.ui.outer.insertWidget(self.ui.outer.indexOf(self.ui.startFrom) + 1, self.planned)
        self.planned.show_month(p.date)
        self.ui.date.dateChanged.connect(lambda day: self.planned.show_month(day.toPython()))
        self.planned.offered.connect(self._order_tabs)
        self.ui.number.valueChanged.connect(self._show_identifier)
        self.ui.date.dateChanged.connect(self._show_identifier)
        self.ui.buttons.accepted.connect(self.create)
        self.ui.buttons.rejected.connect(self.reject)
        self._show_identifier()
        self._order_tabs()
        self.resize(self.width(), self.sizeHint().height())

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        focus_field(self.ui.number)  # the first field, not OK

    def _order_tabs(self) -> None:
        """Top to bottom, the planner's offers (they change with the month) before OK and Cancel."""
        ui = self.ui
        tab_order(ui.number, ui.date, ui.start, ui.end, ui.venue, ui.fromTemplate, ui.fromPrevious,
                  *(box for _id, box in self.planned.boxes), ui.buttons)

    def _show_copied(self) -> None:
        """What the chosen start brings into the new meeting."""
        if self.ui.fromPrevious.isChecked():
            text = (f"Its items as {self.proposal.previous_identifier} had them, without minutes, decisions, "
                    "actions or papers; its regular attendees listed present (not alternates who stood in once).")
        else:
            text = "The committee's standing items, and its current members listed present."
        self.ui.copied.setText(text + " The Actions Outstanding item lists the actions still open.")
        if self.isVisible():
            self.resize(self.width(), max(self.height(), self.sizeHint().height()))

    def copy_from_id(self) -> int | None:
        """The meeting whose agenda and attendance the new one copies, when that is chosen."""
        return self.proposal.previous_id if self.ui.fromPrevious.isChecked() else None

    def _show_identifier(self) -> None:
        day = self.ui.date.date().toPython()
        self.ui.identifier.setText(f"<b>{meeting_identifier(self.proposal.file_code, self.ui.number.value(), day)}</b>")

    def create(self) -> None:
        p = self.proposal
        command = commands.new_meeting(
            self.editor,
            p.committee_id,
            self.ui.date.date().toPython(),
            self.ui.number.value(),
            self.ui.venue.currentText(),
            self.ui.start.time().toPython(),
            self.ui.end.time().toPython(),
            copy_from=self.copy_from_id(),
        )
        if ticked := self.planned.ticked_ids():
            command = NewMeetingWithPlanned(command, ticked)
        ok = self.ui.buttons.button(QDialogButtonBox.StandardButton.Ok)
        if not ok.isEnabled():
            return  # the last OK is still being saved
        ok.setEnabled(False)

        def replied(problem: str | None) -> None:
            if not shiboken6.isValid(self):
                return
            ok.setEnabled(True)
            if problem:
                self.ui.problem.setText(problem)
                self.ui.problem.show()
                self.ui.number.setFocus()
                return
            assert command.row_id is not None
            if self.proposal.previous_id is not None:
                self.settings.set_copies_previous(self.proposal.committee_code, self.ui.fromPrevious.isChecked())
            self.created.emit(command.row_id)
            self.accept()

        self.editor.push(command, replied)


def _qtime(value: time) -> QTime:
    return QTime(value.hour, value.minute)
