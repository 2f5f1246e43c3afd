"""Damage that SQLite's own check cannot see: the rows no longer say what SecDesk wrote.

A missing table, a value outside its vocabulary, a date that is not a date, text
that is not UTF-8, a damaged table definition, or a sealed value that does not
open with this database's key all pass `PRAGMA quick_check` and then stop
whichever command first reads the row. `check` names them.
Everything here reads through Core, below the ORM, so a damaged row is reported
rather than raised.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    Column,
    ColumnElement,
    Connection,
    Date,
    DateTime,
    Enum,
    LargeBinary,
    String,
    cast,
    exc,
    inspect,
    select,
    type_coerce,
)

from secdesk.model import Base
from secdesk.security.cipher import FieldCipher
from secdesk.security.fields import ENCRYPTED_FIELDS, decrypt_value

MAX_REPORTED = 50


def logical_problems(connection: Connection, cipher: FieldCipher | None) -> list[str]:
    """One line per damaged row or table, naming it; empty when all is well."""
    present = set(inspect(connection).get_table_names())
    problems = [f"table {name} is missing" for name in sorted(Base.metadata.tables) if name not in present]
    for table in Base.metadata.sorted_tables:
        if table.name not in present:
            continue
        try:
            columns = {c["name"] for c in inspect(connection).get_columns(table.name)}
        except exc.OperationalError as error:  # the table's definition itself is not text
            problems.append(f"table {table.name} has a damaged definition ({error.orig})")
            continue
        problems += [f"table {table.name} has no column {c.name}" for c in table.columns if c.name not in columns]
        if "id" not in columns:
            continue
        problems += _not_text(connection, table, columns)
        checked = [c for c in table.columns if c.name in columns and isinstance(c.type, (Enum, Date, DateTime))]
        if not checked:
            continue
        raw = select(table.c.id, *(_raw(c) for c in checked))
        for row in connection.execute(raw):
            for column, value in zip(checked, row[1:]):
                if value is not None and not _readable(column, value):
                    problems.append(f"{table.name} row {row[0]}: {column.name} holds {str(value)[:40]!r}")
    problems += _unreadable_ciphertext(connection, cipher, present)
    return problems[:MAX_REPORTED] + ([f"... and {len(problems) - MAX_REPORTED} more"] * (len(problems) > MAX_REPORTED))


def _not_text(connection: Connection, table: Any, columns: set[str]) -> list[str]:
    """Rows whose text columns hold bytes that are not UTF-8 (reading them as text fails)."""
    texts = [c for c in table.columns if c.name in columns and isinstance(c.type, String)]
    if not texts:
        return []
    problems = []
    for row in connection.execute(select(table.c.id, *(cast(c, LargeBinary) for c in texts))):
        for column, value in zip(texts, row[1:]):
            if isinstance(value, bytes):
                try:
                    value.decode("utf-8")
                except UnicodeDecodeError:
                    problems.append(f"{table.name} row {row[0]}: {column.name} is not readable text")
    return problems


def _raw(column: ColumnElement) -> ColumnElement:
    """The column as stored text: no result processing that would raise on a bad value."""
    return type_coerce(column, String)


def _readable(column: Column, value: str) -> bool:
    if isinstance(column.type, Enum):
        return value in column.type.enums
    try:
        if isinstance(column.type, DateTime):
            datetime.fromisoformat(str(value))
        else:
            date.fromisoformat(str(value))
    except ValueError:
        return False
    return True


def _unreadable_ciphertext(connection: Connection, cipher: FieldCipher | None, present: set[str]) -> list[str]:
    if cipher is None:
        return []  # locked: nothing can be opened, which is not damage
    problems = []
    for cls, fields in ENCRYPTED_FIELDS.items():
        table = cls.__table__  # type: ignore[attr-defined]
        if table.name not in present:
            continue
        query = select(table.c.id, table.c.uuid, table.c.sealed_fields, *(_raw(table.c[f]) for f in fields))
        for row in connection.execute(query.where(table.c.sealed_fields.is_not(None), table.c.sealed_fields != "")):
            sealed = set(row.sealed_fields.split(","))
            for field, value in zip(fields, row[3:]):
                where = f"{table.name}.{field}.{row.uuid}"
                if field in sealed and value and decrypt_value(cipher, value, where) is None:
                    problems.append(f"{table.name} row {row.id}: {field} does not decrypt with this database's key")
    return problems
