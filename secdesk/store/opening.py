"""Opening a database: the `Store` and `open_store`.

`open_store(target)` takes None (the default file), a path, or an SQLAlchemy URL.
"""

from __future__ import annotations

import re
import sqlite3
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Final, Literal

from sqlalchemy import Connection, Engine, create_engine, exc, select
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from secdesk.errors import CorruptDatabaseError, DatabaseError, DatabaseLockedError
from secdesk.model.meta import DATABASE_UUID, KEY_ID, DatabaseSetting
from secdesk.papers import sealing as paper_sealing
from secdesk.paths import database_file
from secdesk.security import fields
from secdesk.security.keys import KeyRing
from secdesk.store import guards, migrations, sqlite

__all__ = ["BEFORE_WRITING", "Store", "open_store"]

# `open_store(backup=BEFORE_WRITING)`: the backup of a changed database is written before
# the first write, not at opening, so a command that only looks never copies the file.
BEFORE_WRITING: Final = "before writing"
Backup = bool | Literal["before writing"]


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
        if isinstance(error, exc.OperationalError) and MISSING.search(str(error.orig)):
            raise CorruptDatabaseError(_logical_damage(label, str(error.orig))) from error
        raise
    except (LookupError, ValueError) as error:
        # A stored value outside its vocabulary (an enum) or a date that is not a date,
        # met while SQLAlchemy turned a row into values; the same errors elsewhere are bugs.
        if not _raised_reading_a_row(error):
            raise
        raise CorruptDatabaseError(_logical_damage(label, str(error))) from error


def _raised_reading_a_row(error: BaseException) -> bool:
    frames = traceback.extract_tb(error.__traceback__)
    return bool(frames) and "sqlalchemy" in frames[-1].filename


# Damage SQLite's own check passes: a table or column gone, text that is not UTF-8.
MISSING = re.compile(r"no such (table|column)|Could not decode to UTF-8")


def _logical_damage(label: str, detail: str) -> str:
    return (
        f"{label} is damaged: it holds something SecDesk did not write ({detail[:160]}). "
        "Nothing was changed. `secdesk check` lists the damaged rows; restore the newest good backup "
        "if they matter."
    )


class Store:
    """An open database: hands out sessions and translates storage failures."""

    def __init__(self, engine: Engine, path: Path | None, *, encryption: bool = True,
                 read_only: str | None = None, checked: bool = False, backup_before_writing: bool = False):
        self.engine = engine
        self.path = path
        self.label = str(path) if path else engine.url.render_as_string(hide_password=True)
        # Why this database was opened read-only ("the file is read-only"), or None.
        self.read_only = read_only
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
        # The whole file passed its integrity check as it was opened, or is byte for byte as
        # when it last passed it (`sqlite.inspect_file`), so the first backup need not check
        # it again; written sessions end that.
        self._checked = checked
        self._backup_before_writing = backup_before_writing and read_only is None

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
        self._before_changing()
        with self._translated(), self._writer() as session, session.begin():
            sealing = self._seal_waiting and self.keys is not None and self.keys.unlocked
            if sealing:
                # Fields a newer version made confidential are sealed once the key is here.
                fields.seal_pending(session)
            yield session
            if sealing:
                self._seal_waiting = False

    def _before_changing(self) -> None:
        self._refuse_if_read_only()
        if self._backup_before_writing:
            self.backup()  # raises (a damaged file, a full disk) before anything is changed
            self._backup_before_writing = False
        self._checked = False  # what the check at opening saw is about to change

    def _refuse_if_read_only(self) -> None:
        if self.read_only is not None:
            raise sqlite.ReadOnlyDatabaseError(sqlite.read_only_message(self.label, self.read_only))

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
            written = sqlite.write_backup(source, self.path, checked=self._checked)  # type: ignore[arg-type]
            self._checked = False
            return written
        finally:
            raw.close()

    def logical_problems(self) -> list[str]:
        """Rows and tables that no longer say what SecDesk wrote (see store/logical.py)."""
        from secdesk.store import logical  # only `check` reads every row

        cipher = self.keys.cipher() if self.keys is not None else None
        with self._translated(), self.engine.connect() as connection:
            return logical.logical_problems(connection, cipher)

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
        self._before_changing()
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


