"""Find across every committee's agenda items, papers, decisions, actions and people, by words or reference.

The words are matched as everywhere else (secdesk.services.search); this module turns
the rows found into hits to show.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.orm import Session

from secdesk.model import (
    Action,
    ActionUpdate,
    AgendaItem,
    Classification,
    Committee,
    Decision,
    Meeting,
    Membership,
    MinuteBlock,
    Paper,
    Person,
    effective_level,
)
from secdesk.model.base import Classified
from secdesk.services import search
from secdesk.services.search import ConfidentialIndex
from secdesk.vocabulary import OWN_TEXT_KINDS

T = TypeVar("T", bound=Classified)

GROUPS = ("Actions", "Decisions", "Agenda items", "Papers", "People")


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
    classification: Classification


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


def _found(session: Session, model: type[T], condition: ColumnElement[bool], limit: int, *joins: Any) -> list[T]:
    query = select(model).join(*joins) if joins else select(model)
    return list(session.scalars(query.where(condition).limit(limit)))


def find(session: Session, text: str, limit: int = 200, confidential: ConfidentialIndex | None = None) -> list[FindHit]:
    """Hits grouped as GROUPS orders them, newest meeting first in each group; confidential text too.

    `confidential` is the decrypted text of the sealed rows; a window keeps one between
    searches (refreshed as the data changes); without it, it is read for this search.
    """
    words = search.words(text)
    if not words:
        return []
    index = confidential if confidential is not None else ConfidentialIndex(session)
    hits: list[FindHit] = []
    # An action is found by its own fields, or by what a later meeting said about it.
    reviewed = select(ActionUpdate.action_id).where(search.condition("action_update", words, index))
    actions = _found(session, Action, or_(search.condition("action", words, index), Action.id.in_(reviewed)), limit)
    for action in actions:
        meeting = action.meeting
        own = search.holds(words, [action.reference, action.text, action.owner])
        said = next((u.text for u in reversed(action.updates) if search.holds(words, [u.text])), None)
        hits.append(
            FindHit(
                group="Actions",
                reference=action.reference,
                title=f"{action.owner}: {action.text}" if action.owner else action.text,
                snippet=snippet(said if said and not own else action.text, words),
                committee=action.committee.code,
                meeting_id=meeting.id if meeting else None,
                meeting_identifier=meeting.identifier if meeting else None,
                meeting_date=meeting.date if meeting else None,
                item_id=action.agenda_item_id,
                classification=effective_level(action),
            )
        )
    for decision in _found(session, Decision, search.condition("decision", words, index), limit):
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
                classification=effective_level(decision),
            )
        )
    # An item is found by its own text or by a block of its minutes.
    in_blocks = AgendaItem.id.in_(select(MinuteBlock.agenda_item_id).where(
        search.condition("minute_block", words, index)))
    found_items = or_(search.condition("agenda_item", words, index), in_blocks)
    for item in _found(session, AgendaItem, found_items, limit, Meeting):
        meeting = item.meeting
        blocks = [b for b in item.blocks if b.kind in OWN_TEXT_KINDS]
        body = " ".join(filter(None, (item.minutes, item.post_meeting_note, *(b.content for b in blocks))))
        # The snippet may quote a block more confidential than its item: the hit is marked so.
        level = Classification.highest(item.classification, *(effective_level(b) for b in blocks))
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
                classification=level,
            )
        )
    for paper in _found(session, Paper, search.condition("paper", words, index), limit):
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
                classification=effective_level(paper),
            )
        )
    people = session.scalars(select(Person).where(search.condition("person", words, index)).limit(limit))
    for person in people:
        seats = session.scalars(
            select(Committee.code).join(Membership).where(Membership.person_id == person.id).distinct()
        )
        hits.append(
            FindHit(
                group="People",
                reference=person.name,
                title=person.name,
                snippet=", ".join(filter(None, (person.organisation.name if person.organisation else None,
                                                person.email))),
                committee=", ".join(sorted(seats)),
                meeting_id=None,
                meeting_identifier=None,
                meeting_date=None,
                item_id=None,
                classification=Classification.WHITE,
            )
        )
    order = {g: i for i, g in enumerate(GROUPS)}
    hits.sort(key=lambda h: (order[h.group], -(h.meeting_date.toordinal() if h.meeting_date else 0), h.reference))
    return hits
