"""Issue 16: a command's start-up pays only for what the command does (bench/cli_start.py).

One command imports one command module; opening a current database loads neither
Alembic nor, until a key is used, cryptography; the schema head is read from the
migration files; a listing copies nothing and a write is backed up before it changes anything.
"""

from __future__ import annotations

import argparse
import importlib
import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from secdesk.cli import main as cli
from secdesk.paths import asset_dir
from secdesk.services import committees
from secdesk.store import migrations, open_store, sqlite
from secdesk.store.opening import BEFORE_WRITING


def test_each_command_is_named_with_the_module_that_registers_it() -> None:
    registered = {}
    for module in cli.COMMAND_MODULES:
        parser = argparse.ArgumentParser()
        importlib.import_module(f"secdesk.cli.{module}").register(parser.add_subparsers())
        for name in parser._subparsers._group_actions[0].choices:  # type: ignore[union-attr]
            registered[name] = module
    assert cli.COMMANDS == registered


def test_a_command_parses_as_the_whole_parser_would() -> None:
    argv = ["--db", "x.sqlite", "actions", "--open", "--committee", "TABASC"]
    assert vars(cli.parser_for(argv).parse_args(argv)).keys() == vars(cli.build_parser().parse_args(argv)).keys()
    assert cli.parser_for(["--help"])._subparsers is not None
    assert set(cli.parser_for(["no-such-command"])._subparsers._group_actions[0].choices) == set(  # type: ignore[union-attr]
        cli.COMMANDS
    )


