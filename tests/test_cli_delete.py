"""`secdesk committee|meeting|decision|action delete`: what the window's Delete does, scripted, with its refusals."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from secdesk.model import Action, Committee, Decision
from secdesk.services import meetings
from secdesk.store import open_store
from tests.cli_run import run


def count(path: Path, model: type, *where: object) -> int:
    store = open_store(path, backup=False)
    with store.read() as session:
        found = session.scalar(select(func.count()).select_from(model).where(*where))  # type: ignore[arg-type]
    store.close()
    return int(found or 0)


def test_deleting_by_command_refuses_what_must_stand_and_never_reuses_a_reference(
    demo_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(demo_file)
    assert run(capsys, "--db", db, "meeting", "new", "TABASC", "--date", "2026-11-16")[0] == 0
    code, out, _ = run(capsys, "--db", db, "action", "add", "TABASC 47", "2", "SECAS to write to the wrong party.")
    assert code == 0 and "TABASC47/01" in out
    code, out, err = run(capsys, "--db", db, "action", "delete", "TABASC47/01")
    assert (code, err) == (0, "") and "TABASC47/01 deleted" in out
    assert count(demo_file, Action, Action.reference == "TABASC47/01") == 0
    code, out, _ = run(capsys, "--db", db, "action", "add", "TABASC 47", "2", "SECAS to write to the right party.")
    assert "TABASC47/02" in out  # 01 stays the deleted action's

    # A reviewed action stands: close it instead.
    code, _out, err = run(capsys, "--db", db, "action", "delete", "TABASC44/02")
    assert code != 0 and "reviewed at a later meeting" in err

    assert run(capsys, "--db", db, "decision", "add", "TABASC 47", "2", "noted", "the wrong paper")[0] == 0
    before = count(demo_file, Decision)
    code, out, err = run(capsys, "--db", db, "decision", "delete", "TABASC 47", "2", "1")
    assert (code, err) == (0, "") and "deleted 'The TABASC NOTED the wrong paper'" in out
    assert count(demo_file, Decision) == before - 1
    code, _out, err = run(capsys, "--db", db, "decision", "delete", "TABASC 47", "2", "1")
    assert code != 0 and "has no decision 1 (none)" in err

    # A meeting with actions raised at it stands; one without goes; a committee with meetings stands.
    code, _out, err = run(capsys, "--db", db, "meeting", "delete", "TABASC 47")
    assert code != 0 and "has actions raised at it" in err
    assert run(capsys, "--db", db, "meeting", "new", "TABASC", "--date", "2026-12-14")[0] == 0
    code, out, _ = run(capsys, "--db", db, "meeting", "delete", "TABASC 48")
    assert code == 0 and "deleted" in out
    store = open_store(demo_file, backup=False)
    with store.read() as session, pytest.raises(Exception, match="48"):
        meetings.resolve_meeting(session, "TABASC 48")
    store.close()
    code, _out, err = run(capsys, "--db", db, "committee", "delete", "TABASC")
    assert code != 0 and "TABASC has meetings" in err
    assert run(capsys, "--db", db, "committee", "add", "SPARE", "Made by mistake")[0] == 0
    code, out, _ = run(capsys, "--db", db, "committee", "delete", "SPARE")
    assert code == 0 and "Committee SPARE deleted." in out
    assert count(demo_file, Committee, Committee.code == "SPARE") == 0
