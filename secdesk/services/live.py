"""Minuting a meeting as it happens: edits addressed by id, each undoable, each reporting its Changes.

The live screen calls these with plain ids and values. Every function that
changes something returns `Changes` (or an id and `Changes`), like
`secdesk.services.editing`, so the same undo commands and refresh signal serve.
Item timing is kept by the screen only (the model has no column for it).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from secdesk.errors import NotFoundError, ValidationError
from secdesk.model import (
    Action,
    ActionStatus,
    AgendaItem,
    Attendance,
    Classification,
    Decision,
    DecisionVerb,
    Meeting,
    MeetingStatus,
    ReferenceCounter,
    effective_level,
)
from secdesk.services import actions, agenda, attendance, meetings
from secdesk.services.changes import Changes, meeting_changed
from secdesk.services.due_dates import understand_due
from secdesk.services.editing import Snapshot, delete_with_snapshot
from secdesk.services.owners import owner_suggestions

# One key chooses the verb of a new decision (shown beside the decision editor).
VERB_KEYS: dict[str, DecisionVerb] = {
    "N": DecisionVerb.NOTED,
    "A": DecisionVerb.AGREED,
    "P": DecisionVerb.APPROVED,
    "D": DecisionVerb.DISCUSSED,
    "S": DecisionVerb.SUPPORTED,
    "R": DecisionVerb.REJECTED,
    "F": DecisionVerb.DEFERRED,
    "E": DecisionVerb.ENDORSED,
    "C": DecisionVerb.RECOMMENDED,
}


def _get(session: Session, cls: type[Any], row_id: int) -> Any:
    row = session.get(cls, row_id)
    if row is None:
        raise NotFoundError(f"That {cls.__tablename__.replace('_', ' ')} (id {row_id}) no longer exists.")
    return row


# --- what the live screen shows ---


@dataclass(frozen=True)
class LiveDecision:
    id: int
    verb: str
    text: str
    classification: str


@dataclass(frozen=True)
class LiveAction:
    id: int
    reference: str
    owner: str
    text: str
    due: date | None
    classification: str


@dataclass(frozen=True)
class LiveItem:
    id: int
    number: int
    title: str
    section: str
    kind: str
    planned_minutes: int | None
    classification: str
    minutes: str
    post_meeting_note: str | None
    decisions: tuple[LiveDecision, ...]
    actions: tuple[LiveAction, ...]


@dataclass(frozen=True)
class LiveAttendee:
    id: int
    name: str
    organisation: str | None
    capacity: str
    status: str
    part: bool
    item_ids: tuple[int, ...]


@dataclass(frozen=True)
class ReviewRow:
    """An action outstanding from an earlier meeting, as this meeting reviews it."""

    action_id: int
    reference: str
    owner: str
    text: str
    raised_at: str | None
    due: date | None
    classification: str
    update: str
    status: str  # "open" until reviewed here, then "ongoing" or "closed"
    shared_group: str | None


@dataclass(frozen=True)
class PreviousMeeting:
    id: int
    identifier: str
    date: date
    status_label: str
    agreed_here: bool


@dataclass(frozen=True)
class LiveMeeting:
    id: int
    identifier: str
    committee_code: str
    voice: str
    number: int
    date: date
    status: str
    status_label: str
    locked: bool
    items: tuple[LiveItem, ...]
    attendees: tuple[LiveAttendee, ...]
    quorum_present: int
    quorum_required: int
    members_listed: int
    review: tuple[ReviewRow, ...]
    previous: PreviousMeeting | None

    def item(self, item_id: int | None) -> LiveItem | None:
        return next((i for i in self.items if i.id == item_id), None)


def live_meeting(session: Session, meeting_id: int) -> LiveMeeting:
    meeting = _get(session, Meeting, meeting_id)
    quorum = attendance.quorum(meeting)
    previous = meetings.previous_meeting(session, meeting)
    return LiveMeeting(
        id=meeting.id,
        identifier=meeting.identifier,
        committee_code=meeting.committee.code,
        voice=meeting.committee.voice,
        number=meeting.number,
        date=meeting.date,
        status=meeting.status.value,
        status_label=meeting.status.label,
        locked=meeting.locked,
        items=tuple(_live_item(meeting, i) for i in meeting.items),
        attendees=tuple(
            LiveAttendee(
                id=a.id,
                name=a.person.name,
                organisation=a.person.organisation.name if a.person.organisation else None,
                capacity=a.capacity.value,
                status=a.status.value,
                part=a.part,
                item_ids=tuple(i.id for i in a.items_attended),
            )
            for a in meeting.attendance
        ),
        quorum_present=quorum.present,
        quorum_required=quorum.required,
        members_listed=sum(1 for a in meeting.attendance if a.capacity.value == "member"),
        review=tuple(_review_row(a, meeting) for a in actions.outstanding_for(session, meeting)),
        previous=(
            PreviousMeeting(
                id=previous.id,
                identifier=previous.identifier,
                date=previous.date,
                status_label=previous.status.label,
                agreed_here=previous.approved_at_meeting_id == meeting.id,
            )
            if previous is not None
            else None
        ),
    )


def _live_item(meeting: Meeting, item: AgendaItem) -> LiveItem:
    return LiveItem(
        id=item.id,
        number=item.number,
        title=item.title,
        section=item.section.value,
        kind=item.kind.value,
        planned_minutes=item.planned_minutes,
        classification=item.classification.value,
        minutes=item.minutes,
        post_meeting_note=item.post_meeting_note,
        decisions=tuple(LiveDecision(d.id, d.verb.value, d.text, d.classification.value) for d in item.decisions),
        actions=tuple(
            LiveAction(a.id, a.reference, a.owner, a.text, a.due_date, a.classification.value)
            for a in item.actions
            if a.meeting_id == meeting.id
        ),
    )


def _review_row(action: Action, meeting: Meeting) -> ReviewRow:
    entry = actions.update_for(action, meeting)
    return ReviewRow(
        action_id=action.id,
        reference=action.reference,
        owner=action.owner,
        text=action.text,
        raised_at=action.meeting.identifier if action.meeting else None,
        due=action.due_date,
        # An action raised in a confidential item is as confidential as the item.
        classification=effective_level(action).value,
        update=entry.text if entry else "",
        status=entry.status_after.value if entry else "open",
        shared_group=entry.shared_group if entry else None,
    )


# --- decisions ---

DECISION_FIELDS = {"verb", "text", "classification"}


def add_decision(
    session: Session, item_id: int, verb: str, text: str, classification: str = "white"
) -> tuple[int, Changes]:
    item = _get(session, AgendaItem, item_id)
    # The agenda module checks the verb: a bad one is a message, not a crash.
    decision = agenda.add_decision(session, item, verb, text, Classification(classification))
    return decision.id, meeting_changed(item.meeting_id)


def remove_decision(session: Session, decision_id: int) -> tuple[Snapshot, Changes]:
    decision = _get(session, Decision, decision_id)
    item = decision.item
    snapshot = delete_with_snapshot(session, decision)
    session.expire(item, ["decisions"])
    return snapshot, meeting_changed(item.meeting_id)


def decision_field(session: Session, decision_id: int, name: str) -> Any:
    value = getattr(_get(session, Decision, decision_id), name)
    return value.value if name in ("verb", "classification") else value


def set_decision_field(session: Session, decision_id: int, name: str, value: Any) -> Changes:
    if name not in DECISION_FIELDS:
        raise ValueError(f"not an editable decision field: {name}")
    decision = _get(session, Decision, decision_id)
    if name == "verb":
        agenda.set_decision_verb(session, decision, value)
    elif name == "text":
        agenda.set_decision_text(session, decision, str(value))
    else:
        agenda.set_decision_classification(session, decision, Classification(value))
    return meeting_changed(decision.item.meeting_id)


# --- actions ---

ACTION_FIELDS = {"text", "owner", "due_date", "classification"}


def reserve_reference(session: Session, meeting_id: int) -> str:
    """Hand out the next reference now, so the minute-taker sees it before typing the action."""
    return actions.allocate_reference(session, _get(session, Meeting, meeting_id))


def release_reference(session: Session, meeting_id: int, reference: str) -> None:
    """Give back a reserved reference that was never used, if it is still the last one handed out."""
    _code, _number, sequence = actions.parse_reference(reference)
    if session.scalar(select(Action.id).where(Action.reference == reference)) is not None:
        return
    session.execute(
        update(ReferenceCounter)
        .where(ReferenceCounter.meeting_id == meeting_id, ReferenceCounter.last_sequence == sequence)
        .values(last_sequence=sequence - 1)
    )


def raise_action(
    session: Session,
    item_id: int,
    text: str,
    *,
    owner: str = "",
    due: date | None = None,
    reference: str | None = None,
    classification: str = "white",
) -> tuple[int, Changes]:
    item = _get(session, AgendaItem, item_id)
    action = actions.raise_action(
        session,
        item.meeting,
        text,
        owner=owner,
        item=item,
        due=due,
        reference=reference,
        classification=Classification(classification),
    )
    return action.id, meeting_changed(item.meeting_id)


def remove_action(session: Session, action_id: int) -> tuple[Snapshot, Changes]:
    action = _get(session, Action, action_id)
    meeting_id = action.meeting_id
    if action.updates:
        raise ValidationError(f"{action.reference} has been reviewed at a later meeting; it cannot be removed.")
    item = action.item
    snapshot = delete_with_snapshot(session, action)
    if item is not None:
        session.expire(item, ["actions"])
    return snapshot, meeting_changed(meeting_id) if meeting_id else Changes()


def action_field(session: Session, action_id: int, name: str) -> Any:
    value = getattr(_get(session, Action, action_id), name)
    return value.value if name == "classification" else value


def set_action_field(session: Session, action_id: int, name: str, value: Any) -> Changes:
    if name not in ACTION_FIELDS:
        raise ValueError(f"not an editable action field: {name}")
    action = _get(session, Action, action_id)
    if name == "text" and not str(value).strip():
        raise ValidationError(f"{action.reference} needs its text; undo or remove the action instead.")
    if name == "classification":
        value = Classification(value)
    if name in ("text", "owner"):
        value = str(value).strip()
    setattr(action, name, value)
    session.flush()
    return meeting_changed(action.meeting_id) if action.meeting_id else Changes()


def due_from_text(session: Session, meeting_id: int, text: str) -> date | None:
    meeting = _get(session, Meeting, meeting_id)
    dates = session.scalars(select(Meeting.date).where(Meeting.committee_id == meeting.committee_id))
    return understand_due(text, meeting.date, list(dates))


def owners_for(session: Session, meeting_id: int) -> list[str]:
    return owner_suggestions(session, _get(session, Meeting, meeting_id))


# --- late arrivals and early departures ---


def arrived(session: Session, attendance_id: int, item_id: int) -> Changes:
    row = _get(session, Attendance, attendance_id)
    attendance.arrived_at(session, row, _get(session, AgendaItem, item_id))
    return meeting_changed(row.meeting_id)


def left(session: Session, attendance_id: int, item_id: int) -> Changes:
    row = _get(session, Attendance, attendance_id)
    attendance.left_after(session, row, _get(session, AgendaItem, item_id))
    return meeting_changed(row.meeting_id)


# --- the review of actions outstanding (item 1) ---


@dataclass(frozen=True)
class ReviewState:
    """Everything a review changes on one action, to put it back on undo."""

    action_id: int
    status: str
    closed_at_meeting_id: int | None
    update: tuple[str, str, str | None] | None  # text, status after, shared group


def review_states(session: Session, meeting_id: int, action_ids: list[int]) -> list[ReviewState]:
    meeting = _get(session, Meeting, meeting_id)
    states = []
    for action_id in action_ids:
        action = _get(session, Action, action_id)
        entry = actions.update_for(action, meeting)
        states.append(
            ReviewState(
                action_id,
                action.status.value,
                action.closed_at_meeting_id,
                (entry.text, entry.status_after.value, entry.shared_group) if entry else None,
            )
        )
    return states


def put_review_states(session: Session, meeting_id: int, states: list[ReviewState]) -> Changes:
    meeting = _get(session, Meeting, meeting_id)
    for state in states:
        action = _get(session, Action, state.action_id)
        entry = actions.update_for(action, meeting)
        if state.update is None:
            if entry is not None:
                action.updates.remove(entry)
        else:
            if entry is None:
                entry = actions.record_update(session, [action], meeting, "", ActionStatus(state.update[1]))[0]
            entry.text, entry.shared_group = state.update[0], state.update[2]
            entry.status_after = ActionStatus(state.update[1])
        action.status = ActionStatus(state.status)
        action.closed_at_meeting_id = state.closed_at_meeting_id
    session.flush()
    return meeting_changed(meeting_id)


def review_update(session: Session, meeting_id: int, action_ids: list[int], text: str) -> Changes:
    """One update shared by the chosen actions; each keeps its status (ongoing when not yet reviewed)."""
    meeting = _get(session, Meeting, meeting_id)
    chosen = [_get(session, Action, i) for i in action_ids]
    statuses = {(e.status_after if (e := actions.update_for(a, meeting)) else ActionStatus.ONGOING) for a in chosen}
    status = statuses.pop() if len(statuses) == 1 else ActionStatus.ONGOING
    actions.record_update(session, chosen, meeting, text, status)
    return meeting_changed(meeting_id)


def review_status(session: Session, meeting_id: int, action_ids: list[int], status: str) -> Changes:
    """Mark the chosen actions ONGOING or CLOSED, keeping each one's update text and sharing."""
    meeting = _get(session, Meeting, meeting_id)
    for action_id in action_ids:
        action = _get(session, Action, action_id)
        entry = actions.update_for(action, meeting)
        text, group = (entry.text, entry.shared_group) if entry else ("", None)
        written = actions.record_update(session, [action], meeting, text, ActionStatus(status))
        written[0].shared_group = group
    session.flush()
    return meeting_changed(meeting_id)


