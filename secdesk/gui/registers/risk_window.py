"""A committee's risk register: the table in severity order, the selected risk, the heat map, reviews.

Opened from the Registers menu, the committee page, or a meeting's Risk Register
item; from a meeting, "Review at this meeting" keeps a snapshot linked to it.
Every edit is an undo command; typing saves itself after a pause.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QDate, QObject, Qt
from PySide6.QtGui import QAction, QFont, QKeyEvent, QKeySequence, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from secdesk.documents import heatmap
from secdesk.gui import accessibility
from secdesk.gui.autosave import DebouncedText
from secdesk.gui.dialogs import FormDialog, chosen, combo, select_data
from secdesk.gui.editor import Editor, Reply
from secdesk.gui.levels import EXPORT_LEVEL_LABELS, LEVEL_LABELS
from secdesk.gui.messages import Messages
from secdesk.gui.models import KeyRole
from secdesk.gui.prompts import Prompts
from secdesk.gui.registers import commands
from secdesk.gui.registers.exporting import export_on_worker
from secdesk.gui.registers.models import RAG_FILL, RAG_INK, RiskTableModel
from secdesk.gui.worker import Worker
from secdesk.model import Classification, Rag, Risk, RiskStatus
from secdesk.security.fields import LOCKED_TEXT
from secdesk.services import committee_record, meeting_record, register_record, risks
from secdesk.services.changes import Changes, committee_changed
from secdesk.services.committee_record import CommitteeView
from secdesk.services.meeting_record import MeetingView
from secdesk.services.properties import Property
from secdesk.services.register_record import ChangeRow, ReviewRow, RiskRow, ScaleRow, Thresholds

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

OVERRIDES = (Rag.RED, Rag.AMBER, Rag.GREEN)  # after "As calculated", in this order
HEAT_MAP_WIDTH = 340


def _table(view: QTableView, stretch: int) -> None:
    view.setSelectionBehavior(QAbstractItemView.SelectRows)
    view.setSelectionMode(QAbstractItemView.SingleSelection)
    view.setEditTriggers(QAbstractItemView.NoEditTriggers)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.Stretch)
    header.setHighlightSections(False)


@dataclass(frozen=True)
class RegisterShown:
    """What the window shows, read together on the worker."""

    committee: CommitteeView | None  # read the first time only
    meeting: MeetingView | None
    limits: Thresholds
    rows: list[RiskRow]
    reviews: list[ReviewRow]
    scale: list[ScaleRow]


def _scrolled(widget: QWidget) -> QScrollArea:
    """`widget` scrolling on a small screen instead of making the window taller than the screen."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    area.setWidget(widget)
    return area


def add_close_action(window: QMainWindow) -> QAction:
    """File > Close on a register window: Ctrl+W (and the platform's own Close key); Esc closes it too.

    Esc reaches the window only when the widget with the focus has no use for it (a cell
    being edited, an open list or calendar keeps it), through `closes_on_escape`.
    """
    close = QAction("&Close", window)
    keys = [QKeySequence("Ctrl+W")]
    keys += [key for key in QKeySequence.keyBindings(QKeySequence.Close) if key not in keys]
    close.setShortcuts(keys)
    close.triggered.connect(window.close)
    window.menuBar().addMenu("&File").addAction(close)
    return close


def closes_on_escape(window: QMainWindow, event: QKeyEvent) -> bool:
    """True if `event` was an unmodified Esc no child took, and the window closed (typing saved first)."""
    if event.key() == Qt.Key_Escape and not event.modifiers() & ~Qt.KeypadModifier:
        window.close()
        return True
    return False


class UndoActions(QObject):
    """Edit > Undo/Redo on the shared stack for a register window; typing waiting for its pause is saved first.

    Slots are methods of this child object, so the stack stops calling them when the window goes.
    """

    def __init__(self, window: QMainWindow, editor: Editor, flush: Callable[[], None]) -> None:
        super().__init__(window)
        self.editor, self.stack, self.flush = editor, editor.undo_stack, flush
        menu = window.menuBar().addMenu("&Edit")
        self.undo, self.redo = QAction("&Undo", window), QAction("&Redo", window)
        self.undo.setShortcut(QKeySequence.Undo)
        self.redo.setShortcut(QKeySequence.Redo)
        self.undo.triggered.connect(self._undo)
        self.redo.triggered.connect(self._redo)
        self.undo.setEnabled(self.stack.canUndo())
        self.redo.setEnabled(self.stack.canRedo())
        self.stack.canUndoChanged.connect(self.undo.setEnabled)
        self.stack.canRedoChanged.connect(self.redo.setEnabled)
        self.stack.undoTextChanged.connect(self._undo_text)
        self.stack.redoTextChanged.connect(self._redo_text)
        menu.addAction(self.undo)
        menu.addAction(self.redo)

    def _undo(self) -> None:
        self.flush()
        self.editor.undo()

    def _redo(self) -> None:
        self.flush()
        self.editor.redo()

    def _undo_text(self, text: str) -> None:
        self.undo.setText(f"&Undo {text}".strip())

    def _redo_text(self, text: str) -> None:
        self.redo.setText(f"&Redo {text}".strip())


