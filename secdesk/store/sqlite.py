"""Everything SQLite-specific: pragmas, preflight checks, backups.

The rest of SecDesk speaks portable SQLAlchemy so the same services can run on
PostgreSQL when a team shares one server.
"""

from __future__ import annotations

import errno
import json
import os
import sqlite3
import stat
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from secdesk.atomic import atomic_path, describe_os_error, remove_stale_partials
from secdesk.errors import (
    CorruptDatabaseError,
    DatabaseError,
    DatabaseLockedError,
    ForeignFileError,
    NewerSchemaError,
)
from secdesk.paths import backup_dir_for, data_dir
from secdesk.store.migrations import known_revisions, newer_schema_message, schema_head

if TYPE_CHECKING:  # preflight and backups are plain sqlite3, usable before SQLAlchemy loads
    from sqlalchemy import Connection, Engine

SQLITE_HEADER = b"SQLite format 3\x00"
BACKUPS_KEPT = 10
BUSY_TIMEOUT_MS = 5000
# Creating or upgrading a database can take a while on a slow machine; a second
# SecDesk opening the same file meanwhile waits this long for it.
MIGRATION_TIMEOUT_MS = 60000

# `PRAGMA application_id` of every SecDesk database: the bytes "SDsk" (header offset 68).
APPLICATION_ID = int.from_bytes(b"SDsk", "big")
# Tables every SecDesk schema has had since revision 0001: with a SecDesk revision in
# alembic_version they recognise a database written before the application_id mark.
SECDESK_TABLES = frozenset({"alembic_version", "committee", "meeting", "audit_record"})


class ReadOnlyDatabaseError(DatabaseError):
    """The database was opened read-only (its file or folder allows no changes)."""


@dataclass(frozen=True)
class FileCheck:
    """What `preflight` found in a file, read without changing it."""

    exists: bool  # holds a SecDesk database (False: no file yet, or an empty one to create)
    revision: str | None = None
    marked: bool = False  # carries SecDesk's application_id
    verified: bool = False  # the whole file passed its integrity check just now (not taken as before)

    @property
    def current(self) -> bool:
        """Nothing to write before use: the schema is current and the file is marked."""
        return self.exists and self.marked and self.revision == schema_head()


def locked_message(label: str) -> str:
    return (f"{label} is locked by another program or SecDesk window; nothing was changed. "
            "Try again in a moment.")


def configure_engine(engine: Engine, *, read_only: bool = False) -> None:
    """Pragmas for every connection. Only for a file `preflight` found to be ours (or new)."""
    from sqlalchemy import event

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        # We issue BEGIN ourselves (below) so writers can take the lock up front.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        if not read_only:
            switch_to_wal(dbapi_connection)
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


def switch_to_wal(connection: sqlite3.Connection, timeout_ms: int = BUSY_TIMEOUT_MS) -> None:
    """Put the file in WAL mode, waiting for another SecDesk doing the same.

    Switching a file still in rollback mode fails at once, without the busy timeout's
    wait, while another connection holds its write lock (two SecDesks creating one new
    file at the same moment), so the wait is done here.
    """
    deadline = time.monotonic() + timeout_ms / 1000
    while True:
        try:
            connection.execute("PRAGMA journal_mode = WAL").fetchall()
            return
        except sqlite3.OperationalError as error:
            if getattr(error, "sqlite_errorcode", None) != sqlite3.SQLITE_BUSY or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


@contextmanager
def foreign_keys_off(connection: Connection) -> Iterator[None]:
    """Foreign keys off around a migration, then checked and back on.

    The pragma is ignored inside a transaction, so it is set on the raw
    connection while none is open.
    """
    raw: sqlite3.Connection = connection.connection.driver_connection  # type: ignore[assignment]
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


Fingerprint = tuple[object, ...]


def _fingerprint_of(backup: Path) -> Fingerprint | None:
    """(newest audit record, schema revision) of a backup file, or None when it cannot be read."""
    try:
        connection = sqlite3.connect(f"{backup.resolve().as_uri()}?mode=ro", uri=True)
        try:
            return tuple(connection.execute(FINGERPRINT_SQL).fetchone())
        finally:
            connection.close()
    except sqlite3.Error:
        return None


def _holds_data(fingerprint: Fingerprint | None) -> bool:
    """A backup holds data unless it is known to have no audit record (every change is audited)."""
    return fingerprint is None or fingerprint[0] is not None


def newest_backup_with_data(database: Path) -> Path | None:
    for backup in reversed(list_backups(database)):
        fingerprint = _fingerprint_of(backup)
        if fingerprint is not None and fingerprint[0] is not None:
            return backup
    return None


