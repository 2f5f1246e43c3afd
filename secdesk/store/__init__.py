"""Opening a SecDesk database: checks, migrations, backups, and sessions.

`open_store(target)` takes None (the default file), a path, or an SQLAlchemy URL.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, exc, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from secdesk.errors import CorruptDatabaseError, DatabaseError, DatabaseLockedError
from secdesk.paths import default_database
from secdesk.store import guards, migrations, sqlite

__all__ = ["Store", "open_store"]


class Store:
    """An open database: hands out sessions and translates storage failures."""

    def __init__(self, engine: Engine, path: Path | None):
        self.engine = engine
        self.path = path
        self.label = str(path) if path else engine.url.render_as_string(hide_password=True)
        self._reader = sessionmaker(engine, expire_on_commit=False)
        writer_engine = engine.execution_options(sqlite_immediate=True) if path else engine
        self._writer = sessionmaker(writer_engine, expire_on_commit=False)
        guards.install(self._reader)
        guards.install(self._writer)

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for looking; commits nothing it did not flush."""
        with self._translated(), self._reader() as session, session.begin():
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A session for one user action: all of it is saved, or none."""
        with self._translated(), self._writer() as session, session.begin():
            yield session

    @contextmanager
    def _translated(self) -> Iterator[None]:
        try:
            yield
        except exc.OperationalError as error:
            raise self._storage_error(error) from error
        except exc.DatabaseError as error:
            code = getattr(error.orig, "sqlite_errorcode", None)
            if code in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB):
                raise CorruptDatabaseError(f"{self.label} is damaged: {error.orig}") from error
            raise

    def _storage_error(self, error: exc.OperationalError) -> Exception:
        code = getattr(error.orig, "sqlite_errorcode", None)
        if code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
            return DatabaseLockedError(
                f"{self.label} is locked by another program or SecDesk window; "
                "nothing was changed. Try again in a moment."
            )
        if code == sqlite3.SQLITE_FULL:
            return DatabaseError(f"The disk holding {self.label} is full; nothing was changed.")
        if code == sqlite3.SQLITE_READONLY:
            return DatabaseError(f"{self.label} is read-only; nothing was changed.")
        if code in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB):
            return CorruptDatabaseError(f"{self.label} is damaged: {error.orig}")
        return error

    def backup(self, force: bool = False) -> Path | None:
        """Write a rotating backup (SQLite files only). Returns it, or None when unchanged."""
        if self.path is None:
            return None
        raw = self.engine.raw_connection()
        try:
            source = raw.driver_connection
            if not force and not sqlite.backup_needed(source, self.path):  # type: ignore[arg-type]
                return None
            return sqlite.write_backup(source, self.path)  # type: ignore[arg-type]
        finally:
            raw.close()

    def integrity_problems(self) -> list[str]:
        if self.path is None:
            return []
        raw = self.engine.raw_connection()
        try:
            return sqlite.integrity_problems(raw.driver_connection)  # type: ignore[arg-type]
        finally:
            raw.close()

    def schema_revision(self) -> str | None:
        with self.engine.connect() as connection:
            return migrations.current_revision(connection)

    def close(self) -> None:
        self.engine.dispose()


def _resolve(target: str | Path | None) -> tuple[str, Path | None]:
    if target is None:
        path = default_database()
        return f"sqlite:///{path}", path
    text_target = str(target)
    if "://" in text_target:
        url = make_url(text_target)
        if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
            return text_target, Path(url.database)
        return text_target, None
    path = Path(text_target).expanduser()
    return f"sqlite:///{path}", path


def open_store(target: str | Path | None = None, *, backup: bool = True) -> Store:
    url, path = _resolve(target)
    if path is not None:
        if path.is_dir():
            raise DatabaseError(f"{path} is a folder, not a database file.")
        if not path.parent.exists():
            raise DatabaseError(f"The folder {path.parent} does not exist.")
        sqlite.preflight(path)
    engine = create_engine(url)
    if path is not None:
        sqlite.configure_engine(engine)
    store = Store(engine, path)
    try:
        with store._translated(), engine.begin() as connection:
            migrations.upgrade(connection, store.label)
            connection.execute(text("SELECT 1"))
        if backup:
            store.backup()
    except Exception:
        engine.dispose()
        raise
    return store
