"""A document as kept: the neutral blocks as canonical JSON, its hash, and what changed between two.

The serialiser walks `dataclasses.fields`, so a block kind or a field added to
documents/model.py is kept without an edit here. Each dataclass is tagged with its class
name; reading back refuses a tag or a field this version does not know, rather than
guessing at a document that may have been written by a newer SecDesk.
"""

from __future__ import annotations

import base64
import dataclasses
import difflib
import enum
import hashlib
import json
from datetime import date, datetime
from typing import Any

from secdesk import vocabulary
from secdesk.documents import model
from secdesk.documents.model import Block, Document
from secdesk.errors import SecDeskError

# Keys no dataclass field can have ("$" starts no Python name).
TYPE = "$type"
BYTES = "$bytes"
SET = "$set"
MAP = "$map"
DATETIME = "$datetime"
DATE = "$date"
ENUM = "$enum"


class RecordFormatError(SecDeskError):
    """A kept document that this version of SecDesk cannot read (or write) faithfully."""


def kinds() -> dict[str, type[Any]]:
    """The dataclasses of documents/model.py by name, read from the module as it is now."""
    return {
        name: cls
        for name, cls in vars(model).items()
        if isinstance(cls, type) and dataclasses.is_dataclass(cls) and cls.__module__ == model.__name__
    }



def _enums() -> dict[str, type[enum.Enum]]:
    """Enums a document may hold: the vocabulary's and any the document model defines."""
    found: dict[str, type[enum.Enum]] = {}
    for module in (vocabulary, model):
        for name, cls in vars(module).items():
            if isinstance(cls, type) and issubclass(cls, enum.Enum) and cls.__module__ == module.__name__:
                found[name] = cls
    return found


def _encode(value: Any, known: dict[str, type[Any]]) -> Any:
    if isinstance(value, enum.Enum):  # before str and int: a StrEnum is a str
        name = type(value).__name__
        if _enums().get(name) is not type(value):
            raise RecordFormatError(f"A document cannot be kept with a {name}: it is not a SecDesk vocabulary.")
        return {ENUM: [name, value.value]}
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        return value  # json.dumps(allow_nan=False) refuses what JSON cannot hold
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        name = type(value).__name__
        if known.get(name) is not type(value):
            raise RecordFormatError(f"A document cannot be kept with a {name}: it is not a documents.model kind.")
        encoded: dict[str, Any] = {TYPE: name}
        for field in dataclasses.fields(value):
            encoded[field.name] = _encode(getattr(value, field.name), known)
        return encoded
    if isinstance(value, (tuple, list)):
        return [_encode(v, known) for v in value]
    if isinstance(value, (set, frozenset)):
        items = [_encode(v, known) for v in value]
        return {SET: sorted(items, key=lambda v: json.dumps(v, sort_keys=True))}  # sets have no order
    if isinstance(value, dict):
        pairs = [[_encode(k, known), _encode(v, known)] for k, v in value.items()]
        return {MAP: sorted(pairs, key=lambda p: json.dumps(p[0], sort_keys=True))}
    if isinstance(value, bytes):
        return {BYTES: base64.b64encode(value).decode("ascii")}
    if isinstance(value, datetime):  # before date: a datetime is a date
        return {DATETIME: value.isoformat()}
    if isinstance(value, date):
        return {DATE: value.isoformat()}
    raise RecordFormatError(f"A document cannot be kept with a value of type {type(value).__name__}.")


