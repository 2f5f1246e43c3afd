"""The action log as the window shows it: filtered and sorted in SQL, read a page at a time.

Typing in the log's filter box runs `page` again (the first rows, sorted); the
window counts the matches with `count` once typing pauses. Neither loads the
whole log into Python. Words are matched as everywhere else (secdesk.services.search):
plaintext by the database's full-text index, the text and owner of sealed actions
in memory (`ConfidentialText`, decrypted once and kept until the data changes).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property
from typing import Any

from sqlalchemy import Select, case, func, select
from sqlalchemy.orm import Session

from secdesk.model import (
    Action,
    ActionStatus,
    ActionUpdate,
    AgendaItem,
    Classification,
    Committee,
    ItemKind,
    Meeting,
    meeting_identifier,
)
from secdesk.services import search
from secdesk.services.actions import Due, is_overdue, latest_update_ids, overdue_condition, raised_before_secdesk
from secdesk.services.due_dates import MeetingDue, meeting_words
from secdesk.services.search import ConfidentialIndex
from secdesk.vocabulary import file_code

PAGE_SIZE = 200


@dataclass(frozen=True)
class LogFilter:
    text: str = ""  # words, each found in the reference, the text or the owner
    owner: str = ""
    committee_id: int | None = None
    status: str | None = None  # "open" (open or ongoing), "closed", or None for every action
    overdue: bool = False
    sort: str = "reference"
    descending: bool = False
    today: date = field(default_factory=date.today)

    def words(self) -> list[str]:
        return [w.lower() for w in self.text.split()]


@dataclass(frozen=True)
class LogRow:
    id: int
    reference: str
    committee: str
    owner: str
    text: str
    raised_at: str | None
    raised_on: date | None
    meeting_id: int | None
    item_id: int | None
    due: Due
    status: str
    classification: Classification
    overdue: bool
    latest_update: str = ""  # the latest review's update, as the log shows it
    minutes_final: bool = False  # raised at a meeting whose minutes are final: what was minuted stays
    locked: bool = False  # confidential, and its text cannot be read on this computer


class ConfidentialText(ConfidentialIndex):
    """The log's part of the confidential index: the decrypted text and owner of the sealed actions."""

    def __init__(self, session: Session, *, meeting_ids: frozenset[int] | None = None) -> None:
        """Every sealed action, or (with `meeting_ids`) only those raised at these meetings."""
        super().__init__(session, ("action",), meeting_ids=meeting_ids)

    @cached_property
    def values(self) -> dict[int, tuple[str, str]]:
        """Action id -> (text, owner) as the log shows them (the placeholder where locked here)."""
        return {
            action_id: (self.shown("action", action_id, "text"), self.shown("action", action_id, "owner"))
            for action_id in self.ids("action")
        }

    @cached_property
    def locked(self) -> frozenset[int]:
        """The sealed actions this computer cannot decrypt."""
        return frozenset(action_id for action_id, texts in self.texts["action"].items() if None in texts)


def _where(log_filter: LogFilter, confidential: ConfidentialText, *, on: Any = None) -> list[Any]:
    conditions: list[Any] = []
    words = log_filter.words()
    if words:
        conditions.append(search.condition("action", words, confidential, on=on))
    owner = log_filter.owner.strip().lower()
    if owner:  # one piece of text, spaces and all
        conditions.append(search.condition("action", [owner], confidential, columns=("owner",), on=on))
    if log_filter.committee_id is not None:
        conditions.append(Action.committee_id == log_filter.committee_id)
    if log_filter.overdue:
        conditions.append(overdue_condition(log_filter.today))
    elif log_filter.status == "open":
        conditions.append(Action.status != ActionStatus.CLOSED)
    elif log_filter.status == "closed":
        conditions.append(Action.status == ActionStatus.CLOSED)
    return conditions


def last_review_place(session: Session, action_id: int) -> tuple[int, int | None] | None:
    """The meeting that last reviewed the action, and its actions outstanding item (None if never reviewed)."""
    latest = latest_update_ids([action_id]).subquery()
    meeting_id = session.scalar(select(ActionUpdate.meeting_id).join(latest, ActionUpdate.id == latest.c.latest_id))
    if meeting_id is None:
        return None
    item_id = session.scalar(
        select(AgendaItem.id)
        .where(AgendaItem.meeting_id == meeting_id, AgendaItem.kind == ItemKind.MINUTES_AND_ACTIONS)
        .order_by(AgendaItem.position)
        .limit(1)
    )
    return meeting_id, item_id


def _decrypted(column: Any, index: int, confidential: ConfidentialText) -> Any:
    """The column, with the decrypted value in place of ciphertext, so encrypted rows sort where they belong."""
    if not confidential.values:
        return func.lower(column)
    values = {action_id: pair[index] for action_id, pair in confidential.values.items()}
    return func.lower(case(values, value=Action.id, else_=column))


def _order(log_filter: LogFilter, confidential: ConfidentialText) -> list[Any]:
    column = {
        "reference": Action.reference,  # the reference index gives the first page without sorting
        "committee": Committee.code,
        "owner": _decrypted(Action.owner, 1, confidential),
        "text": _decrypted(Action.text, 0, confidential),
        "raised": Meeting.date,
        "due": Action.due_date,
        "status": Action.status,
    }[log_filter.sort]
    first = column.desc() if log_filter.descending else column.asc()
    # Empty dates sort last either way; the reference breaks ties.
    nulls = [column.is_(None)] if log_filter.sort in ("raised", "due") else []
    return [*nulls, first, Action.reference]


