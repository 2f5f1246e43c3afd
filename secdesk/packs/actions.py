"""The actions table of a pack, as the meeting sees it: before it (pre-meeting) or after it (post-meeting)."""

from __future__ import annotations

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from secdesk.documents.action_log import meeting_name
from secdesk.documents.common import file_stem, held_on, marking_for
from secdesk.documents.model import (
    META,
    SUBTITLE,
    TITLE,
    Cell,
    Document,
    Paragraph,
    Run,
    Table,
    plain,
)
from secdesk.model import Action, ActionStatus, Classification, Meeting
from secdesk.services.actions import (
    LoggedAction,
    is_overdue,
    load_log,
    outstanding_query,
    raised_before_secdesk,
    still_reviewed,
)

HEADERS = ("Reference", "Owner", "Action", "Raised at", "Due", "Status", "Latest update")
WIDTHS = (1.3, 1.1, 3.3, 1.2, 1.05, 1.1, 3.0)
STATUS_LABELS = {ActionStatus.OPEN: "Open", ActionStatus.ONGOING: "Ongoing", ActionStatus.CLOSED: "Closed"}


def build_actions(session: Session, meeting: Meeting, level: Classification, *, after: bool) -> Document:
    """Before: the actions outstanding the meeting will review. After: what is open once it has met."""

    def seen(query: Select[Action]) -> list[LoggedAction]:
        # Reviews count up to the meeting (after) or only those before it.
        return load_log(session, query, level, reviews_before=meeting.date, including_that_day=after)

    logged = [entry for entry in seen(outstanding_query(meeting)) if still_reviewed(entry.action)]
    if after:
        logged += seen(select(Action).where(Action.meeting_id == meeting.id).order_by(Action.reference))
    rows: list[tuple[Cell, ...]] = []
    flagged: set[int] = set()
    for entry in logged:
        action = entry.action
        status, update = _as_seen(entry)
        if after and status is ActionStatus.CLOSED and action.closed_at_meeting_id != meeting.id:
            continue
        overdue = is_overdue(status, action.due_date, meeting.date)
        if overdue:
            flagged.add(len(rows))
        rows.append(_row(action, status, update, overdue, meeting))
    committee = meeting.committee
    label = "Actions after the Meeting" if after else "Actions Outstanding"
    when = "after" if after else "for"
    counted = f"{len(rows)} action{'s' * (len(rows) != 1)}"
    summary = f"{counted} {when} meeting {committee.code} {meeting.number}, {held_on(meeting)}"
    if flagged:
        summary += f"; {len(flagged)} past its due date (highlighted)"
    return Document(
        kind="action_log",
        title=f"{committee.code} Meeting {meeting.number} {label}",
        subject=f"{committee.name}: {label.lower()}",
        author=committee.secretariat,
        identifier=meeting.identifier,
        marking=marking_for(level),
        file_stem=file_stem(meeting.identifier, label, level),
        landscape=True,
        blocks=(
            Paragraph(plain(label), TITLE),
            Paragraph(plain(committee.name), SUBTITLE),
            Paragraph(plain(summary + "."), META),
            Table(HEADERS, tuple(rows), WIDTHS, flagged=frozenset(flagged)),
        ),
    )


def _as_seen(entry: LoggedAction) -> tuple[ActionStatus, str]:
    """Status and latest update counting only the reviews the meeting has seen."""
    if entry.latest is not None:
        return entry.latest.status_after or entry.action.status, entry.latest.text
    # No review yet: an action taken over from before SecDesk keeps the status it came with.
    return (entry.action.status if not entry.reviewed else ActionStatus.OPEN), ""


def _row(action: Action, status: ActionStatus, update: str, overdue: bool, meeting: Meeting) -> tuple[Cell, ...]:
    status_lines = [plain(STATUS_LABELS[status])]
    if status is ActionStatus.CLOSED and action.closed_at_meeting is not None:
        status_lines.append(plain(f"at {action.closed_at_meeting.committee.code} {action.closed_at_meeting.number}"))
    if overdue:
        status_lines.append((Run("OVERDUE", bold=True),))
    raised = action.meeting
    return (
        Cell.of(action.reference, bold=True),
        Cell.of(action.owner),
        Cell.of(action.text),
        Cell.of(meeting_name(raised) if raised else raised_before_secdesk(action.reference)),
        Cell.of(f"{action.due_date:%d/%m/%Y}" if action.due_date else ""),
        Cell(tuple(status_lines)),
        Cell.of(update),
    )
