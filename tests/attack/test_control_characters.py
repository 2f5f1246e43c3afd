"""Issue 15, item 15: control characters are cleaned at the one door every text passes.

The door is secdesk/model/clean_text.py: every String/Text column cleans what is assigned
to it. These tests push the characters that broke the Word and Excel exports through
each way text enters (the command line, a meeting package, imported minutes, a plain
attribute assignment as the window does) and then check the stored rows and the
exports that print them.
"""

from __future__ import annotations

import json
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
import openpyxl
import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from secdesk.cli.main import main
from secdesk.model import Base
from secdesk.model.clean_text import text_attributes
from secdesk.packages import dumps, export_meeting
from secdesk.services.meetings import resolve_meeting
from secdesk.store import Store, open_store
from secdesk.text import clean_text, is_clean

# What an attacker (or a careless copy from another program) puts in text: a vertical
# tab (Word's manual line break), SOH, ESC, a non-character, NUL and half a surrogate pair.
DIRT = "\x0b\x01\x1b\ufffe\x00\ud800"
DIRTY = f"Zebra{DIRT}crossing"
CLEANED = "Zebra\ncrossing"


def _cli(capsys: pytest.CaptureFixture[str], db: Path, *argv: str) -> tuple[int, str]:
    code = main(["--db", str(db), *argv])
    _, err = capsys.readouterr()
    assert "Traceback" not in err, err
    return code, err


def _stored_texts(session: Session) -> Iterator[tuple[str, str]]:
    """(table.column, value) for every text value of every row, decrypted as the model shows it."""
    for mapper in Base.registry.mappers:
        names = text_attributes(mapper)
        if not names:
            continue
        for row in session.scalars(select(mapper.class_)):
            for name in names:
                value = getattr(row, name)
                if isinstance(value, str):
                    yield f"{mapper.local_table.name}.{name}", value


def _assert_stored_clean(store: Store, expect_at_least: int) -> None:
    with store.read() as session:
        texts = list(_stored_texts(session))
    dirty = [(where, value) for where, value in texts if not is_clean(value)]
    assert dirty == []
    found = [where for where, value in texts if "Zebra" in value]
    assert len(found) >= expect_at_least, found
    assert all("crossing" in value for _, value in texts if "Zebra" in value)


