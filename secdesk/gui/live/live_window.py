"""The live meeting screen: agenda | minute editor | decisions and actions, every step on the keyboard.

Opened from the main window (Meeting > Start meeting, F5) on the selected
meeting. It shares the main window's editor, so undo, the save state and the
refresh signal are the same everywhere. Typing is saved as it goes (LiveText):
nothing is ever saved by hand.
"""

from __future__ import annotations

import html
import threading
import time as clock
from collections.abc import Callable
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import cast

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QFont, QKeyEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QFrame,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPlainTextEdit,
    QProgressBar,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from secdesk import live_session
from secdesk.errors import SecDeskError
from secdesk.gui import accessibility, levels
from secdesk.gui.block_editor import BlockEditor
from secdesk.gui.commands import SetAttendance
from secdesk.gui.editor import Editor, Reply
from secdesk.gui.focus import tab_order
from secdesk.gui.live.commands import Lifecycle, SetLiveField, attendance_change
from secdesk.gui.live.outcomes import OutcomesPanel
from secdesk.gui.live.review import ReviewPanel
from secdesk.gui.live.texts import LiveText
from secdesk.gui.messages import Messages
from secdesk.gui.models import KeyRole
from secdesk.gui.worker import Worker
from secdesk.model import (
    AgendaItem,
    Attendance,
    AttendanceStatus,
    Classification,
    ItemKind,
    Meeting,
    MeetingStatus,
)
from secdesk.services import agenda, attendance, meeting_record, meetings, minutes_text
from secdesk.services.changes import Changes, meeting_changed
from secdesk.services.meeting_record import LiveItem, LiveMeeting
from secdesk.services.properties import Property
from secdesk.services.rows import fetch

PANE_SHARES = (0.22, 0.48, 0.30)  # agenda and attendance, the item and its minutes, decisions and actions
JOURNAL_EVERY_S = 10  # how often the item timers are journalled (a crash loses at most this much)
HINTS = "Ctrl+D decision · Ctrl+Shift+A action · Ctrl+PgDn next item"
ATTENDANCE_KEYS = {
    Qt.Key_P: AttendanceStatus.PRESENT,
    Qt.Key_A: AttendanceStatus.APOLOGIES,
    Qt.Key_X: AttendanceStatus.ABSENT,
}
NameRole = Qt.UserRole + 2
STATUS_MARK = {AttendanceStatus.PRESENT: "\u2713", AttendanceStatus.APOLOGIES: " ", AttendanceStatus.ABSENT: " "}


def choose_save_path(parent: QWidget, suggested: str, file_filter: str) -> Path | None:
    path, _ = QFileDialog.getSaveFileName(parent, "Export", suggested, file_filter)
    return Path(path) if path else None


class KeyList(QListWidget):
    """A list that reports plain letter keys (attendance: P, A, X, L, E)."""

    letter = Signal(int)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not event.modifiers() & (Qt.ControlModifier | Qt.AltModifier) and Qt.Key_A <= event.key() <= Qt.Key_Z:
            self.letter.emit(event.key())
            return
        super().keyPressEvent(event)


