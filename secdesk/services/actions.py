"""Actions: references, raising, review at later meetings, and the log."""

from __future__ import annotations

import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import ColumnElement, Select, and_, case, func, or_, select, update
from sqlalchemy.orm import Session, aliased, joinedload

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
from secdesk.services import minute_blocks
from secdesk.services.due_dates import MeetingDue, meeting_due_in, understand_due
from secdesk.services.meetings import MAX_MEETING_NUMBER
from secdesk.services.properties import Property
from secdesk.services.rows import Snapshot, delete_with_snapshot

# The house format: committee code, meeting number (two digits at least), '/', sequence.
_NUMBERS = r"(?P<meeting>\d{2,})/(?P<sequence>\d{2,})$"
REFERENCE_PATTERN = re.compile(r"^(?P<code>[A-Z][A-Z0-9]*?)" + _NUMBERS)
MAX_SEQUENCE = 9999  # actions raised at one meeting; keeps the counter within SQLite's integers


def raised_before_secdesk(reference: str) -> str:
    """Where an action raised before SecDesk came from, as its reference says (`TABASC meeting 9`):
    that meeting is known only by its number, and no meeting is invented for it."""
    try:
        code, number, _sequence = parse_reference(reference)
    except ValidationError:
        return "Before SecDesk"
    return f"{code} meeting {number}"


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
    due: Due = None,
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
        classification=classification,
        status=ActionStatus.OPEN,
    )
    session.add(action)
    session.flush()
    set_due(session, action, due)
    if item is not None:
        minute_blocks.place_new(session, item, action)
    return action


def release_reference(session: Session, meeting: Meeting, reference: str) -> None:
    """Give back a reference handed out for an action never made, if it is still the last one handed out."""
    _code, _number, sequence = parse_reference(reference)
    if session.scalar(select(Action.id).where(Action.reference == reference)) is not None:
        return
    session.execute(
        update(ReferenceCounter)
        .where(ReferenceCounter.meeting_id == meeting.id, ReferenceCounter.last_sequence == sequence)
        .values(last_sequence=sequence - 1)
    )


def remove_action(session: Session, action: Action) -> Snapshot:
    """An action raised by mistake; one reviewed at a later meeting stays (close it instead)."""
    if action.updates:
        raise ValidationError(f"{action.reference} has been reviewed at a later meeting; it cannot be removed.")
    return delete_with_snapshot(session, action)


def set_text(session: Session, action: Action, text: str) -> None:
    if not text.strip():
        raise ValidationError(f"{action.reference} needs its text; undo or remove the action instead.")
    action.text = text.strip()
    session.flush()


def set_owner(session: Session, action: Action, owner: str) -> None:
    action.owner = owner.strip()
    session.flush()


# When an action is due: by a date, at a meeting ("the next TABASC meeting"), or not said.
Due = date | MeetingDue | None


def due_of(action: Action) -> Due:
    if action.due_meeting:
        return MeetingDue(action.due_meeting, action.due_text or "")
    return action.due_date


def set_due(session: Session, action: Action, due: Due) -> None:
    """A date, or a meeting: its words are kept as written and its date, once it is scheduled, is the due date."""
    if isinstance(due, MeetingDue):
        action.due_meeting, action.due_text = due.meeting, due.words
        action.due_date = _due_meeting_date(session, action.committee_id, action.meeting, due)
    else:
        action.due_meeting = action.due_text = None
        action.due_date = due
    session.flush()


# How a due date may be typed (the live screen's box, --due); "31 Mar 2027" is how it is shown.
DUE_FORMATS = ("%d %b %Y", "%d %B %Y", "%d/%m/%Y", "%Y-%m-%d", "%d/%m/%y")
_MEETING_WORDS = ("at ", "by ", "to ", "for ", "before ", "until ")


def shown_due(due: Due) -> str:
    """A due date as the window and the command line show it: "31 Mar 2027", or the meeting's words."""
    if isinstance(due, MeetingDue):
        return due.words
    return f"{due:%d %b %Y}" if due else ""


