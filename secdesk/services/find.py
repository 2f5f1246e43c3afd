"""Find across every committee's agenda items, papers, decisions and actions, by words or reference."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, String, or_, select, type_coerce
from sqlalchemy.orm import QueryableAttribute, Session

from secdesk.model import Action, AgendaItem, Decision, Meeting, Paper, effective_level

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


def _matches(words: list[str], *columns: QueryableAttribute[Any] | ColumnElement[Any]) -> list[ColumnElement[bool]]:
    # Every word must appear in one of the columns (each word may match a different one).
    return [or_(*(column.ilike(f"%{word}%") for column in columns)) for word in words]


def find(session: Session, text: str, limit: int = 200) -> list[FindHit]:
    """Hits grouped as GROUPS orders them, newest meeting first in each group."""
    words = [w.lower() for w in text.split() if w.strip()]
    if not words:
        return []
    hits: list[FindHit] = []
    actions = session.scalars(
        select(Action).where(*_matches(words, Action.reference, Action.text, Action.owner)).limit(limit)
    )
    for action in actions:
        meeting = action.meeting
        hits.append(
            FindHit(
                group="Actions",
                reference=action.reference,
                title=f"{action.owner}: {action.text}" if action.owner else action.text,
                snippet=snippet(action.text, words),
                committee=action.committee.code,
                meeting_id=meeting.id if meeting else None,
                meeting_identifier=meeting.identifier if meeting else None,
                meeting_date=meeting.date if meeting else None,
                item_id=action.agenda_item_id,
                classification=effective_level(action).value,
            )
        )
    decisions = session.scalars(
        select(Decision).where(*_matches(words, Decision.text, type_coerce(Decision.verb, String))).limit(limit)
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
    items = session.scalars(
        select(AgendaItem)
        .join(Meeting)
        .where(*_matches(words, AgendaItem.title, AgendaItem.minutes, AgendaItem.post_meeting_note))
        .limit(limit)
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
    papers = session.scalars(select(Paper).where(*_matches(words, Paper.reference, Paper.title)).limit(limit))
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