class LiveWindow(QMainWindow):
    def __init__(
        self, editor: Editor, worker: Worker, messages: Messages, meeting_id: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.editor, self.worker, self.messages = editor, worker, messages
        self.meeting_id = meeting_id
        self.meeting: LiveMeeting | None = None
        self.item_id: int | None = None
        self.elapsed: dict[int, float] = {}
        self.since = clock.monotonic()
        self.choose_path: Callable[[QWidget, str, str], Path | None] = choose_save_path
        self.last_export: Path | None = None
        self._reload_due = False
        self._reading = False
        self._own_typing = object()  # the origin of this screen's own minutes typing
        self._texts_of: int | None = None  # the item whose minutes and note the boxes hold
        # Where the meeting stands is journalled as it goes (secdesk.live_session), so a crash
        # brings the screen back to the same item with its timers.
        self._journal = editor.store.label if editor.store is not None else None
        self._journal_ticks = 0
        self.setWindowTitle("SecDesk - live meeting")
        accessibility.fit_to_screen(self, 1280, 800)
        self._build()
        self._build_menus()
        editor.changed.connect(self._on_changed)
        editor.save_state.connect(self.save_label.setText)
        worker.busy.connect(self._busy)
        self.ticker = QTimer(self)
        self.ticker.setInterval(1000)
        self.ticker.timeout.connect(self._tick)
        self.ticker.start()
        self._wanted_item: int | None = None  # chosen before the meeting was read: shown once it is
        self._reload()
        threading.Thread(target=_warm_up_dates, daemon=True).start()

    # --- building ---

    def _build(self) -> None:
        self.agenda = QListWidget()
        self.agenda.setObjectName("agenda")
        self.agenda.setWordWrap(True)  # a long title wraps on a small screen instead of hiding its timing
        self.agenda.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.agenda.currentItemChanged.connect(lambda row, _old: row is not None and self.go_to(row.data(KeyRole)))
        self.attendees = KeyList()
        self.attendees.setObjectName("attendees")
        self.attendees.letter.connect(self._attendance_key)
        left = QSplitter(Qt.Vertical)
        left.addWidget(_titled("Agenda  <span style='color:#666'>Ctrl+1</span>", self.agenda))
        left.addWidget(
            _titled(
                "Attendance  <span style='color:#666'>Ctrl+5 · P/A/X · L arrived now · E left after this item</span>",
                self.attendees,
            )
        )
        left.setSizes([480, 260])

        self.heading = QLabel()
        self.heading.setObjectName("heading")
        font = QFont()
        font.setPointSize(13)
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setWordWrap(True)
        self.timing = QLabel()
        self.chip = QLabel()
        self.papers = QLabel()  # the item's papers, each a link that opens it
        self.papers.setObjectName("papers")
        self.papers.setWordWrap(True)
        self.papers.setTextFormat(Qt.TextFormat.RichText)
        self.papers.linkActivated.connect(self._open_paper)
        self.review = ReviewPanel(self.editor)
        self.minutes = BlockEditor()
        self.minutes.setObjectName("minutes")
        self.minutes.setPlaceholderText(
            "Minutes of this item, saved as you type: \"- \" or \"1. \" starts a list, \"## \" a sub-heading, "
            "Ctrl+Alt+T a table, Alt+Up/Down moves a block.")
        self.minutes.setUndoRedoEnabled(False)
        self.minutes_live = LiveText(self.editor, self.minutes, partial(self._set_item_text, minutes_text.TEXT))
        self.note_label = QLabel("<b>Post Meeting Note</b> <span style='color:#666'>Ctrl+Shift+N</span>")
        self.note = QPlainTextEdit()
        self.note.setObjectName("note")
        self.note.setMaximumHeight(80)
        self.note.setUndoRedoEnabled(False)
        self.note_live = LiveText(self.editor, self.note, partial(self._set_item_text, agenda.POST_MEETING_NOTE))
        self.recovered = QLabel()  # what was put back after SecDesk stopped without closing
        self.recovered.setObjectName("recovered")
        self.recovered.setWordWrap(True)
        self.recovered.setStyleSheet("background: #fff8e1; color: #3e2723; border: 1px solid #ffb300; "
                                     "border-radius: 4px; padding: 6px;")
        self.recovered.hide()
        middle = QWidget()
        column = QVBoxLayout(middle)
        column.addWidget(self.recovered)
        column.addWidget(self.heading)
        column.addWidget(self.timing)
        column.addWidget(self.chip)
        column.addWidget(self.papers)
        column.addWidget(self.review, 5)  # shown for item 1 only, where the review is most of the work
        column.addWidget(self.minutes, 3)
        column.addWidget(self.note_label)
        column.addWidget(self.note)
        self.outcomes = OutcomesPanel(self.editor)
        accessibility.name(((self.agenda, "Agenda"), (self.attendees, "Attendance"),
                            (self.minutes, "Minutes of the item"), (self.note, "Post-meeting note")))
        self.outcomes.finished.connect(self.minutes.setFocus)
        self.outcomes.place_provider = self._minutes_place

        self.splitter = QSplitter(Qt.Horizontal)
        self.splitter.addWidget(left)
        # On a small screen the item's column scrolls rather than making the window taller than the screen.
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(middle)
        self.splitter.addWidget(scroll)
        self.splitter.addWidget(self.outcomes)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([270, 620, 390])
        self._panes_sized = False
        self.setCentralWidget(self.splitter)
        accessibility.free_tab(self.splitter)
        for text_widget in (self.minutes, self.note, self.review.update_box):
            text_widget.installEventFilter(self)
        # Tab goes round the screen in reading order; the composer's last field hands back to the minutes.
        outcomes = self.outcomes
        tab_order(
            self.agenda,
            self.review.table,
            self.review.update_box,
            outcomes.verb,
            outcomes.decision_text,
            outcomes.owner,
            outcomes.action_text,
            outcomes.due,
            self.minutes,
            self.note,
            outcomes.decisions,
            cast(QWidget, outcomes.actions),
            self.attendees,
        )

        bar = self.statusBar()
        self.presence = QLabel()
        self.presence.setObjectName("presence")
        self.save_label = QLabel("Saved")
        self.save_label.setObjectName("saveState")
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setMaximumWidth(140)
        self.progress.hide()
        # Permanent widgets: a passing message (an export) must not hide presence or the save state.
        bar.addPermanentWidget(self.progress)
        bar.addPermanentWidget(self.presence)
        bar.addPermanentWidget(_dot())
        bar.addPermanentWidget(self.save_label)
        bar.addPermanentWidget(_dot())
        bar.addPermanentWidget(QLabel(HINTS))

    def _action(
        self,
        menu: object,
        text: str,
        slot: Callable[[], object],
        shortcut: str | QKeySequence.StandardKey | None = None,
    ) -> QAction:
        action = QAction(text, self)
        if isinstance(shortcut, QKeySequence.StandardKey):
            action.setShortcuts(QKeySequence.keyBindings(shortcut))  # e.g. both Ctrl+Y and Ctrl+Shift+Z
        elif shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.WindowShortcut)
        action.triggered.connect(lambda _checked=False: slot())
        menu.addAction(action)  # type: ignore[attr-defined]
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        export = file_menu.addMenu("&Export draft minutes")
        for level, label in ((Classification.WHITE, "White"), (Classification.AMBER, "Amber")):
            for fmt, name in (("pdf", "PDF"), ("docx", "Word")):
                shortcut = "Ctrl+E" if (level, fmt) == (Classification.WHITE, "pdf") else None
                self._action(
                    export, f"{label} ({name})...", lambda lv=level, f=fmt: self.export_minutes(lv, f), shortcut
                )
        file_menu.addSeparator()
        self._action(file_menu, "&Close live screen", self.close, QKeySequence.Close)

        edit = bar.addMenu("&Edit")
        self.undo_action = self._action(edit, "&Undo", self.undo, QKeySequence.Undo)
        self.redo_action = self._action(edit, "&Redo", self.redo, QKeySequence.Redo)
        # The menu names the step as the stack words it (bound methods: disconnected with this window).
        self.editor.undo_stack.undoTextChanged.connect(self._undo_text)
        self.editor.undo_stack.redoTextChanged.connect(self._redo_text)

        meeting = bar.addMenu("&Meeting")
        self._action(meeting, "&Next item", lambda: self.step(+1), "Ctrl+PgDown")
        self._action(meeting, "&Previous item", lambda: self.step(-1), "Ctrl+PgUp")
        meeting.addSeparator()
        self._action(meeting, "New &decision", self.outcomes.new_decision, "Ctrl+D")
        self._action(meeting, "New &action", self.outcomes.new_action, "Ctrl+Shift+A")
        self._action(meeting, "&Confidential (Amber) on/off", self.toggle_confidential, "Ctrl+Shift+C")
        self._action(meeting, "Post Meeting &Note", self.show_note, "Ctrl+Shift+N")
        meeting.addSeparator()
        self._action(
            meeting,
            "Selected attendee arrived &late (at this item)",
            lambda: self.part_attendance("arrived"),
            "Ctrl+Shift+L",
        )
        self._action(
            meeting,
            "Selected attendee &departed (after this item)",
            lambda: self.part_attendance("left"),
            "Ctrl+Shift+D",
        )
        self._action(meeting, "Previous minutes agreed as &final", self.agree_previous, "Ctrl+Shift+F")
        meeting.addSeparator()
        self._action(meeting, "&End meeting", self.end_meeting, "Ctrl+Shift+E")

        go = bar.addMenu("&Go")
        self._action(go, "&Agenda", self.agenda.setFocus, "Ctrl+1")
        self._action(go, "&Minutes", self.minutes.setFocus, "Ctrl+2")
        self._action(go, "&Decisions", self.outcomes.decisions.setFocus, "Ctrl+3")
        self._action(go, "A&ctions", self.outcomes.actions.setFocus, "Ctrl+4")
        self._action(go, "A&ttendance", self.attendees.setFocus, "Ctrl+5")
        self._action(go, "Actions &outstanding (item 1)", self.review.focus_table, "Ctrl+R")

    # --- loading ---

    def _on_changed(self, changes: Changes) -> None:
        if self.meeting_id not in changes.meeting_ids or changes.origin is self._own_typing:
            return  # our own minutes typing: the screen already shows it
        if not self._reload_due:
            self._reload_due = True
            if not self._reading:  # else it is read again as soon as the read in flight is in
                QTimer.singleShot(0, self._reload)

    def _reload(self) -> None:
        # One read in flight at most: a burst of changes costs one more read and one more showing, not one each.
        self._reload_due, self._reading = False, True
        self.editor.load(lambda s: meeting_record.live_meeting(s, self.meeting_id), self._read, failed=self._not_shown)

    def _read(self, meeting: LiveMeeting) -> None:
        if not shiboken6.isValid(self):
            return  # closed while it was read
        self._reading = False
        if self._reload_due:
            self._reload()
        self._show_meeting(meeting)

    def _not_shown(self, error: SecDeskError) -> None:
        if shiboken6.isValid(self):
            self._reading = False
            self.messages.error(self, "Cannot show the meeting", str(error))

    def _show_meeting(self, meeting: LiveMeeting) -> None:
        if not shiboken6.isValid(self):
            return  # closed while it was read
        first = self.meeting is None
        self.meeting = meeting
        locked = " - FINAL, locked: reopen to change" if meeting.locked else ""
        self.setWindowTitle(
            f"SecDesk - live - {meeting.committee_code} meeting {meeting.number} ({meeting.identifier}){locked}"
        )
        for text in (self.minutes, self.note):
            text.setReadOnly(meeting.locked)  # the minutes of record do not change silently
        self._fill_agenda()
        self._fill_attendees()
        self._show_presence()
        if first:
            wanted = self._wanted_item if meeting.item(self._wanted_item or -1) else None
            self._wanted_item = None
            wanted = self._recover(meeting) or wanted
            if wanted is None and meeting.items:
                wanted = meeting.items[0].id
            if wanted is not None:
                self.go_to(wanted)
                return
        self._show_item(meeting.item(self.item_id))

    def _recover(self, meeting: LiveMeeting) -> int | None:
        """After SecDesk stopped without closing this screen: the item it was on, its timers put back."""
        if self._journal is None or meeting.locked:
            return None
        session = live_session.interrupted(self._journal, meeting.id)
        if session is None:
            return None
        known = {item.id for item in meeting.items}
        self.elapsed = {item: seconds for item, seconds in session.spent().items() if item in known}
        item = meeting.item(session.item_id) if session.item_id in known else None
        when = session.saved_time()
        at = f" at {when.astimezone().strftime('%H:%M')}" if when else ""
        place = f"item {item.number} ({item.title})" if item else "the agenda"
        self.recovered.setText(
            f"<b>Recovered.</b> SecDesk stopped{at} without closing this meeting. You are back at {place}, "
            "with the time spent on each item. The minutes, decisions and actions are as last saved "
            "(typing is saved within a second)."
        )
        self.recovered.show()
        return item.id if item else None

    def _keep_place(self) -> None:
        """Journal where the meeting stands, on the worker (the file is flushed to disk there)."""
        if self._journal is None or self.meeting is None or self.meeting.locked:
            return
        spent = dict(self.elapsed)
        if self.item_id is not None:
            spent[self.item_id] = spent.get(self.item_id, 0.0) + clock.monotonic() - self.since
        database, meeting_id, item_id = self._journal, self.meeting.id, self.item_id
        self.worker.run(lambda: live_session.save(database, meeting_id, item_id, spent), lambda _done: None)

    def _fill_agenda(self) -> None:
        assert self.meeting is not None
        self.agenda.blockSignals(True)
        if self.agenda.count() != len(self.meeting.items):
            self.agenda.clear()
            for item in self.meeting.items:
                self.agenda.addItem(QListWidgetItem())
        for row, item in enumerate(self.meeting.items):
            entry = self.agenda.item(row)
            entry.setData(KeyRole, item.id)
            entry.setText(self._agenda_text(item))
            entry.setBackground(levels.brush(item.classification) or self.agenda.palette().base())
            font = entry.font()
            font.setBold(item.id == self.item_id)
            entry.setFont(font)
            if item.id == self.item_id:
                self.agenda.setCurrentRow(row)
        self.agenda.blockSignals(False)

    def _agenda_text(self, item: LiveItem) -> str:
        marker = "\u25b6 " if item.id == self.item_id else "   "
        spent = self._spent(item.id)
        timing = (
            f"  {spent}/{item.planned_minutes} min" if item.planned_minutes else (f"  {spent} min" if spent else "")
        )
        amber = f"  {levels.tag(item.classification)}" if item.classification != "white" else ""
        return f"{marker}{item.number}. {item.title}{timing}{amber}"

    def _fill_attendees(self) -> None:
        assert self.meeting is not None
        current = self.attendees.currentRow()
        numbers = {i.id: i.number for i in self.meeting.items}
        self.attendees.clear()
        for person in self.meeting.attendees:
            part = ""
            if person.part and person.item_ids:
                shown = sorted(numbers[i] for i in person.item_ids if i in numbers)
                part = f"  ({attendance.part_note(shown)})"  # as the meeting page's Notes say it
            absent = f"  ({person.status})" if person.status is not AttendanceStatus.PRESENT else ""
            entry = QListWidgetItem(f"{STATUS_MARK[person.status]} {person.name}{part}{absent}")
            entry.setToolTip(
                f"{person.capacity}, {person.status}" + (f", {person.organisation}" if person.organisation else "")
            )
            entry.setData(KeyRole, person.id)
            entry.setData(NameRole, person.name)
            if person.status is not AttendanceStatus.PRESENT:
                entry.setForeground(self.palette().placeholderText())
            self.attendees.addItem(entry)
        if 0 <= current < self.attendees.count():
            self.attendees.setCurrentRow(current)

    def _show_item(self, item: LiveItem | None) -> None:
        assert self.meeting is not None
        if item is None:
            return
        self.heading.setText(f"{item.number}. {item.title}")
        background, foreground = levels.colours(item.classification)
        self.chip.setText(f" {item.classification.label.upper()} ")
        self.chip.setStyleSheet(
            f"background: {background}; color: {foreground}; border: 1px solid #999; font-weight: 600;"
        )
        self.chip.setMaximumWidth(90)
        border = background if item.classification != "white" else "#bbb"
        self.minutes.setStyleSheet(f"QTextEdit {{ border: 2px solid {border}; }}")
        self._show_timing(item)
        self._show_papers(item)
        self.review.setVisible(item.kind is ItemKind.MINUTES_AND_ACTIONS)
        if item.kind is ItemKind.MINUTES_AND_ACTIONS:
            self.review.show_review(self.meeting.id, self.meeting.review, self.meeting.previous)
        show = (lambda t, v: t.show_value(v)) if item.id == self._texts_of else (lambda t, v: t.load(v))
        self._texts_of = item.id
        self.minutes.set_labels(item.place_labels)
        show(self.minutes_live, item.minutes_text)
        show(self.note_live, item.post_meeting_note or "")
        held = self.meeting.status not in (MeetingStatus.PLANNED, MeetingStatus.AGENDA_ISSUED)
        shown = held or bool(item.post_meeting_note) or self.note.hasFocus()
        self.note.setVisible(shown)
        self.note_label.setVisible(shown)
        self.outcomes.show_item(self.meeting.id, self.meeting.voice, item.id, item.decisions, item.actions)

    def _show_papers(self, item: LiveItem) -> None:
        links = []
        for paper in item.papers:
            level = "" if paper.classification is Classification.WHITE else f" ({paper.classification.label})"
            links.append(f'<a href="{paper.id}">{html.escape(paper.reference)}</a> '
                         f"{html.escape(paper.title)}{html.escape(level)}")
        self.papers.setText("<b>Papers</b> " + " &middot; ".join(links) if links else "")
        self.papers.setToolTip("Click a paper's reference to open it" if links else "")
        self.papers.setVisible(bool(links))

    def _open_paper(self, link: str) -> None:
        from secdesk.gui.pack_dialog import open_paper

        item = self.meeting.item(self.item_id) if self.meeting is not None else None
        paper = next((p for p in item.papers if str(p.id) == link), None) if item is not None else None
        if paper is not None:
            open_paper(self, self.editor, paper.id, paper.reference)

    # --- moving through the agenda, and its clock ---

    def go_to(self, item_id: int | None) -> None:
        if self.meeting is None:
            self._wanted_item = item_id
            return
        if item_id is None or item_id == self.item_id:
            return
        self.flush()
        now = clock.monotonic()
        if self.item_id is not None:
            self.elapsed[self.item_id] = self.elapsed.get(self.item_id, 0.0) + now - self.since
        self.since, self.item_id = now, item_id
        self._keep_place()
        self._fill_agenda()
        self._show_presence()
        self._show_item(self.meeting.item(item_id))

    def _show_presence(self) -> None:
        """Who is in the room at the item being minuted: one who left after an earlier item is not."""
        if self.meeting is None:
            return
        present = meeting_record.present_at(self.meeting, self.item_id)
        required = self.meeting.quorum_required
        self.presence.setText(
            f"Present {present}/{self.meeting.members_listed} (quorum {required})"
            + ("" if present >= required else " NOT QUORATE")
        )

    def step(self, direction: int) -> None:
        if self.meeting is None:
            return
        ids = [i.id for i in self.meeting.items]
        if self.item_id in ids:
            target = ids.index(self.item_id) + direction
            if 0 <= target < len(ids):
                self.go_to(ids[target])
        if not self.outcomes.busy() and not self.review.table.hasFocus():
            self.minutes.setFocus()

    def _spent(self, item_id: int) -> int:
        seconds = self.elapsed.get(item_id, 0.0) + (clock.monotonic() - self.since if item_id == self.item_id else 0.0)
        return int(seconds // 60)

    def _show_timing(self, item: LiveItem) -> None:
        spent = self._spent(item.id)
        over = item.planned_minutes is not None and spent > item.planned_minutes
        planned = f"{spent} of {item.planned_minutes} min" if item.planned_minutes else f"{spent} min (no time planned)"
        self.timing.setText(planned + ("  \u2014 over time" if over else ""))
        self.timing.setStyleSheet("color: #b71c1c; font-weight: 600;" if over else "color: #555;")

    def _tick(self) -> None:
        if self.meeting is None or (item := self.meeting.item(self.item_id)) is None:
            return
        self._journal_ticks += 1
        if self._journal_ticks % JOURNAL_EVERY_S == 0:
            self._keep_place()
        self._show_timing(item)
        row = [i.id for i in self.meeting.items].index(item.id)
        self.agenda.item(row).setText(self._agenda_text(item))

    # --- typing and commands ---

    def flush(self) -> None:
        self.minutes_live.flush()
        self.note_live.flush()
        self.review.flush()
        self.outcomes.flush()

    def _set_item_text(self, prop: Property[AgendaItem, str], value: str, reply: Reply) -> None:
        if self.item_id is None:
            reply(None)
            return
        command = SetLiveField(self.editor, prop, self.item_id, value, self._refresh())
        command.origin = self._own_typing
        self.editor.push_typed(command, reply)

    def _minutes_place(self) -> int | None:
        """Where the minutes cursor is, when the user was typing minutes: the new decision or action goes there."""
        if QApplication.focusWidget() is not self.minutes or self.minutes.isReadOnly():
            return None
        self.minutes_live.flush()  # saved first, on the same serial worker, so the place counts what is typed
        return self.minutes.place_index()

    def _refresh(self) -> Changes:
        return meeting_changed(self.meeting_id)

    def _undo_text(self, text: str) -> None:
        self.undo_action.setText(f"&Undo {text}".strip())

    def _redo_text(self, text: str) -> None:
        self.redo_action.setText(f"&Redo {text}".strip())

    def undo(self) -> None:
        self.flush()
        self.editor.undo()

    def redo(self) -> None:
        self.flush()
        self.editor.redo()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Undo in a text box undoes the last saved step for the whole meeting, not the box's own history.
        if event.type() in (QEvent.ShortcutOverride, QEvent.KeyPress):
            key_event: QKeyEvent = event  # type: ignore[assignment]
            for sequence, step in ((QKeySequence.Undo, self.undo), (QKeySequence.Redo, self.redo)):
                if key_event.matches(sequence):
                    if event.type() == QEvent.KeyPress:
                        step()
                    event.accept()
                    return True
        return super().eventFilter(watched, event)

    def toggle_confidential(self) -> None:
        row = self.outcomes.focused_row()
        if row is not None:
            self.outcomes.toggle_confidential(*row)
            return
        item = self.meeting.item(self.item_id) if self.meeting else None
        if item is None:
            return
        self.flush()
        new = levels.toggled(item.classification)
        self.editor.push(SetLiveField(self.editor, agenda.CLASSIFICATION, item.id, new, self._refresh()))

    def show_note(self) -> None:
        self.note.show()
        self.note_label.show()
        self.note.setFocus()

    def _selected_attendee(self) -> int | None:
        entry = self.attendees.currentItem()
        return entry.data(KeyRole) if entry is not None else None

    def _attendance_key(self, key: int) -> None:
        row_id = self._selected_attendee()
        if row_id is None:
            return
        if (status := ATTENDANCE_KEYS.get(Qt.Key(key))) is not None:
            name = self.attendees.currentItem().data(NameRole)
            self.editor.push(SetAttendance(self.editor, [row_id], status, name))
        elif key == Qt.Key_L:
            self.part_attendance("arrived")
        elif key == Qt.Key_E:
            self.part_attendance("left")

    def part_attendance(self, kind: str) -> None:
        row_id, item_id = self._selected_attendee(), self.item_id
        if row_id is None or item_id is None:
            self.attendees.setFocus()
            return
        name = self.attendees.currentItem().data(NameRole)
        apply = attendance.arrived_at if kind == "arrived" else attendance.left_after
        text = f"{name} {'arrived' if kind == 'arrived' else 'left'}"

        def change(session: Session, row: Attendance) -> None:
            apply(session, row, fetch(session, AgendaItem, item_id))

        self.editor.push(attendance_change(self.editor, row_id, text, change, self._refresh()))

    def agree_previous(self) -> None:
        """The previous minutes agreed as final: confirmed first, and off the undo stack.

        Final minutes are the record: Ctrl+Z must not quietly unlock them. They are
        undone only by Reopen (the meeting page's "Reopen minutes...", or `secdesk reopen`),
        which the audit trail records.
        """
        self.flush()
        previous = self.meeting.previous if self.meeting else None
        if previous is None:
            self.messages.info(self, "Previous minutes", "This is the committee's first meeting: there are no "
                               "previous minutes to agree.")
            return
        if previous.agreed_here:
            self.statusBar().showMessage(f"The minutes of {previous.identifier} are already agreed as final.", 10000)
            return
        if not self.messages.confirm(
            self,
            "Agree the previous minutes as final",
            f"Agree the draft minutes of {previous.identifier} ({previous.date:%d %B %Y}) as final?\n\n"
            f"They become the final minutes of record and are locked. Undo does not unlock them: only "
            f"Reopen minutes... on the meeting page of {previous.identifier} does, and it is audited.",
        ):
            return
        meeting_id, identifier = self.meeting_id, previous.identifier

        def agree(session: Session) -> Changes:
            _state, changes = meetings.agree_previous_final(session, fetch(session, Meeting, meeting_id))
            return changes

        def agreed(_changes: Changes) -> None:
            if shiboken6.isValid(self):
                self.statusBar().showMessage(
                    f"The minutes of {identifier} are final and locked (Reopen minutes... on its page unlocks them).",
                    10000,
                )

        self.editor.save(agree, agreed, label="Agreeing the previous minutes...")

    def end_meeting(self) -> None:
        self.flush()
        if not self.messages.confirm(
            self, "End meeting", "End the meeting? Its minutes become a draft, ready to export (Ctrl+E)."
        ):
            return
        meeting_id, now = self.meeting_id, datetime.now().time()

        def ended() -> None:
            if shiboken6.isValid(self):
                self.statusBar().showMessage(
                    "Meeting ended: the minutes are a draft. File > Export draft minutes (Ctrl+E).", 10000
                )

        self.editor.push(
            Lifecycle(self.editor, "End meeting", meeting_id, lambda s, meeting: meetings.end(s, meeting, now)),
            done=ended,
        )

    # --- exports ---

    def export_minutes(self, level: Classification, file_format: str) -> None:
        from secdesk.documents.export import export, meeting_document

        self.flush()
        if self.meeting is None:
            return
        label = level.label
        suggested = f"{self.meeting.identifier} Draft Minutes ({label}).{file_format}"
        path = self.choose_path(self, suggested, "PDF (*.pdf)" if file_format == "pdf" else "Word (*.docx)")
        if path is None:
            return
        store, identifier = self.editor.store, self.meeting.identifier

        def job() -> Path:
            return export(meeting_document(store, "minutes", identifier, level), file_format, path)

        def done(written: Path) -> None:
            self.last_export = written
            self.statusBar().showMessage(f"Exported {written}", 10000)

        self.worker.run(
            job,
            done,
            lambda error: self.messages.error(self, "Export failed", str(error)),
            f"Exporting {label} minutes...",
        )

    def _busy(self, shown: bool, label: str) -> None:
        self.progress.setVisible(shown)
        if shown:
            self.statusBar().showMessage(label)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._panes_sized:  # the minutes get the most room whatever the screen's width
            self._panes_sized = True
            width = self.splitter.width()
            self.splitter.setSizes([int(width * share) for share in PANE_SHARES])

    def closeEvent(self, event: QCloseEvent) -> None:
        self.outcomes.finish(refocus=False)
        self.flush()
        self.ticker.stop()
        if self._journal is not None:
            database = self._journal
            self.worker.run(lambda: live_session.finish(database), lambda _done: None)  # after any journal write
        super().closeEvent(event)


def _warm_up_dates() -> None:
    """dateparser's first parse takes ~0.3 s: pay it before the first action is typed."""
    from datetime import date

    from secdesk.services.due_dates import understand_due

    understand_due("by 1st March 2020", date(2020, 1, 1))


def _titled(title: str, widget: QWidget) -> QWidget:
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(4, 4, 4, 4)
    label = QLabel(f"<b>{title}</b>")
    label.setWordWrap(True)  # the key hints wrap rather than widen the pane on a small screen
    layout.addWidget(label)
    layout.addWidget(widget)
    return box


def _dot() -> QFrame:
    separator = QFrame()
    separator.setFrameShape(QFrame.VLine)
    return separator
