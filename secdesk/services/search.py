"""Search: the one way words are matched, for Find, the action log filter and `secdesk find`.

Every word must appear, each in any of the fields searched; case is ignored and what
is typed is literal (`_` and `%` too). A word matches any part of a field, as a
filter typed letter by letter expects.

Plaintext is matched by the database: on SQLite through the FTS5 tables of
migration 0006 (trigram tokens, so any part of a word of three characters or
more; shorter words with LIKE), elsewhere with an escaped LIKE. A field named in
its row's `sealed_fields` holds ciphertext, which the database cannot match and
the FTS tables hold as '': those rows are matched here, in memory, on the text
decrypted while the key is on this computer (`ConfidentialIndex`). Nothing
decrypted is written anywhere.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Engine,
    Select,
    String,
    and_,
    column,
    false,
    literal,
    or_,
    select,
    table,
    type_coerce,
)
from sqlalchemy.orm import Session

from secdesk.model import Base
from secdesk.security.fields import KEYS_INFO, LOCKED_TEXT, decrypt_value


@dataclass(frozen=True)
class Source:
    """A searched table: its columns that are always plaintext, and those that may be sealed."""

    table: str
    public: tuple[str, ...]
    sealable: tuple[str, ...]

    @property
    def columns(self) -> tuple[str, ...]:
        return self.public + self.sealable

    @property
    def full_text(self) -> str:
        return f"search_{self.table}"  # the FTS5 table of migration 0006


# What Find and the log search; migrations 0006 and 0011 index the same columns.
SOURCES = {
    source.table: source
    for source in (
        Source("action", ("reference",), ("owner", "text")),
        Source("action_update", (), ("text",)),
        Source("agenda_item", ("public_title",), ("title", "minutes", "post_meeting_note")),
        Source("decision", ("verb",), ("text",)),
        Source("minute_block", (), ("content",)),
        Source("paper", ("reference",), ("title",)),
        Source("person", ("name",), ()),
    )
}
CONFIDENTIAL_TABLES = tuple(name for name, source in SOURCES.items() if source.sealable)
TRIGRAM = 3  # the shortest word the trigram index can find


def words(text: str) -> list[str]:
    return [w.lower() for w in text.split()]


def holds(wanted: Sequence[str], texts: Iterable[str | None]) -> bool:
    """Every word in one of the texts (the words lowercased, as `words` gives them)."""
    lowered = [t.lower() for t in texts if t]
    return all(any(word in text for text in lowered) for word in wanted)


_FULL_TEXT: weakref.WeakKeyDictionary[Engine, bool] = weakref.WeakKeyDictionary()


def has_full_text(session: Session) -> bool:
    """The database has the FTS5 tables (SQLite at migration 0006 or later); asked once per engine."""
    engine = session.get_bind()
    if not isinstance(engine, Engine):
        engine = engine.engine
    known = _FULL_TEXT.get(engine)
    if known is None:
        known = engine.dialect.name == "sqlite" and session.execute(
            select(literal(1)).select_from(table("sqlite_master", column("name"))).where(
                column("name") == SOURCES["action"].full_text
            )
        ).first() is not None
        _FULL_TEXT[engine] = known
    return known


def _like(word: str) -> str:
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _phrase(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


def _column(source: Source, name: str) -> Any:
    return Base.metadata.tables[source.table].c[name]


def _plain(source: Source, name: str, word: str, sqlite: bool) -> ColumnElement[bool]:
    """LIKE on a column's stored text, never on its ciphertext."""
    stored = type_coerce(_column(source, name), String)  # a decision's verb is an enum column
    # SQLite's LIKE ignores ASCII case already (lower() on every row costs more); others need ILIKE.
    found = stored.like(_like(word), escape="\\") if sqlite else stored.ilike(_like(word), escape="\\")
    if name not in source.sealable:
        return found
    listed = (literal(",") + _column(source, "sealed_fields") + ",").like(_like(f",{name},"), escape="\\")
    return and_(found, ~listed)


def plain_condition(
    name: str, wanted: Sequence[str], *, full_text: bool, sqlite: bool = True,
    columns: Sequence[str] | None = None, on: Any = None,
) -> ColumnElement[bool]:
    """Rows of table `name` whose plaintext holds every word (in `columns`, by default all searched).

    `on` is the expression tested against the FTS rowids (the id by default; `id + 0` keeps
    SQLite walking an index chosen for the sort).
    """
    source = SOURCES[name]
    names = tuple(columns or source.columns)
    key = on if on is not None else _column(source, "id")
    short = [w for w in wanted if len(w) < TRIGRAM] if full_text else list(wanted)
    long = [w for w in wanted if len(w) >= TRIGRAM] if full_text else []
    conditions: list[ColumnElement[bool]] = []
    if long:
        index = table(source.full_text, column("rowid"), column(source.full_text))
        query = " AND ".join(_phrase(w) for w in long)
        if set(names) != set(source.columns):
            query = "{" + " ".join(names) + "} : (" + query + ")"
        conditions.append(key.in_(select(index.c.rowid).where(index.c[source.full_text].op("MATCH")(query))))
    for word in short:
        conditions.append(or_(*(_plain(source, n, word, sqlite) for n in names)))
    return and_(*conditions) if conditions else false()


