"""Declarative base: every row has an integer key, a stable UUID and timestamps."""

from __future__ import annotations

import enum
import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import DateTime, Enum, MetaData, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from secdesk.vocabulary import Classification

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC)


def new_uuid() -> str:
    return str(uuid.uuid4())


def enum_column(enum_cls: type[enum.Enum], length: int = 24) -> Enum:
    """Enums stored by value as plain strings, portable to PostgreSQL."""
    return Enum(
        enum_cls,
        native_enum=False,
        create_constraint=False,
        length=length,
        values_callable=lambda e: [m.value for m in e],
        validate_strings=True,
    )


# Every text column of a classified row is marked one way or the other, and a test holds
# the model to it: confidential text is encrypted above White (secdesk/security/fields.py);
# public text is what a White document may print about confidential content (a public
# title, a paper reference) or is not free text at all (a hash, a media type).
CONFIDENTIAL = "confidential"
PUBLIC = "public"


# A column the audit trail records by its length only: a whole document its row already
# hashes (a kept minutes record), which would otherwise be copied into every insert's record.
BY_LENGTH = "audited by length"


def confidential_text(*, audited_by_length: bool = False, **options: Any) -> Any:
    """A free-text column encrypted whenever its row's effective level is above White.

    Text, never String(n): a sealed value is longer than the text it holds.
    """
    info: dict[str, Any] = {CONFIDENTIAL: True}
    if audited_by_length:
        info[BY_LENGTH] = True
    return mapped_column(Text, info=info, **options)


def public_text(column_type: Any, why: str, **options: Any) -> Any:
    """A text column of a classified row that stays readable; `why` says why it may."""
    return mapped_column(column_type, info={PUBLIC: why}, **options)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Tracked:
    """Columns every synchronisable row carries."""

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(
        String(36), unique=True, default=new_uuid, info={PUBLIC: "a random identifier"}
    )
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )


class Classified:
    """A row that can hold confidential text: its level is its own and its container's.

    `sealed_fields` names the fields whose stored value is ciphertext, so whether a value
    is encrypted is never guessed from its text.
    """

    sealed_fields: Mapped[str] = mapped_column(
        String(200), default="", server_default="", info={PUBLIC: "names of sealed fields"}
    )

    def container(self) -> Classified | None:
        """The row whose level this row inherits (an action's agenda item...), if any."""
        return None


def effective_level(row: Classified) -> Classification:
    """A row is as confidential as the most confidential of itself and what contains it.

    The one place this rule lives: documents, packages, packs, encryption, Find and the
    window's lists all ask it.
    """
    levels: list[Classification | None] = []
    link: Classified | None = row
    while link is not None:
        levels.append(getattr(link, "classification", None))
        link = link.container()
    return Classification.highest(*levels)


def visible_at(row: Classified, level: Classification) -> bool:
    """True when `row` may appear in a document, package or list at `level`."""
    return level.allows(effective_level(row))
