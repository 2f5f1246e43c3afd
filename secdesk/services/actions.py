"""Actions: references, raising, review at later meetings, and the log."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import Session, aliased

from secdesk.errors import DuplicateError, NotFoundError, ValidationError
from secdesk.model import (
    Action,
    ActionStatus,
    ActionUpdate,
    AgendaItem,
    Classification,
    Committee,
    Meeting,
    ReferenceCounter,
    effective_level,
    visible_at,
)
from secdesk.services.meetings import MAX_MEETING_NUMBER

# The house format: committee code, meeting number (two digits at least), '/', sequence.
_NUMBERS = r"(?P<meeting>\d{2,})/(?P<sequence>\d{2,})$"
REFERENCE_PATTERN = re.compile(r"^(?P<code>[A-Z][A-Z0-9]*?)" + _NUMBERS)
MAX_SEQUENCE = 9999  # actions raised at one meeting; keeps the counter within SQLite's integers


def format_reference(committee: Committee, meeting_number: int, sequence: int) -> str:
    """`TABASC16/02`: code, two-digit meeting number, slash, two-digit sequence."""
    return f"{committee.file_code}{meeting_number:02d}/{sequence:02d}"


def parse_reference(reference: str, file_code: str | None = None) -> tuple[str, int, int]:
    """(code, meeting number, sequence); with `file_code`, the reference must be that committee's.

    Knowing the code matters when it ends in a digit: SEC216/02 is meeting 16 of SEC2.
    """
    text = reference.strip().upper()
    match = REFERENCE_PATTERN.match(text)
    if not match:
        raise ValidationError(
            f"Action reference {reference!r} is not in the house format CODE + meeting number + '/' + "
            "sequence, e.g. TABASC16/02."
        )
    if file_code is not None:
        match = re.match(f"^(?P<code>{re.escape(file_code.upper())}){_NUMBERS}", text)
        if not match:
            raise ValidationError(f"Action reference {text} does not belong to {file_code}.")
    meeting, sequence = int(match["meeting"]), int(match["sequence"])
    if meeting > MAX_MEETING_NUMBER or sequence > MAX_SEQUENCE:
        raise ValidationError(
            f"Action reference {text} names meeting {meeting}, action {sequence}; meetings run to "
            f"{MAX_MEETING_NUMBER} and a meeting's actions to {MAX_SEQUENCE}."
        )
    return match["code"], meeting, sequence


def own_numbers(reference: str, file_code: str) -> tuple[int, int] | None:
    """(meeting number, sequence) of one of this committee's references; None for anything else."""
    try:
        _code, meeting, sequence = parse_reference(reference, file_code)
    except ValidationError:
        return None
    return meeting, sequence


def _bump_counter(session: Session, meeting: Meeting, at_least: int | None = None) -> int:
    """Advance the meeting's counter; numbers handed out are never handed out again."""
    counter = session.get(ReferenceCounter, meeting.id)
    if counter is None:
        counter = ReferenceCounter(meeting_id=meeting.id, last_sequence=0)
        session.add(counter)
        session.flush()
    if at_least is None:
        # One UPDATE statement, so two writers cannot read the same value.
        session.execute(
            update(ReferenceCounter)
            .where(ReferenceCounter.meeting_id == meeting.id)
            .values(last_sequence=ReferenceCounter.last_sequence + 1)
        )
    else:
        session.execute(
            update(ReferenceCounter)
            .where(ReferenceCounter.meeting_id == meeting.id, ReferenceCounter.last_sequence < at_least)
            .values(last_sequence=at_least)
        )
    session.refresh(counter)
    return counter.last_sequence


def allocate_reference(session: Session, meeting: Meeting) -> str:
    while True:
        reference = format_reference(meeting.committee, meeting.number, _bump_counter(session, meeting))
        if session.scalar(select(Action.id).where(Action.reference == reference)) is None:
            return reference


def validate_legacy_reference(session: Session, committee: Committee, reference: str) -> str:
    reference = reference.strip().upper()
    parse_reference(reference, committee.file_code)
    if session.scalar(select(Action.id).where(Action.reference == reference)) is not None:
        raise DuplicateError(f"Action reference {reference} is already used.")
    return reference


def raise_action(
    session: Session,
    meeting: Meeting,
    text: str,
    *,
    owner: str = "",
    item: AgendaItem | None = None,
    due: date | None = None,
    classification: Classification = Classification.WHITE,
    reference: str | None = None,
) -> Action:
    """Record a new action at a meeting; its reference is allocated unless typed by hand."""
    if not text.strip():
        raise ValidationError("An action needs its text.")
    if item is not None and item.meeting_id != meeting.id:
        raise ValidationError("The action's item belongs to another meeting.")
    if reference:
        reference = validate_legacy_reference(session, meeting.committee, reference)
        _code, number, sequence = parse_reference(reference, meeting.committee.file_code)
        if number == meeting.number:
            _bump_counter(session, meeting, at_least=sequence)
    else:
        reference = allocate_reference(session, meeting)
    action = Action(
        reference=reference,
        committee=meeting.committee,
        meeting=meeting,
        item=item,
        owner=owner.strip(),
        text=text.strip(),
        due_date=due,
        classification=classification,
        status=ActionStatus.OPEN,
    )
    session.add(action)
    session.flush()
    return action


