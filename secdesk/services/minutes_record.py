"""Final minutes as a frozen record: kept as agreed, in versions, and read back for every export.

When minutes become final (`meetings.agree_final`, `approve_ex_committee`), the minutes
document is built at every level and kept (`freeze`). While the meeting stays final and
locked, its exports are that record (`kept_document`), so finalising a later meeting, a
renamed committee or a changed action no longer rewrites minutes that were agreed.
Reopening keeps the record; agreeing again adds the next version, and the audit trail
names the version, its hash and which blocks changed (positions, never text).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from secdesk.documents import record
from secdesk.documents.model import Document
from secdesk.errors import NotFoundError, SecDeskError
from secdesk.model import AuditRecord, Classification, Meeting, MeetingStatus, MinutesRecord
from secdesk.model.base import new_uuid
from secdesk.security.fields import KEYS_INFO, is_locked
from secdesk.security.keys import KeyRing, KeyUnavailableError
from secdesk.store.guards import current_user

# Every level the exports offer (the command line's --classification, the window's list).
LEVELS: tuple[Classification, ...] = tuple(Classification)
AGREED = "agree"  # the audit operation that records a new version


class RecordDamagedError(SecDeskError):
    pass


@dataclass(frozen=True)
class RecordVersion:
    version: int
    level: Classification
    sealed: bool  # holds confidential text (encrypted at rest)
    sha256: str
    agreed_at: datetime


def _not_final(meeting: Meeting, level: Classification) -> str:
    return (
        f"The minutes of {meeting.identifier} were not made final: their {level.label} record would keep "
        "confidential text that is locked on this computer (its key is not here). Nothing was changed. "
        "Unlock it first by importing the database's recovery file (secdesk key import FILE)."
    )


def _check_key(session: Session, meeting: Meeting, level: Classification) -> None:
    """Refuse before anything changes when a confidential record could not be sealed here."""
    keys: KeyRing | None = session.info.get(KEYS_INFO)
    if keys is None or keys.cipher() is not None:
        return
    if keys.database_key_id() is not None:  # with none yet, the first record makes it, as any first Amber text
        raise KeyUnavailableError(_not_final(meeting, level))


def _latest(session: Session, meeting: Meeting) -> dict[Classification, MinutesRecord]:
    newest: dict[Classification, MinutesRecord] = {}
    rows = session.scalars(
        select(MinutesRecord).where(MinutesRecord.meeting_id == meeting.id).order_by(MinutesRecord.version)
    )
    for row in rows:
        newest[row.level] = row
    return newest


def prepare(session: Session, meeting: Meeting) -> dict[Classification, Document]:
    """The documents to keep, built as the meeting stands now (already marked final); changes nothing.

    Raises KeyUnavailableError when a level's record cannot be built or sealed here.
    """
    from secdesk.documents.minutes import build_minutes  # minutes reads records: imported when used

    agreed = datetime.now(UTC).replace(microsecond=0)  # the writers stamp whole seconds
    documents: dict[Classification, Document] = {}
    # No flush while building: what the caller is finalising is not written until it is kept.
    with session.no_autoflush:
        for level in LEVELS:
            try:
                built = build_minutes(session, meeting, level)
            except KeyUnavailableError as error:
                raise KeyUnavailableError(_not_final(meeting, level)) from error
            documents[level] = replace(built, issued=agreed)
        white = documents[Classification.WHITE].blocks
        for level, document in documents.items():
            if document.blocks != white:
                _check_key(session, meeting, level)
                break
    return documents


def keep(session: Session, meeting: Meeting, documents: dict[Classification, Document]) -> int:
    """Store `documents` (from `prepare`) as the next version of the meeting's record; returns it."""
    latest = _latest(session, meeting)
    highest = session.scalar(select(func.max(MinutesRecord.version)).where(MinutesRecord.meeting_id == meeting.id))
    version = (highest or 0) + 1
    white = documents[Classification.WHITE].blocks
    user = session.info.get("user") or current_user()
    for level, document in documents.items():
        assert document.issued is not None
        text = record.dumps(document)
        row = MinutesRecord(
            uuid=new_uuid(),
            meeting=meeting,
            version=version,
            level=level,
            # Sealed exactly when it says more than the White record does.
            classification=level if document.blocks != white else Classification.WHITE,
            content=text,
            sha256=record.digest(text),
            agreed_at=document.issued,
        )
        session.add(row)
        details: dict[str, Any] = {"version": version, "level": level.value, "sha256": row.sha256}
        before = latest.get(level)
        if before is not None:
            details["previous"] = {"version": before.version, "sha256": before.sha256}
            details["changes"] = _changes(before, document)
        session.add(
            AuditRecord(
                user=user,
                operation=AGREED,
                table_name=MinutesRecord.__tablename__,
                row_uuid=row.uuid,
                meeting_id=meeting.id,
                details=json.dumps(details, sort_keys=True),
            )
        )
    session.flush()
    return version


