"""The action log as the window shows it: filtered and sorted in SQL, read a page at a time.

Typing in the log's filter box runs `page` again (the first rows, sorted); the
window counts the matches with `count` once typing pauses. Neither loads the
whole log into Python. Confidential actions keep their text and owner
encrypted in the database, so SQL cannot match words inside them: those few
rows are decrypted once (`ConfidentialText`) and matched in Python, and the
ids that match join the SQL condition.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import Select, and_, case, false, func, or_, select
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
from secdesk.security.fields import KEYS_INFO, LOCKED_TEXT, decrypt_value
from secdesk.services.actions import is_overdue, latest_update_ids, overdue_condition
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
    due: date | None
    status: str
    classification: str
    overdue: bool


class ConfidentialText:
    """The decrypted text and owner of the encrypted actions, read once per change of data."""

    def __init__(self, session: Session, *, meeting_ids: frozenset[int] | None = None) -> None:
        """Every encrypted action, or (with `meeting_ids`) only those raised at these meetings."""
        self.values: dict[int, tuple[str, str]] = {}
        self._read(session, meeting_ids)

    def _read(self, session: Session, meeting_ids: frozenset[int] | None) -> None:
        keys = session.info.get(KEYS_INFO)
        cipher = keys.cipher() if keys is not None else None
        query = select(Action.id, Action.uuid, Action.text, Action.owner, Action.sealed_fields).where(
            Action.sealed_fields != ""
        )
        if meeting_ids is not None:
            query = query.where(Action.meeting_id.in_(meeting_ids))
        for action_id, uuid, text, owner, sealed in session.execute(query):
            names = sealed.split(",")
            self.values[action_id] = (
                _decrypt(cipher, text, f"action.text.{uuid}") if "text" in names else text,
                _decrypt(cipher, owner, f"action.owner.{uuid}") if "owner" in names else owner,
            )

    def refreshed(self, session: Session, meeting_ids: frozenset[int]) -> ConfidentialText:
        """A copy with the actions raised at `meeting_ids` read again: an action's text and owner
        change only through its own meeting, so the rest need no decrypting again."""
        fresh = ConfidentialText.__new__(ConfidentialText)
        changed = set(session.scalars(select(Action.id).where(Action.meeting_id.in_(meeting_ids))))
        fresh.values = {key: value for key, value in self.values.items() if key not in changed}
        fresh._read(session, meeting_ids)
        return fresh

    def matching(self, word: str, *, owner_only: bool = False) -> list[int]:
        return [
            action_id
            for action_id, (text, owner) in self.values.items()
            if word in owner.lower() or (not owner_only and word in text.lower())
        ]


def _decrypt(cipher: Any, value: str, where: str) -> str:
    plain = decrypt_value(cipher, value, where) if value else value
    return LOCKED_TEXT if plain is None else plain


def _like(word: str) -> str:
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _contains(column: Any, word: str) -> Any:
    # SQLite's LIKE ignores ASCII case already (ilike's lower() on every row costs much more);
    # a PostgreSQL store would need ILIKE here.
    return column.like(_like(word), escape="\\")


def _where(log_filter: LogFilter, confidential: ConfidentialText) -> list[Any]:
    conditions: list[Any] = []
    encrypted = list(confidential.values)
    for word in log_filter.words():
        # Ciphertext is base64: a short word could match inside it by chance, so encrypted rows
        # are matched on their decrypted words only.
        plain = or_(_contains(Action.text, word), _contains(Action.owner, word))
        if encrypted:
            plain = and_(plain, Action.id.not_in(encrypted))
        hidden = confidential.matching(word)
        conditions.append(
            or_(_contains(Action.reference, word), plain, Action.id.in_(hidden) if hidden else false())
        )
    if log_filter.owner.strip():
        word = log_filter.owner.strip().lower()
        plain = _contains(Action.owner, word)
        if encrypted:
            plain = and_(plain, Action.id.not_in(encrypted))
        hidden = confidential.matching(word, owner_only=True)
        conditions.append(or_(plain, Action.id.in_(hidden) if hidden else false()))
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
    filtered = bool(log_filter.words() or log_filter.owner.strip())
    column = {
        # Unfiltered, the reference index gives the first page at once; filtered, walking that index
        # row by row is slow when few rows match, so lower() makes SQLite scan and sort instead.
        "reference": func.lower(Action.reference) if filtered else Action.reference,
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
    log_filter: LogFilter, confidential: ConfidentialText, offset: int = 0, limit: int = PAGE_SIZE
) -> Select[*tuple[Any, ...]]:
    order = _order(log_filter, confidential)
    # The page's ids are chosen first, sorting only (key, id) pairs; the joins and the wide
    # columns are read for those rows alone.
    chosen = select(Action.id).where(*_where(log_filter, confidential)).order_by(*order).offset(offset).limit(limit)
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
            Action.status,
            Action.classification,
            AgendaItem.classification,
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
    rows = session.execute(page_query(log_filter, confidential, offset, limit))
    return list(_log_rows(rows, confidential, log_filter.today))


def _log_rows(rows: Iterable[Any], confidential: ConfidentialText, today: date) -> Iterable[LogRow]:
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
        due,
        status,
        own_level,
        item_level,
    ) in rows:
        if action_id in confidential.values:
            text, owner = confidential.values[action_id]
        status = ActionStatus(status)
        yield LogRow(
            id=action_id,
            reference=reference,
            committee=code,
            owner=owner,
            text=text,
            raised_at=meeting_identifier(file_code(code), number, raised_on) if raised_on else None,
            raised_on=raised_on,
            meeting_id=meeting_id,
            item_id=item_id,
            due=due,
            status=status.value,
            # An action in a confidential item is as confidential as the item.
            classification=Classification.highest(
                Classification(own_level), Classification(item_level) if item_level else None
            ).value,
            overdue=is_overdue(status, due, today),
        )
