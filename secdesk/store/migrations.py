"""Runs the Alembic migrations in `db/` and refuses databases from a newer SecDesk."""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection

from secdesk.errors import NewerSchemaError
from secdesk.paths import asset_dir


def alembic_config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(asset_dir("db")))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    return ScriptDirectory.from_config(alembic_config()).get_current_head() or ""


def current_revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def upgrade(connection: Connection, where: str) -> None:
    script = ScriptDirectory.from_config(alembic_config())
    current = current_revision(connection)
    known = {rev.revision for rev in script.walk_revisions()}
    if current is not None and current not in known:
        raise NewerSchemaError(
            f"{where} was written by a newer SecDesk (schema {current}); this SecDesk knows up to "
            f"{script.get_current_head()}. Install the newer SecDesk to open it. The file was not changed."
        )
    if current != script.get_current_head():
        command.upgrade(alembic_config(connection), "head")
