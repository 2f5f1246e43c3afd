"""The review of actions outstanding at a meeting: updates, ongoing or closed, each step undoable."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

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