def get_action(session: Session, reference: str) -> Action:
    action = session.scalar(select(Action).where(Action.reference == reference.strip().upper()))
    if action is None:
        raise NotFoundError(f"No action {reference!r}.")
    return action


def outstanding_for(session: Session, meeting: Meeting) -> list[Action]:
    """Actions open from the committee's earlier meetings, as that meeting sees them, oldest first.

    An action closed at this meeting still appears (with its closing update); one
    closed at an earlier meeting does not.
    """
    raised_at = aliased(Meeting)
    closed_at = aliased(Meeting)
    query = (
        select(Action)
        .outerjoin(raised_at, Action.meeting_id == raised_at.id)
        .outerjoin(closed_at, Action.closed_at_meeting_id == closed_at.id)
        .where(
            Action.committee_id == meeting.committee_id,
            or_(raised_at.id.is_(None), raised_at.date < meeting.date),
            or_(
                Action.status != ActionStatus.CLOSED,
                closed_at.date >= meeting.date,
            ),
        )
        .order_by(func.coalesce(raised_at.number, 0), Action.reference)
    )
    actions = list(session.scalars(query))
    # An action closed outside any meeting record stays out of later reviews.
    return [a for a in actions if a.status is not ActionStatus.CLOSED or a.closed_at_meeting_id is not None]


def update_for(action: Action, meeting: Meeting) -> ActionUpdate | None:
    return next((u for u in action.updates if u.meeting_id == meeting.id), None)


def record_update(
    session: Session,
    actions: list[Action],
    meeting: Meeting,
    text: str,
    status: ActionStatus,
) -> list[ActionUpdate]:
    """Review one or several actions at a meeting with one shared update.

    Status closed closes each action at this meeting; ongoing reopens one that an
    earlier review of this same meeting had closed.
    """
    if not actions:
        raise ValidationError("Choose at least one action to update.")
    group = str(uuid.uuid4()) if len(actions) > 1 else None
    written = []
    for action in actions:
        if action.committee_id != meeting.committee_id:
            raise ValidationError(f"{action.reference} belongs to another committee.")
        if action.meeting is not None and action.meeting.date >= meeting.date:
            raise ValidationError(
                f"{action.reference} was raised at this meeting or later; it cannot be reviewed here."
            )
        entry = update_for(action, meeting)
        if entry is None:
            entry = ActionUpdate(action=action, meeting=meeting, text=text, status_after=status)
            session.add(entry)
        entry.text = text
        entry.status_after = status
        entry.shared_group = group
        if status is ActionStatus.CLOSED:
            action.status = ActionStatus.CLOSED
            action.closed_at_meeting = meeting
        else:
            action.status = status
            if action.closed_at_meeting_id == meeting.id:
                action.closed_at_meeting = None
        written.append(entry)
    session.flush()
    return written


@dataclass(frozen=True)
class ActionRow:
    """One line of the action log."""

    reference: str
    committee: str
    owner: str
    text: str
    raised_at: str | None
    raised_on: date | None
    due: date | None
    status: str
    classification: str
    latest_update: str | None
    closed_at: str | None

    def overdue(self, today: date) -> bool:
        return self.status != ActionStatus.CLOSED.value and self.due is not None and self.due < today


def action_log(
    session: Session,
    *,
    committee: str | None = None,
    open_only: bool = False,
    owner: str | None = None,
    text: str | None = None,
    max_classification: Classification = Classification.RED,
) -> list[ActionRow]:
    query = select(Action).join(Committee, Action.committee_id == Committee.id)
    if committee:
        query = query.where(Committee.code == committee.strip().upper())
    if open_only:
        query = query.where(Action.status != ActionStatus.CLOSED)
    if owner:
        query = query.where(Action.owner.ilike(f"%{owner.strip()}%"))
    if text:
        pattern = f"%{text.strip()}%"
        query = query.where(or_(Action.text.ilike(pattern), Action.reference.ilike(pattern)))
    query = query.order_by(Committee.code, Action.reference)
    rows = []
    for action in session.scalars(query):
        if not visible_at(action, max_classification):
            continue
        latest = action.updates[-1].text if action.updates else None
        rows.append(
            ActionRow(
                reference=action.reference,
                committee=action.committee.code,
                owner=action.owner,
                text=action.text,
                raised_at=action.meeting.identifier if action.meeting else None,
                raised_on=action.meeting.date if action.meeting else None,
                due=action.due_date,
                status=action.status.value,
                classification=effective_level(action).value,
                latest_update=latest,
                closed_at=action.closed_at_meeting.identifier if action.closed_at_meeting else None,
            )
        )
    return rows