class AddRiskDialog(FormDialog):
    def __init__(self, parent: QWidget | None = None):
        super().__init__("Add risk", parent, 520)
        self.description = self.add("&Risk:", QPlainTextEdit())
        self.description.setPlaceholderText("There is a risk that ...")
        self.description.setMaximumHeight(90)
        self.likelihood = self.add("&Likelihood:", QSpinBox())
        self.impact = self.add("&Impact:", QSpinBox())
        for spin in (self.likelihood, self.impact):
            spin.setRange(1, 5)
            spin.setValue(3)
        self.owner = self.add("&Owner:", QLineEdit())
        self.classification = self.add("&Classification:", combo(LEVEL_LABELS, Classification.WHITE))

    def chosen_level(self) -> Classification:
        return chosen(self.classification, LEVEL_LABELS)


class RiskRegisterWindow(QMainWindow):
    def __init__(
        self, editor: Editor, worker: Worker, messages: Messages, prompts: Prompts, committee_id: int,
        meeting_id: int | None = None, parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WA_DeleteOnClose)  # its connections to the editor go with it
        self.editor, self.worker, self.messages, self.prompts = editor, worker, messages, prompts
        self.committee_id, self.meeting_id = committee_id, meeting_id
        self.committee: CommitteeView | None = None  # read with the first rows
        self.meeting: MeetingView | None = None
        self.rows: list[RiskRow] = []
        self.limits = Thresholds(8, 15)
        self.heat_grid: dict[tuple[int, int], list[int]] = {}
        self.dialog: FormDialog | None = None
        self.last_export: Path | None = None
        self._loading = False
        self._select_when_shown: int | None = None  # a risk just added, chosen once the refresh lists it
        self._review_when_shown: int | None = None
        self.setWindowTitle("Risk Register - SecDesk")
        accessibility.fit_to_screen(self, 1200, 760)
        self._build()
        editor.changed.connect(self._on_changed)
        self.reload()

    # --- building ---

    def _build(self) -> None:
        self.heading = heading = QLabel("<h2 style='margin:0'>Risk Register</h2>")
        self.context = QLabel()
        self.context.setStyleSheet("color: #555;")
        self.context.setWordWrap(True)
        self.review_button = QPushButton("&Review at this meeting")
        self.review_button.setToolTip("Keep a dated snapshot of the register, linked to this meeting and its decision")
        self.review_button.clicked.connect(self.review_now)
        self.review_button.setVisible(self.meeting_id is not None)
        self.level = combo(EXPORT_LEVEL_LABELS, Classification.WHITE)
        self.level.setToolTip("The most confidential content an export may hold")
        top = QHBoxLayout()
        titles = QVBoxLayout()
        titles.addWidget(heading)
        titles.addWidget(self.context)
        top.addLayout(titles, 1)
        top.addWidget(self.review_button)
        top.addSpacing(16)
        top.addWidget(QLabel("Export:"))
        top.addWidget(self.level)
        self.export_buttons: dict[str, QPushButton] = {}
        for file_format, label in (("docx", "&Word..."), ("pdf", "P&DF..."), ("xlsx", "E&xcel...")):
            button = QPushButton(label)
            button.clicked.connect(lambda _c=False, f=file_format: self.export(f))
            self.export_buttons[file_format] = button
            top.addWidget(button)

        self.tabs = QTabWidget()
        accessibility.name(((self.level, "Export level"),))
        self.tabs.addTab(self._register_tab(), "Re&gister")
        self.tabs.addTab(self._reviews_tab(), "Re&views")
        self.tabs.addTab(self._scales_tab(), "&Thresholds and impact scale")
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)
        accessibility.name(((self.table, "Risks"), (self.reviews, "Reviews"),
                            (self.snapshot, "The register at this review"),
                            (self.amber_from, "Amber from"), (self.red_from, "Red from"),
                            (self.as_at, "Reviewed as at"), (self.changes, "Changes since the previous review"),
                            (self.scale, "Impact scale"), (self.new_category, "New impact category")))
        accessibility.free_tab(central)
        self.close_action = add_close_action(self)
        self.undo_actions = UndoActions(self, self.editor, self.flush)
        self.save_label = QLabel("Saved")
        self.statusBar().addPermanentWidget(self.save_label)
        self.editor.save_state.connect(self.save_label.setText)

    def _register_tab(self) -> QWidget:
        self.model = RiskTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        _table(self.table, 1)
        self.table.selectionModel().currentRowChanged.connect(lambda current, _old: self._risk_changed())
        self.add_button = QPushButton("&Add risk...")
        self.add_button.clicked.connect(self.add_risk)
        self.close_button = QPushButton("&Close risk")
        self.close_button.clicked.connect(self.toggle_closed)
        self.show_closed = QCheckBox("Show c&losed risks")
        self.show_closed.toggled.connect(lambda _on: self.reload())
        buttons = QHBoxLayout()
        for widget in (self.add_button, self.close_button, self.show_closed):
            buttons.addWidget(widget)
        buttons.addStretch(1)

        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.table, 3)
        column.addLayout(buttons)
        column.addWidget(_scrolled(self._details()), 2)

        self.heat_label = QLabel()
        self.heat_label.setAlignment(Qt.AlignHCenter | Qt.AlignTop)
        self.heat_label.setMinimumWidth(HEAT_MAP_WIDTH)
        self.legend = QLabel()
        self.legend.setWordWrap(True)
        self.legend.setStyleSheet("color: #444;")
        right = QWidget()
        side = QVBoxLayout(right)
        side.setContentsMargins(0, 0, 0, 0)
        side.addWidget(QLabel("<b>Heat map</b> (open risks by number)"))
        side.addWidget(self.heat_label)
        side.addWidget(self.legend)
        side.addStretch(1)

        splitter = QSplitter(Qt.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(_scrolled(right))
        splitter.setStretchFactor(0, 1)
        splitter.setChildrenCollapsible(False)
        return splitter

    def _details(self) -> QWidget:
        self.details = QGroupBox("Select a risk")
        form = QFormLayout(self.details)
        form.setFieldGrowthPolicy(QFormLayout.ExpandingFieldsGrow)
        self.description = QPlainTextEdit()
        self.description.setMaximumHeight(64)
        self.owner = QLineEdit()
        self.likelihood, self.impact = QSpinBox(), QSpinBox()
        for spin, prop in ((self.likelihood, risks.LIKELIHOOD), (self.impact, risks.IMPACT)):
            spin.setRange(1, 5)
            spin.setKeyboardTracking(False)
            spin.valueChanged.connect(lambda value, p=prop: self._score_changed(p, value))
        self.severity = QLabel()
        scores = QHBoxLayout()
        scores.addWidget(QLabel("Likelihood"))
        scores.addWidget(self.likelihood)
        scores.addSpacing(12)
        scores.addWidget(QLabel("Impact"))
        scores.addWidget(self.impact)
        scores.addSpacing(12)
        scores.addWidget(self.severity, 1)
        self.category = QComboBox()
        self.category.activated.connect(
            lambda _i: self._set(risks.CATEGORY, self.category.currentData())
        )
        self.classification = combo(LEVEL_LABELS, Classification.WHITE)
        self.classification.activated.connect(
            lambda _i: self._set(risks.CLASSIFICATION, chosen(self.classification, LEVEL_LABELS))
        )
        self.override = QComboBox()
        self.override.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)  # "As calculated (RAG Amber)"
        self.override.activated.connect(lambda _i: self._override_changed())
        self.reason = QLineEdit()
        self.reason.setPlaceholderText("Why the RAG differs from what the severity gives (required)")
        override_row = QHBoxLayout()
        override_row.addWidget(self.override)
        override_row.addWidget(self.reason, 1)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b71c1c;")
        self.problem.hide()
        self.mitigations = QListWidget()
        self.mitigations.setMaximumHeight(96)
        self.mitigations.setToolTip("Ticked: in place. Unticked: planned (shown in italics). Double-click to edit.")
        self.mitigations.itemChanged.connect(lambda _item: self._mitigations_changed())
        add_mitigation = QPushButton("Add mitigation")
        add_mitigation.clicked.connect(self.add_mitigation)
        remove_mitigation = QPushButton("Remove mitigation")
        remove_mitigation.clicked.connect(self.remove_mitigation)
        mitigation_buttons = QVBoxLayout()
        mitigation_buttons.addWidget(add_mitigation)
        mitigation_buttons.addWidget(remove_mitigation)
        mitigation_buttons.addStretch(1)
        mitigation_row = QHBoxLayout()
        mitigation_row.addWidget(self.mitigations, 1)
        mitigation_row.addLayout(mitigation_buttons)
        self.locked_label = QLabel(f"{LOCKED_TEXT}: this risk cannot be changed here.")
        self.locked_label.setStyleSheet("color: #6b4e00; font-weight: 600;")
        self.locked_label.hide()

        form.addRow(self.locked_label)
        form.addRow("&Description:", self.description)
        form.addRow("Scores:", scores)
        form.addRow("RAG:", override_row)
        form.addRow("", self.problem)
        form.addRow("&Owner:", self.owner)
        form.addRow("Impact cate&gory:", self.category)
        form.addRow("Cla&ssification:", self.classification)
        form.addRow("Mitigations:", mitigation_row)
        accessibility.name(((self.likelihood, "Likelihood"), (self.impact, "Impact"), (self.override, "RAG"),
                            (self.reason, "Reason for the RAG"), (self.mitigations, "Mitigations")))
        self.texts = {
            # Problems are told in this form's own line (self.problem), not under each field.
            "description": DebouncedText(
                self.editor, self.description, partial(self._set_text, risks.DESCRIPTION), hint_beside=False
            ),
            "owner": DebouncedText(self.editor, self.owner, partial(self._set_text, risks.OWNER), hint_beside=False),
            "override_reason": DebouncedText(
                self.editor, self.reason, lambda _v, reply: self._override_changed(reply), hint_beside=False
            ),
        }
        self.details.setEnabled(False)
        return self.details

    def _reviews_tab(self) -> QWidget:
        self.as_at = QDateEdit(QDate.currentDate())
        self.as_at.setCalendarPopup(True)
        self.as_at.setDisplayFormat("d MMMM yyyy")
        as_at_button = QPushButton("Show register &as at")
        as_at_button.clicked.connect(self.show_as_at)
        self.as_at_note = QLabel()
        self.as_at_note.setStyleSheet("color: #555;")
        self.reviews = QListWidget()
        self.reviews.currentItemChanged.connect(lambda current, _old: self._review_changed())
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        picker = QHBoxLayout()
        picker.addWidget(self.as_at)
        picker.addWidget(as_at_button)
        column.addLayout(picker)
        column.addWidget(self.as_at_note)
        column.addWidget(QLabel("<b>Reviews</b>, newest first"))
        column.addWidget(self.reviews)

        self.changes = QTreeWidget()
        self.changes.setHeaderLabels(["No.", "Change", "What"])
        self.changes.setRootIsDecorated(False)
        self.changes.setAlternatingRowColors(True)
        self.snapshot_model = RiskTableModel(self)
        self.snapshot = QTableView()
        self.snapshot.setModel(self.snapshot_model)
        _table(self.snapshot, 1)
        right = QWidget()
        side = QVBoxLayout(right)
        side.setContentsMargins(0, 0, 0, 0)
        self.changes_title = QLabel("<b>Changes since the previous review</b>")
        side.addWidget(self.changes_title)
        side.addWidget(self.changes, 1)
        side.addWidget(QLabel("<b>The register at this review</b>"))
        side.addWidget(self.snapshot, 2)
        splitter = QSplitter(Qt.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([300, 860])
        return splitter

    def _scales_tab(self) -> QWidget:
        self.amber_from, self.red_from = QSpinBox(), QSpinBox()
        for spin in (self.amber_from, self.red_from):
            spin.setRange(1, 25)
        self.apply_button = QPushButton("Apply thresholds")
        self.apply_button.clicked.connect(self.apply_thresholds)
        self.threshold_problem = QLabel()
        self.threshold_problem.setStyleSheet("color: #b71c1c;")
        self.threshold_problem.hide()
        limits = QGroupBox("RAG thresholds on severity (likelihood x impact, 1 to 25)")
        row = QHBoxLayout(limits)
        row.addWidget(QLabel("Amber from"))
        row.addWidget(self.amber_from)
        row.addSpacing(12)
        row.addWidget(QLabel("Red from"))
        row.addWidget(self.red_from)
        row.addWidget(self.apply_button)
        row.addWidget(self.threshold_problem)
        row.addStretch(1)

        self.scale = QTableWidget(0, 6)
        self.scale.setHorizontalHeaderLabels(["Category", "1", "2", "3", "4", "5"])
        self.scale.verticalHeader().hide()
        self.scale.setWordWrap(True)
        self.scale.horizontalHeader().setSectionResizeMode(QHeaderView.Stretch)
        self.scale.itemChanged.connect(self._scale_edited)
        self.new_category = QLineEdit()
        self.new_category.setPlaceholderText("New impact category, e.g. Reputational")
        add = QPushButton("Add category")
        add.clicked.connect(self.add_category)
        adding = QHBoxLayout()
        adding.addWidget(self.new_category, 1)
        adding.addWidget(add)
        scale_box = QGroupBox("Impact scale: what each impact score means (double-click a cell to edit)")
        column = QVBoxLayout(scale_box)
        column.addWidget(self.scale)
        column.addLayout(adding)

        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(limits)
        layout.addWidget(scale_box, 1)
        return page

    # --- loading ---

    def _on_changed(self, changes: Changes) -> None:
        if self.committee_id in changes.committee_ids or changes.structure:
            self.reload()

    def reload(self) -> None:
        """Read the register on the worker (with the committee, the first time) and show it."""
        committee_id, meeting_id, first = self.committee_id, self.meeting_id, self.committee is None
        include_closed = self.show_closed.isChecked()

        def read(s: Session) -> RegisterShown:
            return RegisterShown(
                committee_record.committee_view(s, committee_id) if first else None,
                meeting_record.meeting_view(s, meeting_id) if first and meeting_id is not None else None,
                register_record.thresholds(s, committee_id),
                register_record.risk_rows(s, committee_id, include_closed=include_closed),
                register_record.review_rows(s, committee_id),
                register_record.impact_scale(s, committee_id),
            )

        self.editor.load(read, self._show)

    def _show(self, shown: RegisterShown) -> None:
        if not shiboken6.isValid(self):
            return  # closed while it was read
        first = self.committee is None
        if shown.committee is not None:
            self.committee, self.meeting = shown.committee, shown.meeting
            self.setWindowTitle(f"{shown.committee.code} Risk Register - SecDesk")
            self.heading.setText(f"<h2 style='margin:0'>{shown.committee.code} Risk Register</h2>")
        self.limits, self.rows = shown.limits, shown.rows
        selected = self.selected_risk()
        self.model.set_rows(self.rows)
        self._show_heat_map()
        self._show_context(shown.reviews)
        self._show_scales(shown.scale)
        self._show_reviews(shown.reviews)
        if first and self.rows:
            self.select_risk(self.rows[0].id)
        elif selected is not None and self.model.row_of(selected.id) >= 0:
            self.select_risk(selected.id)
        else:
            self._risk_changed()
        if self._select_when_shown is not None:
            made, self._select_when_shown = self._select_when_shown, None
            self.select_risk(made)

    def _show_context(self, reviews: list[ReviewRow]) -> None:
        last = f"last reviewed {reviews[0].reviewed_on:%d %B %Y}" if reviews else "not reviewed yet"
        open_count = sum(1 for r in self.rows if r.status is RiskStatus.OPEN)
        text = (
            f"{open_count} open risks · {Rag.AMBER.label} from {self.limits.amber_from}, "
            f"{Rag.RED.label} from {self.limits.red_from} · {last}"
        )
        if self.meeting is not None:
            text += f" · opened from {self.meeting.committee_code} {self.meeting.number} ({self.meeting.date:%d %B %Y})"
        self.context.setText(text)

    def _show_heat_map(self) -> None:
        self.heat_grid = register_record.heat_grid(self.rows)
        picture = QPixmap()
        limits = self.limits
        picture.loadFromData(heatmap.draw(self.heat_grid, lambda severity: limits.rag(severity).value))
        self.heat_label.setPixmap(picture.scaledToWidth(HEAT_MAP_WIDTH, Qt.SmoothTransformation))
        swatch = "<span style='background:{fill}; color:{ink}; padding:0 6px'><b>{word}</b></span> {text}"
        lines = [
            swatch.format(
                fill=RAG_FILL[Rag.RED], ink=RAG_INK[Rag.RED], word=Rag.RED.label,
                text=f"severity {self.limits.red_from} or more",
            ),
            swatch.format(
                fill=RAG_FILL[Rag.AMBER],
                ink=RAG_INK[Rag.AMBER],
                word=Rag.AMBER.label,
                text=f"{self.limits.amber_from} to {self.limits.red_from - 1}",
            ),
            swatch.format(
                fill=RAG_FILL[Rag.GREEN], ink=RAG_INK[Rag.GREEN], word=Rag.GREEN.label,
                text=f"below {self.limits.amber_from}",
            ),
        ]
        self.legend.setText("<br>".join(lines) + "<br>Planned mitigations are in <i>italics</i>.")

    def _show_scales(self, scale: list[ScaleRow]) -> None:
        if not self.amber_from.hasFocus() and not self.red_from.hasFocus():
            self.amber_from.setValue(self.limits.amber_from)
            self.red_from.setValue(self.limits.red_from)
        self._loading = True
        self.scale.setRowCount(len(scale))
        for row, category in enumerate(scale):
            name = QTableWidgetItem(category.name)
            name.setFlags(name.flags() & ~Qt.ItemIsEditable)
            font = QFont()
            font.setBold(True)
            name.setFont(font)
            self.scale.setItem(row, 0, name)
            for level, text in enumerate(category.descriptors, start=1):
                self.scale.setItem(row, level, QTableWidgetItem(text))
        self.scale.resizeRowsToContents()
        self._loading = False
        current = self.category.currentData()
        self.category.clear()
        self.category.addItem("(none)", None)
        for category in scale:
            self.category.addItem(category.name, category.name)
        self.category.setCurrentIndex(max(0, self.category.findData(current)))

    def _show_reviews(self, reviews: list[ReviewRow]) -> None:
        current = self.reviews.currentItem().data(KeyRole) if self.reviews.currentItem() else None
        self.reviews.blockSignals(True)
        self.reviews.clear()
        for review in reviews:
            where = f" · {review.meeting}" if review.meeting else ""
            row = QListWidgetItem(f"{review.reviewed_on:%d %b %Y}{where} · {review.risk_count} risks")
            row.setData(KeyRole, review.id)
            if review.decision:
                row.setToolTip(review.decision)
            self.reviews.addItem(row)
        self.reviews.blockSignals(False)
        if self._review_when_shown is not None:
            current, self._review_when_shown = self._review_when_shown, None
        self.select_review(current if current is not None else (reviews[0].id if reviews else None))

    # --- the selected risk ---

    def selected_risk(self) -> RiskRow | None:
        index = self.table.currentIndex()
        return self.model.rows[index.row()] if index.isValid() and index.row() < len(self.model.rows) else None

    def select_risk(self, risk_id: int) -> None:
        row = self.model.row_of(risk_id)
        if row < 0:
            return
        if self.table.currentIndex().row() == row:
            self._risk_changed()
        else:
            self.table.setCurrentIndex(self.model.index(row, 1))

    def _risk_changed(self) -> None:
        risk = self.selected_risk()
        self.details.setEnabled(risk is not None and not risk.locked)
        self.close_button.setEnabled(risk is not None and not risk.locked)
        self.locked_label.setVisible(risk is not None and risk.locked)
        if risk is None:
            self.details.setTitle("Select a risk")
            return
        switched = getattr(self, "_shown_id", None) != risk.id
        if switched:
            self.flush()
            self.problem.hide()
        self._shown_id = risk.id
        self.details.setTitle(f"Risk {risk.number}" + (" (closed)" if risk.status is not RiskStatus.OPEN else ""))
        self.close_button.setText("Re&open risk" if risk.status is not RiskStatus.OPEN else "&Close risk")
        self._loading = True
        for name, shown in (
            ("description", risk.description),
            ("owner", risk.owner),
            ("override_reason", risk.override_reason),
        ):
            box = self.texts[name]
            (box.load if switched else box.show_value)(shown)  # a refresh never types over the box being edited
        for spin, value in ((self.likelihood, risk.likelihood), (self.impact, risk.impact)):
            if not spin.hasFocus() or spin.value() != value:
                spin.setValue(value)
        self.severity.setText(f"Severity {risk.severity} gives <b>{risk.computed_rag.label}</b>")
        if self.problem.isHidden():
            self.override.clear()
            self.override.addItem(f"As calculated ({risk.computed_rag.label})", None)
            for rag in OVERRIDES:
                self.override.addItem(f"Set to {rag.label}", rag.value)
            select_data(self.override, risk.override)
            self.reason.setEnabled(risk.override is not None)
        self.category.setCurrentIndex(max(0, self.category.findData(risk.impact_category)))
        select_data(self.classification, risk.classification)
        self.mitigations.clear()
        for text, in_place in risk.mitigations:
            self._add_mitigation_row(text, in_place)
        self._loading = False

    def _add_mitigation_row(self, text: str, in_place: bool) -> QListWidgetItem:
        row = QListWidgetItem(text)
        row.setFlags(row.flags() | Qt.ItemIsEditable | Qt.ItemIsUserCheckable)
        row.setCheckState(Qt.Checked if in_place else Qt.Unchecked)
        font = row.font()
        font.setItalic(not in_place)
        row.setFont(font)
        self.mitigations.addItem(row)
        return row

    def flush(self) -> None:
        for text in self.texts.values():
            text.flush()

    def _refresh(self) -> Changes:
        return committee_changed(self.committee_id)

    def _set(
        self, prop: Property[Risk, Any], value: Any, refresh: bool = True, reply: Reply | None = None
    ) -> None:
        """Push an edit of the selected risk; a problem is shown beside the fields, nothing is saved."""
        risk = self.selected_risk()
        if risk is None or self._loading:
            if reply is not None:
                reply(None)
            return
        command = commands.SetRiskField(
            self.editor, prop, risk.id, risk.number, value, self._refresh() if refresh else None
        )

        def replied(problem: str | None) -> None:
            if shiboken6.isValid(self):
                self.problem.setText(problem or "")
                self.problem.setVisible(bool(problem))
            if reply is not None:
                reply(problem)

        self.editor.push(command, replied)

    def _set_text(self, prop: Property[Risk, str], value: str, reply: Reply) -> None:
        self._set(prop, value, reply=reply)

    def _score_changed(self, prop: Property[Risk, int], value: int) -> None:
        risk = self.selected_risk()
        if risk is None or self._loading:
            return
        if (risk.impact if prop is risks.IMPACT else risk.likelihood) != value:
            self._set(prop, value)

    def _chosen_override(self) -> Rag | None:
        """The entry shown: "As calculated" first, then the RAGs in OVERRIDES' order (Qt hands back strings)."""
        index = self.override.currentIndex()
        return OVERRIDES[index - 1] if index > 0 else None

    def _override_changed(self, reply: Reply | None = None) -> None:
        """An override goes with its reason; without one it is refused where it is chosen."""
        risk = self.selected_risk()
        if risk is None or self._loading:
            if reply is not None:
                reply(None)
            return
        override = self._chosen_override()
        self.reason.setEnabled(override is not None)
        reason = self.reason.text().strip()
        if override == risk.override and reason == risk.override_reason:
            self.problem.hide()
            if reply is not None:
                reply(None)
            return

        def replied(problem: str | None) -> None:
            if problem and override is not None and not reason and shiboken6.isValid(self):
                self.reason.setFocus()
            if reply is not None:
                reply(problem)

        self._set(risks.RAG, risks.Override(override, reason), False, replied)

    def _mitigations_changed(self) -> None:
        risk = self.selected_risk()
        if risk is None or self._loading:
            return
        wanted = [
            (self.mitigations.item(i).text(), self.mitigations.item(i).checkState() == Qt.Checked)
            for i in range(self.mitigations.count())
        ]
        if tuple(wanted) != risk.mitigations:
            self._set(risks.MITIGATIONS, tuple(wanted))

    def add_mitigation(self) -> None:
        if self.selected_risk() is None:
            return
        self._loading = True
        row = self._add_mitigation_row("", False)
        self._loading = False
        self.mitigations.setCurrentItem(row)
        self.mitigations.editItem(row)  # saved when the new text is committed (blank lines are dropped)

    def remove_mitigation(self) -> None:
        row = self.mitigations.currentRow()
        if row >= 0:
            self.mitigations.takeItem(row)
            self._mitigations_changed()

    def add_risk(self) -> None:
        self.dialog = AddRiskDialog(self)
        dialog = self.dialog

        def submit(reply: Reply) -> None:
            command = commands.add_risk(
                self.editor,
                self.committee_id,
                dialog.description.toPlainText(),
                dialog.likelihood.value(),
                dialog.impact.value(),
                dialog.owner.text(),
                dialog.chosen_level(),
            )

            def added() -> None:
                self._select_when_shown = command.row_id  # once the refresh lists it

            self.editor.push(command, reply, done=added)

        dialog.submit = submit
        dialog.open()

    def toggle_closed(self) -> None:
        risk = self.selected_risk()
        if risk is None:
            return
        closing = risk.status is RiskStatus.OPEN
        if closing and not self.messages.confirm(
            self, "Close risk", f"Close risk {risk.number}? It leaves the register; earlier reviews keep it."
        ):
            return
        self._set(risks.STATUS, RiskStatus.CLOSED if closing else RiskStatus.OPEN)

    # --- reviews ---

    def review_now(self) -> None:
        self.flush()
        command = commands.review(self.editor, self.committee_id, self.meeting_id)

        def reviewed() -> None:
            if shiboken6.isValid(self):
                self.tabs.setCurrentIndex(1)
                self._review_when_shown = command.row_id  # once the refresh lists it

        self.editor.push(command, done=reviewed)

    def select_review(self, review_id: int | None) -> None:
        for row in range(self.reviews.count()):
            if self.reviews.item(row).data(KeyRole) == review_id:
                self.reviews.setCurrentRow(row)
                self._review_changed()
                return
        self._review_changed()

    def _review_changed(self) -> None:
        current = self.reviews.currentItem()
        self.changes.clear()
        if current is None:
            self.snapshot_model.set_rows([])
            return
        review_id = current.data(KeyRole)
        self.editor.load(
            lambda s: (register_record.review_changes(s, review_id), register_record.snapshot_rows(s, review_id)),
            lambda found: self._show_review(review_id, *found),
        )

    def _show_review(self, review_id: int, found: list[ChangeRow], snapshot: list[RiskRow]) -> None:
        current = self.reviews.currentItem() if shiboken6.isValid(self) else None
        if current is None or current.data(KeyRole) != review_id:
            return  # another review was chosen meanwhile
        self.changes.clear()
        for change in found:
            self.changes.addTopLevelItem(
                QTreeWidgetItem([str(change.number), change.kind.capitalize(), change.summary])
            )
        if not found:
            self.changes.addTopLevelItem(QTreeWidgetItem(["", "", "No changes since the previous review."]))
        for column in (0, 1):
            self.changes.resizeColumnToContents(column)
        self.changes_title.setText(f"<b>Changes since the previous review</b> ({current.text()})")
        self.snapshot_model.set_rows(snapshot)

    def show_as_at(self) -> None:
        day: date = self.as_at.date().toPython()
        committee_id = self.committee_id
        self.editor.load(
            lambda s: register_record.review_as_of(s, committee_id, day), lambda found: self._show_as_at(day, found)
        )

    def _show_as_at(self, day: date, review_id: int | None) -> None:
        if not shiboken6.isValid(self):
            return
        if review_id is None:
            self.as_at_note.setText(f"No review on or before {day:%d %B %Y}.")
            return
        self.select_review(review_id)
        self.as_at_note.setText(f"As at {day:%d %B %Y}: the review of {self.reviews.currentItem().text()}.")

    # --- thresholds and the impact scale ---

    def apply_thresholds(self) -> None:
        command = commands.SetThresholds(self.editor, self.committee_id, self.amber_from.value(), self.red_from.value())

        def replied(problem: str | None) -> None:
            if shiboken6.isValid(self):
                self.threshold_problem.setText(problem or "")
                self.threshold_problem.setVisible(bool(problem))

        self.editor.push(command, replied)

    def _scale_edited(self, cell: QTableWidgetItem) -> None:
        if self._loading or cell.column() == 0:
            return
        row = cell.row()
        name = self.scale.item(row, 0).text()
        descriptors = [(self.scale.item(row, c).text() if self.scale.item(row, c) else "") for c in range(1, 6)]
        self.editor.push(commands.SetImpactCategory(self.editor, self.committee_id, name, descriptors))

    def add_category(self) -> None:
        name = self.new_category.text().strip()
        if not name:
            return
        self.editor.push(
            commands.SetImpactCategory(self.editor, self.committee_id, name, [""] * 5),
            done=lambda: shiboken6.isValid(self) and self.new_category.clear(),
        )

    # --- export ---

    def export(self, file_format: str) -> None:
        self.flush()
        level = chosen(self.level, EXPORT_LEVEL_LABELS)
        code = self.committee.code if self.committee is not None else "Committee"
        suggested = f"{code} Risk Register {level.label}.{file_format}"
        export_on_worker(self, "risk_register", self.committee_id, level, file_format, suggested)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not closes_on_escape(self, event):
            super().keyPressEvent(event)

    def closeEvent(self, event: Any) -> None:
        self.flush()
        super().closeEvent(event)