MODULES_OF = """
import json, sys
from secdesk.cli.main import main
code = main(sys.argv[1:])
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""


def _modules_loaded_by(*argv: str) -> list[str]:
    done = subprocess.run([sys.executable, "-c", MODULES_OF, *argv], capture_output=True, text=True,
                          timeout=120, check=True)
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["code"] == 0, done.stderr
    return result["modules"]


def test_a_listing_of_a_current_database_loads_no_alembic_no_cryptography_no_other_command(
    demo_file: Path,
) -> None:
    loaded = _modules_loaded_by("--db", str(demo_file), "committees")
    for absent in ("alembic", "cryptography", "secdesk.cli.document_commands", "secdesk.cli.pack_commands",
                   "secdesk.cli.security_commands", "secdesk.cli.meeting_commands", "secdesk.services.actions",
                   "PySide6"):
        assert not [name for name in loaded if name == absent or name.startswith(absent + ".")], absent
    assert "sqlalchemy.orm" in loaded  # it did open the database


def test_a_database_needing_migration_still_gets_it(tmp_path: Path) -> None:
    from alembic import command
    from sqlalchemy import create_engine

    old = tmp_path / "old.sqlite"
    engine = create_engine(f"sqlite:///{old}")
    with engine.begin() as connection:
        command.upgrade(migrations.alembic_config(connection), "0003")
    engine.dispose()
    loaded = _modules_loaded_by("--db", str(old), "committees")
    assert "alembic" in loaded
    opened = open_store(old, backup=False)
    assert opened.schema_revision() == migrations.schema_head()
    opened.close()


def test_the_head_read_from_the_files_is_alembics() -> None:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(migrations.alembic_config())
    oldest_first = [revision.revision for revision in script.walk_revisions()][::-1]
    assert list(migrations.known_revisions()) == oldest_first
    assert migrations.schema_head() == script.get_current_head() == migrations.SCHEMA_HEAD


def test_a_new_migration_file_is_the_new_head(tmp_path: Path) -> None:
    versions = tmp_path / "versions"
    shutil.copytree(asset_dir("db") / "versions", versions)
    head = migrations.schema_head()
    (versions / "9999_next.py").write_text(
        f'"""A later migration."""\nfrom alembic import op\n\nrevision: str = "9999"\n'
        f"down_revision = '{head}'\nbranch_labels = None\n"
    )
    assert migrations.revisions_in(versions) == (*migrations.known_revisions(), "9999")
    (versions / "9998_beside.py").write_text(f"revision = '9998'\ndown_revision = '{head}'\n")
    with pytest.raises(RuntimeError, match="not one line"):
        migrations.revisions_in(versions)


def _add_committee(path: Path, code: str) -> None:
    opened = open_store(path, backup=False)
    with opened.write() as session:
        committees.create_committee(session, code, f"{code} committee")
    opened.close()


def _committees_in(backup: Path) -> set[str]:
    connection = sqlite3.connect(backup)
    try:
        return {row[0] for row in connection.execute("SELECT code FROM committee")}
    finally:
        connection.close()


def test_a_command_backs_up_before_its_first_write_and_a_listing_copies_nothing(db_path: Path) -> None:
    _add_committee(db_path, "ONE")
    open_store(db_path).close()  # a backup holding ONE
    _add_committee(db_path, "TWO")
    before = sqlite.list_backups(db_path)
    looking = open_store(db_path, backup=BEFORE_WRITING)
    with looking.read() as session:
        committees.list_committees(session)
    looking.close()
    assert sqlite.list_backups(db_path) == before, "a listing wrote a backup"
    writing = open_store(db_path, backup=BEFORE_WRITING)
    with writing.write() as session:
        committees.create_committee(session, "THREE", "THREE committee")
    with writing.write() as session:
        committees.create_committee(session, "FOUR", "FOUR committee")
    writing.close()
    backups = sqlite.list_backups(db_path)
    assert backups[:-1] == before, "one backup, before the first write only"
    assert _committees_in(backups[-1]) == {"ONE", "TWO"}, "the backup holds the database as it was before"


def test_the_command_line_backs_up_a_change_before_the_next_change(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["--db", str(db_path), "committee", "add", "ONE", "One committee"]) == 0
    assert cli.main(["--db", str(db_path), "committee", "add", "TWO", "Two committee"]) == 0
    first = sqlite.list_backups(db_path)
    assert _committees_in(first[-1]) == {"ONE"}, "the second command backed up the first's change"
    assert cli.main(["--db", str(db_path), "committees"]) == 0
    assert sqlite.list_backups(db_path) == first, "a listing wrote a backup"
    assert cli.main(["--db", str(db_path), "person", "add", "Ann Other"]) == 0
    backups = sqlite.list_backups(db_path)
    assert backups[:-1] == first and _committees_in(backups[-1]) == {"ONE", "TWO"}
    capsys.readouterr()


def test_the_check_at_opening_stands_for_the_first_backup_only(db_path: Path, monkeypatch) -> None:
    _add_committee(db_path, "ONE")
    checks = []
    real = sqlite.integrity_problems

    def counted(connection: sqlite3.Connection) -> list[str]:
        checks.append(connection)
        return real(connection)

    monkeypatch.setattr(sqlite, "integrity_problems", counted)
    opened = open_store(db_path, backup=BEFORE_WRITING)
    with opened.write() as session:
        committees.create_committee(session, "TWO", "TWO committee")
    assert checks == [], "the file was checked as it was opened, and its copy is page for page the same"
    again = opened.backup(force=True)
    assert len(checks) == 2, "after a write the file is checked again before it is copied, and the copy after"
    opened.close()
    for backup in sqlite.list_backups(db_path):
        copy = sqlite3.connect(backup)
        assert sqlite.integrity_problems(copy) == [] and copy.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        copy.close()
    assert again is not None and _committees_in(again) == {"ONE", "TWO"}


def test_no_collections_while_the_model_loads_and_what_it_made_is_frozen() -> None:
    import gc

    from secdesk.store import collection_paused

    assert gc.isenabled()
    try:
        with collection_paused():
            assert not gc.isenabled()
            with collection_paused():
                assert not gc.isenabled()
            assert not gc.isenabled(), "an inner pause does not end the outer one"
            made = [[] for _ in range(100)]
        assert gc.isenabled() and gc.get_freeze_count() >= len(made)
        gc.disable()
        with collection_paused():
            pass
        assert not gc.isenabled(), "a collector switched off before stays off"
    finally:
        gc.enable()
        gc.unfreeze()


def test_the_whole_file_check_is_passed_by_only_while_not_a_byte_changed(demo_file: Path) -> None:
    def verified() -> bool:
        return sqlite.inspect_file(demo_file, trust_unchanged=True).verified

    assert verified(), "a file never checked is checked"
    assert not verified(), "the same bytes are not read through again"
    assert sqlite.inspect_file(demo_file).verified, "unless the caller asks for the check"
    _add_committee(demo_file, "ONE")
    assert verified(), "a change is checked again"
    assert not verified()
    shutil.copyfile(demo_file, demo_file.with_name("copy.sqlite"))
    demo_file.with_name("copy.sqlite").replace(demo_file)  # the same bytes, but another file
    assert verified()
    stamp = demo_file.stat()
    import os

    os.utime(demo_file, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))  # times put back: the change time moves
    assert verified()


def test_damage_after_a_check_is_still_found(demo_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from secdesk.errors import CorruptDatabaseError

    assert cli.main(["--db", str(demo_file), "committees"]) == 0
    looking = sqlite3.connect(demo_file)
    leaf = looking.execute("SELECT max(pageno) FROM dbstat WHERE name = 'audit_record' AND pagetype = 'leaf'")
    number = leaf.fetchone()[0]  # a page of the audit trail: only a whole read of the file meets it
    looking.close()
    data = bytearray(demo_file.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    data[(number - 1) * page + 8: number * page] = b"\xa5" * (page - 8)
    demo_file.write_bytes(bytes(data))
    looking = sqlite3.connect(demo_file)
    assert looking.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] > 0, "only a whole read sees it"
    looking.close()
    with pytest.raises(CorruptDatabaseError, match="failed its integrity check"):
        sqlite.inspect_file(demo_file, trust_unchanged=True)
    assert cli.main(["--db", str(demo_file), "committees"]) == 1
    assert "failed its integrity check" in capsys.readouterr().err


def test_a_torn_or_foreign_record_of_checked_files_only_costs_a_check(demo_file: Path, secdesk_home: Path) -> None:
    record = secdesk_home / sqlite.CHECKED_FILES
    for text in ("{not json", "[1, 2]", json.dumps({str(demo_file.resolve()): "something else"})):
        record.write_text(text)
        assert sqlite.inspect_file(demo_file, trust_unchanged=True).verified, text
    assert not sqlite.inspect_file(demo_file, trust_unchanged=True).verified
