"""The navigator's picture: committees (parents first), each with its meetings, newest first.

`navigator(session)` reads it through the ORM. `glance(path)` reads the same
picture straight from an SQLite file with the standard library, so the window
can fill its navigator while SQLAlchemy is still loading and the store opening;
the ORM read replaces it as soon as the store is open. A test keeps the two equal.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from secdesk.store.migrations import SCHEMA_HEAD
from secdesk.store.sqlite import SQLITE_HEADER
from secdesk.vocabulary import MeetingStatus, file_code, meeting_identifier

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from secdesk.model import Committee


@dataclass(frozen=True)
class MeetingNode:
    id: int
    identifier: str
    number: int
    date: date
    status: str
    status_label: str
    locked: bool


@dataclass(frozen=True)
class CommitteeNode:
    id: int
    code: str
    name: str
    meetings: tuple[MeetingNode, ...]


def _meeting_node(file_code: str, row_id: int, number: int, day: date, status: str, locked: bool) -> MeetingNode:
    return MeetingNode(
        id=row_id,
        identifier=meeting_identifier(file_code, number, day),
        number=number,
        date=day,
        status=status,
        status_label=MeetingStatus(status).label,
        locked=bool(locked),
    )


def _committee_node(row_id: int, code: str, name: str, meetings: list[MeetingNode]) -> CommitteeNode:
    newest_first = sorted(meetings, key=lambda m: (m.date, m.number), reverse=True)
    return CommitteeNode(id=row_id, code=code, name=name, meetings=tuple(newest_first))


def _parents_first(committees: list[tuple[bool, str, CommitteeNode]]) -> list[CommitteeNode]:
    return [node for _is_child, _code, node in sorted(committees, key=lambda c: (c[0], c[1]))]


def navigator(session: Session) -> list[CommitteeNode]:
    """Committees (parents before their sub-committees) with their meetings, newest first."""
    from sqlalchemy import select
    from sqlalchemy.orm import selectinload

    from secdesk.model import Committee

    rows: list[Committee] = list(session.scalars(select(Committee).options(selectinload(Committee.meetings))))
    return _parents_first([
        (
            c.parent_id is not None,
            c.code,
            _committee_node(c.id, c.code, c.name, [
                _meeting_node(c.file_code, m.id, m.number, m.date, m.status.value, m.locked) for m in c.meetings
            ]),
        )
        for c in rows
    ])


def glance(path: Path) -> list[CommitteeNode] | None:
    """The navigator read with sqlite3 alone, or None when only the full open can tell.

    None for a new, foreign, unreadable or not-yet-migrated file: the store's
    open, which follows, migrates it or names what is wrong. The file is opened
    read-only and nothing is written to it.
    """
    try:
        with path.open("rb") as handle:
            if handle.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
                return None
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=1.0)
        try:
            revision = connection.execute("SELECT version_num FROM alembic_version").fetchone()
            if revision is None or revision[0] != SCHEMA_HEAD:
                return None
            committees = connection.execute("SELECT id, code, name, parent_id FROM committee").fetchall()
            meetings = connection.execute(
                "SELECT committee_id, id, number, date, status, locked FROM meeting"
            ).fetchall()
        finally:
            connection.close()
        by_committee: dict[int, list[tuple[int, int, date, str, bool]]] = {}
        for committee_id, row_id, number, day, status, locked in meetings:
            by_committee.setdefault(committee_id, []).append((row_id, number, date.fromisoformat(day), status, locked))
        return _parents_first([
            (
                parent_id is not None,
                code,
                _committee_node(row_id, code, name, [
                    _meeting_node(file_code(code), *meeting) for meeting in by_committee.get(row_id, [])
                ]),
            )
            for row_id, code, name, parent_id in committees
        ])
    except (OSError, sqlite3.Error, ValueError, TypeError):
        return None  # anything odd: wait for the full open, which explains it
