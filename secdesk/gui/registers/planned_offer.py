"""The New meeting dialog's offer: items planned for the meeting's month, ticked to go on its agenda."""

from __future__ import annotations

from datetime import date

import shiboken6
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QGroupBox, QVBoxLayout, QWidget

from secdesk.gui.editor import Editor
from secdesk.services import planner, register_record
from secdesk.services.register_record import PlanRow


class PlannedOffer(QGroupBox):
    offered = Signal()  # the month's items are shown (their boxes take part in the tab order)

    def __init__(self, editor: Editor, committee_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor, self.committee_id = editor, committee_id
        self.boxes: list[tuple[int, QCheckBox]] = []
        self.month: date | None = None
        self.setLayout(QVBoxLayout())
        self.hide()

    def show_month(self, day: date) -> None:
        month = planner.first_of_month(day)
        if month == self.month:
            return
        self.month = month
        committee_id = self.committee_id
        self.editor.load(lambda s: register_record.offered_in_month(s, committee_id, day),
                         lambda offered: self._offer(month, offered))

    def _offer(self, month: date, offered: list[PlanRow]) -> None:
        if not shiboken6.isValid(self) or month != self.month:
            return  # the dialog closed, or another month was chosen while this one was read
        for _planned_id, box in self.boxes:
            box.deleteLater()
        self.boxes = []
        for row in offered:
            box = QCheckBox(f"{row.title}" + (f"  ({row.owner})" if row.owner else ""))
            box.setToolTip("Tick to put it on this meeting's agenda")
            self.layout().addWidget(box)
            self.boxes.append((row.id, box))
        self.setTitle(f"From the activity planner for {month:%B %Y}: tick to put on the agenda")
        self.setVisible(bool(offered))
        self.offered.emit()

    def ticked_ids(self) -> list[int]:
        return [planned_id for planned_id, box in self.boxes if box.isChecked()]
