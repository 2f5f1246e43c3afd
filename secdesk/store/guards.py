"""Session hooks that hold for every write: the audit trail and the final-minutes lock.

They live on the session, not in the window or the command line, so no caller
can forget them.
"""

from __future__ import annotations

import enum
import getpass
import json
from datetime import date, datetime, time
from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.orm import MANYTOONE, Session

from secdesk.errors import MinutesLockedError, SecDeskError
from secdesk.model import (
    Action,
    AuditRecord,
    Classification,
    DatabaseSetting,
    Meeting,
    ReferenceCounter,
)
from secdesk.model.action import MINUTED_ACTION_FIELDS
from secdesk.model.base import BY_LENGTH, new_uuid

# Meeting fields that the minutes lifecycle itself changes on a locked meeting.
LIFECYCLE_FIELDS = {
    "locked", "status", "approved_at_meeting_id", "approved_ex_committee", "approved_ex_committee_on", "updated_at",
}
UNAUDITED = (AuditRecord, ReferenceCounter, DatabaseSetting)


class AuditTrailError(SecDeskError):
    pass


def current_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name (some containers): still record something
        return "unknown"


def install(session_factory: Any) -> None:
    event.listen(session_factory, "before_flush", _before_flush)


def _plain(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (date, datetime, time)):
        return value.isoformat()
    return value


LONG_TEXT = 200


def _edit(old: str, new: str) -> dict[str, Any]:
    """A long text's change as the span that differs: autosave while typing stays small."""
    start = 0
    limit = min(len(old), len(new))
    while start < limit and old[start] == new[start]:
        start += 1
    end = 0
    while end < limit - start and old[-1 - end] == new[-1 - end]:
        end += 1
    return {"at": start, "was": old[start:len(old) - end], "now": new[start:len(new) - end]}


def _changes(obj: Any) -> dict[str, Any]:
    state = inspect(obj)
    changed: dict[str, Any] = {}
    for attr in state.mapper.column_attrs:
        history = state.attrs[attr.key].history
        if history.has_changes() and attr.key != "updated_at":
            old = _plain(history.deleted[0] if history.deleted else None)
            new = _plain(history.added[0] if history.added else None)
            if isinstance(old, str) and isinstance(new, str) and max(len(old), len(new)) > LONG_TEXT:
                changed[attr.key] = _edit(old, new)
            else:
                changed[attr.key] = [old, new]
    return changed


def _inserted(obj: Any, attr: Any) -> Any:
    value = _plain(getattr(obj, attr.key))
    if isinstance(value, str) and attr.columns[0].info.get(BY_LENGTH):
        return {"characters": len(value)}
    return value


def _is_confidential(obj: Any) -> bool:
    """Confidential now, or until this change (a downgrade keeps its old text out too)."""
    from secdesk.model import effective_level
    from secdesk.security.fields import ENCRYPTED_FIELDS

    if type(obj) not in ENCRYPTED_FIELDS:
        return False
    before = inspect(obj).attrs.classification.history.deleted if hasattr(obj, "classification") else ()
    was_above_white = any(level is not Classification.WHITE for level in before if level is not None)
    return was_above_white or effective_level(obj) is not Classification.WHITE


def _locking_meeting(session: Session, obj: Any) -> Meeting | None:
    finder = getattr(obj, "meeting_for_lock", None)
    if finder is None:
        return None
    try:
        meeting = finder()
    except AttributeError:  # a parent relationship not set yet on a new row
        meeting = None
    if meeting is None:
        meeting_id = getattr(obj, "meeting_id", None)
        meeting = session.get(Meeting, meeting_id) if meeting_id else None
    return meeting


def _check_lock(session: Session, obj: Any, changes: dict[str, list[Any]] | None) -> None:
    meeting = _locking_meeting(session, obj)
    if meeting is None or not meeting.locked:
        return
    if isinstance(obj, Meeting) and changes is not None and set(changes) <= LIFECYCLE_FIELDS:
        return
    minuted = set(changes or ()) & set(MINUTED_ACTION_FIELDS)
    if isinstance(obj, Action) and obj.due_meeting and minuted == {"due_date"}:
        return  # the date of the meeting it is due at, now scheduled: not a change to what was minuted
    if isinstance(obj, Action) and changes is not None and not minuted:
        return  # status and closure move on at later meetings
    if isinstance(obj, Meeting) and "locked" in (changes or {}):
        return
    raise MinutesLockedError(
        f"The minutes of {meeting.identifier} are final and locked. "
        "Reopen them first (secdesk reopen) if they really must change."
    )