def _backup_hint(database: Path) -> str:
    backup = newest_backup_with_data(database) or newest_backup(database)
    if backup is None:
        return "No backup of it exists."
    return (f"The newest backup is {backup}; to go back to it, close SecDesk and copy that file "
            f"over {database}.")


def may_write(path: Path) -> bool:
    """Whether SecDesk may change `path`: the system says so and its mode bits have a write bit.

    The mode bits are asked too because root may write anything: a file or folder
    marked read-only is treated as read-only for every user.
    """
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return os.access(path, os.W_OK) and bool(mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))


def read_only_reason(database: Path) -> str | None:
    """Why SecDesk must not change `database` ("the file is read-only"...), or None."""
    if database.exists() and not may_write(database):
        return "the file is read-only"
    if not may_write(database.parent):
        return f"its folder {database.parent} is read-only"
    return None


def read_only_message(database: Path | str, reason: str) -> str:
    return (f"{database} is open read-only ({reason}): viewing and exports work, but changes cannot "
            "be saved and nothing was changed. To edit it, make the file and its folder writable "
            "(or copy the file somewhere writable and open the copy), then open it again.")


def _is_wal_file(database: Path) -> bool:
    with database.open("rb") as handle:
        header = handle.read(20)
    return len(header) == 20 and header[18] == 2


def readonly_uri(database: Path, *, sidecars: bool = True) -> str:
    """A URI opening `database` for reading only.

    A WAL file with no `-wal` beside it is complete in itself and opens immutable,
    which creates no `-wal`/`-shm` files beside it; `sidecars=False` (a read-only
    folder) always asks for that when the file is a WAL file.
    """
    uri = database.resolve().as_uri()
    if _is_wal_file(database) and (not sidecars or not Path(f"{database}-wal").exists()):
        return f"{uri}?immutable=1"
    return f"{uri}?mode=ro"


def connect_read_only(database: Path, *, timeout: float, sidecars: bool = True) -> sqlite3.Connection:
    return sqlite3.connect(readonly_uri(database, sidecars=sidecars), uri=True, timeout=timeout,
                           check_same_thread=False)


def _refuse_empty_beside_backups(database: Path) -> None:
    backup = newest_backup_with_data(database)
    if backup is None:
        return  # nothing was ever kept here: the empty file becomes a new database
    raise CorruptDatabaseError(
        f"{database} is empty (0 bytes), but its backups hold data: a sync program or an "
        "interrupted copy may have emptied it. It was left untouched and no new database was "
        f"made. The newest backup holding data is {backup}; to restore it, close SecDesk and "
        f"copy that file over {database}."
    )


# Files that passed the whole-file check, and how the system saw them then (`file_signature`):
# in the user's data folder, so that nothing is added beside a database. A cache only.
CHECKED_FILES = "checked-files.json"
CHECKED_REMEMBERED = 20


def file_signature(database: Path) -> list[list[int] | None]:
    """The file and its -wal as the system sees them; whatever changes their bytes changes this.

    A write moves the change time (st_ctime), which no program can set back as it can the
    modification time; a file replaced by another (a copy, a sync) is another inode.
    """
    found: list[list[int] | None] = []
    for path in (database, Path(f"{database}-wal")):
        try:
            info = path.stat()
        except FileNotFoundError:
            found.append(None)
            continue
        found.append([info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns])
    return found


