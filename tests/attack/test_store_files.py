"""Files that are not ours, or not well: foreign, newer, empty, read-only, raced, on a full disk.

Every refused file is left byte for byte as it was (SHA-256 before and after),
and nothing is created beside it.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from secdesk.atomic import DiskFullError
from secdesk.errors import CorruptDatabaseError, ForeignFileError, NewerSchemaError, SecDeskError
from secdesk.services import committees
from secdesk.store import migrations, open_store, sqlite

JOURNAL_MODES = ("delete", "wal")


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _folder(path: Path) -> list[str]:
    return sorted(entry.name for entry in path.parent.iterdir())


def _application_id(path: Path) -> int:
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return int(connection.execute("PRAGMA application_id").fetchone()[0])
    finally:
        connection.close()


def _finish_in(path: Path, journal_mode: str) -> None:
    """Leave the file as a program that closed cleanly would, in the given journal mode."""
    connection = sqlite3.connect(path)
    connection.execute(f"PRAGMA journal_mode = {journal_mode}")
    connection.close()
    assert not Path(f"{path}-wal").exists()


def _other_program(path: Path, journal_mode: str, *, revision: str | None, application_id: int = 0,
                   secdesk_tables: bool = False) -> Path:
    connection = sqlite3.connect(path)
    connection.execute(f"PRAGMA journal_mode = {journal_mode}")
    if application_id:
        connection.execute(f"PRAGMA application_id = {application_id}")
    connection.execute("CREATE TABLE recipes (id INTEGER PRIMARY KEY, name TEXT)")
    connection.execute("INSERT INTO recipes (name) VALUES ('scones')")
    if secdesk_tables:
        for table in ("committee", "meeting", "audit_record"):
            connection.execute(f"CREATE TABLE {table} (id INTEGER PRIMARY KEY)")
    if revision is not None:
        connection.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY)")
        connection.execute("INSERT INTO alembic_version VALUES (?)", (revision,))
    connection.commit()
    connection.close()
    _finish_in(path, journal_mode)
    return path


def _add_committee(path: Path, code: str) -> None:
    opened = open_store(path, backup=False)
    with opened.write() as session:
        committees.create_committee(session, code, f"{code} committee")
    opened.close()


def _refused_untouched(path: Path, error: type[Exception], match: str) -> SecDeskError:
    digest, beside = _sha(path), _folder(path)
    with pytest.raises(error, match=match) as caught:
        open_store(path)
    assert _sha(path) == digest, "a refused file was changed"
    assert _folder(path) == beside, "files were created beside a refused file"
    assert str(path) in str(caught.value)
    return caught.value  # type: ignore[return-value]


# 9. Foreign and newer files: nothing written, not even a pragma.

@pytest.mark.parametrize("journal_mode", JOURNAL_MODES)
def test_a_newer_secdesk_database_is_refused_untouched(db_path: Path, journal_mode: str) -> None:
    open_store(db_path, backup=False).close()
    connection = sqlite3.connect(db_path)
    connection.execute("UPDATE alembic_version SET version_num = '0099_future'")
    connection.commit()
    connection.close()
    _finish_in(db_path, journal_mode)
    _refused_untouched(db_path, NewerSchemaError, "newer SecDesk")


@pytest.mark.parametrize("journal_mode", JOURNAL_MODES)
@pytest.mark.parametrize(
    ("revision", "application_id", "secdesk_tables"),
    [
        (None, 0, False),  # no Alembic
        ("ae1027a6acf", 0, False),  # another program's Alembic
        ("0001", 0, False),  # another program's Alembic whose first revision is named as ours
        ("0004", 0x0F055112, True),  # marked as another program's, whatever its tables
        (None, 0x0F055112, False),
    ],
    ids=["no-alembic", "foreign-alembic", "colliding-revision", "other-application-id", "other-id-only"],
)
def test_another_programs_sqlite_file_is_refused_untouched(
    tmp_path: Path, journal_mode: str, revision: str | None, application_id: int, secdesk_tables: bool
) -> None:
    other = _other_program(tmp_path / "other.db", journal_mode, revision=revision,
                           application_id=application_id, secdesk_tables=secdesk_tables)
    error = _refused_untouched(other, ForeignFileError, "another program")
    assert "left untouched" in str(error)


def test_secdesk_databases_are_marked_and_older_ones_are_recognised(db_path: Path, tmp_path: Path) -> None:
    open_store(db_path).close()
    assert _application_id(db_path) == sqlite.APPLICATION_ID
    assert db_path.read_bytes()[68:72] == b"SDsk"

    # A database written before the mark: SecDesk's revision and tables, application_id 0.
    older = tmp_path / "older.sqlite"
    engine = create_engine(f"sqlite:///{older}")
    with engine.begin() as connection:
        from alembic import command

        command.upgrade(migrations.alembic_config(connection), "0003")
    engine.dispose()
    assert _application_id(older) == 0
    opened = open_store(older, backup=False)
    assert opened.schema_revision() == migrations.SCHEMA_HEAD
    opened.close()
    assert _application_id(older) == sqlite.APPLICATION_ID


def test_the_known_revisions_are_the_migrations() -> None:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(migrations.alembic_config())
    assert set(migrations.KNOWN_REVISIONS) == {rev.revision for rev in script.walk_revisions()}


# 10. Empty files and backups that must not push good ones out.

def _with_backups(db_path: Path, count: int) -> list[Path]:
    for index in range(count):
        _add_committee(db_path, f"C{index}")
        opened = open_store(db_path)
        opened.close()
    return sqlite.list_backups(db_path)


def test_an_emptied_file_beside_backups_of_data_is_refused_naming_the_newest(db_path: Path) -> None:
    backups = _with_backups(db_path, 2)
    db_path.write_bytes(b"")  # a sync client truncated it
    with pytest.raises(CorruptDatabaseError) as caught:
        open_store(db_path)
    message = str(caught.value)
    assert str(db_path) in message and "empty" in message
    assert str(backups[-1]) in message and "copy that file over" in message
    assert db_path.stat().st_size == 0
    assert sqlite.list_backups(db_path) == backups


def test_a_new_or_empty_file_without_backups_becomes_a_database(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.sqlite"
    open_store(fresh).close()
    assert _application_id(fresh) == sqlite.APPLICATION_ID
    empty = tmp_path / "empty.sqlite"
    empty.write_bytes(b"")
    open_store(empty).close()
    assert _application_id(empty) == sqlite.APPLICATION_ID


def test_a_new_empty_database_does_not_push_good_backups_out(db_path: Path) -> None:
    good = _with_backups(db_path, sqlite.BACKUPS_KEPT)
    assert len(good) == sqlite.BACKUPS_KEPT
    db_path.unlink()  # the file is gone: a brand-new database is made at the path
    Path(f"{db_path}-wal").unlink(missing_ok=True)
    open_store(db_path).close()
    opened = open_store(db_path, backup=False)
    for _ in range(3):
        opened.backup(force=True)
    opened.close()
    kept = sqlite.list_backups(db_path)
    assert set(good) <= set(kept), "a backup of an empty database displaced a good one"
    assert len(kept) == sqlite.BACKUPS_KEPT + 1


def test_backups_of_an_unchanged_database_do_not_push_good_ones_out(db_path: Path) -> None:
    good = _with_backups(db_path, 5)
    opened = open_store(db_path, backup=False)
    for _ in range(sqlite.BACKUPS_KEPT + 2):
        written = opened.backup(force=True)
    opened.close()
    kept = sqlite.list_backups(db_path)
    assert kept == good[:-1] + [written], "the unchanged copies replace each other, the older ones stay"


# 11. Read-only files and folders: viewing and exports work, edits are refused clearly.

def _cli(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "secdesk.cli.main", "--db", str(db), *args],
                          capture_output=True, text=True, timeout=120, check=False)


@pytest.fixture
def demo_file(demo_store, tmp_path: Path) -> Path:
    path = demo_store.path
    demo_store.close()
    folder = tmp_path / "shared"
    folder.mkdir()
    moved = folder / "demo.sqlite"
    path.rename(moved)
    return moved


@pytest.mark.parametrize("what", ["file", "folder"])
def test_a_read_only_database_opens_read_only(demo_file: Path, tmp_path: Path, what: str) -> None:
    folder = demo_file.parent
    target = demo_file if what == "file" else folder
    mode = target.stat().st_mode
    os.chmod(target, 0o444 if what == "file" else 0o555)
    try:
        digest, beside = _sha(demo_file), _folder(demo_file)
        opened = open_store(demo_file)
        assert opened.read_only is not None
        with opened.read() as session:
            assert [c.code for c in committees.list_committees(session)]
        with pytest.raises(sqlite.ReadOnlyDatabaseError, match="read-only") as caught, opened.write() as session:
            committees.create_committee(session, "NEW", "New committee")
        assert "damaged" not in str(caught.value) and str(demo_file) in str(caught.value)
        opened.close()

        listed = _cli(demo_file, "committees")
        assert listed.returncode == 0, listed.stderr
        assert "TABASC" in listed.stdout
        out = tmp_path / "minutes.docx"
        exported = _cli(demo_file, "minutes", "TABASC", "46", "--classification", "white",
                        "--format", "docx", "-o", str(out))
        assert exported.returncode == 0, exported.stderr
        assert out.read_bytes()[:2] == b"PK"
        edit = _cli(demo_file, "reopen", "TABASC", "45")
        assert edit.returncode == 1
        assert "read-only" in edit.stderr and "Traceback" not in edit.stderr
        assert "damaged" not in edit.stderr
        if what == "folder":
            backup = _cli(demo_file, "backup")
            assert backup.returncode == 1 and "read-only" in backup.stderr, backup.stderr
            assert "Traceback" not in backup.stderr
        assert _sha(demo_file) == digest
        assert _folder(demo_file) == beside
    finally:
        os.chmod(target, mode)


def test_a_read_only_database_needing_an_upgrade_is_refused_clearly(tmp_path: Path) -> None:
    older = tmp_path / "older.sqlite"
    engine = create_engine(f"sqlite:///{older}")
    with engine.begin() as connection:
        from alembic import command

        command.upgrade(migrations.alembic_config(connection), "0003")
    engine.dispose()
    os.chmod(older, 0o444)
    digest = _sha(older)
    with pytest.raises(sqlite.ReadOnlyDatabaseError, match="must be upgraded"):
        open_store(older)
    assert _sha(older) == digest


# 13. Many SecDesks opening a new or an old database at the same moment.

def _race(db: Path, processes: int = 8) -> list[subprocess.CompletedProcess[str]]:
    command = [sys.executable, "-m", "secdesk.cli.main", "--db", str(db), "committees"]
    running = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
               for _ in range(processes)]
    results = []
    for process in running:
        out, err = process.communicate(timeout=180)
        results.append(subprocess.CompletedProcess(command, process.returncode, out, err))
    return results


@pytest.mark.parametrize("start", ["new", "old"])
def test_processes_opening_a_new_or_old_database_at_once_all_open(tmp_path: Path, start: str) -> None:
    db = tmp_path / "raced.sqlite"
    if start == "old":
        engine = create_engine(f"sqlite:///{db}")
        with engine.begin() as connection:
            from alembic import command

            command.upgrade(migrations.alembic_config(connection), "0001")
            connection.execute(text(
                "INSERT INTO committee (id, uuid, created_at, updated_at, code, name, voice, quorum, secretariat) "
                "VALUES (1, 'c', '2026-01-01', '2026-01-01', 'TAG', 'Testing', 'The TAG', 3, 'SECAS')"))
        engine.dispose()
    results = _race(db)
    for result in results:
        assert "Traceback" not in result.stderr, result.stderr
        assert result.returncode == 0, result.stderr
    opened = open_store(db, backup=False)
    assert opened.schema_revision() == migrations.SCHEMA_HEAD
    opened.close()
    assert _application_id(db) == sqlite.APPLICATION_ID


def test_a_new_file_another_program_is_writing_is_waited_for(tmp_path: Path) -> None:
    # Switching a new file to WAL fails at once, without the busy wait, while another
    # connection holds its write lock: what two SecDesks creating one file at once meet.
    db = tmp_path / "contended.sqlite"
    holder = sqlite3.connect(db, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    threading.Timer(0.5, lambda: holder.execute("ROLLBACK")).start()
    try:
        opened = open_store(db, backup=False)
    finally:
        holder.close()
    assert opened.schema_revision() == migrations.SCHEMA_HEAD
    opened.close()


# 14. A backup on a full disk: DiskFullError, nothing left behind.

@pytest.fixture
def full_backup_folder(db_path: Path):
    folder = sqlite.backup_dir_for(db_path)
    folder.mkdir(parents=True)
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(folder)],
                             capture_output=True, text=True, check=False)
    if mounted.returncode != 0:
        pytest.skip(f"a small tmpfs cannot be mounted here: {mounted.stderr.strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=True)


def test_a_backup_on_a_full_disk_is_disk_full_and_leaves_nothing(db_path: Path, full_backup_folder: Path) -> None:
    opened = open_store(db_path, backup=False)
    with opened.write() as session:
        for index in range(200):
            committees.create_committee(session, f"K{index}", "x" * 800)
    with pytest.raises(DiskFullError, match="disk is full"):
        opened.backup(force=True)
    opened.close()
    assert list(full_backup_folder.iterdir()) == []
    result = _cli(db_path, "backup")
    assert result.returncode == 1
    assert "disk is full" in result.stderr and "Traceback" not in result.stderr
    assert list(full_backup_folder.iterdir()) == []