def due_from_typing(text: str, raised_on: date) -> Due:
    """What a typed due says: nothing, a date ("31 Mar 2027") or a meeting ("the next meeting",
    "April 2027 meeting") for an action raised on `raised_on`; anything else is refused."""
    text = " ".join(text.split())
    if not text or text.lower() == "none":
        return None
    for pattern in DUE_FORMATS:
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    phrase = text if text.lower().startswith(_MEETING_WORDS) else "at " + (
        text if text.lower().startswith("the ") else "the " + text)
    at_meeting = meeting_due_in(phrase, raised_on)
    if at_meeting is not None and phrase.lower().endswith("meeting"):
        return at_meeting
    raise ValidationError(
        f"{text} is not a date or a meeting: type a day that exists, e.g. 31 Mar 2027, "
        "or a meeting, e.g. the next meeting or the April 2027 meeting."
    )


def set_typed_due(session: Session, action: Action, text: str) -> None:
    set_due(session, action, due_from_typing(text, action.meeting.date if action.meeting else date.today()))


def _due_meeting_date(session: Session, committee_id: int, raised_at: Meeting | None, due: MeetingDue) -> date | None:
    """The date of the meeting `due` names, once the committee has scheduled it; None before."""
    if raised_at is None:
        return None
    dates = session.scalars(select(Meeting.date).where(Meeting.committee_id == committee_id).order_by(Meeting.date))
    return next((day for day in dates if due.names(raised_at.date, day)), None)


def resolve_meeting_dues(session: Session, committee_id: int) -> None:
    """Actions due at a meeting take its date once it is scheduled (and lose it if it moves away or goes)."""
    due_at_meetings = session.scalars(
        select(Action).where(Action.committee_id == committee_id, Action.due_meeting.is_not(None))
    )
    for action in due_at_meetings:
        due = due_of(action)
        assert isinstance(due, MeetingDue)
        resolved = _due_meeting_date(session, committee_id, action.meeting, due)
        if resolved != action.due_date:
            action.due_date = resolved
    session.flush()


def set_classification(session: Session, action: Action, classification: Classification) -> None:
    action.classification = classification
    session.flush()


def due_in_words(session: Session, meeting: Meeting, text: str) -> Due:
    """When an action's own words make it due: at a meeting ("at the April meeting"), or by a date
    ("by 31st March")."""
    at_meeting = meeting_due_in(text, meeting.date)
    if at_meeting is not None:
        return at_meeting
    return understand_due(text, meeting.date)


TEXT: Property[Action, str] = Property(Action, "action", lambda a: a.text, set_text)
OWNER: Property[Action, str] = Property(Action, "action owner", lambda a: a.owner, set_owner)
DUE: Property[Action, Due] = Property(Action, "due date", due_of, set_due)
# The due date as typed in a box: parsed by the rule above, shown as the box shows it.
TYPED_DUE: Property[Action, str] = Property(Action, "due date", lambda a: shown_due(due_of(a)), set_typed_due)
CLASSIFICATION: Property[Action, Classification] = Property(
    Action, "action classification", lambda a: a.classification, set_classification
)


def get_action(session: Session, reference: str) -> Action:
    action = session.scalar(select(Action).where(Action.reference == reference.strip().upper()))
    if action is None:
        raise NotFoundError(f"No action {reference!r}.")
    return action


