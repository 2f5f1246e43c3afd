"""Issue 15, items 9 and 12: a damaged database file gets a message, never a traceback, and is not modified.

The demo database, closed cleanly so that every byte is in the one file (in WAL
mode, as SecDesk writes every database), is truncated at telling places and has
single bits flipped across its pages (a fixed seed, so a failure can be replayed).
Each copy goes through `check` and a minutes export.
A file SecDesk refuses must be byte for byte what it was; a flip SecDesk cannot see
(in free space, say) may simply work.
"""

from __future__ import annotations

import hashlib
import random
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from secdesk.cli.main import main

FLIPS = 40


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory, _demo_template: Path) -> bytes:
    path = tmp_path_factory.mktemp("pristine") / "demo.sqlite"
    path.write_bytes(_demo_template.read_bytes())
    assert not Path(f"{_demo_template}-wal").exists()
    # No free pages (the search index's optimising leaves some, zeroed): a cut from the end
    # would take only zeros that SQLite reads back as zeros, and damage nothing.
    with closing(sqlite3.connect(path)) as connection:
        connection.execute("VACUUM")
        assert connection.execute("PRAGMA freelist_count").fetchone() == (0,)
    data = path.read_bytes()
    assert data[18:20] == b"\x02\x02"  # WAL: opening it again changes no header byte
    return data


def _damaged_copies(data: bytes) -> list[tuple[str, bytes]]:
    page = int.from_bytes(data[16:18], "big")
    copies = [
        ("header only", data[:100]),
        ("half the first page", data[: page // 2]),
        ("half the file", data[: len(data) // 2]),
        ("all but the last page", data[:-page]),
        ("one byte short", data[:-1]),
    ]
    chooser = random.Random(15)
    for _ in range(FLIPS):
        offset = chooser.randrange(len(data))
        flipped = bytearray(data)
        flipped[offset] ^= 1 << chooser.randrange(8)
        copies.append((f"bit flip at {offset}", bytes(flipped)))
    return copies


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_every_damaged_copy_is_refused_untouched_or_works(
    pristine: bytes, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    refused = []
    for index, (how, data) in enumerate(_damaged_copies(pristine)):
        db = tmp_path / f"damaged-{index}.sqlite"
        db.write_bytes(data)
        codes = []
        for command in (["check"], ["minutes", "TABASC 46", "-o", str(tmp_path / f"m-{index}.docx")]):
            before = _digest(db)
            codes.append(main(["--db", str(db), *command]))
            out, err = capsys.readouterr()
            assert "Traceback" not in err, (how, err)
            assert codes[-1] in (0, 1), (how, err)
            if codes[-1] == 1:  # `check` reports on stdout, other commands on stderr
                said = err if command[0] != "check" else out + err
                assert "damaged" in said.lower() or "failed" in said.lower(), (how, said)
                assert _digest(db) == before, f"{how}: {command[0]} refused the file but modified it"
            elif command[0] == "check":
                assert _digest(db) == before, f"{how}: check found nothing wrong but modified the file"
        if 1 in codes:
            refused.append(how)
    # Every truncation is seen; flips that land in pages the commands read are too.
    assert all(how in refused for how, _ in _damaged_copies(pristine)[:5])
    assert sum(how.startswith("bit flip") for how in refused) >= 3
