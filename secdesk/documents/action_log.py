"""The action log (open or all actions, one or all committees) as a neutral document."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from secdesk.documents.common import marking_for, ordinal_date, refuse_locked
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
from secdesk.model import Action, ActionStatus, Classification, Committee, Meeting
from secdesk.services import action_filter
from secdesk.services.action_filter import LogFilter
from secdesk.services.actions import load_log, log_query, raised_before_secdesk
from secdesk.services.committees import get_committee
from secdesk.services.rows import fetch

_CHUNK = 900
HEADERS = ("Reference", "Owner", "Action", "Raised at", "Due", "Status", "Latest update")
WIDTHS = (1.3, 1.1, 3.3, 1.35, 1.05, 0.95, 3.0)


@dataclass(frozen=True)
class LogEntry:
    reference: str
    owner: str
    text: str
    raised_at: str
    due: str  # "31/03/2027", or the meeting it is due at as written
    status: ActionStatus
    closed_at: str | None
    latest_update: str
    overdue: bool


def log_entries(
    session: Session, level: Classification, *, committee: str | None, open_only: bool, today: date,
    shown: LogFilter | None = None,
) -> list[LogEntry]:
    """Actions allowed at the level; an action in a confidential item is as confidential as the item.

    With `shown`, the actions the window's log shows for that filter, in its order.
    """
    if shown is not None:
        ids = action_filter.matching_ids(session, shown)
        order = {action_id: place for place, action_id in enumerate(ids)}
        logged_actions = []
        for start in range(0, len(ids), _CHUNK):  # ids per IN list: within SQLite's oldest parameter limit
            query = select(Action).join(Committee, Action.committee_id == Committee.id).where(
                Action.id.in_(ids[start : start + _CHUNK]))
            logged_actions += load_log(session, query, level)
        logged_actions.sort(key=lambda logged: order[logged.action.id])
    else:
        committee_id = get_committee(session, committee).id if committee else None
        logged_actions = load_log(session, log_query(committee_id=committee_id, open_only=open_only), level)
    entries = []
    for logged in logged_actions:
        action = logged.action
        entries.append(
            LogEntry(
                reference=action.reference,
                owner=action.owner,
                text=action.text,
                raised_at=meeting_name(action.meeting) if action.meeting else raised_before_secdesk(action.reference),
                due=_due(action),
                status=action.status,
                closed_at=meeting_name(action.closed_at_meeting, dated=False) if action.closed_at_meeting else None,
                latest_update=logged.latest.text if logged.latest else "",
                overdue=logged.overdue(today),
            )
        )
    return entries


def meeting_name(meeting: Meeting, *, dated: bool = True) -> str:
    """`TABASC 46 (19/10/2026)`: short enough for a narrow column."""
    name = f"{meeting.committee.code} {meeting.number}"
    if not dated:
        return name
    return f"{name} ({meeting.date:%B %Y})" if meeting.month_only else f"{name} ({meeting.date:%d/%m/%Y})"


def build_action_log(
    session: Session,
    level: Classification,
    *,
    committee: str | None = None,
    open_only: bool = False,
    today: date | None = None,
    shown: LogFilter | None = None,
) -> Document:
    """The log of one or all committees; with `shown`, exactly the rows the window's filter shows, titled by it."""
    today = today or date.today()
    if shown is not None:
        today = shown.today
        committee = fetch(session, Committee, shown.committee_id).code if shown.committee_id is not None else None
    entries = log_entries(session, level, committee=committee, open_only=open_only, today=today, shown=shown)
    chosen = get_committee(session, committee) if committee else None
    scope = chosen.name if chosen else "All committees"
    code = chosen.file_code if chosen else "ALL"
    secretariats = sorted({c.secretariat for c in session.scalars(select(Committee))}) if not chosen else []
    author = chosen.secretariat if chosen else (", ".join(secretariats) or "Secretariat")
    which = "Open Actions" if open_only else "All Actions"
    if shown is not None:
        # The words searched are quoted only when every action they match is in this document.
        every_match_shown = len(entries) == len(action_filter.matching_ids(session, shown))
        which = action_filter.described(shown, quoted=every_match_shown)
    overdue = sum(e.overdue for e in entries)
    summary = f"{which} as at {ordinal_date(today)}: {len(entries)} action{'s' * (len(entries) != 1)}"
    if overdue:
        summary += f", {overdue} overdue (highlighted)"
    table = Table(
        HEADERS,
        tuple(_row(entry) for entry in entries),
        WIDTHS,
        flagged=frozenset(i for i, entry in enumerate(entries) if entry.overdue),
    )
    refuse_locked(session, level, "action log")
    stem = f"{code}_Action_Log_{which.split()[0]}{'_Filtered' if shown is not None and _narrowed(shown) else ''}_"
    stem += level.value.upper()
    return Document(
        kind="action_log",
        title=f"{code if chosen else 'All committees'} Action Log ({which})",
        subject=f"Action log: {scope}",
        author=author,
        identifier=f"{code} Action Log, {today:%d/%m/%Y}",
        marking=marking_for(level),
        file_stem=stem,
        landscape=True,
        blocks=(
            Paragraph(plain("Action Log" if shown is None else f"Action Log: {which}"), TITLE),
            Paragraph(plain(scope), SUBTITLE),
            Paragraph(plain(summary + "."), META),
            table,
        ),
    )


def _narrowed(shown: LogFilter) -> bool:
    return bool(shown.text.strip() or shown.owner.strip())


def _due(action: Action) -> str:
    on = f"{action.due_date:%d/%m/%Y}" if action.due_date else ""
    if action.due_meeting:  # at a meeting: as written, with its date once it is scheduled
        return f"{action.due_text} ({on})" if on else action.due_text or ""
    return on


def _row(entry: LogEntry) -> tuple[Cell, ...]:
    status = {ActionStatus.OPEN: "Open", ActionStatus.ONGOING: "Ongoing", ActionStatus.CLOSED: "Closed"}[entry.status]
    status_lines = [plain(status)]
    if entry.closed_at:
        status_lines.append(plain(f"at {entry.closed_at}"))
    if entry.overdue:
        status_lines.append((Run("OVERDUE", bold=True),))
    return (
        Cell.of(entry.reference, bold=True),
        Cell.of(entry.owner),
        Cell.of(entry.text),
        Cell.of(entry.raised_at),
        Cell.of(entry.due),
        Cell(tuple(status_lines)),
        Cell.of(entry.latest_update),
    )