def _decode(value: Any, known: dict[str, type[Any]]) -> Any:
    if isinstance(value, list):
        return tuple(_decode(v, known) for v in value)  # the model's sequences are tuples (frozen, hashable)
    if not isinstance(value, dict):
        return value
    if TYPE in value:
        name = value[TYPE]
        cls = known.get(name)
        if cls is None:
            raise RecordFormatError(
                f"The kept document holds a block or part of kind {name!r}, which this version of SecDesk "
                "does not know (was it written by a newer version?)."
            )
        names = {f.name for f in dataclasses.fields(cls)}
        unknown = sorted(set(value) - names - {TYPE})
        if unknown:
            raise RecordFormatError(
                f"The kept document's {name} has fields this version of SecDesk does not know: {', '.join(unknown)}."
            )
        try:
            return cls(**{k: _decode(v, known) for k, v in value.items() if k != TYPE})
        except TypeError as error:
            raise RecordFormatError(f"The kept document's {name} cannot be read: {error}.") from None
    if len(value) == 1:
        ((tag, inner),) = value.items()
        try:
            if tag == SET:
                return frozenset(_decode(v, known) for v in inner)
            if tag == MAP:
                return {_decode(k, known): _decode(v, known) for k, v in inner}
            if tag == BYTES:
                return base64.b64decode(inner, validate=True)
            if tag == DATETIME:
                return datetime.fromisoformat(inner)
            if tag == DATE:
                return date.fromisoformat(inner)
            if tag == ENUM:
                name, member = inner
                cls = _enums().get(name)
                if cls is None:
                    raise RecordFormatError(f"The kept document holds a {name}, which this version of SecDesk "
                                            "does not know.")
                return cls(member)
        except (TypeError, ValueError) as error:
            raise RecordFormatError(f"The kept document holds a {tag} value that cannot be read: {error}.") from None
    raise RecordFormatError(f"The kept document holds an object SecDesk did not write: keys {sorted(value)}.")


def dumps(document: Document) -> str:
    """Canonical JSON: the same document always gives the same text (and so the same hash)."""
    try:
        return json.dumps(_encode(document, kinds()), ensure_ascii=False, sort_keys=True, separators=(",", ":"),
                          allow_nan=False)
    except ValueError as error:  # NaN or infinity
        raise RecordFormatError(f"A document cannot be kept: {error}.") from None


def loads(text: str) -> Document:
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as error:
        raise RecordFormatError(f"The kept document is not valid JSON ({str(error)[:80]}).") from None
    document = _decode(data, kinds())
    if not isinstance(document, Document):
        raise RecordFormatError("The kept record does not hold a document.")
    return document


def digest(text: str) -> str:
    """SHA-256 (hex) of the kept JSON."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _block_key(block: Block, known: dict[str, type[Any]]) -> str:
    return json.dumps(_encode(block, known), ensure_ascii=False, sort_keys=True)


def block_changes(before: Document, after: Document) -> dict[str, Any]:
    """Which blocks changed from `before` to `after`, by position and count only: never their text.

    `changed` and `added` are positions in `after`, `removed` positions in `before`;
    `fields` names the document's other fields that differ (title, issued...).
    """
    known = kinds()
    old = [_block_key(b, known) for b in before.blocks]
    new = [_block_key(b, known) for b in after.blocks]
    changed: list[int] = []
    added: list[int] = []
    removed: list[int] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        # A run of blocks replaced by another: pairs are changes, the longer run's rest added or removed.
        paired = min(i2 - i1, j2 - j1)
        changed += range(j1, j1 + paired)
        added += range(j1 + paired, j2)
        removed += range(i1 + paired, i2)
    fields = sorted(
        f.name for f in dataclasses.fields(Document)
        if f.name != "blocks" and getattr(before, f.name) != getattr(after, f.name)
    )
    return {
        "blocks": [len(old), len(new)],
        "changed": changed,
        "added": added,
        "removed": removed,
        "fields": fields,
    }


def _lines(document: Document) -> list[str]:
    """The document as lines of text: its properties, then each block under its kind."""
    header = len(dataclasses.replace(document, blocks=()).text().split("\n"))
    lines = [f"{f.name}: {getattr(document, f.name)}" for f in dataclasses.fields(Document)
             if f.name not in ("blocks", "marking")]
    lines.append(f"marking: {document.marking.text}")
    for index, block in enumerate(document.blocks):
        lines.append(f"[{index + 1}] {type(block).__name__}")
        lines += ["    " + line for line in dataclasses.replace(document, blocks=(block,)).text().split("\n")[header:]]
    return lines


def text_diff(before: Document, after: Document, before_name: str, after_name: str) -> str:
    """A unified diff of what the two documents say; empty when they say the same."""
    return "\n".join(
        difflib.unified_diff(_lines(before), _lines(after), before_name, after_name, lineterm="")
    )