def _docx_text(path: Path) -> str:
    document = docx.Document(str(path))  # opening is the test: broken XML raises here
    parts = [p.text for p in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def _xlsx_text(path: Path) -> str:
    book = openpyxl.load_workbook(path)
    return "\n".join(str(value) for sheet in book for row in sheet.iter_rows(values_only=True)
                     for value in row if value is not None)


def test_clean_text_removes_what_xml_cannot_hold_and_keeps_words_apart() -> None:
    assert clean_text(DIRTY) == CLEANED
    assert clean_text("a\r\nb\rc\x0cd\x85e") == "a\nb\nc\nd\ne"
    assert clean_text("tab\tand\nnewline stay") == "tab\tand\nnewline stay"
    assert clean_text("\ud83d\ude00") == "\U0001F600"  # a surrogate pair left unjoined is joined
    assert clean_text("\x7f\x80\x9f\uffff") == ""
    assert not is_clean(DIRTY) and is_clean(CLEANED)


def test_every_text_column_of_every_table_cleans_what_is_assigned() -> None:
    covered = []
    for mapper in Base.registry.mappers:
        for name in text_attributes(mapper):
            row = mapper.class_manager.new_instance()
            setattr(row, name, DIRTY)
            assert getattr(row, name) == CLEANED, f"{mapper.class_.__name__}.{name}"
            covered.append(f"{mapper.local_table.name}.{name}")
    # The walk finds the columns that broke exports and the confidential ones.
    for column in ("action.text", "decision.text", "agenda_item.title", "agenda_item.minutes", "agenda_item.presenter",
                   "risk.override_reason", "person.name", "committee.name"):
        assert column in covered


def test_command_line_text_arguments_are_cleaned(demo_file: Path, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    db = demo_file
    paper = tmp_path / "paper.pdf"
    paper.write_bytes(b"%PDF-1.4\n%%EOF\n")
    commands = [
        ("risk-add", "TABASC", f"There is a risk that {DIRTY}", "--likelihood", "3", "--impact", "4",
         "--owner", DIRTY, "--mitigation", DIRTY, "--planned-mitigation", DIRTY),
        ("plan", "TABASC", "--month", "2027-01", "--title", DIRTY, "--owner", DIRTY),
        ("attach", "TABASC 46", "1", str(paper), "--title", DIRTY, "--label", DIRTY),
    ]
    for command in commands:
        code, err = _cli(capsys, db, *command)
        assert code == 0, err
    store = open_store(db, backup=False)
    try:
        _assert_stored_clean(store, expect_at_least=8)
    finally:
        store.close()
    register, planner, agenda = tmp_path / "risks.xlsx", tmp_path / "planner.docx", tmp_path / "agenda.docx"
    assert _cli(capsys, db, "risk-register", "TABASC", "--format", "xlsx", "-o", str(register))[0] == 0
    assert "Zebra" in _xlsx_text(register)
    assert _cli(capsys, db, "planner", "TABASC", "--format", "docx", "-o", str(planner))[0] == 0
    assert "Zebra" in _docx_text(planner)
    assert _cli(capsys, db, "agenda", "TABASC 46", "--format", "docx", "-o", str(agenda))[0] == 0
    assert "Zebra" in _docx_text(agenda)


FREE_TEXT_KEYS = {"minutes", "text", "title", "venue", "presenter", "owner", "label", "post_meeting_note"}


def _dirty_package(package: Any, dirt: str) -> int:
    """Appends `dirt` to every free-text value of a package; returns how many values it changed."""
    changed = 0
    if isinstance(package, dict):
        for key, value in package.items():
            if key in FREE_TEXT_KEYS and isinstance(value, str) and value:
                package[key] = f"{value} Zebra{dirt}crossing"
                changed += 1
            else:
                changed += _dirty_package(value, dirt)
    elif isinstance(package, list):
        changed += sum(_dirty_package(value, dirt) for value in package)
    return changed


def _package_file(store: Store, folder: Path, dirt: str) -> Path:
    from secdesk.model import Classification

    with store.read() as session:
        meeting = resolve_meeting(session, "TABASC 46")
        package = json.loads(dumps(export_meeting(session, meeting, Classification.AMBER)))
    assert _dirty_package(package, dirt) >= 10
    path = folder / "dirty.json"
    # json escapes keep NUL, U+FFFE and a lone surrogate as they are on the wire.
    path.write_text(json.dumps(package), encoding="ascii")
    return path


def test_a_meeting_package_full_of_control_characters_is_imported_clean(
    demo_store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dirty_file = _package_file(demo_store, tmp_path, DIRT.replace("\ud800", ""))
    assert "\\u0000" in dirty_file.read_text() and "\\ufffe" in dirty_file.read_text()
    db = tmp_path / "received.sqlite"
    code, err = _cli(capsys, db, "import-meeting", str(dirty_file))
    assert code == 0, err
    received = open_store(db, backup=False)
    try:
        _assert_stored_clean(received, expect_at_least=10)
    finally:
        received.close()
    minutes, log = tmp_path / "minutes.docx", tmp_path / "log.xlsx"
    assert _cli(capsys, db, "minutes", "TABASC 46", "--classification", "amber", "-o", str(minutes))[0] == 0
    assert "Zebra" in _docx_text(minutes)
    assert _cli(capsys, db, "action-log", "--classification", "amber", "--format", "xlsx", "-o", str(log))[0] == 0
    assert "Zebra" in _xlsx_text(log)
    with zipfile.ZipFile(minutes) as parts:
        xml = b"".join(parts.read(name) for name in parts.namelist() if name.endswith(".xml"))
    assert b"\x1b" not in xml and b"\x01" not in xml and b"\x00" not in xml


def test_a_package_holding_half_a_surrogate_pair_is_refused_naming_the_fields(
    demo_store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Not text at all (it has no UTF-8 form): refused whole rather than guessed at.
    dirty_file = _package_file(demo_store, tmp_path, "\ud800")
    db = tmp_path / "received.sqlite"
    code, err = _cli(capsys, db, "import-meeting", str(dirty_file))
    assert code == 1
    assert "nothing was imported" in err and "actions[0].text: contains characters that are not valid text" in err
    received = open_store(db, backup=False)
    try:
        with received.read() as session:
            assert list(_stored_texts(session)) == [] or all("Zebra" not in v for _, v in _stored_texts(session))
    finally:
        received.close()


def test_imported_minutes_with_control_characters_are_stored_clean(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = Path(__file__).parents[1] / "data" / "minutes" / "tabasc_21.txt"
    lines = source.read_text(encoding="utf-8").splitlines()
    # Dirt inside the words of every line, as a bad copy from a PDF viewer leaves it.
    dirty = "\n".join(line.replace("e", "e\x01", 1).replace(" ", " \x1b", 1) + "\ufffe" for line in lines)
    dirty += f"\n\nZebra\x00 note{DIRT.replace(chr(0xD800), '')}\n"
    minutes_file = tmp_path / "tabasc_21.txt"
    minutes_file.write_text(dirty, encoding="utf-8")
    db = tmp_path / "imported.sqlite"
    code, err = _cli(capsys, db, "demo")
    assert code == 0, err
    code, err = _cli(capsys, db, "import-minutes", "--committee", "TABASC", str(minutes_file))
    assert code == 0, err
    store = open_store(db, backup=False)
    try:
        with store.read() as session:
            dirty_values = [(where, value) for where, value in _stored_texts(session) if not is_clean(value)]
        assert dirty_values == []
    finally:
        store.close()
    out = tmp_path / "imported.docx"
    assert _cli(capsys, db, "minutes", "TABASC 21", "-o", str(out))[0] == 0
    # The words the dirt sat in are whole again ("Harbour \x1bHouse\x01, ...").
    assert "Harbour House, 12 Quay Street" in _docx_text(out)
