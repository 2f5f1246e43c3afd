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

# The newest revision in db/versions; a test keeps the two in step.
SCHEMA_HEAD = "0004"


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
        raise NewerSchemaError(
            f"{where} was written by a newer SecDesk (schema {current}); this SecDesk knows up to "
            f"{script.get_current_head()}. Install the newer SecDesk to open it. The file was not changed."
        )
    command.upgrade(alembic_config(connection), "head")
