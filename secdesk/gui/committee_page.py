"""Committee setup: code, name, voice, parent, quorum; members by seat; seats; standing items; organisations."""

from __future__ import annotations

from datetime import date
from functools import partial
from typing import Any

import shiboken6
from PySide6.QtCore import Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QHeaderView,
    QListWidgetItem,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from secdesk.documents.minutes import CONFIDENTIAL_NOTICE
from secdesk.gui import accessibility, commands, palette
from secdesk.gui.autosave import DebouncedText
from secdesk.gui.dialogs import (
    MEMBER_ROLE_LABELS,
    EndMembershipDialog,
    FormDialog,
    MemberDialog,
    OrganisationDialog,
    SeatDialog,
    StandingDialog,
)
from secdesk.gui.editor import Editor, Reply
from secdesk.gui.focus import tab_order
from secdesk.gui.forms.ui_committee_page import Ui_CommitteePage
from secdesk.gui.messages import Messages
from secdesk.gui.models import PURPOSE_LABELS, SECTION_LABELS, KeyRole
from secdesk.model import Committee, Membership, Organisation, Person, SeatCategory, StandingItem
from secdesk.services import committee_record, committees
from secdesk.services.changes import Changes, committee_changed
from secdesk.services.committee_record import Choice, CommitteeView
from secdesk.services.properties import Property
from secdesk.services.rows import fetch


def _fill(table: QTableWidget, headers: list[str], rows: list[tuple[int, list[str], bool]], stretch: int) -> None:
    table.setColumnCount(len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
    table.setRowCount(len(rows))
    for r, (key, values, dimmed) in enumerate(rows):
        for c, value in enumerate(values):
            cell = QTableWidgetItem(value)
            cell.setData(KeyRole, key)
            if dimmed:
                cell.setForeground(QColor(palette.DIMMED))  # a past member: the Until column says so
            table.setItem(r, c, cell)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.Stretch)


def _selected_key(table: QTableWidget) -> int | None:
    cell = table.item(table.currentRow(), 0) if table.currentRow() >= 0 else None
    return cell.data(KeyRole) if cell else None


