"""Runs the Alembic migrations in `db/` and refuses databases from a newer SecDesk.

Alembic is imported only when the schema is not already current: opening an
up-to-date database (every start but the first after an upgrade) skips it. The
revisions are read from the migration files themselves (`known_revisions`), so the
store recognises SecDesk's databases, and knows whether one needs migrating, before
Alembic or even SQLAlchemy loads, and a new migration is known as soon as its file is there.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from secdesk.errors import NewerSchemaError
from secdesk.paths import asset_dir

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy import Connection

# `revision = '0005'` and `down_revision = '0004'` (or None) at the top level of a migration,
# as Alembic's template writes them (db/script.py.mako); a test compares the result with Alembic's.
_ASSIGNED = re.compile(r"""^(revision|down_revision)\s*(?::[^=\n]*)?=\s*(?:['"]([^'"]+)['"]|None)""", re.MULTILINE)


@functools.cache
def known_revisions() -> tuple[str, ...]:
    """Every revision in db/versions, oldest first, read from the files without Alembic."""
    return revisions_in(asset_dir("db") / "versions")


def revisions_in(folder: Path) -> tuple[str, ...]:
    """The revisions of the migration files in `folder`, oldest first."""
    parents: dict[str, str | None] = {}
    for file in sorted(folder.glob("*.py")):
        found: dict[str, str | None] = {
            match.group(1): match.group(2) for match in _ASSIGNED.finditer(file.read_text(encoding="utf-8"))
        }
        revision = found.get("revision")
        if revision:
            parents[revision] = found.get("down_revision")
    order: list[str] = []
    following = {parent: child for child, parent in parents.items()}
    current = following.get(None)
    while current is not None and current not in order:
        order.append(current)
        current = following.get(current)
    if len(order) != len(parents):  # a branch, or a file naming a parent that is not there
        raise RuntimeError(f"The migrations in {folder} are not one line of revisions: {parents}")
    return tuple(order)


def schema_head() -> str:
    """The newest revision: the schema this SecDesk writes."""
    return known_revisions()[-1]


def __getattr__(name: str) -> Any:
    # KNOWN_REVISIONS and SCHEMA_HEAD read like constants but come from the files on first use.
    if name == "KNOWN_REVISIONS":
        return known_revisions()
    if name == "SCHEMA_HEAD":
        return schema_head()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def newer_schema_message(where: str, revision: str) -> str:
    return (f"{where} was written by a newer SecDesk (schema {revision}); this SecDesk knows up to "
            f"{schema_head()}. Install the newer SecDesk to open it. The file was not changed.")


def alembic_config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(asset_dir("db")))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    """The head as Alembic finds it (loads Alembic: `schema_head` is the cheap way)."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head() or ""


def current_revision(connection: Connection) -> str | None:
    from sqlalchemy import inspect, text

    if not inspect(connection).has_table("alembic_version"):
        return None
    return connection.execute(text("SELECT version_num FROM alembic_version")).scalar_one_or_none()


def upgrade(connection: Connection, where: str) -> None:
    current = current_revision(connection)
    if current == schema_head():
        return
    from alembic import command
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    known = {rev.revision for rev in script.walk_revisions()}
    if current is not None and current not in known:
        raise NewerSchemaError(newer_schema_message(where, current))
    command.upgrade(alembic_config(connection), "head")


def unmapped_tables(connection: Connection) -> set[str]:
    """The FTS5 tables of migration 0006 and the shadow tables SQLite keeps for them: no model maps them."""
    virtual = {row[0] for row in connection.exec_driver_sql(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%'")}
    shadows = {f"{name}_{part}" for name in virtual for part in ("data", "idx", "content", "docsize", "config")}
    return virtual | shadows


def mapped_only(connection: Connection) -> Callable[..., bool]:
    """Alembic's `include_object` that leaves those tables out of comparing the models with the database."""
    if connection.dialect.name != "sqlite":
        return lambda *_args: True
    unmapped = unmapped_tables(connection)

    def include(_object: Any, name: str | None, kind: str, reflected: bool, _compare_to: Any) -> bool:
        return not (kind == "table" and reflected and name in unmapped)

    return include