def _audit(
    session: Session, obj: Any, operation: str, details: dict[str, Any], user: str, within: Any = None
) -> None:
    """`within`: the row an orphan was removed from, whose meeting it belonged to."""
    meeting = _locking_meeting(session, obj) or (_locking_meeting(session, within) if within is not None else None)
    if _is_confidential(obj):
        # Only the fact of a change is kept for confidential content.
        details = {"fields": sorted(details)}
    session.add(
        AuditRecord(
            user=user,
            operation=operation,
            table_name=obj.__tablename__,
            row_uuid=getattr(obj, "uuid", None),
            meeting_id=meeting.id if meeting is not None else None,
            details=json.dumps(details, default=str, sort_keys=True),
        )
    )


def _before_flush(session: Session, _context: Any, _instances: Any) -> None:
    user = session.info.get("user") or current_user()
    for record in list(session.dirty) + list(session.deleted):
        if isinstance(record, AuditRecord):
            raise AuditTrailError("The audit trail is append-only: its records cannot be changed or deleted.")
    for obj in list(session.new):
        if isinstance(obj, UNAUDITED):
            continue
        if hasattr(obj, "uuid") and obj.uuid is None:
            obj.uuid = new_uuid()
        _check_lock(session, obj, None)
        values = {a.key: _inserted(obj, a) for a in inspect(obj).mapper.column_attrs}
        values = {**values, **_parent_keys(obj)}  # the keys the flush fills in from what it was added to
        values = {k: v for k, v in values.items() if v is not None and k not in ("id", "uuid")}
        _audit(session, obj, "insert", values, user)
    for obj in list(session.dirty):
        if isinstance(obj, UNAUDITED) or not session.is_modified(obj, include_collections=False):
            continue
        changes = _changes(obj)
        if not changes:
            continue
        _check_lock(session, obj, changes)
        operation = "update"
        if isinstance(obj, Meeting) and changes.get("locked") == [True, False]:
            operation = "reopen"
        _audit(session, obj, operation, changes, user)
    for obj in list(session.deleted):
        if isinstance(obj, UNAUDITED):
            continue
        _check_lock(session, obj, None)
        _audit(session, obj, "delete", {}, user)
    for orphan, parent in _orphans(session):
        # An orphan may no longer know its meeting; then its parent's meeting is the one edited.
        _check_lock(session, orphan if _locking_meeting(session, orphan) else parent, None)
        _audit(session, orphan, "delete", {}, user, within=parent)


def _parent_keys(obj: Any) -> dict[str, Any]:
    """The keys of the rows a new row was added to (a block to its item), which the flush fills in
    only after this hook: the trail then says what the row belongs to."""
    state = inspect(obj)
    keys: dict[str, Any] = {}
    for relationship in state.mapper.relationships:
        if relationship.direction is not MANYTOONE:
            continue
        parent = state.dict.get(relationship.key)  # what was set, never a load
        if parent is None:
            continue
        parent_state = inspect(parent)
        primary = list(parent_state.mapper.primary_key)
        for local, remote in relationship.local_remote_pairs:
            value = parent_state.dict.get(remote.key)
            if value is None and parent_state.identity is not None and remote in primary:
                value = parent_state.identity[primary.index(remote)]  # expired since its commit
            if value is not None and getattr(obj, local.key, None) is None:
                keys[local.key] = value
    return keys


def _orphans(session: Session) -> list[tuple[Any, Any]]:
    """(row, parent) for rows removed from a delete-orphan collection: the flush deletes them."""
    found: list[tuple[Any, Any]] = []
    for parent in list(session.dirty):
        state = inspect(parent)
        for relationship in state.mapper.relationships:
            if not relationship.cascade.delete_orphan:
                continue
            for removed in state.attrs[relationship.key].history.deleted:
                if removed is not None and removed not in session.deleted and inspect(removed).persistent:
                    found.append((removed, parent))
    return found