class CommitteePage(QWidget):
    new_meeting_requested = Signal(int)

    def __init__(self, editor: Editor, messages: Messages, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor, self.messages = editor, messages
        self.ui = Ui_CommitteePage()
        self.ui.setupUi(self)
        accessibility.name(((self.ui.members, "Members"), (self.ui.seats, "Seat categories"),
                            (self.ui.standing, "Standing items"), (self.ui.organisations, "Organisations")))
        accessibility.free_tab(self)
        self.ui.heading.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Preferred)  # a long name must not widen the page
        self.committee: CommitteeView | None = None
        self._showing: int | None = None  # the committee asked for, while it is read
        self.dialog: FormDialog | None = None
        ui = self.ui
        self.texts = {
            prop: DebouncedText(editor, widget, partial(self._set_typed, prop))
            for prop, widget in (
                (committees.CODE, ui.code), (committees.NAME, ui.name), (committees.VOICE, ui.voice),
                (committees.SECRETARIAT, ui.secretariat), (committees.DEFAULT_VENUE, ui.venue),
                (committees.MINUTES_NAME, ui.minutesName), (committees.CHAIR_CATEGORY, ui.chairCategory),
                (committees.CONFIDENTIAL_NOTICE, ui.confidentialNotice),
            )
        }
        ui.confidentialNotice.setPlaceholderText(CONFIDENTIAL_NOTICE)
        tab_order(
            ui.newMeeting, ui.code, ui.voice, ui.name, ui.parent, ui.secretariat, ui.quorum, ui.venue,
            ui.minutesName, ui.chairCategory, ui.confidentialNotice, ui.tabs,
            ui.members, ui.addMember, ui.endMembership, ui.removeMember, ui.showPast,
        )
        self.ui.parent.activated.connect(lambda _i: self._set(committees.PARENT, self.ui.parent.currentData()))
        self.ui.quorum.editingFinished.connect(self._quorum_changed)
        self.ui.newMeeting.clicked.connect(
            lambda: self.committee and self.new_meeting_requested.emit(self.committee.id)
        )
        self.ui.addMember.clicked.connect(self.add_member)
        self.ui.endMembership.clicked.connect(self.end_membership)
        self.ui.removeMember.clicked.connect(self.remove_member)
        self.ui.showPast.toggled.connect(lambda _on: self._show_members())
        self.ui.addSeat.clicked.connect(self.add_seat)
        self.ui.addStanding.clicked.connect(self.add_standing)
        self.ui.removeStanding.clicked.connect(self.remove_standing)
        self.ui.standingUp.clicked.connect(lambda: self.move_standing(-1))
        self.ui.standingDown.clicked.connect(lambda: self.move_standing(+1))
        self.ui.addOrganisation.clicked.connect(self.add_organisation)
        editor.changed.connect(self.on_changed)

    def show_committee(self, committee_id: int) -> None:
        """Show a committee once it is read (on the worker)."""
        self.flush()
        self._showing = committee_id
        self._reload(committee_id)

    def flush(self) -> None:
        for text in self.texts.values():
            text.flush()

    def set_delay(self, delay_ms: int) -> None:
        for text in self.texts.values():
            text.set_delay(delay_ms)

    def on_changed(self, changes: Changes) -> None:
        if self.committee is not None and (self.committee.id in changes.committee_ids or changes.structure):
            self._reload(self.committee.id)

    def _reload(self, committee_id: int) -> None:
        self.editor.load(
            lambda s: committee_record.committee_view(s, committee_id),
            self._show,
            failed=lambda _error: self._gone(committee_id),
        )

    def _gone(self, committee_id: int) -> None:
        if shiboken6.isValid(self) and committee_id == self._showing:
            self.committee = None
            self.setEnabled(False)

    def _show(self, view: CommitteeView) -> None:
        if not shiboken6.isValid(self) or view.id != self._showing:
            return  # the page closed, or another committee was chosen while this one was read
        self.setEnabled(True)
        switched = self.committee is None or self.committee.id != view.id
        self.committee = view
        self.ui.heading.setText(f"{view.code} - {view.name}")
        shown = {
            committees.CODE: view.code,
            committees.NAME: view.name,
            committees.VOICE: view.voice,
            committees.SECRETARIAT: view.secretariat,
            committees.DEFAULT_VENUE: view.default_venue,
            committees.MINUTES_NAME: view.minutes_name,
            committees.CHAIR_CATEGORY: view.chair_category,
            committees.CONFIDENTIAL_NOTICE: view.confidential_notice,
        }
        for prop, text in self.texts.items():  # a refresh never types over the box being edited
            (text.load if switched else text.show_value)(shown[prop] or "")
        self.ui.parent.clear()
        self.ui.parent.addItem("(none: a top-level committee)", None)
        for choice in view.parents:
            self.ui.parent.addItem(choice.label, choice.id)
        self.ui.parent.setCurrentIndex(max(0, self.ui.parent.findData(view.parent_id)))
        if not self.ui.quorum.hasFocus():
            self.ui.quorum.setValue(view.quorum)
        self._show_members()
        _fill(self.ui.seats, ["Seat category", "Seats"], [(s.id, [s.name, str(s.seats)], False) for s in view.seats], 0)
        _fill(
            self.ui.standing,
            ["Title", "Section", "Purpose", "Presenter", "Min"],
            [
                (
                    s.id,
                    [
                        s.title,
                        SECTION_LABELS[s.section],
                        PURPOSE_LABELS[s.purpose],
                        s.presenter or "",
                        "" if s.planned_minutes is None else str(s.planned_minutes),
                    ],
                    False,
                )
                for s in view.standing_items
            ],
            0,
        )
        self.ui.organisations.clear()
        for choice in view.organisations:
            entry = QListWidgetItem(choice.label)
            entry.setData(KeyRole, choice.id)
            self.ui.organisations.addItem(entry)

    def _show_members(self) -> None:
        if self.committee is None:
            return
        show_past = self.ui.showPast.isChecked()
        rows = [
            (
                m.id,
                [
                    m.name,
                    m.organisation or "",
                    m.seat_category or "",
                    MEMBER_ROLE_LABELS[m.role] + (f" for {m.alternate_for}" if m.alternate_for else ""),
                    f"{m.start_date:%d %b %Y}" if m.start_date else "",
                    f"{m.end_date:%d %b %Y}" if m.end_date else "",
                ],
                not m.current,
            )
            for m in self.committee.members
            if m.current or show_past
        ]
        _fill(self.ui.members, ["Name", "Organisation", "Seat category", "Role", "From", "Until"], rows, 0)

    def _changes(self) -> Changes:
        return committee_changed(self.committee.id) if self.committee else Changes()

    def _set(self, prop: Property[Committee, Any], value: Any, typed: Reply | None = None) -> None:
        """Save one field; a refusal is a message box, or (typing) replied to be shown beside the field."""
        if self.committee is None:
            if typed is not None:
                typed(None)
            return
        command = commands.SetField(self.editor, prop, self.committee.id, value, self._changes())
        self.editor.push_edit(command, typed)

    def _set_typed(self, prop: Property[Committee, Any], value: str, reply: Reply) -> None:
        self._set(prop, value, typed=reply)

    def _quorum_changed(self) -> None:
        if self.committee is not None and self.ui.quorum.value() != self.committee.quorum:
            self._set(committees.QUORUM, self.ui.quorum.value())

    def _open(self, dialog: FormDialog, submit: Any) -> None:
        self.dialog = dialog
        dialog.submit = submit
        dialog.open()

    def add_member(self) -> None:
        if self.committee is None:
            return
        committee_id = self.committee.id
        seats = tuple(Choice(s.id, s.name) for s in self.committee.seats)
        dialog = MemberDialog(seats, self.committee.people, self.committee.organisations, self)

        def submit(reply: Reply) -> None:
            name = dialog.person_name()
            organisation = dialog.organisation.currentText()
            seat = dialog.seat.currentData()
            role = dialog.chosen_role()
            start = dialog.start.date().toPython()
            end: date | None = dialog.end.date().toPython() if dialog.has_end.isChecked() else None
            alternate_for = dialog.alternate_for.currentData()
            command = commands.Create(
                self.editor,
                f"Add member {name}",
                lambda s: committees.add_named_member(
                    s,
                    fetch(s, Committee, committee_id),
                    name,
                    organisation=organisation,
                    seat=fetch(s, SeatCategory, seat) if seat else None,
                    role=role,
                    start=start,
                    end=end,
                    alternate_for=fetch(s, Person, alternate_for) if alternate_for else None,
                ),
                commands.removal(Membership, committees.remove_membership),
            )
            self.editor.push(command, reply)

        self._open(dialog, submit)

    def end_membership(self) -> None:
        membership_id = _selected_key(self.ui.members)
        if membership_id is None or self.committee is None:
            return
        member = next(m for m in self.committee.members if m.id == membership_id)
        dialog = EndMembershipDialog(member.name, self)

        def submit(reply: Reply) -> None:
            end = dialog.end.date().toPython()
            self.editor.push(
                commands.SetField(self.editor, committees.MEMBERSHIP_END, membership_id, end, self._changes()),
                reply,
            )

        self._open(dialog, submit)

    def remove_member(self) -> None:
        membership_id = _selected_key(self.ui.members)
        if membership_id is None or self.committee is None:
            return
        name = next(m.name for m in self.committee.members if m.id == membership_id)
        if not self.messages.confirm(
            self,
            "Remove member",
            f"Remove {name}'s membership record? To record that they left, end the membership instead.",
        ):
            return
        self.editor.push(
            commands.Remove(
                self.editor,
                f"Remove member {name}",
                membership_id,
                commands.removal(Membership, committees.remove_membership),
            )
        )

    def add_seat(self) -> None:
        if self.committee is None:
            return
        committee_id = self.committee.id
        dialog = SeatDialog(self)

        def submit(reply: Reply) -> None:
            name, seats = dialog.name.text(), dialog.seats.value()
            self.editor.push(
                commands.Create(
                    self.editor,
                    "Add seat category",
                    lambda s: committees.add_seat_category(s, fetch(s, Committee, committee_id), name, seats),
                    commands.removal(SeatCategory, committees.remove_seat_category),
                ),
                reply,
            )

        self._open(dialog, submit)

    def add_standing(self) -> None:
        if self.committee is None:
            return
        committee_id = self.committee.id
        dialog = StandingDialog(self)

        def submit(reply: Reply) -> None:
            title, section = dialog.title.text(), dialog.chosen_section()
            self.editor.push(
                commands.Create(
                    self.editor,
                    "Add standing item",
                    lambda s: committees.add_standing_item(
                        s, fetch(s, Committee, committee_id), title, section=section
                    ),
                    commands.removal(StandingItem, committees.remove_standing_item),
                ),
                reply,
            )

        self._open(dialog, submit)

    def remove_standing(self) -> None:
        standing_id = _selected_key(self.ui.standing)
        if standing_id is not None:
            self.editor.push(
                commands.Remove(
                    self.editor,
                    "Remove standing item",
                    standing_id,
                    commands.removal(StandingItem, committees.remove_standing_item),
                )
            )

    def move_standing(self, step: int) -> None:
        standing_id = _selected_key(self.ui.standing)
        if standing_id is None:
            return
        target = self.ui.standing.currentRow() + step
        if 0 <= target < self.ui.standing.rowCount():
            self.editor.push(commands.MoveStandingItem(self.editor, standing_id, target))
            self.ui.standing.setCurrentCell(target, 0)

    def add_organisation(self) -> None:
        dialog = OrganisationDialog(self)

        def submit(reply: Reply) -> None:
            name, short_name = dialog.name.text(), dialog.short_name.text()
            self.editor.push(
                commands.Create(
                    self.editor,
                    "Add organisation",
                    lambda s: committees.add_organisation(s, name, short_name),
                    commands.removal(Organisation, committees.remove_organisation),
                ),
                reply,
            )

        self._open(dialog, submit)
