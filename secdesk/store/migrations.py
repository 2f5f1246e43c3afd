"""Runs the Alembic migrations in `db/` and refuses databases from a newer SecDesk.

Alembic is imported only when the schema is not already current: opening an
up-to-date database (every start but the first after an upgrade) skips it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from secdesk.errors import NewerSchemaError
from secdesk.paths import asset_dir

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy import Connection

# Every revision in db/versions, oldest first, and the newest; a test keeps them in step.
# Known without Alembic: the store recognises SecDesk's databases before it loads.
KNOWN_REVISIONS = ("0001", "0002", "0003", "0004", "0005")
SCHEMA_HEAD = KNOWN_REVISIONS[-1]


def newer_schema_message(where: str, revision: str) -> str:
    return (f"{where} was written by a newer SecDesk (schema {revision}); this SecDesk knows up to "
            f"{SCHEMA_HEAD}. Install the newer SecDesk to open it. The file was not changed.")


def alembic_config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(asset_dir("db")))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head() or ""


def current_revision(connection: Connection) -> str | None:
    from sqlalchemy import inspect, text

    if not inspect(connection).has_table("alembic_version"):
        return None
    return connection.execute(text("SELECT version_num FROM alembic_version")).scalar_one_or_none()


def upgrade(connection: Connection, where: str) -> None:
    current = current_revision(connection)
    if current == SCHEMA_HEAD:
        return
    from alembic import command
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    known = {rev.revision for rev in script.walk_revisions()}
    if current is not None and current not in known:
        raise NewerSchemaError(newer_schema_message(where, current))
    command.upgrade(alembic_config(connection), "head")