def _checked_files() -> dict[str, Any]:
    try:
        remembered = json.loads((data_dir() / CHECKED_FILES).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return remembered if isinstance(remembered, dict) else {}


def unchanged_since_checked(database: Path) -> bool:
    """True when `database` passed the whole-file check and not a byte of it has changed since."""
    return _checked_files().get(str(database.resolve())) == file_signature(database)


def remember_checked(database: Path, signature: list[list[int] | None]) -> None:
    """Note that `database`, as `signature` shows it, passed the whole-file check."""
    remembered = _checked_files()
    key = str(database.resolve())
    remembered.pop(key, None)
    remembered[key] = signature
    kept = dict(list(remembered.items())[-CHECKED_REMEMBERED:])
    partial: Path | None = None
    try:  # not fsynced: a torn copy reads as nothing remembered, which only costs a check
        target = data_dir() / CHECKED_FILES
        partial = target.with_name(f".{target.name}.{os.getpid()}.partial")
        partial.write_text(json.dumps(kept), encoding="utf-8")
        os.replace(partial, target)
    except OSError:
        if partial is not None:
            partial.unlink(missing_ok=True)


def preflight(database: Path, timeout: float | None = None) -> bool:
    """Check an existing file before SecDesk touches it; never modifies it.

    Returns True when the file already holds a SecDesk database this SecDesk can
    open, False when it is new or empty; raises as `inspect_file` does.
    """
    return inspect_file(database, timeout).exists


def inspect_file(database: Path, timeout: float | None = None, *, trust_unchanged: bool = False) -> FileCheck:
    """What `database` holds, found without changing it (not even a pragma).

    `exists` is True when the file already holds a SecDesk database SecDesk can
    open, False when there is no file yet or an empty one. Raises for a foreign, newer,
    corrupt or locked file, and for an empty file beside backups that hold data; a lock
    is waited for `timeout` seconds (the busy timeout by default).

    The whole file's integrity check (PRAGMA quick_check, which reads every page) is
    passed by when `trust_unchanged` and the file is byte for byte as it was when it
    last passed it (`unchanged_since_checked`); a file checked now is remembered so.
    """
    if timeout is None:
        timeout = BUSY_TIMEOUT_MS / 1000
    if not database.exists():
        return FileCheck(exists=False)
    if database.stat().st_size == 0:
        _refuse_empty_beside_backups(database)
        return FileCheck(exists=False)
    with database.open("rb") as handle:
        header = handle.read(len(SQLITE_HEADER))
    if header != SQLITE_HEADER:
        raise ForeignFileError(
            f"{database} is not a SecDesk database (it is not an SQLite file). "
            f"It was left untouched. {_backup_hint(database)}"
        )
    try:
        connection = connect_read_only(database, timeout=timeout, sidecars=may_write(database.parent))
    except sqlite3.Error as exc:
        raise CorruptDatabaseError(f"{database} cannot be opened: {exc}. {_backup_hint(database)}") from exc
    signature = file_signature(database)
    verify = not (trust_unchanged and unchanged_since_checked(database))
    try:
        problems = [row[0] for row in connection.execute("PRAGMA quick_check")] if verify else ["ok"]
        objects = {(row[0], row[1]) for row in connection.execute("SELECT type, name FROM sqlite_master")}
        application_id = connection.execute("PRAGMA application_id").fetchone()[0]
        tables = {name for kind, name in objects if kind == "table"}
        revisions: list[str] = []
        if "alembic_version" in tables:
            revisions = [str(row[0]) for row in connection.execute("SELECT version_num FROM alembic_version")]
    except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:
        # A damaged page can also hold text that is not UTF-8 (a schema name, a check's message).
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
    check = _judge(database, application_id, bool(objects), tables, revisions)
    if verify and trust_unchanged and check.exists and file_signature(database) == signature:
        remember_checked(database, signature)  # nothing wrote to it while it was checked
    return replace(check, verified=verify)


def _judge(database: Path, application_id: int, anything: bool, tables: set[str], revisions: list[str]) -> FileCheck:
    """Ours and a version we can open, or refused: decided before anything is written."""
    revision = revisions[0] if len(revisions) == 1 else None
    if application_id == APPLICATION_ID:
        if revision is None:
            raise CorruptDatabaseError(
                f"{database} is marked as a SecDesk database but holds no schema version. "
                f"It was left untouched. {_backup_hint(database)}"
            )
        if revision not in known_revisions():
            raise NewerSchemaError(newer_schema_message(str(database), revision))
        return FileCheck(exists=True, revision=revision, marked=True)
    if application_id != 0:
        raise ForeignFileError(
            f"{database} is an SQLite database of another program, not SecDesk's (it is marked "
            f"with application id 0x{application_id & 0xFFFFFFFF:08X}). It was left untouched. "
            "Open a SecDesk database instead."
        )
    if not anything:
        return FileCheck(exists=False)  # an SQLite file with nothing in it yet
    if revision in known_revisions() and SECDESK_TABLES <= tables:
        return FileCheck(exists=True, revision=revision, marked=False)  # written before the mark
    what = (
        f"its schema versions ({', '.join(revisions) or 'none'}) are not SecDesk's"
        if "alembic_version" in tables
        else "it has tables but no SecDesk schema version"
    )
    raise ForeignFileError(
        f"{database} is an SQLite database of another program, not SecDesk's ({what}). "
        "It was left untouched. Open a SecDesk database instead."
    )


def mark(connection: sqlite3.Connection) -> None:
    """Stamp SecDesk's application_id (inside the transaction that creates or upgrades the schema)."""
    if connection.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
        connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")


def integrity_problems(connection: sqlite3.Connection) -> list[str]:
    rows = [row[0] for row in connection.execute("PRAGMA quick_check")]
    return [] if rows == ["ok"] else rows


FINGERPRINT_SQL = "SELECT (SELECT max(id) FROM audit_record), (SELECT version_num FROM alembic_version)"


def backup_needed(source: sqlite3.Connection, database: Path) -> bool:
    """True unless the newest backup already holds every change (each change is audited)."""
    newest = newest_backup(database)
    if newest is None:
        return True
    saved = _fingerprint_of(newest)
    if saved is None:
        return True
    return tuple(source.execute(FINGERPRINT_SQL).fetchone()) != saved


def write_backup(source: sqlite3.Connection, database: Path, *, checked: bool = False) -> Path:
    """Copy a live database safely: backup API into a temporary file, check it, rename.

    The database is checked first, so that a damaged one never pushes a good backup out,
    and the copy after, unless `checked` says the database has just passed that check
    (`inspect_file` as it was opened): the backup API copies a consistent snapshot page for
    page, so the copy of a sound file is sound, and reading it back would read the cache.

    The copy is written through `secdesk.atomic`: a full disk is a DiskFullError and
    leaves nothing behind. Then the rotation keeps the newest BACKUPS_KEPT backups that
    hold data; a backup of an unchanged database replaces its identical predecessor and
    a backup of an empty one is kept beside them, so neither pushes a good one out.
    """
    problems = [] if checked else integrity_problems(source)
    if problems:
        raise CorruptDatabaseError(
            f"{database} failed its integrity check ({'; '.join(problems[:3])}); "
            f"no backup was written so the last good one is kept. {_backup_hint(database)}"
        )
    folder = backup_dir_for(database)
    if not may_write(folder if folder.exists() else folder.parent):
        raise describe_os_error(PermissionError(errno.EACCES, "the folder is read-only"), folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise describe_os_error(error, folder) from error
    remove_stale_partials(folder, f"{database.stem}-")  # what a killed backup left
    stamp = datetime.now().strftime("%Y%m%dT%H%M%S%f")
    final = folder / f"{database.stem}-{stamp}.sqlite"
    with atomic_path(final, mode=0o600) as temporary:
        _copy_into(source, temporary, database, final, verify=not checked)
    _rotate(database, final)
    return final


def _copy_into(source: sqlite3.Connection, temporary: Path, database: Path, final: Path, *, verify: bool) -> None:
    target = sqlite3.connect(temporary)
    try:
        try:
            # No journal and no syncs of its own: the copy is a temporary file until atomic_path
            # has synced it and renamed it into place, and a killed copy is cleared as a partial.
            target.execute("PRAGMA journal_mode = OFF")
            target.execute("PRAGMA synchronous = OFF")
            source.backup(target)
            verified = not verify or not integrity_problems(target)
            target.execute("PRAGMA journal_mode = DELETE")
        except sqlite3.Error as error:
            if getattr(error, "sqlite_errorcode", None) == sqlite3.SQLITE_FULL:
                raise describe_os_error(OSError(errno.ENOSPC, os.strerror(errno.ENOSPC)), final) from error
            raise
        if not verified:
            raise DatabaseError(f"The backup copy of {database} did not verify; the previous backups are kept.")
    finally:
        target.close()
        for suffix in ("-journal", "-wal", "-shm"):
            Path(f"{temporary}{suffix}").unlink(missing_ok=True)


def _rotate(database: Path, written: Path) -> None:
    backups = list_backups(database)
    prints = {backup: _fingerprint_of(backup) for backup in backups}
    mine = prints.get(written)
    # An unchanged database: the identical backups just before this one are redundant.
    older = [backup for backup in backups if backup < written]
    for previous in reversed(older):
        if mine is None or prints[previous] != mine:
            break
        previous.unlink(missing_ok=True)
        backups.remove(previous)
    with_data = [backup for backup in backups if _holds_data(prints[backup])]
    empty = [backup for backup in backups if not _holds_data(prints[backup])]
    newest_with_data = with_data[-1] if with_data else None
    doomed = with_data[:-BACKUPS_KEPT]
    # A backup of an empty database counts only while no backup holding data is newer.
    doomed += [backup for backup in empty if newest_with_data is not None and backup < newest_with_data]
    doomed += [backup for backup in empty[:-1] if backup not in doomed]
    for old in doomed:
        old.unlink(missing_ok=True)


def purge(connection: sqlite3.Connection) -> None:
    """Leave no old page images behind: checkpoint and empty the WAL, then rebuild the file."""
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.execute("VACUUM")
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
