"""Rows addressed by id: fetch one, say what a change to it concerns, remove it and put it back unchanged.

The window's operations hold ids, never live rows: they fetch the row, call the
domain function that holds the rule, and hand back the `Changes` this module
derives from the row. A removal returns a `Snapshot` that `put_back` restores
with the same ids, so later undo steps that name those ids stay valid.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any, TypeVar

from sqlalchemy import insert, inspect, select, update
from sqlalchemy.orm import MANYTOONE, Session

from secdesk.errors import NotFoundError
from secdesk.model import (
    Action,
    ActionUpdate,
    AgendaItem,
    Attendance,
    Committee,
    Decision,
    Meeting,
    Organisation,
    Paper,
    Person,
    ReferenceCounter,
    attendance_item,
)
from secdesk.model.base import Base
from secdesk.services.changes import Changes, committee_changed, meeting_changed

R = TypeVar("R", bound=Base)

# Rows the navigator lists: making or removing one rebuilds it.
_LISTED = (Committee, Meeting, Organisation, Person)


def fetch(session: Session, cls: type[R], row_id: int) -> R:
    row = session.get(cls, row_id)
    if row is None:
        raise NotFoundError(f"That {cls.__tablename__.replace('_', ' ')} (id {row_id}) no longer exists.")
    return row


def concerns(row: Base, *, structure: bool = False) -> Changes:
    """The meetings and committees a change to this row concerns, and its kind: the one rule every operation uses."""
    return replace(_places(row, structure), kinds=frozenset({row.__tablename__}))


def _places(row: Base, structure: bool) -> Changes:
    if isinstance(row, Meeting):
        return meeting_changed(row.id, structure)
    if isinstance(row, AgendaItem | Attendance | ActionUpdate):
        return meeting_changed(row.meeting_id, structure)
    if isinstance(row, Decision | Paper):
        return meeting_changed(row.item.meeting_id, structure)
    if isinstance(row, Action):
        return meeting_changed(row.meeting_id, structure) if row.meeting_id else Changes(structure=structure)
    if isinstance(row, Committee):
        # Every meeting's identifier and heading carry the committee's code and name.
        return Changes(frozenset(m.id for m in row.meetings), frozenset({row.id}), structure)
    # Register rows and the rest: the committee and meeting they belong to, when they belong to one.
    committee_id, meeting_id = getattr(row, "committee_id", None), getattr(row, "meeting_id", None)
    if committee_id is None and meeting_id is None:
        return Changes(structure=True)
    changes = Changes(structure=structure)
    if committee_id is not None:
        changes |= committee_changed(committee_id)
    return changes | meeting_changed(meeting_id) if meeting_id is not None else changes


def _made_or_removed(row: Base) -> Changes:
    changes = concerns(row, structure=isinstance(row, _LISTED))
    # The committee page lists its meetings.
    return changes | committee_changed(row.committee_id) if isinstance(row, Meeting) else changes


def created(row: Base) -> tuple[int, Changes]:
    """What a creation hands back to the window: the new row's id and what it concerns."""
    identity = inspect(row).identity  # every table here has one integer key, id; flushed, it is known
    assert identity is not None, "a created row is flushed before it is handed back"
    return int(identity[0]), _made_or_removed(row)


# --- snapshots: delete a row with everything it owns, and put it back unchanged ---


@dataclass
class Snapshot:
    rows: list[tuple[type[Base], dict[str, Any]]] = field(default_factory=list)
    attended: list[dict[str, Any]] = field(default_factory=list)
    counters: list[dict[str, Any]] = field(default_factory=list)
    action_items: list[tuple[int, int]] = field(default_factory=list)
    # What the removal concerned (worked out before the row went).
    changes: Changes = field(default_factory=Changes)
    # A row that had a place among others (an agenda item) makes room for itself first.
    put_back: Callable[[Session, Snapshot], None] | None = None


def _columns(row: Base) -> dict[str, Any]:
    return {a.key: getattr(row, a.key) for a in inspect(row).mapper.column_attrs}


def _collect(row: Base, snapshot: Snapshot, taken: list[Base]) -> None:
    values = _columns(row)
    if any(cls is type(row) and kept["id"] == values["id"] for cls, kept in snapshot.rows):
        return  # owned twice (a decision's block is also its item's): taken once
    snapshot.rows.append((type(row), values))
    taken.append(row)
    for relation in inspect(type(row)).relationships:
        if relation.cascade.delete_orphan and relation.secondary is None:
            owned = getattr(row, relation.key)
            for child in (owned if relation.uselist else [owned] if owned is not None else []):
                _collect(child, snapshot, taken)


def _owners(row: Base) -> list[tuple[Base, str]]:
    """The rows whose collections list this one (a seat's committee, a paper's item), with the collection."""
    owners = []
    for relation in inspect(type(row)).relationships:
        if relation.direction is MANYTOONE and relation.back_populates:
            owner = getattr(row, relation.key)
            if owner is not None:
                owners.append((owner, relation.back_populates))
    return owners


def delete_with_snapshot(session: Session, row: Base) -> Snapshot:
    """Delete the row and what it owns; the collections that listed it are read again when next used."""
    snapshot = Snapshot()
    taken: list[Base] = []
    _collect(row, snapshot, taken)
    # Every collection that listed a row going (the item's blocks list a decision's place too).
    owners = [(owner, listed) for gone in taken for owner, listed in _owners(gone)
              if not any(owner is other for other in taken)]
    ids = {cls: [values["id"] for c, values in snapshot.rows if c is cls] for cls, _ in snapshot.rows}
    item_ids = ids.get(AgendaItem, [])
    attendance_ids = ids.get(Attendance, [])
    links = session.execute(
        select(attendance_item).where(
            attendance_item.c.agenda_item_id.in_(item_ids) | attendance_item.c.attendance_id.in_(attendance_ids)
        )
    )
    snapshot.attended = [dict(r._mapping) for r in links]
    rows = session.execute(select(Action.id, Action.agenda_item_id).where(Action.agenda_item_id.in_(item_ids)))
    # Only actions with an item were selected (in_ on the item ids).
    snapshot.action_items = [(action_id, item_id) for action_id, item_id in rows if item_id is not None]
    # What it owned went with it, and actions raised under a removed item lose their item.
    kinds = {cls.__tablename__ for cls, _values in snapshot.rows} | ({"action"} if snapshot.action_items else set())
    snapshot.changes = replace(_made_or_removed(row), kinds=frozenset(kinds))
    meeting_ids = ids.get(Meeting, [])
    counters = session.execute(select(ReferenceCounter).where(ReferenceCounter.meeting_id.in_(meeting_ids)))
    snapshot.counters = [_columns(c) for c in counters.scalars()]
    session.delete(row)
    session.flush()
    for owner, collection in owners:
        session.expire(owner, [collection])
    return snapshot


def restore(session: Session, snapshot: Snapshot) -> None:
    for cls, values in snapshot.rows:
        session.add(cls(**values))
        session.flush()
    for values in snapshot.counters:
        session.merge(ReferenceCounter(**values))
    if snapshot.attended:
        session.execute(insert(attendance_item), snapshot.attended)
    for action_id, item_id in snapshot.action_items:
        session.execute(update(Action).where(Action.id == action_id).values(agenda_item_id=item_id))
    session.flush()
    session.expire_all()


def put_back(session: Session, snapshot: Snapshot) -> Changes:
    """Undo of a removal (or redo of a creation): the row comes back where it was, with its ids."""
    if snapshot.put_back is not None:
        snapshot.put_back(session, snapshot)
    else:
        restore(session, snapshot)
    return snapshot.changes
