"""Damage SQLite's own check cannot see: `check` names the rows, other commands fail cleanly."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from secdesk.cli.main import main
from secdesk.store import open_store


def _damage(path: Path, sql: str) -> None:
    connection = sqlite3.connect(path)
    with connection:
        connection.execute(sql)
    connection.close()


DAMAGE = {
    "enum": (
        "UPDATE action SET status = 'half-done' WHERE id = (SELECT min(id) FROM action)",
        "status holds 'half-done'",
    ),
    "date": (
        "UPDATE meeting SET date = '2027-02-31' WHERE id = (SELECT min(id) FROM meeting)",
        "date holds '2027-02-31'",
    ),
    "table": ("DROP TABLE decision", "table decision is missing"),
    "text": (
        "UPDATE committee SET name = CAST(X'546162FF63' AS TEXT) WHERE code = 'TABASC'",
        "name is not readable text",
    ),
}


@pytest.mark.parametrize("kind", sorted(DAMAGE))
def test_check_names_the_damage_and_other_commands_fail_cleanly(demo_store, kind: str, capsys) -> None:
    path = demo_store.path
    demo_store.close()
    sql, named = DAMAGE[kind]
    _damage(path, sql)
    assert main(["--db", str(path), "check"]) == 1
    out = capsys.readouterr().out
    assert "Integrity: ok" in out and "Contents: FAILED" in out and named in out
    for command in (["actions"], ["meetings"], ["minutes", "TABASC 46", "-o", str(path.parent / "m.docx")]):
        code = main(["--db", str(path), *command])
        err = capsys.readouterr().err
        assert code in (0, 1) and "Traceback" not in err
        if code == 1:
            assert "is damaged" in err and "secdesk check" in err


def test_ciphertext_that_does_not_open_is_named(demo_store, capsys) -> None:
    path = demo_store.path
    demo_store.close()
    connection = sqlite3.connect(path)
    row = connection.execute("SELECT id, minutes FROM agenda_item WHERE sealed_fields LIKE '%minutes%'").fetchone()
    assert row is not None
    flipped = row[1][:-6] + ("A" if row[1][-6] != "A" else "B") + row[1][-5:]
    with connection:
        connection.execute("UPDATE agenda_item SET minutes = ? WHERE id = ?", (flipped, row[0]))
    connection.close()
    assert main(["--db", str(path), "check"]) == 1
    assert f"agenda_item row {row[0]}: minutes does not decrypt" in capsys.readouterr().out


def test_a_sound_database_checks_ok(demo_store, capsys) -> None:
    demo_store.close()
    assert main(["--db", str(demo_store.path), "check"]) == 0
    assert "Contents: ok" in capsys.readouterr().out
    assert open_store(demo_store.path).logical_problems() == []
