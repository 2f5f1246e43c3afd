"""Transparent encryption of confidential fields through ORM events.

Which fields are confidential comes from the model: every column declared with
`confidential_text()` (secdesk/model/base.py). Above White such a field is written to
the database encrypted, and its name goes into the row's `sealed_fields`; it is read
back as plaintext when this computer holds the key, and as LOCKED_TEXT (unchangeable)
when it does not. Whether a stored value is ciphertext is read from `sealed_fields`,
never guessed from the text. Services, documents and the window see ordinary strings.
"""

from __future__ import annotations

import json
import weakref
from typing import Any

from sqlalchemy import event, inspect, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified, set_committed_value

from secdesk.model import (
    Action,
    AgendaItem,
    AuditRecord,
    Base,
    Classification,
    Classified,
    Paper,
    Risk,
    effective_level,
    visible_at,
)
from secdesk.model.base import CONFIDENTIAL
from secdesk.security.cipher import DecryptionFailed, FieldCipher
from secdesk.security.keys import KeyRing, KeyUnavailableError

LOCKED_TEXT = "[Confidential - locked on this computer]"
KEYS_INFO = "secdesk_keys"
# Set by a migration that made more fields confidential: their existing values are sealed
# the first time the database is opened with its key (`seal_pending`).
SEAL_PENDING = "seal_pending"
_PENDING_INFO = "secdesk_plaintext"

_locked: weakref.WeakSet[Any] = weakref.WeakSet()


def _confidential_fields() -> dict[type, tuple[str, ...]]:
    found: dict[type, tuple[str, ...]] = {}
    for mapper in Base.registry.mappers:
        names = tuple(
            attr.key for attr in mapper.column_attrs if attr.columns[0].info.get(CONFIDENTIAL)
        )
        if names:
            found[mapper.class_] = names
    return found


# Derived from the model, so a new confidential column is encrypted (and covered by the
# attack suite, which walks this) without anyone remembering a list.
ENCRYPTED_FIELDS: dict[type, tuple[str, ...]] = _confidential_fields()


def sealed_names(row: Any) -> set[str]:
    return set(filter(None, (getattr(row, "sealed_fields", "") or "").split(",")))


def is_locked(obj: Any) -> bool:
    """True when this row's confidential text could not be decrypted here."""
    return obj in _locked


LOCKED_INFO = "secdesk.locked_rows"


def locked_rows(session: Session, level: Classification) -> list[Any]:
    """Rows this session loaded, visible at `level`, whose confidential text is locked here.

    Kept in the session's info (strong references): the identity map forgets rows a
    document has already turned into text.
    """
    return [o for o in session.info.get(LOCKED_INFO, {}).values() if visible_at(o, level)]


def _where(obj: Any, field: str) -> str:
    return f"{obj.__tablename__}.{field}.{obj.uuid}"


def install(session_factory: Any) -> None:
    event.listen(session_factory, "before_flush", _before_flush)
    event.listen(session_factory, "after_flush_postexec", _after_flush)


def decrypt_value(cipher: FieldCipher | None, token: str, where: str) -> str | None:
    """The plaintext of a sealed value, or None when this computer cannot read it."""
    if cipher is None:
        return None
    try:
        return cipher.decrypt(token, where)
    except (DecryptionFailed, ValueError):
        return None


def _decrypt_loaded(target: Any, context: Any, attrs: Any = None) -> None:
    fields = ENCRYPTED_FIELDS.get(type(target))
    state = inspect(target)
    sealed = set(filter(None, (state.dict.get("sealed_fields") or "").split(",")))
    if not fields or not sealed:
        return
    session = getattr(context, "session", None)
    keys: KeyRing | None = session.info.get(KEYS_INFO) if session is not None else None
    for field in fields:
        if field not in sealed or (attrs is not None and field not in attrs):
            continue
        value = state.dict.get(field)
        if not value:
            continue
        plain = decrypt_value(keys.cipher() if keys is not None else None, value, _where(target, field))
        if plain is None:
            _locked.add(target)
            if session is not None:
                session.info.setdefault(LOCKED_INFO, {})[id(target)] = target
            plain = LOCKED_TEXT
        set_committed_value(target, field, plain)


for _cls in ENCRYPTED_FIELDS:
    event.listen(_cls, "load", _decrypt_loaded)
    event.listen(_cls, "refresh", _decrypt_loaded)


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


def _moved(obj: Any) -> bool:
    """The row's level may have changed: its own classification or its container did."""
    state = inspect(obj)
    keys = ("classification", "agenda_item_id", "paper_id", "action_id", "risk_id")
    return any(state.attrs[key].history.has_changes() for key in keys if key in state.attrs)