def outstanding_query(meeting: Meeting) -> Select[Action]:
    """The actions a meeting reviews (see `outstanding_for`), before actions closed outside any meeting are dropped."""
    raised_at = aliased(Meeting)
    closed_at = aliased(Meeting)
    reviewed_here = aliased(ActionUpdate)
    return (
        select(Action)
        .outerjoin(raised_at, Action.meeting_id == raised_at.id)
        .outerjoin(closed_at, Action.closed_at_meeting_id == closed_at.id)
        .outerjoin(reviewed_here, and_(reviewed_here.action_id == Action.id, reviewed_here.meeting_id == meeting.id))
        .where(
            Action.committee_id == meeting.committee_id,
            or_(raised_at.id.is_(None), raised_at.date < meeting.date),
            or_(
                Action.status != ActionStatus.CLOSED,
                closed_at.date >= meeting.date,
            ),
        )
        # The order the secretary gave the table (imported minutes), else oldest first.
        .order_by(func.coalesce(reviewed_here.position, 0), func.coalesce(raised_at.number, 0), Action.reference)
    )


def still_reviewed(action: Action) -> bool:
    """An action closed outside any meeting record stays out of later reviews."""
    return action.status is not ActionStatus.CLOSED or action.closed_at_meeting_id is not None


def outstanding_for(session: Session, meeting: Meeting) -> list[Action]:
    """Actions open from the committee's earlier meetings, as that meeting sees them, oldest first.

    An action closed at this meeting still appears (with its closing update); one
    closed at an earlier meeting does not.
    """
    return [a for a in session.scalars(outstanding_query(meeting)) if still_reviewed(a)]


def update_for(action: Action, meeting: Meeting) -> ActionUpdate | None:
    return next((u for u in action.updates if u.meeting_id == meeting.id), None)


