"""Transparent encryption of confidential fields through ORM events.

Above White, the listed text fields are written to the database encrypted and
read back as plaintext when this computer holds the key; without the key they
read as LOCKED_TEXT and cannot be changed. Services, documents and the window
see ordinary strings.
"""

from __future__ import annotations

import json
import weakref
from collections.abc import Iterable
from typing import Any

from sqlalchemy import event, inspect, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified, set_committed_value

from secdesk.model import (
    Action,
    ActionUpdate,
    AgendaItem,
    AuditRecord,
    Classification,
    Decision,
    Paper,
    PaperFile,
    PlannedItem,
    Risk,
    RiskMitigation,
    RiskSnapshot,
)
from secdesk.security.cipher import DecryptionFailed, is_encrypted
from secdesk.security.keys import KeyRing, KeyUnavailableError

ENCRYPTED_FIELDS: dict[type, tuple[str, ...]] = {
    AgendaItem: ("title", "minutes", "post_meeting_note"),
    Decision: ("text",),
    Action: ("text", "owner"),
    ActionUpdate: ("text",),
    Paper: ("title",),
    PaperFile: ("label", "filename"),
    Risk: ("description", "owner"),
    RiskMitigation: ("text",),
    RiskSnapshot: ("description", "owner", "mitigations"),
    PlannedItem: ("title", "owner"),
}
LOCKED_TEXT = "[Confidential - locked on this computer]"
KEYS_INFO = "secdesk_keys"
_PENDING_INFO = "secdesk_plaintext"

_locked: weakref.WeakSet[Any] = weakref.WeakSet()


def is_locked(obj: Any) -> bool:
    """True when this row's confidential text could not be decrypted here."""
    return obj in _locked


def any_locked(objects: Iterable[Any]) -> bool:
    return any(o in _locked for o in objects)


def effective_level(obj: Any) -> Classification:
    """A row is as confidential as the most confidential of itself and what contains it."""
    chain: list[Any] = [obj]
    if isinstance(obj, ActionUpdate):
        chain.append(obj.action)
    if isinstance(obj, PaperFile):
        chain.append(obj.paper)
    if isinstance(obj, RiskMitigation):
        chain.append(obj.risk)
    for link in list(chain):
        if isinstance(link, (Decision, Paper, Action)) and link.item is not None:
            chain.append(link.item)
        if isinstance(link, PaperFile) and link.paper is not None and link.paper.item is not None:
            chain.append(link.paper.item)
        if isinstance(link, ActionUpdate) and link.action is not None and link.action.item is not None:
            chain.append(link.action.item)
    levels = [c.classification for c in chain if c is not None and getattr(c, "classification", None)]
    return max(levels, key=lambda level: level.rank, default=Classification.WHITE)


def _where(obj: Any, field: str) -> str:
    return f"{obj.__tablename__}.{field}.{obj.uuid}"


def install(session_factory: Any) -> None:
    event.listen(session_factory, "before_flush", _before_flush)
    event.listen(session_factory, "after_flush_postexec", _after_flush)


def _decrypt_loaded(target: Any, context: Any, attrs: Iterable[str] | None = None) -> None:
    fields = ENCRYPTED_FIELDS.get(type(target))
    if not fields:
        return
    session = getattr(context, "session", None)
    keys: KeyRing | None = session.info.get(KEYS_INFO) if session is not None else None
    state = inspect(target)
    for field in fields:
        if attrs is not None and field not in attrs:
            continue
        value = state.dict.get(field)
        if not is_encrypted(value):
            continue
        cipher = keys.cipher() if keys is not None else None
        plain = None
        if cipher is not None:
            try:
                plain = cipher.decrypt(value, _where(target, field))
            except DecryptionFailed:
                plain = None
        if plain is None:
            _locked.add(target)
            plain = LOCKED_TEXT
        set_committed_value(target, field, plain)


for _cls in ENCRYPTED_FIELDS:
    event.listen(_cls, "load", _decrypt_loaded)
    event.listen(_cls, "refresh", _decrypt_loaded)


def _reclassified(obj: Any) -> bool:
    return inspect(obj).attrs.classification.history.has_changes() if hasattr(obj, "classification") else False


