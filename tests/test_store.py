"""Storage: migrations, pragmas, backups, refusal of corrupt, foreign and newer files."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

from secdesk.errors import (
    CorruptDatabaseError,
    DatabaseError,
    DatabaseLockedError,
    ForeignFileError,
    NewerSchemaError,
)
from secdesk.model import Base, Committee
from secdesk.services import committees
from secdesk.store import migrations, open_store, sqlite


def test_new_database_is_migrated_to_head(store) -> None:
    assert store.schema_revision() == migrations.head_revision()


def test_models_and_migrations_agree(store) -> None:
    with store.engine.connect() as connection:
        assert "search_action" in migrations.unmapped_tables(connection)  # the filter leaves out what it must
        opts = {"render_as_batch": True, "include_object": migrations.mapped_only(connection)}
        context = MigrationContext.configure(connection, opts=opts)
        diff = compare_metadata(context, Base.metadata)
    assert diff == [], f"models differ from migrations; write a migration: {diff}"


def test_sqlite_pragmas(store) -> None:
    with store.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == sqlite.BUSY_TIMEOUT_MS


def test_a_failed_write_saves_nothing(store) -> None:
    with pytest.raises(RuntimeError), store.write() as session:
        committees.create_committee(session, "TAG", "Testing Advisory Group")
        raise RuntimeError("power cut")
    with store.read() as session:
        assert session.query(Committee).count() == 0


def _add_committee(path: Path, code: str) -> None:
    opened = open_store(path, backup=False)
    with opened.write() as session:
        committees.create_committee(session, code, f"{code} committee")
    opened.close()


def test_backup_on_open_only_when_changed_and_keeps_ten(db_path: Path) -> None:
    open_store(db_path).close()
    assert len(sqlite.list_backups(db_path)) == 1
    open_store(db_path).close()
    assert len(sqlite.list_backups(db_path)) == 1, "an unchanged database needs no new backup"
    for index in range(12):
        _add_committee(db_path, f"C{index}")
        opened = open_store(db_path)
        opened.close()
    backups = sqlite.list_backups(db_path)
    assert len(backups) == sqlite.BACKUPS_KEPT
    newest = sqlite3.connect(backups[-1])
    assert newest.execute("SELECT count(*) FROM committee").fetchone()[0] == 12
    newest.close()
    assert not list(backups[-1].parent.glob(".*partial")), "no temporary file is left behind"


def test_backup_of_a_damaged_database_keeps_the_last_good_one(db_path: Path, store) -> None:
    good = store.backup(force=True)
    assert good is not None
    before = sqlite.list_backups(db_path)

    class Damaged:
        def execute(self, _sql: str):
            return [("row 3 missing from index",)]

    with pytest.raises(CorruptDatabaseError, match="last good one is kept"):
        sqlite.write_backup(Damaged(), db_path)  # type: ignore[arg-type]
    assert sqlite.list_backups(db_path) == before
    assert good.read_bytes()[:16] == sqlite.SQLITE_HEADER


def _corrupt_copy(db_path: Path) -> bytes:
    opened = open_store(db_path)
    with opened.write() as session:
        for index in range(30):
            committees.create_committee(session, f"K{index}", "x" * 300)
    opened.engine.dispose()
    connection = sqlite3.connect(db_path)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.execute("PRAGMA journal_mode=DELETE")
    connection.close()
    data = bytearray(db_path.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    for offset in range(page_size * 2, min(len(data), page_size * 6)):
        data[offset] = 0xA5
    db_path.write_bytes(bytes(data))
    return bytes(data)


def test_corrupt_file_is_refused_untouched_and_names_the_backup(db_path: Path) -> None:
    damaged = _corrupt_copy(db_path)
    with pytest.raises(CorruptDatabaseError) as caught:
        open_store(db_path)
    message = str(caught.value)
    assert str(db_path) in message
    assert str(sqlite.newest_backup(db_path)) in message
    assert db_path.read_bytes() == damaged


def test_foreign_files_are_refused_untouched(tmp_path: Path) -> None:
    text_file = tmp_path / "notes.sqlite"
    text_file.write_text("minutes of the meeting\n")
    with pytest.raises(ForeignFileError, match="not an SQLite file"):
        open_store(text_file)
    assert text_file.read_text() == "minutes of the meeting\n"

    other = tmp_path / "other.db"
    connection = sqlite3.connect(other)
    connection.execute("CREATE TABLE recipes (name TEXT)")
    connection.commit()
    connection.close()
    before = other.read_bytes()
    with pytest.raises(ForeignFileError, match="another program"):
        open_store(other)
    assert other.read_bytes() == before


def test_database_from_a_newer_secdesk_is_refused(db_path: Path, store) -> None:
    with store.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    store.close()
    with pytest.raises(NewerSchemaError, match="newer SecDesk"):
        open_store(db_path)


def test_locked_database_gives_a_clear_error(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sqlite, "BUSY_TIMEOUT_MS", 100)
    opened = open_store(db_path)
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(DatabaseLockedError, match="locked"), opened.write() as session:
            committees.create_committee(session, "SSC", "Security Sub-Committee")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    with opened.read() as session:
        assert session.query(Committee).count() == 0
    opened.close()


def test_a_database_held_exclusively_elsewhere_is_locked_not_damaged(db_path: Path) -> None:
    open_store(db_path).close()
    holder = sqlite3.connect(db_path, isolation_level=None, timeout=0.1)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    holder.execute("COMMIT")  # the exclusive lock stays until the connection closes
    before = db_path.read_bytes()
    try:
        with pytest.raises(DatabaseLockedError, match="locked by another program"):
            sqlite.preflight(db_path, timeout=0.2)
    finally:
        holder.close()
    assert db_path.read_bytes() == before
    assert sqlite.preflight(db_path) is True


def test_missing_folder_and_folder_paths_are_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(DatabaseError, match="does not exist"):
        open_store(tmp_path / "nowhere" / "x.sqlite")
    with pytest.raises(DatabaseError, match="is a folder"):
        open_store(tmp_path)


def test_the_schema_head_constant_matches_the_migrations() -> None:
    assert migrations.SCHEMA_HEAD == migrations.head_revision()


def test_opening_a_current_database_does_not_import_alembic(db_path: Path) -> None:
    import subprocess
    import sys

    open_store(db_path).close()
    code = (
        "import sys; from secdesk.store import open_store; "
        f"open_store({str(db_path)!r}).close(); print('alembic' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_upgrading_a_filled_database_keeps_every_row(tmp_path: Path) -> None:
    """Batch migrations copy tables; no child row may be lost on the way."""
    from alembic import command
    from sqlalchemy import create_engine

    old = tmp_path / "old.sqlite"
    engine = create_engine(f"sqlite:///{old}")
    sqlite.configure_engine(engine)  # foreign keys on, as a user's database has them
    with engine.begin() as connection:
        command.upgrade(migrations.alembic_config(connection), "0001")
        connection.execute(text(
            "INSERT INTO committee (id, uuid, created_at, updated_at, code, name, voice, quorum, secretariat) "
            "VALUES (1, 'c', '2026-01-01', '2026-01-01', 'TAG', 'Testing', 'The TAG', 3, 'SECAS')"))
        connection.execute(text(
            "INSERT INTO meeting (id, uuid, created_at, updated_at, committee_id, number, date, status, locked) "
            "VALUES (1, 'm', '2026-01-01', '2026-01-01', 1, 5, '2026-02-01', 'held', 0)"))
        connection.execute(text(
            "INSERT INTO agenda_item (id, uuid, created_at, updated_at, meeting_id, number, position, title, "
            "section, kind, purpose, classification, minutes) VALUES (1, 'i', '2026-01-01', '2026-01-01', 1, 1, 1, "
            "'Item', 'main', 'normal', 'information', 'white', '')"))
        connection.execute(text(
            "INSERT INTO decision (id, uuid, created_at, updated_at, agenda_item_id, verb, text, classification, "
            "position) VALUES (1, 'd', '2026-01-01', '2026-01-01', 1, 'NOTED', 'the paper', 'white', 0)"))
        connection.execute(text(
            "INSERT INTO action (id, uuid, created_at, updated_at, reference, committee_id, meeting_id, "
            "agenda_item_id, owner, text, status, classification) VALUES (1, 'a', '2026-01-01', '2026-01-01', "
            "'TAG05/01', 1, 1, 1, 'SECAS', 'Do it', 'open', 'white')"))
    engine.dispose()
    upgraded = open_store(old)
    assert upgraded.schema_revision() == migrations.SCHEMA_HEAD
    with upgraded.engine.connect() as connection:
        counts = {t: connection.execute(text(f"SELECT count(*) FROM {t}")).scalar() for t in
                  ("committee", "meeting", "agenda_item", "decision", "action")}
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    assert counts == {"committee": 1, "meeting": 1, "agenda_item": 1, "decision": 1, "action": 1}
    upgraded.close()


def test_a_database_from_an_older_secdesk_is_backed_up_as_it_was_before_the_upgrade(tmp_path: Path) -> None:
    """Were an upgrade ever to lose something, the newest backup still holds the file as the older SecDesk left it."""
    from alembic import command
    from sqlalchemy import create_engine

    old = tmp_path / "old.sqlite"
    engine = create_engine(f"sqlite:///{old}")
    sqlite.configure_engine(engine)
    with engine.begin() as connection:
        command.upgrade(migrations.alembic_config(connection), "0001")
        connection.execute(text(
            "INSERT INTO committee (id, uuid, created_at, updated_at, code, name, voice, quorum, secretariat) "
            "VALUES (1, 'c', '2026-01-01', '2026-01-01', 'TAG', 'Testing', 'The TAG', 3, 'SECAS')"))
    engine.dispose()
    assert sqlite.list_backups(old) == []

    upgraded = open_store(old, backup=False)  # the pre-upgrade backup is kept whatever the caller asks
    assert upgraded.schema_revision() == migrations.SCHEMA_HEAD
    upgraded.close()
    backups = sqlite.list_backups(old)
    assert len(backups) == 1
    kept = sqlite3.connect(backups[0])
    try:
        assert kept.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
        assert kept.execute("SELECT code FROM committee").fetchall() == [("TAG",)]
    finally:
        kept.close()
    # A current database opened again is not backed up again for that reason.
    open_store(old, backup=False).close()
    assert len(sqlite.list_backups(old)) == 1
