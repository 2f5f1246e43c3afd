"""Everything SQLite-specific: pragmas, preflight checks, backups.

The rest of SecDesk speaks portable SQLAlchemy so the same services can run on
PostgreSQL when a team shares one server.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from secdesk.errors import CorruptDatabaseError, DatabaseError, DatabaseLockedError, ForeignFileError
from secdesk.paths import backup_dir_for

if TYPE_CHECKING:  # preflight and backups are plain sqlite3, usable before SQLAlchemy loads
    from sqlalchemy import Connection, Engine

SQLITE_HEADER = b"SQLite format 3\x00"
BACKUPS_KEPT = 10
BUSY_TIMEOUT_MS = 5000


def locked_message(label: str) -> str:
    return (f"{label} is locked by another program or SecDesk window; nothing was changed. "
            "Try again in a moment.")


def configure_engine(engine: Engine) -> None:
    from sqlalchemy import event

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        # We issue BEGIN ourselves (below) so writers can take the lock up front.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = FULL")
        # Deleted or overwritten confidential text is zeroed, not left in free pages.
        cursor.execute("PRAGMA secure_delete = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: object) -> None:
        # A writer that starts deferred can fail to upgrade its lock when another
        # process wrote meanwhile; IMMEDIATE waits for the lock (busy_timeout) instead.
        immediate = connection.get_execution_options().get("sqlite_immediate", False)  # type: ignore[attr-defined]
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")  # type: ignore[attr-defined]


@contextmanager
def foreign_keys_off(connection: Connection) -> Iterator[None]:
    """Foreign keys off around a migration, then checked and back on.

    The pragma is ignored inside a transaction, so it is set on the raw
    connection while none is open.
    """
    raw = connection.connection.driver_connection
    raw.execute("PRAGMA foreign_keys = OFF")
    try:
        yield
        broken = raw.execute("PRAGMA foreign_key_check").fetchall()
        if broken:
            raise DatabaseError(f"The schema upgrade left {len(broken)} broken references; it was not applied.")
    finally:
        raw.execute("PRAGMA foreign_keys = ON")


def newest_backup(database: Path) -> Path | None:
    backups = list_backups(database)
    return backups[-1] if backups else None


def list_backups(database: Path) -> list[Path]:
    folder = backup_dir_for(database)
    if not folder.is_dir():
        return []
    return sorted(folder.glob(f"{database.stem}-*.sqlite"))


def _backup_hint(database: Path) -> str:
    backup = newest_backup(database)
    if backup is None:
        return "No backup of it exists."
    return f"The newest backup is {backup}."


def preflight(database: Path, timeout: float | None = None) -> bool:
    """Check an existing file before SecDesk touches it; never modifies it.

    Returns True when the file already holds a SecDesk database, False when it
    is new or empty. Raises for a foreign, corrupt or locked file; a lock is
    waited for `timeout` seconds (the busy timeout by default).
    """
    if timeout is None:
        timeout = BUSY_TIMEOUT_MS / 1000
    if not database.exists() or database.stat().st_size == 0:
        return False
    with database.open("rb") as handle:
        header = handle.read(len(SQLITE_HEADER))
    if header != SQLITE_HEADER:
        raise ForeignFileError(
            f"{database} is not a SecDesk database (it is not an SQLite file). "
            f"It was left untouched. {_backup_hint(database)}"
        )
    try:
        connection = sqlite3.connect(f"{database.resolve().as_uri()}?mode=ro", uri=True, timeout=timeout)
    except sqlite3.Error as exc:
        raise CorruptDatabaseError(f"{database} cannot be opened: {exc}. {_backup_hint(database)}") from exc
    try:
        problems = [row[0] for row in connection.execute("PRAGMA quick_check")]
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    except sqlite3.DatabaseError as exc:
        if getattr(exc, "sqlite_errorcode", None) in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
            raise DatabaseLockedError(locked_message(str(database))) from exc
        raise CorruptDatabaseError(
            f"{database} is damaged ({exc}). It was left untouched. {_backup_hint(database)}"
        ) from exc
    finally:
        connection.close()
    if problems != ["ok"]:
        raise CorruptDatabaseError(
            f"{database} failed its integrity check ({'; '.join(problems[:3])}). "
            f"It was left untouched. {_backup_hint(database)}"
        )
    if not tables:
        return False
    if "alembic_version" not in tables:
        raise ForeignFileError(
            f"{database} is an SQLite database of another program, not SecDesk's. "
            f"It was left untouched. {_backup_hint(database)}"
        )
    return True


def integrity_problems(connection: sqlite3.Connection) -> list[str]:
    rows = [row[0] for row in connection.execute("PRAGMA quick_check")]
    return [] if rows == ["ok"] else rows


FINGERPRINT_SQL = "SELECT (SELECT max(id) FROM audit_record), (SELECT version_num FROM alembic_version)"


def backup_needed(source: sqlite3.Connection, database: Path) -> bool:
    """True unless the newest backup already holds every change (each change is audited)."""
    newest = newest_backup(database)
    if newest is None:
        return True
    try:
        backup = sqlite3.connect(f"{newest.resolve().as_uri()}?mode=ro", uri=True)
        try:
            saved = backup.execute(FINGERPRINT_SQL).fetchone()
        finally:
            backup.close()
    except sqlite3.Error:
        return True
    return tuple(source.execute(FINGERPRINT_SQL).fetchone()) != tuple(saved)


def write_backup(source: sqlite3.Connection, database: Path) -> Path:
    """Copy a live database safely: backup API into a temporary file, check it, rename."""
    problems = integrity_problems(source)
    if problems:
        raise CorruptDatabaseError(
            f"{database} failed its integrity check ({'; '.join(problems[:3])}); "
            f"no backup was written so the last good one is kept. {_backup_hint(database)}"
        )
    folder = backup_dir_for(database)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%dT%H%M%S%f")
    final = folder / f"{database.stem}-{stamp}.sqlite"
    temporary = folder / f".{final.name}.partial"
    target = sqlite3.connect(temporary)
    try:
        source.backup(target)
        if integrity_problems(target):
            raise DatabaseError(f"The backup copy of {database} did not verify; the previous backups are kept.")
        target.execute("PRAGMA journal_mode = DELETE")
    finally:
        target.close()
    try:
        with temporary.open("rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(temporary, final)
    finally:
        temporary.unlink(missing_ok=True)
    for old in list_backups(database)[:-BACKUPS_KEPT]:
        old.unlink(missing_ok=True)
    return final


def purge(connection: sqlite3.Connection) -> None:
    """Leave no old page images behind: checkpoint and empty the WAL, then rebuild the file."""
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.execute("VACUUM")
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
