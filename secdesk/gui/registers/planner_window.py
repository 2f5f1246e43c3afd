"""A committee's activity planner: future agenda items month by month; add, edit, drop, roll forward."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from secdesk.gui import accessibility
from secdesk.gui.dialogs import FormDialog, chosen, combo
from secdesk.gui.editor import Editor, Reply
from secdesk.gui.levels import EXPORT_LEVEL_LABELS, LEVEL_LABELS
from secdesk.gui.messages import Messages
from secdesk.gui.models import PURPOSE_LABELS
from secdesk.gui.prompts import Prompts
from secdesk.gui.registers import commands
from secdesk.gui.registers.exporting import export_on_worker
from secdesk.gui.registers.models import PlannerModel
from secdesk.gui.registers.risk_window import UndoActions, _table, add_close_action, closes_on_escape
from secdesk.gui.worker import Worker
from secdesk.model import Classification, PlanStatus, Purpose
from secdesk.services import committee_record, planner, register_record
from secdesk.services.changes import Changes, committee_changed
from secdesk.services.committee_record import CommitteeView
from secdesk.services.planner import PlanDetails
from secdesk.services.register_record import PlanRow

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

MONTHS_SHOWN = 6


def month_edit(day: date) -> QDateEdit:
    edit = QDateEdit(QDate(day.year, day.month, 1))
    edit.setDisplayFormat("MMMM yyyy")
    edit.setCalendarPopup(True)
    return edit


class PlannedItemDialog(FormDialog):
    def __init__(self, title: str, row: PlanRow | None, month: date, parent: QWidget | None = None):
        super().__init__(title, parent, 520)
        self.month = self.add("&Month:", month_edit(row.month if row else month))
        self.title = self.add("&Agenda item:", QLineEdit(row.title if row else ""))
        self.owner = self.add("&Owner:", QLineEdit(row.owner if row else ""))
        self.purpose = self.add("&Purpose:", combo(PURPOSE_LABELS, row.purpose if row else Purpose.DISCUSSION))
        self.classification = self.add(
            "&Classification:", combo(LEVEL_LABELS, row.classification if row else Classification.WHITE)
        )

    def details(self) -> PlanDetails:
        return PlanDetails(
            month=planner.first_of_month(self.month.date().toPython()),
            title=self.title.text(),
            owner=self.owner.text(),
            purpose=chosen(self.purpose, PURPOSE_LABELS),
            classification=chosen(self.classification, LEVEL_LABELS),
        )


class PlannerWindow(QMainWindow):
    def __init__(
        self,
        editor: Editor,
        worker: Worker,
        messages: Messages,
        prompts: Prompts,
        committee_id: int,
        parent: QWidget | None = None,
        start: date | None = None,
    ) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WA_DeleteOnClose)  # its connections to the editor go with it
        self.editor, self.worker, self.messages, self.prompts = editor, worker, messages, prompts
        self.committee_id = committee_id
        self.committee: CommitteeView | None = None  # read on the worker, with the plan
        self._asked: tuple[date, int] | None = None
        self._select_when_shown: int | None = None
        self.dialog: PlannedItemDialog | None = None
        self.last_export: Path | None = None
        self.setWindowTitle("Activity Planner - SecDesk")
        accessibility.fit_to_screen(self, 1000, 620)
        self._build(start or date.today())
        self.close_action = add_close_action(self)
        self.undo_actions = UndoActions(self, editor, lambda: None)
        editor.changed.connect(self._on_changed)
        self.reload()

    def _build(self, start: date) -> None:
        self.start = month_edit(start)
        self.start.dateChanged.connect(lambda _d: self.reload())
        self.months = QSpinBox()
        self.months.setRange(1, 24)
        self.months.setValue(MONTHS_SHOWN)
        self.months.setSuffix(" months")
        self.months.valueChanged.connect(lambda _v: self.reload())
        self.level = combo(EXPORT_LEVEL_LABELS, Classification.WHITE)
        heading_row = QHBoxLayout()
        self.heading = QLabel("<h2 style='margin:0'>Activity Planner</h2>")
        heading_row.addWidget(self.heading, 1)
        # The months shown and the export on a row of their own: the window stays narrow enough for a laptop.
        top = QHBoxLayout()
        top.addWidget(QLabel("From"))
        top.addWidget(self.start)
        top.addWidget(self.months)
        top.addStretch(1)
        top.addWidget(QLabel("Export:"))
        top.addWidget(self.level)
        for file_format, label in (("docx", "&Word..."), ("pdf", "P&DF..."), ("xlsx", "E&xcel...")):
            button = QPushButton(label)
            button.clicked.connect(lambda _c=False, f=file_format: self.export(f))
            top.addWidget(button)

        accessibility.name(((self.start, "From month"), (self.months, "Months shown"), (self.level, "Export level")))
        self.model = PlannerModel(self)
        self.table = QTableView()
        self.table.setAccessibleName("Planned items by month")
        self.table.setTabKeyNavigation(False)
        self.table.setModel(self.model)
        _table(self.table, 1)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        self.table.selectionModel().currentRowChanged.connect(lambda _c, _p: self._fit_buttons())
        self.add_button = QPushButton("&Add item...")
        self.add_button.clicked.connect(self.add_item)
        self.edit_button = QPushButton("&Edit...")
        self.edit_button.clicked.connect(self.edit_selected)
        self.drop_button = QPushButton("D&rop")
        self.drop_button.clicked.connect(self.drop_selected)
        self.roll_button = QPushButton("Roll to &next month")
        self.roll_button.clicked.connect(self.roll_selected)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.drop_button, self.roll_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        note = QLabel(
            "Items planned for a meeting's month are offered when the meeting is created. "
            "Items not taken can be rolled to the next month."
        )
        note.setStyleSheet("color: #555;")
        note.setWordWrap(True)

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addLayout(heading_row)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(note)
        self.setCentralWidget(central)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not closes_on_escape(self, event):
            super().keyPressEvent(event)

    def _on_changed(self, changes: Changes) -> None:
        if self.committee_id in changes.committee_ids or changes.structure:
            self.reload()

    def reload(self) -> None:
        start: date = self.start.date().toPython()
        months = self.months.value()
        committee_id = self.committee_id
        self._asked = (start, months)

        def job(s: Session) -> tuple[CommitteeView, list[PlanRow]]:
            committee = committee_record.committee_view(s, committee_id)
            return committee, register_record.plan_rows(s, committee_id, start, months)

        self.editor.load(job, lambda found: self._show(start, months, *found))

    def _show(self, start: date, months: int, committee: CommitteeView, rows: list[PlanRow]) -> None:
        if not shiboken6.isValid(self) or (start, months) != self._asked:
            return  # closed, or other months were asked for while these were read
        if self.committee is None:
            self.setWindowTitle(f"{committee.code} Activity Planner - SecDesk")
            self.heading.setText(f"<h2 style='margin:0'>{committee.code} Activity Planner</h2>")
        self.committee = committee
        selected = self.selected()
        self.model.set_rows(rows)
        made, self._select_when_shown = self._select_when_shown, None
        if made is not None and self.model.row_of(made) >= 0:
            selected = next(row for row in rows if row.id == made)
        if selected is not None and self.model.row_of(selected.id) >= 0:
            self.table.setCurrentIndex(self.model.index(self.model.row_of(selected.id), 1))
        self._fit_buttons()

    def selected(self) -> PlanRow | None:
        index = self.table.currentIndex()
        return self.model.rows[index.row()] if index.isValid() and index.row() < len(self.model.rows) else None

    def select(self, planned_id: int) -> None:
        """Choose a row; one an edit just made is chosen once the plan is read again."""
        row = self.model.row_of(planned_id)
        if row >= 0:
            self.table.setCurrentIndex(self.model.index(row, 1))
        else:
            self._select_when_shown = planned_id

    def _fit_buttons(self) -> None:
        planned = (row := self.selected()) is not None and row.status is PlanStatus.PLANNED
        for button in (self.edit_button, self.drop_button, self.roll_button):
            button.setEnabled(planned)

    def _refresh(self) -> Changes:
        return committee_changed(self.committee_id)

    def add_item(self) -> None:
        self.dialog = PlannedItemDialog("Plan an agenda item", None, self.start.date().toPython(), self)
        dialog = self.dialog

        def submit(reply: Reply) -> None:
            command = commands.add_planned(self.editor, self.committee_id, dialog.details())

            def planned() -> None:
                if command.row_id is not None and shiboken6.isValid(self):
                    self.select(command.row_id)

            self.editor.push(command, reply, done=planned)

        dialog.submit = submit
        dialog.open()

    def edit_selected(self) -> None:
        row = self.selected()
        if row is None or row.status is not PlanStatus.PLANNED:
            return
        self.dialog = PlannedItemDialog(f"Edit {row.title!r}", row, row.month, self)
        dialog = self.dialog

        def submit(reply: Reply) -> None:
            command = commands.SetPlannedField(
                self.editor, planner.DETAILS, row.id, dialog.details(), f"Edit planned {row.title!r}", self._refresh()
            )
            self.editor.push(command, reply)

        dialog.submit = submit
        dialog.open()

    def drop_selected(self) -> None:
        row = self.selected()
        if row is None or row.status is not PlanStatus.PLANNED:
            return
        self.editor.push(
            commands.SetPlannedField(
                self.editor, planner.STATUS, row.id, PlanStatus.DROPPED, f"Drop {row.title!r}", self._refresh()
            )
        )

    def roll_selected(self) -> None:
        row = self.selected()
        if row is None or row.status is not PlanStatus.PLANNED:
            return
        command = commands.RollForward(self.editor, f"Roll {row.title!r} forward", planned_ids=[row.id])

        def rolled() -> None:
            if command.moved and shiboken6.isValid(self):
                self.select(command.moved[0])

        self.editor.push(command, done=rolled)

    def export(self, file_format: str) -> None:
        level = chosen(self.level, EXPORT_LEVEL_LABELS)
        start: date = self.start.date().toPython()
        code = self.committee.code if self.committee is not None else "Committee"
        suggested = f"{code} Activity Planner {level.label}.{file_format}"
        export_on_worker(self, "planner", self.committee_id, level, file_format, suggested, start, self.months.value())
