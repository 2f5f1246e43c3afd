"""The meeting editor: header, agenda with the selected item's details, and attendance."""

from __future__ import annotations

from datetime import date, time
from functools import partial
from typing import Any, cast

import shiboken6
from PySide6.QtCore import QDate, QEvent, QModelIndex, QObject, Qt, QTime, QTimer, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateTimeEdit,
    QHBoxLayout,
    QHeaderView,
    QMainWindow,
    QPushButton,
    QTableWidgetItem,
    QTreeWidgetItem,
    QWidget,
)
from sqlalchemy.orm import Session

from secdesk.gui import accessibility, commands
from secdesk.gui.autosave import DebouncedText
from secdesk.gui.delegates import ChipDelegate
from secdesk.gui.dialogs import (
    AttendeeDialog,
    PaperDialog,
    PartAttendanceDialog,
    PublicTitleDialog,
    chosen,
    select_data,
)
from secdesk.gui.editor import Editor, Reply
from secdesk.gui.focus import tab_order
from secdesk.gui.forms.ui_item_details import Ui_ItemDetails
from secdesk.gui.forms.ui_meeting_page import Ui_MeetingPage
from secdesk.gui.levels import LEVEL_LABELS, chip_style
from secdesk.gui.live.commands import attendance_change
from secdesk.gui.live.outcomes import OutcomesPanel
from secdesk.gui.messages import Messages
from secdesk.gui.models import (
    PURPOSE_LABELS,
    SECTION_LABELS,
    AgendaModel,
    AttendanceModel,
    KeyRole,
)
from secdesk.gui.pack_dialog import open_paper
from secdesk.gui.settings import DEFAULT_DELAY_MS
from secdesk.model import AgendaItem, Attendance, Meeting, Paper, Person
from secdesk.papers.attach import add_paper_with_file
from secdesk.services import agenda, attendance, committee_record, meeting_record, meetings, minutes_text
from secdesk.services.actions import shown_due
from secdesk.services.changes import Changes, meeting_changed
from secdesk.services.committee_record import Choice
from secdesk.services.meeting_record import ItemView, MeetingView
from secdesk.services.properties import Property
from secdesk.services.rows import fetch
from secdesk.vocabulary import AttendanceStatus, Capacity, Classification, ItemKind, Section

DATE_CONFIRM_DAYS = 3  # a meeting moved further than this is asked about first
PRESENT, APOLOGIES, ABSENT = AttendanceStatus.PRESENT, AttendanceStatus.APOLOGIES, AttendanceStatus.ABSENT
STATUS_KEYS = {Qt.Key_P: PRESENT, Qt.Key_A: APOLOGIES, Qt.Key_X: ABSENT}
NEXT_STATUS = {PRESENT: APOLOGIES, APOLOGIES: ABSENT, ABSENT: PRESENT}


