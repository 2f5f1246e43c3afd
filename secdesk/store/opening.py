"""Opening a database: the `Store` and `open_store`.

`open_store(target)` takes None (the default file), a path, or an SQLAlchemy URL.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, exc, select
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from secdesk.errors import CorruptDatabaseError, DatabaseError, DatabaseLockedError
from secdesk.model.meta import DATABASE_UUID, KEY_ID, DatabaseSetting
from secdesk.papers import sealing as paper_sealing
from secdesk.paths import database_file
from secdesk.security import fields
from secdesk.security.keys import KeyRing
from secdesk.store import guards, migrations, sqlite

__all__ = ["Store", "open_store"]


@contextmanager
def translated_errors(label: str) -> Iterator[None]:
    """Storage failures a user can act on become SecDeskErrors naming the database."""
    try:
        yield
    except exc.DBAPIError as error:
        code = getattr(error.orig, "sqlite_errorcode", None)
        if code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
            raise DatabaseLockedError(sqlite.locked_message(label)) from error
        if code == sqlite3.SQLITE_FULL:
            raise DatabaseError(f"The disk holding {label} is full; nothing was changed.") from error
        if code == sqlite3.SQLITE_READONLY:
            raise DatabaseError(f"{label} is read-only; nothing was changed.") from error
        if code in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB):
            raise CorruptDatabaseError(f"{label} is damaged: {error.orig}") from error
        raise


class Store:
    """An open database: hands out sessions and translates storage failures."""

    def __init__(self, engine: Engine, path: Path | None, *, encryption: bool = True):
        self.engine = engine
        self.path = path
        self.label = str(path) if path else engine.url.render_as_string(hide_password=True)
        self.keys: KeyRing | None = KeyRing(self._setting(DATABASE_UUID) or "", self._key_id) if encryption else None
        info = {fields.KEYS_INFO: self.keys} if self.keys is not None else {}
        self._reader = sessionmaker(engine, expire_on_commit=False, info=info)
        writer_engine = engine.execution_options(sqlite_immediate=True) if path else engine
        self._writer = sessionmaker(writer_engine, expire_on_commit=False, info=info)
        for factory in (self._reader, self._writer):
            guards.install(factory)
            fields.install(factory)
            paper_sealing.install(factory)
        self._seal_waiting = self.keys is not None and self._setting(fields.SEAL_PENDING) is not None

    def _setting(self, name: str) -> str | None:
        with self.engine.connect() as connection:
            return connection.execute(
                select(DatabaseSetting.value).where(DatabaseSetting.name == name)
            ).scalar_one_or_none()

    def _key_id(self) -> str | None:
        return self._setting(KEY_ID)

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for looking; commits nothing it did not flush."""
        with self._translated(), self._reader() as session, session.begin():
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A session for one user action: all of it is saved, or none."""
        with self._translated(), self._writer() as session, session.begin():
            sealing = self._seal_waiting and self.keys is not None and self.keys.unlocked
            if sealing:
                # Fields a newer version made confidential are sealed once the key is here.
                fields.seal_pending(session)
            yield session
            if sealing:
                self._seal_waiting = False

    @contextmanager
    def _translated(self) -> Iterator[None]:
        with translated_errors(self.label):
            yield

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

    def purge(self) -> None:
        """Rewrite the file so deleted or downgraded confidential text leaves no trace (SQLite)."""
        if self.path is None:
            return
        raw = self.engine.raw_connection()
        try:
            with translated_errors(self.label):
                sqlite.purge(raw.driver_connection)  # type: ignore[arg-type]
        finally:
            raw.close()

    def schema_revision(self) -> str | None:
        with self.engine.connect() as connection:
            return migrations.current_revision(connection)

    def close(self) -> None:
        self.engine.dispose()


def _resolve(target: str | Path | None) -> tuple[str, Path | None]:
    path = database_file(target)
    if path is not None:
        return f"sqlite:///{path}", path
    text_target = str(target)
    url = make_url(text_target)
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        return text_target, Path(url.database)
    return text_target, None


def open_store(target: str | Path | None = None, *, backup: bool = True, encryption: bool = True) -> Store:
    """Open (creating or migrating) a database. `encryption=False` exists for benchmarks only."""
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
    try:
        with translated_errors(str(path or url)), engine.connect() as connection:
            if path is not None:
                # Batch migrations copy and drop tables; with foreign keys on, dropping
                # would cascade and delete child rows.
                with sqlite.foreign_keys_off(connection):
                    with connection.begin():
                        migrations.upgrade(connection, str(path))
            else:
                with connection.begin():
                    migrations.upgrade(connection, str(url))
        store = Store(engine, path, encryption=encryption)
        if backup:
            store.backup()
    except Exception:
        engine.dispose()
        raise
    return store