# --- the previous minutes and the end of the meeting ---


@dataclass(frozen=True)
class MeetingState:
    meeting_id: int
    status: str
    locked: bool
    approved_at_meeting_id: int | None
    end_time: time | None


def meeting_state(session: Session, meeting_id: int) -> MeetingState:
    meeting = _get(session, Meeting, meeting_id)
    return MeetingState(
        meeting.id, meeting.status.value, meeting.locked, meeting.approved_at_meeting_id, meeting.end_time
    )


def put_meeting_state(session: Session, state: MeetingState, *, changed: int) -> Changes:
    """Undo of agreeing final or ending: the lifecycle fields as they were."""
    meeting = _get(session, Meeting, state.meeting_id)
    meeting.locked = state.locked
    meeting.status = MeetingStatus(state.status)
    meeting.approved_at_meeting_id = state.approved_at_meeting_id
    session.flush()
    if meeting.end_time != state.end_time and not meeting.locked:
        meeting.end_time = state.end_time
        session.flush()
    return meeting_changed(changed) | meeting_changed(state.meeting_id, structure=True)


def agree_previous_final(session: Session, meeting_id: int) -> tuple[MeetingState, Changes]:
    """ "The draft minutes of the previous meeting were agreed as final" (returns the previous state for undo)."""
    meeting = _get(session, Meeting, meeting_id)
    previous = meetings.previous_meeting(session, meeting)
    if previous is None:
        raise ValidationError(f"{meeting.identifier} is the committee's first meeting: there are no previous minutes.")
    state = meeting_state(session, previous.id)
    meetings.agree_final(session, previous, meeting)
    return state, meeting_changed(meeting_id) | meeting_changed(previous.id, structure=True)


def end_meeting(session: Session, meeting_id: int, at: time | None = None) -> tuple[MeetingState, Changes]:
    """The meeting was held: its minutes are now in draft. Records the end time if none was planned."""
    meeting = _get(session, Meeting, meeting_id)
    state = meeting_state(session, meeting_id)
    meetings.end_meeting(session, meeting, at)
    return state, meeting_changed(meeting_id, structure=True)