class ItemDetails(QWidget):
    """The selected agenda item: every field saves itself through undoable commands."""

    item_shown = Signal(object, object)  # MeetingView, ItemView or None: for add-ons (registers, locks)

    def __init__(self, editor: Editor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.ui = Ui_ItemDetails()
        self.ui.setupUi(self)
        accessibility.name(((self.ui.papers, "Papers of this item"),
                            (self.ui.outstanding, "Actions outstanding from earlier meetings")))
        accessibility.free_tab(self)
        self.item: ItemView | None = None
        self._papers_shown: tuple[Any, ...] | None = None  # what the tables show: redrawn only on a change
        self._outstanding_shown: tuple[Any, ...] | None = None
        self.meeting: MeetingView | None = None
        for box, labels in (
            (self.ui.section, SECTION_LABELS),
            (self.ui.purpose, PURPOSE_LABELS),
            (self.ui.classification, LEVEL_LABELS),
        ):
            for value, label in labels.items():
                box.addItem(label, value)
        self.texts = {
            prop: DebouncedText(editor, widget, partial(self._set_typed, prop))
            for prop, widget in (
                (agenda.TITLE, self.ui.title),
                (agenda.PUBLIC_TITLE, self.ui.publicTitle),
                (agenda.PUBLIC_SUMMARY, self.ui.publicSummary),
                (agenda.PRESENTER, self.ui.presenter),
                (minutes_text.TEXT, self.ui.minutes),
                (agenda.POST_MEETING_NOTE, self.ui.note),
            )
        }
        ui = self.ui
        tab_order(
            ui.title, ui.publicTitle, ui.publicSummary, ui.section, ui.purpose, ui.presenter, ui.planned,
            ui.classification, ui.papers, ui.addPaper, ui.removePaper, ui.outstanding, ui.minutes, ui.note,
        )
        self.ui.section.activated.connect(
            lambda _i: self._set(agenda.SECTION, chosen(self.ui.section, SECTION_LABELS))
        )
        self.ui.purpose.activated.connect(
            lambda _i: self._set(agenda.PURPOSE, chosen(self.ui.purpose, PURPOSE_LABELS))
        )
        self.ui.classification.activated.connect(lambda _i: self._classification_chosen())
        self.ui.planned.editingFinished.connect(self._planned_changed)
        self.ui.papers.setColumnCount(4)
        self.ui.papers.setHorizontalHeaderLabels(["Reference", "Title", "Purpose", "Class."])
        self.ui.papers.verticalHeader().hide()
        self.ui.papers.setWordWrap(False)
        self.ui.papers.verticalHeader().setDefaultSectionSize(self.ui.papers.fontMetrics().height() + 8)
        header = self.ui.papers.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.Stretch)
        # The action's text starts with its owner ("SECAS to ..."): the owner column is hidden to give it room.
        self.ui.outstanding.setColumnHidden(1, True)
        self.ui.outstanding.header().setStretchLastSection(False)
        self.ui.outstanding.header().setSectionResizeMode(2, QHeaderView.Stretch)
        self.ui.addPaper.clicked.connect(self.attach_paper)
        self.ui.removePaper.clicked.connect(self.remove_paper)
        self.ui.papers.cellDoubleClicked.connect(self.open_paper)
        self.ui.papers.setToolTip("Double-click a paper to open its file")
        self.dialog: PaperDialog | None = None
        self.public_dialog: PublicTitleDialog | None = None
        # The item's decisions and actions, listed, made and edited as on the live screen (the same panel).
        self.outcomes = OutcomesPanel(editor)
        self.outcomes.finished.connect(self.ui.minutes.setFocus)
        self.ui.outer.addWidget(self.outcomes)
        for keys, slot in (("Ctrl+D", self.outcomes.new_decision), ("Ctrl+Shift+A", self.outcomes.new_action)):
            shortcut = QAction(self)
            shortcut.setShortcut(QKeySequence(keys))
            shortcut.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.triggered.connect(lambda _checked=False, start=slot: start())
            self.addAction(shortcut)
        self.setEnabled(False)

    def set_delay(self, delay_ms: int) -> None:
        for text in self.texts.values():
            text.set_delay(delay_ms)

    def flush(self) -> None:
        for text in self.texts.values():
            text.flush()
        self.outcomes.flush()

    def show_item(self, meeting: MeetingView, item: ItemView | None) -> None:
        self._show_item(meeting, item)
        self.item_shown.emit(meeting, item)

    def _show_item(self, meeting: MeetingView, item: ItemView | None) -> None:
        switched = (self.item.id if self.item else None) != (item.id if item else None)
        if self.item is not None and switched:
            self.flush()
        self.meeting, self.item = meeting, item
        self.setEnabled(item is not None)
        if item is None:
            self.ui.heading.setText("Select an agenda item")
            self.ui.chip.clear()
            self.ui.chip.setStyleSheet("")
            for text in self.texts.values():
                text.load("")
            self.ui.papers.setRowCount(0)
            self.ui.outstandingBox.hide()
            self.outcomes.show_item(meeting.id, meeting.voice, None, (), ())
            return
        self.ui.heading.setText(f"{item.number}. {item.title}")
        self.ui.chip.setText(item.classification.label)
        self.ui.chip.setStyleSheet(chip_style(item.classification))
        self.ui.minutes.set_labels(item.place_labels)  # what the decision and action boxes in the minutes say
        for prop, text in self.texts.items():  # another item replaces the boxes; a refresh never types over them
            (text.load if switched else text.show_value)(_shown(prop, item))
        for box, value in (
            (self.ui.section, item.section),
            (self.ui.purpose, item.purpose),
            (self.ui.classification, item.classification),
        ):
            select_data(box, value)
        if not self.ui.planned.hasFocus():
            self.ui.planned.setValue(item.planned_minutes or 0)
        if switched or item.papers != self._papers_shown:
            self._show_papers(item)
        is_review = item.kind is ItemKind.MINUTES_AND_ACTIONS
        self.ui.outstandingBox.setVisible(is_review)
        if is_review and (switched or meeting.outstanding != self._outstanding_shown):
            self._show_outstanding(meeting)
        self.outcomes.show_item(meeting.id, meeting.voice, item.id, item.decisions, item.actions)

    def _show_papers(self, item: ItemView) -> None:
        self._papers_shown = item.papers
        self.ui.papers.setRowCount(len(item.papers))
        for row, paper in enumerate(item.papers):
            values = (paper.reference, paper.title, PURPOSE_LABELS[paper.purpose], paper.classification.label)
            for column, value in enumerate(values):
                cell = QTableWidgetItem(value)
                cell.setData(KeyRole, paper.id)
                self.ui.papers.setItem(row, column, cell)
        self.ui.removePaper.setEnabled(bool(item.papers))

    def _show_outstanding(self, meeting: MeetingView) -> None:
        self._outstanding_shown = meeting.outstanding
        self.ui.outstanding.clear()
        for action in meeting.outstanding:
            status = action.status.value.upper()
            due = f" (due {shown_due(action.due)})" if action.due else ""
            row = QTreeWidgetItem([action.reference, action.owner, action.text + due, status])
            row.setToolTip(2, action.text + (f"\n\nUpdate: {action.update}" if action.update else ""))
            self.ui.outstanding.addTopLevelItem(row)
        if not meeting.outstanding:
            self.ui.outstanding.addTopLevelItem(QTreeWidgetItem(["", "", "No actions outstanding.", ""]))
        self.ui.outstanding.resizeColumnToContents(0)
        self.ui.outstanding.resizeColumnToContents(1)

    def _refresh(self) -> Changes:
        return meeting_changed(self.meeting.id) if self.meeting else Changes()

    def _set(self, prop: Property[AgendaItem, Any], value: Any, typed: Reply | None = None) -> None:
        """Save one field; a refusal is a message box, or (typing) replied to be shown beside the field."""
        if self.item is None:
            if typed is not None:
                typed(None)
            return
        command = commands.SetField(self.editor, prop, self.item.id, value, self._refresh())
        self.editor.push_edit(command, typed)

    def _set_typed(self, prop: Property[AgendaItem, Any], value: str, reply: Reply) -> None:
        self._set(prop, value, typed=reply)

    def _classification_chosen(self) -> None:
        """Save the level; an item made confidential with no public title is asked for one."""
        item, level = self.item, chosen(self.ui.classification, LEVEL_LABELS)
        if item is None or level == item.classification:
            return
        raised = level.rank > Classification(item.classification).rank and level is not Classification.WHITE
        command = commands.SetField(self.editor, agenda.CLASSIFICATION, item.id, level, self._refresh())
        if not raised or (item.public_title or "").strip():
            self.editor.push(command)
            return
        self.flush()  # a public title typed in its box a moment ago counts
        self.editor.push(command, done=lambda: self._ask_public_title(item, level))

    def _ask_public_title(self, item: ItemView, level: Classification) -> None:
        """White documents show a confidential item by its public title: ask for it now, not at export."""
        if not shiboken6.isValid(self):
            return
        if self.item is not None and self.item.id == item.id and self.ui.publicTitle.text().strip():
            return  # typed in its box meanwhile
        dialog = self.public_dialog = PublicTitleDialog(str(item.number), item.title, level, self)
        item_id, refresh = item.id, self._refresh()

        def submit(reply: Reply) -> None:
            title = dialog.public_title.text().strip()
            summary = dialog.public_summary.toPlainText().strip()
            if not title:
                reply("Type the public title, or choose Later to give it on the page.")
                return

            def title_saved(problem: str | None) -> None:
                if problem or not summary:
                    reply(problem)
                    return
                summarised = commands.SetField(self.editor, agenda.PUBLIC_SUMMARY, item_id, summary, refresh)
                self.editor.push(summarised, reply)

            self.editor.push(commands.SetField(self.editor, agenda.PUBLIC_TITLE, item_id, title, refresh), title_saved)

        dialog.submit = submit
        dialog.open()

    def _planned_changed(self) -> None:
        if self.item is None:
            return
        value = self.ui.planned.value() or None
        if value != self.item.planned_minutes:
            self._set(agenda.PLANNED_MINUTES, value)

    def attach_paper(self) -> None:
        if self.item is None:
            return
        item = self.item
        self.editor.load(
            lambda s: agenda.next_paper_reference(s, fetch(s, AgendaItem, item.id).meeting),
            lambda ref: self._attach_paper(item, ref),
        )

    def _attach_paper(self, item: ItemView, reference: str) -> None:
        """The paper dialog, once the next reference in the house format is known."""
        if not shiboken6.isValid(self) or self.item is None or self.item.id != item.id:
            return  # another item was chosen meanwhile
        item_id = item.id
        self.dialog = PaperDialog(reference, item.purpose, item.classification, self)

        def submit(reply: Reply) -> None:
            dialog = self.dialog
            assert dialog is not None
            title = dialog.title.text()
            ref = dialog.reference.text()
            purpose, level = dialog.chosen_purpose(), dialog.chosen_level()
            source, store = dialog.file_path(), self.editor.store
            command = commands.Create(
                self.editor,
                f"Attach paper {ref}",
                lambda s: add_paper_with_file(
                    store, s, fetch(s, AgendaItem, item_id), title, ref, purpose, level, source
                ),
                commands.removal(Paper, agenda.remove_paper),
            )
            self.editor.push(command, reply)

        self.dialog.submit = submit
        self.dialog.open()

    def open_paper(self, row: int, _column: int = 0) -> None:
        if self.item is not None and 0 <= row < len(self.item.papers):
            paper = self.item.papers[row]
            open_paper(self, self.editor, paper.id, paper.reference)

    def remove_paper(self) -> None:
        row = self.ui.papers.currentRow()
        if self.item is None or row < 0 or row >= len(self.item.papers):
            return
        paper = self.item.papers[row]
        self.editor.push(
            commands.Remove(
                self.editor, f"Remove paper {paper.reference}", paper.id, commands.removal(Paper, agenda.remove_paper)
            )
        )