def _before_flush(session: Session, _context: Any, _instances: Any) -> None:
    keys: KeyRing | None = session.info.get(KEYS_INFO)
    if keys is None:
        return
    rows: dict[int, Any] = {}
    for obj in list(session.new) + list(session.dirty):
        if type(obj) not in ENCRYPTED_FIELDS:
            continue
        rows[id(obj)] = obj
        if obj not in session.new and _moved(obj):
            with session.no_autoflush:
                rows.update((id(child), child) for child in _contained(obj))
    pending = session.info.setdefault(_PENDING_INFO, [])
    becoming_confidential = [
        o for o in rows.values()
        if o not in session.new and not sealed_names(o) and effective_level(o) is not Classification.WHITE
    ]
    _redact_history(session, becoming_confidential)
    made_confidential = {id(o) for o in becoming_confidential}
    for obj in rows.values():
        if obj not in session.deleted:
            _seal_row(session, keys, obj, pending, made_confidential=id(obj) in made_confidential)


def _seal_row(
    session: Session, keys: KeyRing, obj: Classified, pending: list[Any], *, made_confidential: bool = False
) -> None:
    """Bring the stored form of `obj` in line with its level: sealed above White, plain at White."""
    fields = ENCRYPTED_FIELDS[type(obj)]
    state = inspect(obj)
    new = obj in session.new
    sealed = sealed_names(obj)
    modified = {f for f in fields if new or state.attrs[f].history.has_changes()}
    if effective_level(obj) is Classification.WHITE:
        if sealed and is_locked(obj):
            raise KeyUnavailableError(_locked_message(obj))
        for field in sealed:
            flag_modified(obj, field)  # the stored value is ciphertext; memory holds the plaintext
        _set_sealed(obj, set())
        return
    if modified and is_locked(obj):
        raise KeyUnavailableError(_locked_message(obj))
    cipher: FieldCipher | None = None
    for field in fields:
        value = getattr(obj, field)
        if not value:
            sealed.discard(field)
            continue
        if field in sealed and field not in modified:
            continue
        # A field not sealed yet (made confidential by a newer version) waits for the key
        # unless it is being changed now, or the row was made confidential now (a White item
        # made Amber): then the database's first key is made, as for any confidential text.
        if field not in modified and not made_confidential and keys.cipher() is None:
            continue
        cipher = cipher or keys.cipher_for_writing()
        _record_key(session, cipher)
        setattr(obj, field, cipher.encrypt(value, _where(obj, field)))
        pending.append((obj, field, value))
        sealed.add(field)
    _set_sealed(obj, sealed)


def _set_sealed(obj: Any, names: set[str]) -> None:
    text = ",".join(sorted(names))
    if (obj.sealed_fields or "") != text:
        obj.sealed_fields = text


def _redact_history(session: Session, rows: list[Any]) -> None:
    """Content that becomes confidential takes its earlier audited values with it."""
    uuids = [o.uuid for o in rows]
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


def _record_key(session: Session, cipher: FieldCipher) -> None:
    from secdesk.model import DatabaseSetting
    from secdesk.model.meta import KEY_ID

    if session.info.get("secdesk_key_recorded"):
        return
    with session.no_autoflush:
        if session.get(DatabaseSetting, KEY_ID) is None:
            session.add(DatabaseSetting(name=KEY_ID, value=cipher.key_id))
    session.info["secdesk_key_recorded"] = True


def _after_flush(session: Session, _context: Any) -> None:
    # Keep plaintext in memory; the database holds the ciphertext.
    for obj, field, plain in session.info.pop(_PENDING_INFO, []):
        set_committed_value(obj, field, plain)


def seal_pending(session: Session) -> int:
    """Seal the fields a migration made confidential, now that the key is here.

    Returns how many rows were brought in line; the marker setting goes once all are.
    """
    from secdesk.model import DatabaseSetting

    marker = session.get(DatabaseSetting, SEAL_PENDING)
    keys: KeyRing | None = session.info.get(KEYS_INFO)
    if marker is None or keys is None or keys.cipher() is None:
        return 0
    waiting = 0
    tables = {where.split(".")[0] for where in marker.value.split(",")}
    row: Any  # a row of whichever confidential model
    for cls, fields in ENCRYPTED_FIELDS.items():
        if getattr(cls, "__tablename__", None) not in tables:
            continue
        for row in session.scalars(select(cls)):
            unsealed = {f for f in fields if getattr(row, f)} - sealed_names(row)
            if unsealed and effective_level(row) is not Classification.WHITE and not is_locked(row):
                flag_modified(row, "sealed_fields")  # the flush seals what is waiting
                waiting += 1
    session.delete(marker)
    return waiting


def _locked_message(obj: Any) -> str:
    return (
        f"This {obj.__tablename__.replace('_', ' ')} is confidential and locked on this computer, so it "
        "cannot be changed. Import the database's recovery file (secdesk key import FILE) to unlock it."
    )