def page_query(
    log_filter: LogFilter, confidential: ConfidentialText, offset: int = 0, limit: int | None = PAGE_SIZE
) -> Select[*tuple[Any, ...]]:
    order = _order(log_filter, confidential)
    # The page's ids are chosen first, sorting only (key, id) pairs; the joins and the wide
    # columns are read for those rows alone.
    # Sorted by reference, SQLite walks the reference index and tests each id against the
    # words' matches: `id + 0` stops it from looking up every match and sorting them instead.
    on = Action.id + 0 if log_filter.sort == "reference" else None
    chosen = (
        select(Action.id).where(*_where(log_filter, confidential, on=on)).order_by(*order).offset(offset).limit(limit)
    )
    if log_filter.sort == "committee":
        chosen = chosen.join(Committee, Action.committee_id == Committee.id)
    if log_filter.sort == "raised":
        chosen = chosen.outerjoin(Meeting, Action.meeting_id == Meeting.id)
    return (
        select(
            Action.id,
            Action.reference,
            Committee.code,
            Action.owner,
            Action.text,
            Meeting.number,
            Meeting.date,
            Action.meeting_id,
            Action.agenda_item_id,
            Action.due_date,
            Action.due_meeting,
            Action.status,
            Action.classification,
            AgendaItem.classification,
            Meeting.locked,
        )
        .join(Committee, Action.committee_id == Committee.id)
        .outerjoin(Meeting, Action.meeting_id == Meeting.id)
        .outerjoin(AgendaItem, Action.agenda_item_id == AgendaItem.id)
        .where(Action.id.in_(chosen))
        .order_by(*order)
    )


def count_query(log_filter: LogFilter, confidential: ConfidentialText) -> Select[int]:
    return select(func.count(Action.id)).where(*_where(log_filter, confidential))


def count(session: Session, log_filter: LogFilter, confidential: ConfidentialText) -> int:
    return session.execute(count_query(log_filter, confidential)).scalar_one()


def page(
    session: Session, log_filter: LogFilter, confidential: ConfidentialText, offset: int = 0, limit: int = PAGE_SIZE
) -> list[LogRow]:
    rows = list(_log_rows(session.execute(page_query(log_filter, confidential, offset, limit)), confidential,
                          log_filter.today))
    latest = latest_updates(session, [row.id for row in rows])
    return [replace(row, latest_update=latest[row.id]) if row.id in latest else row for row in rows]


def latest_updates(session: Session, action_ids: list[int]) -> dict[int, str]:
    """Action id -> its latest update's text (decrypted, or the locked placeholder), for the actions reviewed."""
    if not action_ids:
        return {}
    chosen = [update_id for _action, update_id in session.execute(latest_update_ids(action_ids)) if update_id]
    if not chosen:
        return {}
    return {entry.action_id: entry.text for entry in session.scalars(select(ActionUpdate).where(
        ActionUpdate.id.in_(chosen)))}


def matching_ids(session: Session, log_filter: LogFilter) -> list[int]:
    """Every action the log shows for this filter, in its order (what an export of the shown log holds)."""
    confidential = ConfidentialText(session)
    return [row[0] for row in session.execute(page_query(log_filter, confidential, 0, None))]


def described(log_filter: LogFilter, *, quoted: bool = True) -> str:
    """The filter in words, as a title says it: "Open actions matching 'dcc' owned by 'SECAS'".

    Not `quoted`: the words searched are not repeated ("matching a search"), for a document
    that leaves out some of what they matched: words typed from a confidential action must
    not reach a White file by its title.
    """
    which = "Overdue actions" if log_filter.overdue else {
        "open": "Open actions", "closed": "Closed actions"}.get(log_filter.status or "", "All actions")
    text = " ".join(log_filter.text.split())
    owner = log_filter.owner.strip()
    if not quoted:
        return which + (" matching a search" if text else "") + (" of one owner" if owner else "")
    return which + (f" matching '{text}'" if text else "") + (f" owned by '{owner}'" if owner else "")


def _log_rows(rows: Iterable[Any], confidential: ConfidentialText, today: date) -> Iterable[LogRow]:
    hidden = confidential.values
    # Read for every row of every page as the user types: each level pair and committee is worked out once.
    levels: dict[tuple[Any, Any], Classification] = {}
    codes: dict[str, str] = {}
    for (
        action_id,
        reference,
        code,
        owner,
        text,
        number,
        raised_on,
        meeting_id,
        item_id,
        due_on,
        due_meeting,
        status,
        own_level,
        item_level,
        minutes_final,
    ) in rows:
        if action_id in hidden:
            text, owner = hidden[action_id]
        status = ActionStatus(status)
        level = levels.get((own_level, item_level))
        if level is None:
            # An action in a confidential item is as confidential as the item.
            level = levels[own_level, item_level] = Classification.highest(
                Classification(own_level), Classification(item_level) if item_level else None
            )
        filed = codes.get(code)
        if filed is None:
            filed = codes[code] = file_code(code)
        yield LogRow(
            id=action_id,
            reference=reference,
            committee=code,
            owner=owner,
            text=text,
            raised_at=meeting_identifier(filed, number, raised_on) if raised_on else raised_before_secdesk(reference),
            raised_on=raised_on,
            meeting_id=meeting_id,
            item_id=item_id,
            # Due at a meeting not yet scheduled: said so (the words themselves may be sealed).
            due=due_on or (MeetingDue(due_meeting, meeting_words(due_meeting)) if due_meeting else None),
            status=status.value,
            classification=level,
            overdue=is_overdue(status, due_on, today),
            minutes_final=bool(minutes_final),
            locked=action_id in confidential.locked,
        )