def record_update(
    session: Session,
    actions: list[Action],
    meeting: Meeting,
    text: str,
    status: ActionStatus | None,
    position: int = 0,
) -> list[ActionUpdate]:
    """Review one or several actions at a meeting with one shared update.

    Status closed closes each action at this meeting; ongoing reopens one that an
    earlier review of this same meeting had closed; None (a table that states no
    status) leaves each action's status as it was. `position` is the row's place in
    the meeting's table when the secretary gave an order (0: oldest first).
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
        entry.position = position
        if status is None:
            pass  # no status stated: the action's own stays
        elif status is ActionStatus.CLOSED:
            action.status = ActionStatus.CLOSED
            action.closed_at_meeting = meeting
        else:
            action.status = status
            if action.closed_at_meeting_id == meeting.id:
                action.closed_at_meeting = None
        written.append(entry)
    session.flush()
    return written


def is_overdue(status: ActionStatus | str, due: date | None, today: date) -> bool:
    """Not closed and past its due date: the one rule for the log, the lists, the exports and the packs."""
    return ActionStatus(status) is not ActionStatus.CLOSED and due is not None and due < today


def overdue_condition(today: date) -> ColumnElement[bool]:
    """`is_overdue` as SQL, for filtering (a missing due date compares as NULL, so is never overdue)."""
    return and_(Action.status != ActionStatus.CLOSED, Action.due_date < today)


def log_query(
    *,
    committee_id: int | None = None,
    open_only: bool = False,
    owner: str | None = None,
    text: str | None = None,
) -> Select[Action]:
    """The actions of the log, by committee code then reference; `load_log` reads them."""
    query = select(Action).join(Committee, Action.committee_id == Committee.id)
    if committee_id is not None:
        query = query.where(Action.committee_id == committee_id)
    if open_only:
        query = query.where(Action.status != ActionStatus.CLOSED)
    if owner:
        query = query.where(Action.owner.ilike(f"%{owner.strip()}%"))
    if text:
        pattern = f"%{text.strip()}%"
        query = query.where(or_(Action.text.ilike(pattern), Action.reference.ilike(pattern)))
    return query.order_by(Committee.code, Action.reference)


@dataclass(frozen=True)
class LoggedAction:
    """An action as a log shows it: the action, with what the log prints of it already loaded."""

    action: Action
    latest: ActionUpdate | None  # its latest review (counting only the reviews asked for)
    reviewed: bool  # reviewed at any meeting at all, counted or not

    def overdue(self, today: date) -> bool:
        return is_overdue(self.action.status, self.action.due_date, today)


# Ids per IN list: under SQLite's oldest limit of 999 parameters.
_CHUNK = 900


def load_log(
    session: Session,
    query: Select[Action],
    level: Classification = Classification.RED,
    *,
    reviews_before: date | None = None,
    including_that_day: bool = False,
) -> list[LoggedAction]:
    """The actions of `query` visible at `level`, each with its latest update, in a few statements.

    The item's level, both meetings and the committee come with the actions in one
    statement; the latest update comes in two statements per 900 actions, so earlier
    updates are neither read nor decrypted. With `reviews_before`, only reviews at
    meetings before that date count (or on it too, `including_that_day`): a log as a
    meeting saw it.
    """
    query = query.options(
        joinedload(Action.committee),
        # Of the item, only what sets the action's level: its text is neither read nor decrypted
        # here (reading it later loads and decrypts it then; the uuid names its ciphertext).
        joinedload(Action.item).load_only(AgendaItem.classification, AgendaItem.sealed_fields, AgendaItem.uuid),
        joinedload(Action.meeting),
        joinedload(Action.closed_at_meeting),
    )
    actions = [a for a in session.scalars(query).unique() if visible_at(a, level)]
    latest, reviewed = _latest_updates(session, [a.id for a in actions], reviews_before, including_that_day)
    return [LoggedAction(a, latest.get(a.id), a.id in reviewed) for a in actions]


def latest_update_ids(
    action_ids: Sequence[int], *, before: date | None = None, including: bool = False
) -> Select[int, int | None]:
    """(action id, id of its latest counted update or None) for each of the actions reviewed at all.

    Latest by id, as `Action.updates` orders them; with `before`, only reviews at meetings
    before that date count (or on it too, `including`).
    """
    if before is None:
        return (
            select(ActionUpdate.action_id, func.max(ActionUpdate.id).label("latest_id"))
            .where(ActionUpdate.action_id.in_(action_ids))
            .group_by(ActionUpdate.action_id)
        )
    on_time = Meeting.date <= before if including else Meeting.date < before
    return (
        select(ActionUpdate.action_id, func.max(case((on_time, ActionUpdate.id))).label("latest_id"))
        .join(Meeting, ActionUpdate.meeting_id == Meeting.id)
        .where(ActionUpdate.action_id.in_(action_ids))
        .group_by(ActionUpdate.action_id)
    )


def _latest_updates(
    session: Session, action_ids: Sequence[int], before: date | None, including: bool
) -> tuple[dict[int, ActionUpdate], set[int]]:
    latest: dict[int, ActionUpdate] = {}
    reviewed: set[int] = set()
    for start in range(0, len(action_ids), _CHUNK):
        chunk = action_ids[start : start + _CHUNK]
        rows = session.execute(latest_update_ids(chunk, before=before, including=including)).all()
        reviewed.update(action_id for action_id, _ in rows)
        wanted = [update_id for _, update_id in rows if update_id is not None]
        if wanted:
            for entry in session.scalars(select(ActionUpdate).where(ActionUpdate.id.in_(wanted))):
                latest[entry.action_id] = entry
    return latest, reviewed


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
    classification: Classification
    latest_update: str | None
    closed_at: str | None

    def overdue(self, today: date) -> bool:
        return is_overdue(self.status, self.due, today)


def action_log(
    session: Session,
    *,
    committee: str | None = None,
    open_only: bool = False,
    owner: str | None = None,
    text: str | None = None,
    max_classification: Classification = Classification.RED,
) -> list[ActionRow]:
    committee_id = None
    if committee:
        committee_id = session.scalar(select(Committee.id).where(Committee.code == committee.strip().upper()))
        if committee_id is None:
            return []
    query = log_query(committee_id=committee_id, open_only=open_only, owner=owner, text=text)
    rows = []
    for logged in load_log(session, query, max_classification):
        action = logged.action
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
                classification=effective_level(action),
                latest_update=logged.latest.text if logged.latest else None,
                closed_at=action.closed_at_meeting.identifier if action.closed_at_meeting else None,
            )
        )
    return rows