def condition(
    name: str, wanted: Sequence[str], index: ConfidentialIndex,
    *, columns: Sequence[str] | None = None, on: Any = None,
) -> ColumnElement[bool]:
    """Rows of table `name` holding every word: plaintext in the database, sealed text in `index`."""
    plain = plain_condition(name, wanted, full_text=index.full_text, sqlite=index.sqlite, columns=columns, on=on)
    hidden = index.matching(name, wanted, columns)
    return or_(plain, _column(SOURCES[name], "id").in_(hidden)) if hidden else plain


def _decrypt(cipher: Any, value: str, where: str) -> str | None:
    """The plaintext, or None when this computer cannot read it."""
    return decrypt_value(cipher, value, where) if value else value


def _rows_of(name: str, meeting_ids: frozenset[int] | None) -> Select[Any]:
    """The sealed rows of `name` (only those of these meetings, when given)."""
    source = SOURCES[name]
    rows = Base.metadata.tables[name]
    query = select(rows.c.id, rows.c.uuid, rows.c.sealed_fields, *(rows.c[c] for c in source.columns)).where(
        rows.c.sealed_fields != ""
    )
    if meeting_ids is None:
        return query
    if "meeting_id" in rows.c:
        return query.where(rows.c.meeting_id.in_(meeting_ids))
    items = Base.metadata.tables["agenda_item"]  # decisions and papers belong to an item
    return query.join(items, rows.c.agenda_item_id == items.c.id).where(items.c.meeting_id.in_(meeting_ids))


class ConfidentialIndex:
    """The searched fields of the sealed rows, decrypted, in memory only.

    Built on the worker while the key is here; a field this computer cannot decrypt is
    held as None and matches nothing. An edit changes a row's text only through its
    meeting, so `refreshed` decrypts again only the rows of the meetings a change names.
    It also knows whether the database has the FTS tables, so a query built with it
    needs no session.
    """

    def __init__(
        self, session: Session, tables: Sequence[str] = CONFIDENTIAL_TABLES,
        *, meeting_ids: frozenset[int] | None = None,
    ) -> None:
        self.tables = tuple(tables)
        self.full_text = has_full_text(session)
        self.sqlite = session.get_bind().dialect.name == "sqlite"
        # table -> row id -> the source's columns, in order (None: locked here)
        self.texts: dict[str, dict[int, tuple[str | None, ...]]] = {name: {} for name in self.tables}
        self._lowered: dict[str, dict[int, tuple[str, ...]]] = {name: {} for name in self.tables}
        self._read(session, meeting_ids)

    def _read(self, session: Session, meeting_ids: frozenset[int] | None) -> None:
        keys = session.info.get(KEYS_INFO)
        cipher = keys.cipher() if keys is not None else None
        for name in self.tables:
            source = SOURCES[name]
            texts, lowered = self.texts[name], self._lowered[name]
            for row_id, uuid, sealed, *values in session.execute(_rows_of(name, meeting_ids)):
                names = sealed.split(",")
                plain = tuple(
                    _decrypt(cipher, value, f"{name}.{field}.{uuid}") if field in names else value
                    for field, value in zip(source.columns, values, strict=True)
                )
                texts[row_id] = plain
                lowered[row_id] = tuple(v.lower() for v in plain if v)

    def refreshed(self, session: Session, meeting_ids: frozenset[int]) -> ConfidentialIndex:
        """A copy with the rows of `meeting_ids` read again (the rest need no decrypting again)."""
        fresh = object.__new__(type(self))
        fresh.tables, fresh.full_text, fresh.sqlite = self.tables, self.full_text, self.sqlite
        fresh.texts, fresh._lowered = {}, {}
        for name in self.tables:
            rows = Base.metadata.tables[name]
            query = select(rows.c.id)
            if "meeting_id" in rows.c:
                query = query.where(rows.c.meeting_id.in_(meeting_ids))
            else:
                items = Base.metadata.tables["agenda_item"]
                query = query.join(items, rows.c.agenda_item_id == items.c.id).where(
                    items.c.meeting_id.in_(meeting_ids)
                )
            changed = set(session.scalars(query))
            fresh.texts[name] = {k: v for k, v in self.texts[name].items() if k not in changed}
            fresh._lowered[name] = {k: v for k, v in self._lowered[name].items() if k not in changed}
        fresh._read(session, meeting_ids)
        return fresh

    def ids(self, name: str) -> list[int]:
        return list(self.texts.get(name, ()))

    def shown(self, name: str, row_id: int, field: str) -> str:
        """A field as a list shows it: the placeholder when it is locked here."""
        value = self.texts[name][row_id][SOURCES[name].columns.index(field)]
        return LOCKED_TEXT if value is None else value

    def matching(self, name: str, wanted: Sequence[str], columns: Sequence[str] | None = None) -> list[int]:
        """Sealed rows of `name` holding every word in `columns` (by default every searched field)."""
        if not wanted or name not in self._lowered:
            return []
        if columns is None:
            return [row_id for row_id, texts in self._lowered[name].items() if _all_in(wanted, texts)]
        positions = [SOURCES[name].columns.index(c) for c in columns]
        found = []
        for row_id, values in self.texts[name].items():
            picked = [value.lower() for value in (values[p] for p in positions) if value]
            if _all_in(wanted, picked):
                found.append(row_id)
        return found


def _all_in(wanted: Sequence[str], lowered: Sequence[str]) -> bool:
    return all(any(word in text for text in lowered) for word in wanted)