def _contained(obj: Any) -> list[Any]:
    """Rows whose effective level follows this one's."""
    inside: list[Any] = []
    if isinstance(obj, AgendaItem):
        inside += obj.decisions + obj.papers + obj.actions
    if isinstance(obj, Paper):
        inside += obj.files
    if isinstance(obj, Risk):
        inside += obj.mitigations
    for child in list(inside) + [obj]:
        if isinstance(child, Paper) and child is not obj:
            inside += child.files
        if isinstance(child, Action):
            inside += child.updates
    return inside


def _before_flush(session: Session, _context: Any, _instances: Any) -> None:
    keys: KeyRing | None = session.info.get(KEYS_INFO)
    if keys is None:
        return
    rewrite_all: set[Any] = set()
    changed: list[Any] = []
    for obj in list(session.new) + list(session.dirty):
        if type(obj) not in ENCRYPTED_FIELDS:
            continue
        if obj in session.new or _reclassified(obj):
            rewrite_all.add(obj)
            rewrite_all.update(_contained(obj))
        elif type(obj) in ENCRYPTED_FIELDS:
            changed.append(obj)
    pending = session.info.setdefault(_PENDING_INFO, [])
    _redact_history(session, [o for o in rewrite_all if o not in session.new and type(o) in ENCRYPTED_FIELDS])
    for obj in rewrite_all:
        if type(obj) in ENCRYPTED_FIELDS and obj not in session.deleted:
            _write_fields(session, keys, obj, ENCRYPTED_FIELDS[type(obj)], pending, force=obj not in session.new)
    for obj in changed:
        if obj in rewrite_all:
            continue
        state = inspect(obj)
        modified = tuple(f for f in ENCRYPTED_FIELDS[type(obj)] if state.attrs[f].history.has_changes())
        if is_locked(obj) and modified:
            raise KeyUnavailableError(_locked_message(obj))
        _write_fields(session, keys, obj, modified, pending, force=False)


def _redact_history(session: Session, rows: list[Any]) -> None:
    """Content that becomes confidential takes its earlier audited values with it."""
    uuids = [o.uuid for o in rows if effective_level(o) is not Classification.WHITE]
    if not uuids:
        return
    with session.no_autoflush:
        records = session.execute(
            select(AuditRecord.id, AuditRecord.details).where(AuditRecord.row_uuid.in_(uuids))
        ).all()
    for record_id, details in records:
        names = sorted(json.loads(details).keys() - {"fields"}) or json.loads(details).get("fields", [])
        # A Core UPDATE: the ORM keeps audit records append-only for everything else.
        session.execute(
            update(AuditRecord)
            .where(AuditRecord.id == record_id)
            .values(details=json.dumps({"fields": names, "redacted": "now confidential"}))
        )


def _write_fields(
    session: Session, keys: KeyRing, obj: Any, fields: tuple[str, ...], pending: list, force: bool
) -> None:
    if not fields:
        return
    if is_locked(obj):
        raise KeyUnavailableError(_locked_message(obj))
    level = effective_level(obj)
    for field in fields:
        value = getattr(obj, field)
        if value is None or value == "":
            continue
        if level is Classification.WHITE:
            if force:
                flag_modified(obj, field)  # the stored value may be ciphertext
            continue
        cipher = keys.cipher_for_writing()
        _record_key(session, keys)
        setattr(obj, field, cipher.encrypt(value, _where(obj, field)))
        pending.append((obj, field, value))


def _record_key(session: Session, keys: KeyRing) -> None:
    from secdesk.model import DatabaseSetting
    from secdesk.model.meta import KEY_ID

    cipher = keys.cipher()
    if cipher is None or session.info.get("secdesk_key_recorded"):
        return
    with session.no_autoflush:
        if session.get(DatabaseSetting, KEY_ID) is None:
            session.add(DatabaseSetting(name=KEY_ID, value=cipher.key_id))
    session.info["secdesk_key_recorded"] = True


def _after_flush(session: Session, _context: Any) -> None:
    # Keep plaintext in memory; the database holds the ciphertext.
    for obj, field, plain in session.info.pop(_PENDING_INFO, []):
        set_committed_value(obj, field, plain)


def _locked_message(obj: Any) -> str:
    return (
        f"This {obj.__tablename__.replace('_', ' ')} is confidential and locked on this computer, so it "
        "cannot be changed. Import the database's recovery file (secdesk key import FILE) to unlock it."
    )