def open_store(
    target: str | Path | None = None, *, backup: Backup = True, encryption: bool = True, read_only: bool = False,
    trust_unchanged: bool = False,
) -> Store:
    """Open (creating or migrating) a database. `encryption=False` exists for benchmarks only.

    A changed SQLite file is backed up as it is opened (`backup=True`), or just before
    the first write of this Store (`backup=BEFORE_WRITING`, what one command needs: a
    change it makes can always be undone from a backup, and a listing copies nothing).

    An SQLite file is checked first without being changed (`sqlite.inspect_file`; with
    `trust_unchanged`, as one command opens it, the whole-file integrity check is passed by
    when the file is byte for byte as it was when it last passed that check):
    nothing, not even a pragma, is written before it is known to be SecDesk's and
    of a version this SecDesk can open. A file or folder that allows no changes
    opens read-only, and so does a current file when `read_only` is asked for (`check`
    looks at a file without changing it, not even its journal mode).
    """
    url, path = _resolve(target)
    if path is None:
        return _open_server(url, encryption=encryption)
    if path.is_dir():
        raise DatabaseError(f"{path} is a folder, not a database file.")
    if not path.parent.exists():
        raise DatabaseError(f"The folder {path.parent} does not exist.")
    check = sqlite.inspect_file(path, trust_unchanged=trust_unchanged)
    reason = sqlite.read_only_reason(path)
    if reason is None and read_only and check.current:
        reason = "it was opened only to be looked at"
    if reason is not None:
        _refuse_read_only_needing_changes(path, check, reason)
        engine = _read_only_engine(url, path)
    else:
        engine = create_engine(url)
    sqlite.configure_engine(engine, read_only=reason is not None)
    try:
        if not check.current and reason is None:
            if check.exists and check.revision != migrations.schema_head():
                _backup_before_upgrade(path, check)
            with translated_errors(str(path)), engine.connect() as connection:
                _create_or_upgrade(connection, path)
        store = Store(engine, path, encryption=encryption, read_only=reason, checked=check.current,
                      backup_before_writing=backup == BEFORE_WRITING)
        if backup is True and reason is None:
            store.backup()
    except Exception:
        engine.dispose()
        raise
    return store


def _open_server(url: str, *, encryption: bool) -> Store:
    engine = create_engine(url)
    try:
        with translated_errors(url), engine.connect() as connection, connection.begin():
            migrations.upgrade(connection, url)
        return Store(engine, None, encryption=encryption)
    except Exception:
        engine.dispose()
        raise


def _refuse_read_only_needing_changes(path: Path, check: sqlite.FileCheck, reason: str) -> None:
    if not check.exists:
        raise sqlite.ReadOnlyDatabaseError(
            f"A new database cannot be made at {path}: {reason}. Choose a writable folder; nothing was changed."
        )
    if check.revision != migrations.schema_head():
        raise sqlite.ReadOnlyDatabaseError(
            f"{path} was written by an older SecDesk (schema {check.revision}) and must be upgraded "
            f"before it can be opened, but {reason}. Make it writable and open it again; nothing was changed."
        )


def _read_only_engine(url: str, path: Path) -> Engine:
    """Connections that cannot write, whoever runs SecDesk (root too)."""
    uri = sqlite.readonly_uri(path, sidecars=sqlite.may_write(path.parent))

    def connect() -> sqlite3.Connection:
        return sqlite3.connect(uri, uri=True, check_same_thread=False,
                               timeout=sqlite.BUSY_TIMEOUT_MS / 1000)

    return create_engine(url, creator=connect)


def _backup_before_upgrade(path: Path, check: sqlite.FileCheck) -> None:
    """Keep the file as the older SecDesk left it before the upgrade changes it: were an
    upgrade ever to lose something, the newest backup still holds it as it was."""
    source = sqlite3.connect(sqlite.readonly_uri(path, sidecars=sqlite.may_write(path.parent)), uri=True,
                             timeout=sqlite.BUSY_TIMEOUT_MS / 1000)
    try:
        with translated_errors(str(path)):
            sqlite.write_backup(source, path, checked=check.verified)
    finally:
        source.close()


def _create_or_upgrade(connection: Connection, path: Path) -> None:
    """Create, upgrade and mark the schema under the write lock, taken up front.

    A second SecDesk opening the same new or old file waits for the lock (up to
    MIGRATION_TIMEOUT_MS), then finds the schema current and does nothing.
    """
    raw: sqlite3.Connection = connection.connection.driver_connection  # type: ignore[assignment]
    raw.execute(f"PRAGMA busy_timeout = {sqlite.MIGRATION_TIMEOUT_MS}")
    try:
        # Batch migrations copy and drop tables; with foreign keys on, dropping
        # would cascade and delete child rows.
        with sqlite.foreign_keys_off(connection), connection.execution_options(sqlite_immediate=True).begin():
            migrations.upgrade(connection, str(path))
            sqlite.mark(raw)
    finally:
        raw.execute(f"PRAGMA busy_timeout = {sqlite.BUSY_TIMEOUT_MS}")
