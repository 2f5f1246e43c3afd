"""The review of actions outstanding at a meeting: updates, ongoing or closed, each step undoable."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from secdesk.errors import ValidationError
from secdesk.model import Action, ActionStatus, Meeting
from secdesk.services import actions
from secdesk.services.rows import fetch


@dataclass(frozen=True)
class ReviewState:
    """Everything a review changes on one action, to put it back on undo."""

    action_id: int
    status: ActionStatus
    closed_at_meeting_id: int | None
    update: tuple[str, ActionStatus | None, str | None] | None  # text, status after, shared group


def states(session: Session, meeting: Meeting, action_ids: list[int]) -> list[ReviewState]:
    found = []
    for action_id in action_ids:
        action = fetch(session, Action, action_id)
        entry = actions.update_for(action, meeting)
        found.append(
            ReviewState(
                action_id,
                action.status,
                action.closed_at_meeting_id,
                (entry.text, entry.status_after, entry.shared_group) if entry else None,
            )
        )
    return found


def put_states(session: Session, meeting: Meeting, saved: list[ReviewState]) -> None:
    for state in saved:
        action = fetch(session, Action, state.action_id)
        entry = actions.update_for(action, meeting)
        if state.update is None:
            if entry is not None:
                action.updates.remove(entry)
        else:
            if entry is None:
                entry = actions.record_update(session, [action], meeting, "", state.update[1])[0]
            entry.text, entry.shared_group = state.update[0], state.update[2]
            entry.status_after = state.update[1]
        action.status = state.status
        action.closed_at_meeting_id = state.closed_at_meeting_id
    session.flush()


def share_update(session: Session, meeting: Meeting, action_ids: list[int], text: str) -> None:
    """One update shared by the chosen actions; each keeps its status (ongoing when not yet reviewed)."""
    chosen = [fetch(session, Action, i) for i in action_ids]
    statuses = {(e.status_after if (e := actions.update_for(a, meeting)) else ActionStatus.ONGOING) for a in chosen}
    status = statuses.pop() if len(statuses) == 1 else ActionStatus.ONGOING
    actions.record_update(session, chosen, meeting, text, status)


def mark(session: Session, meeting: Meeting, action_ids: list[int], status: ActionStatus) -> None:
    """Mark the chosen actions ONGOING or CLOSED, keeping each one's update text and sharing."""
    for action_id in action_ids:
        action = fetch(session, Action, action_id)
        entry = actions.update_for(action, meeting)
        text, group = (entry.text, entry.shared_group) if entry else ("", None)
        written = actions.record_update(session, [action], meeting, text, status)
        written[0].shared_group = group
    session.flush()


# --- updates and statuses typed in the action log, between meetings ---


def log_review_meeting(session: Session, action: Action, today: date) -> Meeting:
    """The meeting an update or status typed in the action log belongs to.

    Between meetings an update is what the committee's next meeting will review: its first
    meeting on or after `today` whose minutes are not final (and later than the one that
    raised the action). A past meeting's review is its minutes (the live screen and the
    meeting page edit those); with no such meeting planned yet, the update cannot be recorded.
    """
    after = action.meeting.date if action.meeting is not None else None
    query = (
        select(Meeting)
        .where(Meeting.committee_id == action.committee_id, Meeting.date >= today, Meeting.locked.is_(False))
        .order_by(Meeting.date, Meeting.number)
    )
    if after is not None:
        query = query.where(Meeting.date > after)
    meeting = session.scalars(query.limit(1)).first()
    if meeting is None:
        code = action.committee.code
        raise ValidationError(
            f"No {code} meeting is planned from {today:%d %b %Y} on to record {action.reference}'s update or "
            f"status at: add the next {code} meeting first."
        )
    return meeting


def log_update(session: Session, meeting: Meeting, action: Action, text: str) -> None:
    """The update `meeting` gives on `action`, typed in the log; its status is kept (ongoing when first reviewed)."""
    if action.status is ActionStatus.CLOSED and not _closed_at(action, meeting):
        raise ValidationError(
            f"{action.reference} is closed; set its status to Ongoing first if it is open again."
        )
    entry = actions.update_for(action, meeting)
    if entry is None and not text.strip():
        return  # nothing was said, and nothing is recorded
    status = entry.status_after if entry is not None else ActionStatus.ONGOING
    group = entry.shared_group if entry is not None else None
    written = actions.record_update(session, [action], meeting, text.strip(), status)
    written[0].shared_group = group
    session.flush()


def log_status(session: Session, meeting: Meeting, action: Action, status: ActionStatus) -> None:
    """Ongoing or closed as of `meeting`, typed in the log; an action closed earlier is open again."""
    if status is ActionStatus.OPEN:
        status = ActionStatus.ONGOING  # reviewed, and not closed
    mark(session, meeting, [action.id], status)
    if status is not ActionStatus.CLOSED and action.closed_at_meeting_id is not None:
        action.closed_at_meeting = None  # closed at an earlier meeting, reopened at this one
    session.flush()


def _closed_at(action: Action, meeting: Meeting) -> bool:
    return action.closed_at_meeting_id == meeting.id