class MeetingPage(QWidget):
    """Everything about one meeting; refreshes only on changes that name this meeting."""

    item_selected = Signal(int)

    def __init__(self, editor: Editor, messages: Messages, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor, self.messages = editor, messages
        self.confirm_removals = True
        self.ui = Ui_MeetingPage()
        self.ui.setupUi(self)
        accessibility.name(((self.ui.start, "Start time"), (self.ui.end, "End time"),
                            (self.ui.agenda, "Agenda"), (self.ui.attendance, "Attendance")))
        accessibility.free_tab(self)
        self.meeting: MeetingView | None = None
        self._showing: int | None = None  # the meeting asked for, while it is read
        self._reading: int | None = None  # the meeting whose read is in flight
        self._read_again = False  # it changed meanwhile
        # An item made by the last edit: selected (its title ready for typing) once a load shows it.
        self._new_item: int | None = None
        self.details = ItemDetails(editor)
        self.ui.detailsScroll.setWidget(self.details)
        # Final minutes are unlocked only by this explicit, confirmed and audited step (never by undo).
        self.reopen_action = QAction("Re&open minutes...", self)
        self.reopen_action.setToolTip("Unlock these final minutes for a correction (recorded in the audit trail)")
        self.reopen_action.triggered.connect(self.reopen_minutes)
        self.reopen_action.setEnabled(False)
        self.addAction(self.reopen_action)
        self.reopen_button = QPushButton(self.reopen_action.text())
        self.reopen_button.setToolTip(self.reopen_action.toolTip())
        self.reopen_button.clicked.connect(self.reopen_action.trigger)
        self.reopen_button.hide()
        banner_at = self.ui.outer.indexOf(self.ui.lockBanner)
        self.ui.outer.removeWidget(self.ui.lockBanner)
        lock_row = QHBoxLayout()
        lock_row.addWidget(self.ui.lockBanner, 1)
        lock_row.addWidget(self.reopen_button)
        self.ui.outer.insertLayout(banner_at, lock_row)
        self.lock_row = lock_row  # the minutes lifecycle's buttons go beside Reopen (finalise_dialog)
        self.ui.heading.setWordWrap(True)  # a long identifier wraps on a small screen rather than widen the page
        self.ui.headerRow.setStretchFactor(self.ui.heading, 1)  # ... and only there: it has the row's room
        self.ui.lockBanner.setWordWrap(True)
        self.ui.total.setWordWrap(True)  # "Planned: 120 min (2 h 00)" wraps beside the agenda's buttons
        self.ui.agendaButtons.setStretchFactor(self.ui.total, 1)  # ... only when the row has no room for it
        self.ui.total.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.ui.detailsScroll.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.ui.detailsScroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # not a Tab stop of its own
        # No horizontal scroll bar: the item's fields get the width they need, the agenda gives way.
        scroll_bar = self.ui.detailsScroll.verticalScrollBar().sizeHint().width()
        self.ui.detailsScroll.setMinimumWidth(self.details.minimumSizeHint().width() + scroll_bar + 4)
        self.ui.agendaSplitter.setStretchFactor(0, 3)
        self.ui.agendaSplitter.setStretchFactor(1, 2)
        self.ui.agendaSplitter.setSizes([540, 420])

        self.agenda_model = AgendaModel(self)
        view = self.ui.agenda
        view.setModel(self.agenda_model)
        view.setSelectionBehavior(QAbstractItemView.SelectRows)
        view.setSelectionMode(QAbstractItemView.SingleSelection)
        view.setDragDropMode(QAbstractItemView.InternalMove)
        view.setDragEnabled(True)
        view.setAcceptDrops(True)
        view.setDropIndicatorShown(True)
        view.setDefaultDropAction(Qt.MoveAction)
        view.verticalHeader().hide()
        view.setAlternatingRowColors(True)
        view.setWordWrap(False)
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.Stretch)
        header.setHighlightSections(False)
        view.setItemDelegateForColumn(5, ChipDelegate(view))
        view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
        view.selectionModel().currentRowChanged.connect(self._item_changed)
        self.agenda_model.move_requested.connect(self.move_item_to)

        self.attendance_model = AttendanceModel(self)
        table = self.ui.attendance
        table.setModel(self.attendance_model)
        table.setSelectionBehavior(QAbstractItemView.SelectRows)
        table.setSelectionMode(QAbstractItemView.ExtendedSelection)
        table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
        table.setAlternatingRowColors(True)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.Stretch)
        table.installEventFilter(self)
        table.clicked.connect(self._attendance_clicked)

        self.ui.addItem.clicked.connect(self.add_item)
        self.ui.removeItem.clicked.connect(self.remove_item)
        self.ui.moveUp.clicked.connect(lambda: self.move_selected(-1))
        self.ui.moveDown.clicked.connect(lambda: self.move_selected(+1))
        self.ui.markPresent.clicked.connect(lambda: self.mark_selected(PRESENT))
        self.ui.markApologies.clicked.connect(lambda: self.mark_selected(APOLOGIES))
        self.ui.markAbsent.clicked.connect(lambda: self.mark_selected(ABSENT))
        self.ui.markPart.clicked.connect(self.present_for_part)
        self.ui.addAttendee.clicked.connect(self.add_attendee)
        self.ui.removeAttendee.clicked.connect(self.remove_attendee)
        self.venue_text = DebouncedText(
            editor, self.ui.venue, lambda v, reply: self._set_meeting(meetings.VENUE, v, reply)
        )
        self.ui.date.editingFinished.connect(self._date_changed)
        self._asking_date = False
        for spin in (self.ui.date, self.ui.start, self.ui.end):
            spin.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # a wheel passing over the header does not move the meeting
        self.ui.date.installEventFilter(self)
        ui = self.ui
        details = self.details.ui
        tab_order(
            self.reopen_button,
            ui.date,
            ui.start,
            ui.end,
            ui.venue,
            ui.tabs,
            ui.agenda,
            ui.addItem,
            ui.removeItem,
            ui.moveUp,
            ui.moveDown,
            details.title,
            details.publicTitle,
            details.publicSummary,
            details.section,
            details.purpose,
            details.presenter,
            details.planned,
            details.classification,
            details.papers,
            details.addPaper,
            details.removePaper,
            details.outstanding,
            details.minutes,
            details.note,
            ui.attendance,
            ui.markPresent,
            ui.markApologies,
            ui.markAbsent,
            ui.markPart,
            ui.addAttendee,
            ui.removeAttendee,
        )
        self.ui.start.editingFinished.connect(lambda: self._time_changed(meetings.START_TIME, self.ui.start))
        self.ui.end.editingFinished.connect(lambda: self._time_changed(meetings.END_TIME, self.ui.end))
        self.dialog: AttendeeDialog | None = None
        self.part_dialog: PartAttendanceDialog | None = None
        editor.changed.connect(self.on_changed)

    # --- loading and refreshing ---

    def show_meeting(self, meeting_id: int, item_id: int | None = None) -> None:
        """Show a meeting once it is read (on the worker); `item_id`, or its first item, is selected."""
        self.flush()
        self.meeting = None
        self._showing = meeting_id
        self.agenda_model.set_items([])
        self._reload(meeting_id, chosen=item_id, first=True)

    def on_changed(self, changes: Changes) -> None:
        if self.meeting is not None and self.meeting.id in changes.meeting_ids:
            if self._reading == self.meeting.id:
                self._read_again = True  # once the read in flight is in: a burst costs one more read, not one each
            else:
                self._reload(self.meeting.id)

    def _reload(self, meeting_id: int, chosen: int | None = None, first: bool = False) -> None:
        self._reading, self._read_again = meeting_id, False

        def read(meeting: MeetingView) -> None:
            if not shiboken6.isValid(self):
                return
            if self._reading == meeting_id:
                self._reading = None
                if self._read_again:
                    self._reload(meeting_id)
            self._show(meeting, chosen, first)

        self.editor.load(
            lambda s: meeting_record.meeting_view(s, meeting_id), read, failed=lambda _error: self._gone(meeting_id)
        )

    def _gone(self, meeting_id: int) -> None:
        if shiboken6.isValid(self) and self._reading == meeting_id:
            self._reading = None
        if shiboken6.isValid(self) and meeting_id == self._showing:
            self.meeting = None
            self.setEnabled(False)

    def _show(self, meeting: MeetingView, chosen: int | None, first: bool) -> None:
        if not shiboken6.isValid(self) or meeting.id != self._showing:
            return  # the page closed, or another meeting was chosen while this one was read
        self.setEnabled(True)
        selected = chosen if first else self.selected_item_id()
        if first and selected is None and meeting.items:
            selected = meeting.items[0].id
        new_item, self._new_item = self._new_item, None
        if new_item is not None and meeting.item(new_item) is not None:
            selected = new_item
        switched = self.meeting is None or self.meeting.id != meeting.id
        self.meeting = meeting
        self.ui.heading.setText(f"{meeting.committee_code} meeting {meeting.number}  ·  {meeting.identifier}")
        self.ui.status.setText(meeting.status_label)
        self.ui.lockBanner.setVisible(meeting.locked)
        self.reopen_button.setVisible(meeting.locked)
        self.reopen_action.setEnabled(meeting.locked)
        self._show_date(meeting.date)
        self._show_time(self.ui.start, meeting.start_time)
        self._show_time(self.ui.end, meeting.end_time)
        (self.venue_text.load if switched else self.venue_text.show_value)(meeting.venue or "")
        self.agenda_model.set_items(meeting.items)
        self.ui.total.setText(
            f"Planned: {meeting.planned_total} min ({meeting.planned_total // 60} h {meeting.planned_total % 60:02d})"
        )
        self.attendance_model.set_rows(meeting.attendance)
        met = meeting.quorum_present >= meeting.quorum_required
        self.ui.quorum.setText(
            f"Members present {meeting.quorum_present} (alternates count) · quorum {meeting.quorum_required} · "
            + ("quorate" if met else "NOT quorate")
        )
        self.ui.quorum.setStyleSheet(f"font-weight: 600; color: {'#2e7d32' if met else '#b71c1c'};")
        if selected is not None and self.agenda_model.row_of(selected) >= 0:
            self.select_item(selected)
        else:
            self.details.show_item(meeting, None)
        if new_item is not None and selected == new_item:
            self.details.ui.title.setFocus()
            self.details.ui.title.selectAll()

    def reopen_minutes(self) -> None:
        """Unlock final minutes for a correction, once confirmed; the core's audit trail records it.

        Not an undoable step: locking again is agreeing again, which keeps the next version of the record.
        """
        meeting = self.meeting
        if meeting is None or not meeting.locked:
            return
        if not self.messages.confirm(
            self,
            "Reopen minutes",
            f"Reopen the final minutes of {meeting.identifier} for a correction?\n\n"
            "They are unlocked and can be changed; the audit trail records who reopened them and when. "
            "The agreed record is kept as it was: agreeing them again keeps the next version beside it.",
        ):
            return
        self.flush()
        meeting_id, identifier = meeting.id, meeting.identifier

        def reopen(session: Any) -> Changes:
            meetings.reopen(session, fetch(session, Meeting, meeting_id))
            return meeting_changed(meeting_id, structure=True)  # the navigator's padlock goes

        def reopened(_changes: Changes) -> None:
            if shiboken6.isValid(self) and isinstance(window := self.window(), QMainWindow):
                window.statusBar().showMessage(
                    f"The minutes of {identifier} are reopened for correction; the audit trail records it.", 10000
                )

        self.editor.save(reopen, reopened, label="Reopening the minutes...")

    def _show_date(self, day: date, always: bool = False) -> None:
        if always or not self.ui.date.hasFocus():
            self.ui.date.setDate(QDate(day.year, day.month, day.day))

    def _show_time(self, widget: Any, value: time | None) -> None:
        if not widget.hasFocus():
            widget.setTime(QTime(value.hour, value.minute) if value else QTime(0, 0))

    def flush(self) -> None:
        self.details.flush()
        self.venue_text.flush()

    def set_delay(self, delay_ms: int = DEFAULT_DELAY_MS) -> None:
        self.details.set_delay(delay_ms)
        self.venue_text.set_delay(delay_ms)

    # --- agenda ---

    def selected_item_id(self) -> int | None:
        index = self.ui.agenda.currentIndex()
        return self.agenda_model.data(index, KeyRole) if index.isValid() else None

    def select_item(self, item_id: int | None) -> None:
        row = self.agenda_model.row_of(item_id) if item_id is not None else -1
        if row < 0:
            self.details.show_item(self.meeting, None) if self.meeting else None
            return
        index = self.agenda_model.index(row, 1)
        if self.ui.agenda.currentIndex().row() == row:
            self._item_changed(index)
        else:
            self.ui.agenda.setCurrentIndex(index)
        self.ui.agenda.scrollTo(index)

    def _item_changed(self, current: QModelIndex, _previous: QModelIndex | None = None) -> None:
        if self.meeting is None:
            return
        item_id = self.agenda_model.data(current, KeyRole) if current.isValid() else None
        item = self.meeting.item(item_id) if item_id is not None else None
        self.details.show_item(self.meeting, item)
        if item is not None:
            self.item_selected.emit(item.id)

    def add_item(self) -> None:
        if self.meeting is None:
            return
        meeting_id = self.meeting.id
        current = self.meeting.item(self.selected_item_id() or -1)
        section = current.section if current else Section.MAIN
        position = current.position + 1 if current else None
        command = commands.Create(
            self.editor,
            "Add agenda item",
            lambda s: agenda.add_item(
                s, fetch(s, Meeting, meeting_id), "New item", section=section, position=position
            ),
            commands.removal(AgendaItem, agenda.remove_item),
        )

        def added() -> None:
            self._new_item = command.row_id

        self.editor.push(command, done=added)

    def remove_item(self) -> None:
        item = self.meeting.item(self.selected_item_id() or -1) if self.meeting else None
        if item is None:
            return
        if self.confirm_removals and not self.messages.confirm(
            self,
            "Remove agenda item",
            f"Remove item {item.number}, {item.title!r}, with its papers? (Undo brings it back.)",
        ):
            return
        self.details.flush()
        self.editor.push(commands.RemoveItem(self.editor, item.id, item.title))

    def move_selected(self, step: int) -> None:
        item = self.meeting.item(self.selected_item_id() or -1) if self.meeting else None
        if item is None:
            return
        row = self.agenda_model.row_of(item.id)
        target = row + 1 + step
        if 1 <= target <= len(self.agenda_model.items):
            self.move_item_to(item.id, target)

    def move_item_to(self, item_id: int, new_position: int) -> None:
        item = self.meeting.item(item_id) if self.meeting else None
        if item is None:
            return
        self.details.flush()
        self.editor.push(commands.MoveItem(self.editor, item_id, new_position, item.title))
        self.select_item(item_id)

    # --- meeting fields ---

    def _set_meeting(self, prop: Property[Meeting, Any], value: Any, typed: Reply | None = None) -> None:
        if self.meeting is None:
            if typed is not None:
                typed(None)
            return
        refresh = meeting_changed(self.meeting.id)
        command = commands.SetField(self.editor, prop, self.meeting.id, value, refresh)
        self.editor.push_edit(command, typed)

    def _date_changed(self) -> None:
        """A new date is saved when editing ends; a move of more than a few days is confirmed first (and undoable)."""
        meeting = self.meeting
        value = self.ui.date.date().toPython()
        if meeting is None or value == meeting.date or self._asking_date:
            return
        if abs((value - meeting.date).days) > DATE_CONFIRM_DAYS:
            self._asking_date = True  # the question takes the focus: that ends the editing a second time
            try:
                moved = self.messages.confirm(
                    self,
                    "Move the meeting",
                    f"Move {meeting.identifier} from {meeting.date:%a %d %b %Y} to {value:%a %d %b %Y}? "
                    "(Edit > Undo moves it back.)",
                )
            finally:
                self._asking_date = False
            if not moved:
                self._show_date(meeting.date, always=True)
                return
        self._set_meeting(meetings.DATE, value)

    def _time_changed(self, prop: Property[Meeting, time | None], widget: Any) -> None:
        if self.meeting is None:
            return
        value = widget.time().toPython()
        value = None if value == time(0, 0) else value
        shown = self.meeting.start_time if prop is meetings.START_TIME else self.meeting.end_time
        if value != shown:
            self._set_meeting(prop, value)

    # --- attendance ---

    def selected_attendance_ids(self) -> list[int]:
        rows = sorted({i.row() for i in self.ui.attendance.selectionModel().selectedRows()})
        return [self.attendance_model.rows[r].id for r in rows if r < len(self.attendance_model.rows)]

    def mark(self, row_ids: list[int], status: str) -> None:
        if not row_ids:
            return
        names = {r.id: r.name for r in self.attendance_model.rows}
        label = names.get(row_ids[0], "") if len(row_ids) == 1 else f"{len(row_ids)} people"
        self.editor.push(commands.SetAttendance(self.editor, row_ids, status, label))

    def mark_selected(self, status: str) -> None:
        self.mark(self.selected_attendance_ids(), status)

    def _attendance_clicked(self, index: QModelIndex) -> None:
        if index.column() == 3:
            row = self.attendance_model.rows[index.row()]
            self.mark([row.id], NEXT_STATUS[row.status])

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.ui.date and event.type() == QEvent.Type.FocusIn:
            # The arrows step the day, not the year the cursor happens to be on.
            field = cast(QDateTimeEdit, self.ui.date)
            QTimer.singleShot(0, lambda: field.setCurrentSection(QDateTimeEdit.Section.DaySection))
        if watched is self.ui.attendance and event.type() == QEvent.KeyPress:
            key_event: QKeyEvent = event  # type: ignore[assignment]
            status = STATUS_KEYS.get(Qt.Key(key_event.key()))
            if status and not key_event.modifiers() & (Qt.ControlModifier | Qt.AltModifier | Qt.MetaModifier):
                self.mark_selected(status)
                return True
        return super().eventFilter(watched, event)

    def present_for_part(self) -> None:
        """Present for part of the meeting (arrived late, left early), chosen by item: the live
        screen's arrived/left steps, one undoable step, shown as "part, items 3-7"."""
        ids = self.selected_attendance_ids()
        if self.meeting is None or len(ids) != 1:
            self.ui.attendance.setFocus()
            return
        meeting = self.meeting
        row = next(r for r in self.attendance_model.rows if r.id == ids[0])
        items = tuple(Choice(i.id, f"{i.number}. {i.title}") for i in meeting.items)
        arrived = left = None
        if row.part and row.item_ids and items:
            arrived = row.item_ids[0] if row.item_ids[0] != items[0].id else None
            left = row.item_ids[-1] if row.item_ids[-1] != items[-1].id else None
        self.part_dialog = dialog = PartAttendanceDialog(row.name, items, arrived, left, self)
        row_id, name, meeting_id = row.id, row.name, meeting.id

        def submit(reply: Reply) -> None:
            arrived_id, left_id = dialog.chosen()

            def change(session: Session, attendee: Attendance) -> None:
                attendance.present_for(
                    session,
                    attendee,
                    fetch(session, AgendaItem, arrived_id) if arrived_id is not None else None,
                    fetch(session, AgendaItem, left_id) if left_id is not None else None,
                )

            text = f"{name} present for part" if arrived_id or left_id else f"{name} present"
            self.editor.push(attendance_change(self.editor, row_id, text, change, meeting_changed(meeting_id)), reply)

        dialog.submit = submit
        dialog.open()

    def add_attendee(self) -> None:
        if self.meeting is None:
            return
        meeting = self.meeting
        self.editor.load(
            lambda s: (committee_record.people(s), committee_record.organisations(s)),
            lambda found: self._add_attendee(meeting, *found),
        )

    def _add_attendee(
        self, meeting: MeetingView, people: tuple[Choice, ...], organisations: tuple[Choice, ...]
    ) -> None:
        """The attendee dialog, once the people and organisations to choose from are read."""
        if not shiboken6.isValid(self) or self.meeting is None or self.meeting.id != meeting.id:
            return  # another meeting was chosen meanwhile
        meeting_id = meeting.id
        members = tuple(Choice(r.person_id, r.name) for r in meeting.attendance if r.capacity is Capacity.MEMBER)
        self.dialog = AttendeeDialog(people, members, organisations, self)

        def submit(reply: Reply) -> None:
            dialog = self.dialog
            assert dialog is not None
            capacity = dialog.chosen_capacity()
            name = dialog.person_name()
            organisation = dialog.organisation.currentText()
            representing = dialog.representing.currentText() if capacity is Capacity.PARTICIPANT else None
            alternate_for = dialog.alternate_for.currentData() if capacity is Capacity.ALTERNATE else None
            command = commands.Create(
                self.editor,
                f"Add {name}",
                lambda s: attendance.add_named(
                    s,
                    fetch(s, Meeting, meeting_id),
                    name,
                    capacity,
                    organisation=organisation,
                    representing=representing,
                    alternate_for=fetch(s, Person, alternate_for) if alternate_for else None,
                ),
                commands.removal(Attendance, attendance.remove_attendee),
            )
            self.editor.push(command, reply)

        self.dialog.submit = submit
        self.dialog.open()

    def remove_attendee(self) -> None:
        ids = self.selected_attendance_ids()
        if len(ids) != 1:
            return
        name = next(r.name for r in self.attendance_model.rows if r.id == ids[0])
        if self.confirm_removals and not self.messages.confirm(
            self, "Remove from attendance", f"Remove {name} from this meeting's attendance?"
        ):
            return
        removal = commands.removal(Attendance, attendance.remove_attendee)
        self.editor.push(commands.Remove(self.editor, f"Remove {name}", ids[0], removal))


def _shown(prop: Property[AgendaItem, Any], item: ItemView) -> str:
    """The text of the item a property's box shows."""
    values = {
        agenda.TITLE: item.title,
        agenda.PUBLIC_TITLE: item.public_title,
        agenda.PUBLIC_SUMMARY: item.public_summary,
        agenda.PRESENTER: item.presenter,
        minutes_text.TEXT: item.minutes_text,
        agenda.POST_MEETING_NOTE: item.post_meeting_note,
    }
    return values[prop] or ""
