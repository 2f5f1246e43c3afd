"""Small dialogs whose fields depend on the data (so built in code, not Designer).

Every dialog is opened with `open()` (never `exec()`), and its OK runs `submit`,
which saves on the worker and replies with the problem in words or None: a
problem is shown in the dialog, next to the fields, and the dialog stays open
with what was typed. OK waits while the reply is outstanding.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, TypeVar, cast

import shiboken6
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from secdesk.gui.levels import LEVEL_LABELS
from secdesk.gui.models import CAPACITY_LABELS, PURPOSE_LABELS, SECTION_LABELS
from secdesk.services.committee_record import Choice
from secdesk.vocabulary import Capacity, Classification, MemberRole, Purpose, Section

K = TypeVar("K")

MEMBER_ROLE_LABELS = {
    MemberRole.MEMBER: "Member",
    MemberRole.CHAIR: "Chair",
    MemberRole.ALTERNATE: "Alternate",
    MemberRole.OBSERVER: "Observer",
}

# Saves what the dialog holds, then replies: None when saved, else the problem in words.
Submit = Callable[[Callable[[str | None], None]], None]


class FormDialog(QDialog):
    def __init__(self, title: str, parent: QWidget | None = None, width: int = 480) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(width)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.ExpandingFieldsGrow)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b71c1c;")
        self.problem.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self.buttons.accepted.connect(self._ok)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.submit: Submit = lambda reply: reply(None)
        self.first_field: QWidget | None = None
        self._buttons_ordered = False

    def add(self, label: str, widget: QWidget) -> QWidget:
        self.form.addRow(label, widget)
        if self.first_field is None:
            self.first_field = widget
        return widget

    def showEvent(self, event: QShowEvent) -> None:
        self._buttons_last()
        super().showEvent(event)
        if self.first_field is not None:
            focus_field(self.first_field)  # start where typing goes

    def _buttons_last(self) -> None:
        """OK and Cancel after the fields in Qt's focus chain, not first.

        The buttons are made before the subclass adds its fields, so the chain would start on
        OK: whatever gives the window its focus back without a widget to return to (Tab with
        nothing focused, a field hidden or removed) would land there, where a space presses
        it. Taken out and put back in the same place, the button box goes to the chain's end.
        """
        if self.buttons.parent() is not self or self._buttons_ordered:
            return
        self._buttons_ordered = True
        layout = cast(QVBoxLayout, self.layout())
        at = layout.indexOf(self.buttons)
        hidden = self.buttons.isHidden() and self.buttons.testAttribute(Qt.WidgetAttribute.WA_WState_ExplicitShowHide)
        self.buttons.setParent(None)
        self.buttons.setParent(self)
        layout.insertWidget(at, self.buttons)
        self.buttons.setHidden(hidden)  # a new parent hides a widget, even one shown before

    def show_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.show()

    def _ok(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.Ok)
        if not ok.isEnabled():
            return  # the last OK is still being saved
        ok.setEnabled(False)
        self.submit(self._replied)

    def _replied(self, problem: str | None) -> None:
        if not shiboken6.isValid(self):
            return
        self.buttons.button(QDialogButtonBox.Ok).setEnabled(True)
        if problem:
            self.show_problem(problem)
        else:
            self.accept()


def focus_field(widget: QWidget) -> None:
    """Give a field the focus with its text selected, so typing replaces a proposed value."""
    widget.setFocus(Qt.FocusReason.OtherFocusReason)
    select_all = getattr(widget, "selectAll", None)
    if select_all is not None:
        select_all()
    elif isinstance(widget, QComboBox) and widget.lineEdit() is not None:
        widget.lineEdit().selectAll()


def combo(labels: Mapping[Any, str], current: object = None) -> QComboBox:
    box = QComboBox()
    for value, label in labels.items():
        box.addItem(label, value)
    if current is not None:
        select_data(box, current)
    return box


def chosen(box: QComboBox, labels: Mapping[K, str]) -> K:
    """The key of the entry shown: Qt hands an enum back as a plain string, the order keeps its type."""
    return list(labels)[max(0, box.currentIndex())]


def select_data(box: QComboBox, value: object) -> None:
    """Show the entry whose data equals `value` (compared in Python: a level equals its value, "amber")."""
    index = next((i for i in range(box.count()) if box.itemData(i) == value), 0)
    box.setCurrentIndex(index)


def choice_combo(choices: tuple[Choice, ...], none_label: str | None = None, editable: bool = False) -> QComboBox:
    box = QComboBox()
    box.setEditable(editable)
    if none_label is not None:
        box.addItem(none_label, None)
    for choice in choices:
        box.addItem(choice.label, choice.id)
    if editable:
        box.setCurrentIndex(-1)
        box.setInsertPolicy(QComboBox.NoInsert)
    return box


class PaperDialog(FormDialog):
    def __init__(
        self, reference: str, purpose: Purpose, classification: Classification, parent: QWidget | None = None
    ):
        super().__init__("Attach paper", parent, 520)
        self.title = self.add("&Title:", QLineEdit())
        self.reference = self.add("&Reference:", QLineEdit(reference))
        self.reference.setToolTip("Proposed in the house format: meeting identifier and paper number")
        self.purpose = self.add("&Purpose:", combo(PURPOSE_LABELS, purpose))
        self.classification = self.add("&Classification:", combo(LEVEL_LABELS, classification))
        self.file = QLineEdit()
        self.file.setPlaceholderText("PDF, Word, Excel or picture (optional)")
        browse = QPushButton("&Browse...")
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.file, 1)
        row.addWidget(browse)
        self.form.addRow("&File:", row)
        self.form.labelForField(row).setBuddy(self.file)  # type: ignore[attr-defined]  # Alt+F, not a literal "&"

    def _browse(self) -> None:
        chosen, _filter = QFileDialog.getOpenFileName(
            self, "Paper file", "", "Papers (*.pdf *.docx *.doc *.xlsx *.xls *.pptx *.odt *.ods *.png *.jpg *.jpeg)"
        )
        if chosen:
            self.file.setText(chosen)
            if not self.title.text().strip():
                self.title.setText(Path(chosen).stem.replace("_", " "))

    def chosen_purpose(self) -> Purpose:
        return chosen(self.purpose, PURPOSE_LABELS)

    def chosen_level(self) -> Classification:
        return chosen(self.classification, LEVEL_LABELS)

    def file_path(self) -> Path | None:
        return Path(self.file.text().strip()).expanduser() if self.file.text().strip() else None


class PublicTitleDialog(FormDialog):
    """Asked as an item is made confidential without a public title: what White documents call it."""

    def __init__(self, number: str, title: str, level: Classification, parent: QWidget | None = None) -> None:
        super().__init__(f"Public title for item {number}", parent, 520)
        self.explain = QLabel(
            f"Item {number}, \u201c{title}\u201d, is now {level.label}. White (public) minutes and agendas "
            "do not show its title: give the title they show instead, and, if you like, what they say of it."
        )
        self.explain.setWordWrap(True)
        self.form.addRow(self.explain)
        self.public_title = self.add("P&ublic title:", QLineEdit())
        self.public_title.setPlaceholderText("e.g. Supplier update")
        self.public_summary = self.add("Pu&blic summary:", QPlainTextEdit())
        self.public_summary.setTabChangesFocus(True)  # Tab goes on to OK, as in a form
        self.public_summary.setPlaceholderText("Optional: what the White minutes say of this item")
        self.public_summary.setFixedHeight(self.public_summary.fontMetrics().lineSpacing() * 4 + 12)
        self.buttons.button(QDialogButtonBox.Ok).setText("&Save")
        self.buttons.button(QDialogButtonBox.Cancel).setText("&Later")


class PartAttendanceDialog(FormDialog):
    """Present for part of a meeting: the item someone arrived at and the one they left after."""

    def __init__(
        self,
        name: str,
        items: tuple[Choice, ...],
        arrived: int | None,
        left: int | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(f"Present for part: {name}", parent, 520)
        explain = QLabel(f"{name} was present from the item they arrived at to the one they left after, "
                         "both included. The minutes list them as present (part), with those items.")
        explain.setWordWrap(True)
        self.form.addRow(explain)
        self.arrived = cast(QComboBox, self.add("&Arrived at:", QComboBox()))
        self.arrived.addItem("The start of the meeting", None)
        self.left = cast(QComboBox, self.add("&Left after:", QComboBox()))
        self.left.addItem("The end of the meeting", None)
        for item in items:
            self.arrived.addItem(item.label, item.id)
            self.left.addItem(item.label, item.id)
        select_data(self.arrived, arrived)
        select_data(self.left, left)

    def chosen(self) -> tuple[int | None, int | None]:
        """The item arrived at and the item left after (None: the start, the end)."""
        return self.arrived.currentData(), self.left.currentData()


class AttendeeDialog(FormDialog):
    """Add a person to a meeting: alternate, observer, other participant, secretariat, meeting secretary."""

    def __init__(
        self,
        people: tuple[Choice, ...],
        members: tuple[Choice, ...],
        organisations: tuple[Choice, ...],
        parent: QWidget | None = None,
    ):
        super().__init__("Add person to the meeting", parent, 520)
        self.capacity = self.add("Attends &as:", combo(CAPACITY_LABELS, Capacity.ALTERNATE))
        self.name = self.add("&Name:", choice_combo(people, editable=True))
        self.name.lineEdit().setPlaceholderText("Choose or type a new name")
        self.organisation = self.add("&Organisation:", choice_combo(organisations, editable=True))
        self.alternate_for = self.add("Alternate &for:", choice_combo(members))
        self.representing = self.add("&Representing:", choice_combo(organisations, editable=True))
        self.representing.lineEdit().setPlaceholderText("e.g. Ofgem (the Authority)")
        self.capacity.currentIndexChanged.connect(self._fit_fields)
        self._fit_fields()

    def _fit_fields(self) -> None:
        capacity = self.chosen_capacity()
        for widget, wanted in (
            (self.alternate_for, capacity is Capacity.ALTERNATE),
            (self.representing, capacity is Capacity.PARTICIPANT),
        ):
            widget.setVisible(wanted)
            self.form.labelForField(widget).setVisible(wanted)

    def chosen_capacity(self) -> Capacity:
        return chosen(self.capacity, CAPACITY_LABELS)

    def person_name(self) -> str:
        text = self.name.currentText().strip()
        # A chosen person shows "Name (Organisation)": keep the name.
        if self.name.currentIndex() >= 0 and self.name.itemText(self.name.currentIndex()) == text and " (" in text:
            return text.rsplit(" (", 1)[0]
        return text


class MemberDialog(FormDialog):
    def __init__(
        self,
        seats: tuple[Choice, ...],
        people: tuple[Choice, ...],
        organisations: tuple[Choice, ...],
        parent: QWidget | None = None,
    ):
        super().__init__("Add member", parent, 520)
        self.name = self.add("&Name:", choice_combo(people, editable=True))
        self.name.lineEdit().setPlaceholderText("Choose or type a new name")
        self.organisation = self.add("&Organisation:", choice_combo(organisations, editable=True))
        self.seat = self.add("&Seat category:", choice_combo(seats, none_label="(no seat)"))
        self.role = self.add(
            "&Role:",
            combo(MEMBER_ROLE_LABELS, MemberRole.MEMBER),
        )
        self.alternate_for = self.add("Alternate &for:", choice_combo(people, none_label="(nobody)"))
        self.start = self.add("&From:", QDateEdit(QDate.currentDate()))
        self.start.setCalendarPopup(True)
        self.has_end = QCheckBox("Ends on")
        self.end = QDateEdit(QDate.currentDate().addYears(2))
        self.end.setCalendarPopup(True)
        self.end.setEnabled(False)
        self.has_end.toggled.connect(self.end.setEnabled)
        self.form.addRow(self.has_end, self.end)

    def person_name(self) -> str:
        text = self.name.currentText().strip()
        return text.rsplit(" (", 1)[0] if " (" in text and self.name.findText(text) >= 0 else text

    def chosen_role(self) -> MemberRole:
        return chosen(self.role, MEMBER_ROLE_LABELS)


class EndMembershipDialog(FormDialog):
    def __init__(self, name: str, parent: QWidget | None = None):
        super().__init__(f"End {name}'s membership", parent, 380)
        self.end = self.add("&Last day:", QDateEdit(QDate.currentDate()))
        self.end.setCalendarPopup(True)


class SeatDialog(FormDialog):
    def __init__(self, parent: QWidget | None = None):
        super().__init__("Add seat category", parent, 420)
        self.name = self.add("&Name:", QLineEdit())
        self.name.setPlaceholderText("e.g. Large Suppliers")
        self.seats = self.add("&Seats:", QSpinBox())
        self.seats.setRange(0, 50)
        self.seats.setValue(1)


class StandingDialog(FormDialog):
    def __init__(self, parent: QWidget | None = None):
        super().__init__("Add standing item", parent, 480)
        self.title = self.add("&Title:", QLineEdit())
        self.section = self.add("&Section:", combo(SECTION_LABELS, Section.MAIN))

    def chosen_section(self) -> Section:
        return chosen(self.section, SECTION_LABELS)


class OrganisationDialog(FormDialog):
    def __init__(self, parent: QWidget | None = None):
        super().__init__("Add organisation", parent, 420)
        self.name = self.add("&Name:", QLineEdit())
        self.short_name = self.add("&Short name:", QLineEdit())


class CommitteeDialog(FormDialog):
    def __init__(self, parent: QWidget | None = None):
        super().__init__("New committee", parent, 460)
        self.code = self.add("&Code:", QLineEdit())
        self.code.setPlaceholderText("e.g. TABASC")
        self.name = self.add("&Name:", QLineEdit())
