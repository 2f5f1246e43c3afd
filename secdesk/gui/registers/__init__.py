"""The risk register and activity planner screens, and where the main window opens them.

The Registers menu (`secdesk.gui.menus`) opens them; `extend_meeting_page` adds an
"Open register" bar to a meeting's Risk Register and Activity Planner items;
`extend_committee_page` adds the same buttons to the committee page.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton

from secdesk.gui.prompts import prompts_of
from secdesk.services.meeting_record import ItemView, MeetingView
from secdesk.vocabulary import ItemKind

if TYPE_CHECKING:
    from secdesk.gui.committee_page import CommitteePage
    from secdesk.gui.main_window import MainWindow
    from secdesk.gui.meeting_page import MeetingPage
    from secdesk.gui.registers.planner_window import PlannerWindow
    from secdesk.gui.registers.risk_window import RiskRegisterWindow

REGISTER_KINDS = {ItemKind.RISK_REGISTER: "risk register", ItemKind.ACTIVITY_PLANNER: "activity planner"}


def _shown_meeting(window: MainWindow) -> MeetingView | None:
    page = window._meeting_page
    if page is not None and window.pages.currentWidget() is page:
        return page.meeting
    return None


def _committee_id(window: MainWindow, title: str) -> int | None:
    meeting = _shown_meeting(window)
    committee_id = meeting.committee_id if meeting is not None else window.current_committee_id()
    if committee_id is None:
        window.messages.info(window, title, "Choose a committee or one of its meetings on the left first.")
    return committee_id


def open_register(
    window: MainWindow, committee_id: int | None = None, meeting_id: int | None = None
) -> RiskRegisterWindow | None:
    from secdesk.gui.registers.risk_window import RiskRegisterWindow

    committee_id = committee_id or _committee_id(window, "Risk register")
    if committee_id is None:
        return None
    window.flush()
    screen = RiskRegisterWindow(
        window.editor, window.worker, window.messages, prompts_of(window), committee_id, meeting_id, window
    )
    window.register_window = screen  # type: ignore[attr-defined]
    screen.show()
    return screen


def open_planner(window: MainWindow, committee_id: int | None = None) -> PlannerWindow | None:
    from secdesk.gui.registers.planner_window import PlannerWindow

    committee_id = committee_id or _committee_id(window, "Activity planner")
    if committee_id is None:
        return None
    window.flush()
    screen = PlannerWindow(window.editor, window.worker, window.messages, prompts_of(window), committee_id, window)
    window.planner_window = screen  # type: ignore[attr-defined]
    screen.show()
    return screen


def roll_untaken(window: MainWindow, meeting_id: int | None = None) -> None:
    from secdesk.gui.registers.commands import RollForward

    meeting = _shown_meeting(window)
    meeting_id = meeting_id or (meeting.id if meeting is not None else None)
    if meeting_id is None:
        window.messages.info(window, "Roll planned items", "Choose the meeting on the left first.")
        return
    command = RollForward(window.editor, "Roll untaken planned items", meeting_id=meeting_id)

    def rolled() -> None:
        count = len(command.moved)
        window.statusBar().showMessage(
            f"{count} planned item{'s' if count != 1 else ''} moved to next month"
            if count
            else "Every item planned for this meeting's month is on its agenda.",
            8000,
        )

    window.editor.push(command, done=rolled)


def extend_meeting_page(window: MainWindow, page: MeetingPage) -> None:
    """A bar on the Risk Register / Activity Planner items: open the register from the meeting."""
    bar = QFrame()
    bar.setObjectName("registerBar")
    bar.setFrameShape(QFrame.StyledPanel)
    label = QLabel()
    label.setWordWrap(True)
    open_button = QPushButton("&Open register")
    roll_button = QPushButton("Roll untaken items to next month")
    layout = QHBoxLayout(bar)
    layout.setContentsMargins(8, 4, 8, 4)
    layout.addWidget(label, 1)
    layout.addWidget(roll_button)
    layout.addWidget(open_button)
    bar.hide()
    page.details.layout().insertWidget(1, bar)
    page.register_bar = bar  # type: ignore[attr-defined]
    page.open_register_button = open_button  # type: ignore[attr-defined]

    def shown(meeting: MeetingView | None, item: ItemView | None) -> None:
        kind = item.kind if item is not None else None
        bar.setVisible(kind in REGISTER_KINDS)
        roll_button.setVisible(kind is ItemKind.ACTIVITY_PLANNER)
        if kind in REGISTER_KINDS and meeting is not None:
            label.setText(f"Reviews the {REGISTER_KINDS[kind]}.")

    def open_it() -> None:
        meeting, item = page.details.meeting, page.details.item
        if meeting is None or item is None:
            return
        if item.kind is ItemKind.RISK_REGISTER:
            open_register(window, meeting.committee_id, meeting.id)
        else:
            open_planner(window, meeting.committee_id)

    page.details.item_shown.connect(shown)
    open_button.clicked.connect(open_it)
    roll_button.clicked.connect(lambda: page.meeting and roll_untaken(window, page.meeting.id))


def extend_committee_page(window: MainWindow, page: CommitteePage) -> None:
    """Buttons on the committee page for its registers."""
    risk = QPushButton("Risk &register...")
    plan = QPushButton("Activity &planner...")
    risk.clicked.connect(lambda: page.committee and open_register(window, page.committee.id))
    plan.clicked.connect(lambda: page.committee and open_planner(window, page.committee.id))
    row = page.ui.headerRow
    index = row.indexOf(page.ui.newMeeting)
    row.insertWidget(index, plan)
    row.insertWidget(index, risk)