def _changes(before: MinutesRecord, after: Document) -> dict[str, Any] | str:
    """Positions and counts of the blocks that changed since `before`; never their text."""
    try:
        return record.block_changes(_document(before), after)
    except SecDeskError:
        return "not compared: the previous version cannot be read here"


def freeze(session: Session, meeting: Meeting) -> int:
    """Keep the meeting's minutes (final by now) as its next version at every level."""
    return keep(session, meeting, prepare(session, meeting))


def _document(row: MinutesRecord) -> Document:
    if is_locked(row):
        meeting = row.meeting
        raise KeyUnavailableError(
            f"The {row.level.label} minutes of {meeting.identifier} includes confidential text that is locked on "
            "this computer (its key is not here), so it was not written. Export it at White, or unlock it first "
            "by importing the database's recovery file (secdesk key import FILE)."
        )
    if record.digest(row.content) != row.sha256:
        raise RecordDamagedError(
            f"Version {row.version} of the {row.level.label} minutes of {row.meeting.identifier} does not match "
            "the hash it was agreed with: the database was changed outside SecDesk. Restore the newest good backup."
        )
    return record.loads(row.content)


def kept_document(session: Session, meeting: Meeting, level: Classification) -> Document | None:
    """The agreed minutes at `level` while the meeting is final and locked; None otherwise.

    None too for minutes made final before records were kept: they are built as before.
    """
    if not meeting.locked or meeting.status is not MeetingStatus.FINAL or meeting.id is None:
        return None
    row = session.scalar(
        select(MinutesRecord)
        .where(MinutesRecord.meeting_id == meeting.id, MinutesRecord.level == level)
        .order_by(MinutesRecord.version.desc())
        .limit(1)
    )
    return None if row is None else _document(row)


def versions(session: Session, meeting: Meeting) -> list[RecordVersion]:
    rows = session.scalars(
        select(MinutesRecord)
        .where(MinutesRecord.meeting_id == meeting.id)
        .order_by(MinutesRecord.version, MinutesRecord.level)
    )
    found = [
        RecordVersion(r.version, r.level, r.classification is not Classification.WHITE, r.sha256,
                      r.agreed_at.replace(tzinfo=UTC) if r.agreed_at.tzinfo is None else r.agreed_at)
        for r in rows
    ]
    return sorted(found, key=lambda v: (v.version, v.level.rank))


def document_at(session: Session, meeting: Meeting, version: int, level: Classification) -> Document:
    row = session.scalar(
        select(MinutesRecord).where(
            MinutesRecord.meeting_id == meeting.id, MinutesRecord.version == version, MinutesRecord.level == level
        )
    )
    if row is None:
        raise NotFoundError(f"{meeting.identifier} has no version {version} of its {level.label} minutes.")
    return _document(row)


def diff(session: Session, meeting: Meeting, before: int, after: int, level: Classification) -> str:
    """What changed in the agreed minutes at `level` from version `before` to `after`, as a unified diff."""
    old = document_at(session, meeting, before, level)
    new = document_at(session, meeting, after, level)
    name = f"{meeting.identifier} {level.label} minutes"
    return record.text_diff(old, new, f"{name}, version {before}", f"{name}, version {after}")
