"""Find across every committee's agenda items, papers, decisions and actions, by words or reference."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, String, or_, select, type_coerce
from sqlalchemy.orm import QueryableAttribute, Session

from secdesk.model import Action, ActionUpdate, AgendaItem, Decision, Meeting, Paper, effective_level
from secdesk.model.base import Classified

T = TypeVar("T", bound=Classified)

GROUPS = ("Actions", "Decisions", "Agenda items", "Papers")


@dataclass(frozen=True)
class FindHit:
    group: str
    reference: str  # the action or paper reference, or the meeting identifier and item number
    title: str
    snippet: str
    committee: str
    meeting_id: int | None
    meeting_identifier: str | None
    meeting_date: date | None
    item_id: int | None
    classification: str


def snippet(text: str, words: list[str], width: int = 90) -> str:
    """The part of a long text around the first word found, on one line."""
    flat = " ".join(text.split())
    lowered = flat.lower()
    found = min((i for w in words if (i := lowered.find(w)) >= 0), default=0)
    start = max(0, found - width // 3)
    if start:  # begin at a word
        space = flat.find(" ", start)
        start = space + 1 if 0 <= space < found else start
    piece = flat[start : start + width]
    return ("..." if start else "") + piece + ("..." if start + width < len(flat) else "")


def _like(word: str) -> str:
    # `%` and `_` are what the user typed, not wildcards.
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _matches(words: list[str], *columns: QueryableAttribute[Any] | ColumnElement[Any]) -> list[ColumnElement[bool]]:
    # Every word must appear in one of the columns (each word may match a different one).
    return [or_(*(column.ilike(_like(word), escape="\\") for column in columns)) for word in words]


def _holds(words: list[str], texts: list[str | None]) -> bool:
    lowered = [t.lower() for t in texts if t]
    return all(any(word in text for text in lowered) for word in words)


def _found(
    session: Session,
    model: type[T],
    words: list[str],
    columns: tuple[QueryableAttribute[Any] | ColumnElement[Any], ...],
    texts: Callable[[T], list[str | None]],
    limit: int,
    *joins: Any,
) -> list[T]:
    """Rows holding every word. Plain rows are matched in SQL; a confidential row's stored text is
    ciphertext, so those rows are matched on their decrypted text, in memory (while the key is
    here: locked, they hold only the locked placeholder and match nothing)."""
    sealed = model.sealed_fields != ""
    plain = select(model).join(*joins) if joins else select(model)
    rows = list(session.scalars(plain.where(~sealed, *_matches(words, *columns)).limit(limit)))
    confidential = select(model).join(*joins) if joins else select(model)
    rows += [row for row in session.scalars(confidential.where(sealed)) if _holds(words, texts(row))]
    return rows[:limit]


def find(session: Session, text: str, limit: int = 200) -> list[FindHit]:
    """Hits grouped as GROUPS orders them, newest meeting first in each group; confidential text too."""
    words = [w.lower() for w in text.split() if w.strip()]
    if not words:
        return []
    hits: list[FindHit] = []
    actions = _found(
        session, Action, words, (Action.reference, Action.text, Action.owner),
        lambda a: [a.reference, a.text, a.owner], limit,
    )
    updates = _found(session, ActionUpdate, words, (ActionUpdate.text,), lambda u: [u.text], limit)
    seen = {action.id for action in actions}
    for update in updates:  # an action found by what a later meeting said about it
        if update.action_id not in seen:
            seen.add(update.action_id)
            actions.append(update.action)
    for action in actions:
        meeting = action.meeting
        said = next((u.text for u in reversed(action.updates) if _holds(words, [u.text])), None)
        hits.append(
            FindHit(
                group="Actions",
                reference=action.reference,
                title=f"{action.owner}: {action.text}" if action.owner else action.text,
                snippet=snippet(said if said and not _holds(words, [action.text]) else action.text, words),
                committee=action.committee.code,
                meeting_id=meeting.id if meeting else None,
                meeting_identifier=meeting.identifier if meeting else None,
                meeting_date=meeting.date if meeting else None,
                item_id=action.agenda_item_id,
                classification=effective_level(action).value,
            )
        )
    decisions = _found(
        session, Decision, words, (Decision.text, type_coerce(Decision.verb, String)),
        lambda d: [d.text, d.verb.value], limit,
    )
    for decision in decisions:
        item = decision.item
        meeting = item.meeting
        hits.append(
            FindHit(
                group="Decisions",
                reference=f"Item {item.number}",
                title=f"{meeting.committee.voice} {decision.verb.value} {decision.text}",
                snippet=snippet(decision.text, words),
                committee=meeting.committee.code,
                meeting_id=meeting.id,
                meeting_identifier=meeting.identifier,
                meeting_date=meeting.date,
                item_id=item.id,
                classification=effective_level(decision).value,
            )
        )
    items = _found(
        session, AgendaItem, words, (AgendaItem.title, AgendaItem.minutes, AgendaItem.post_meeting_note),
        lambda i: [i.title, i.minutes, i.post_meeting_note], limit, Meeting,
    )
    for item in items:
        meeting = item.meeting
        body = " ".join(filter(None, (item.minutes, item.post_meeting_note)))
        hits.append(
            FindHit(
                group="Agenda items",
                reference=f"Item {item.number}",
                title=f"{item.number}. {item.title}",
                snippet=snippet(body, words) if body else "",
                committee=meeting.committee.code,
                meeting_id=meeting.id,
                meeting_identifier=meeting.identifier,
                meeting_date=meeting.date,
                item_id=item.id,
                classification=item.classification.value,
            )
        )
    papers = _found(session, Paper, words, (Paper.reference, Paper.title), lambda p: [p.reference, p.title], limit)
    for paper in papers:
        meeting = paper.item.meeting
        hits.append(
            FindHit(
                group="Papers",
                reference=paper.reference,
                title=paper.title,
                snippet="",
                committee=meeting.committee.code,
                meeting_id=meeting.id,
                meeting_identifier=meeting.identifier,
                meeting_date=meeting.date,
                item_id=paper.agenda_item_id,
                classification=effective_level(paper).value,
            )
        )
    order = {g: i for i, g in enumerate(GROUPS)}
    hits.sort(key=lambda h: (order[h.group], -(h.meeting_date.toordinal() if h.meeting_date else 0), h.reference))
    return hits
