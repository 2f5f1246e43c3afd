"""The `secdesk` command: subcommands, JSON output, exit codes, no tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from secdesk.cli.main import main
from tests.cli_run import run


def test_demo_then_open_actions_as_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "x.sqlite")
    assert run(capsys, "--db", db, "demo")[0] == 0
    code, out, _ = run(capsys, "--db", db, "actions", "--open", "--committee", "TABASC", "--json")
    assert code == 0
    rows = json.loads(out)
    refs = [r["reference"] for r in rows]
    assert refs == sorted(refs) and "TABASC46/01" in refs and "TABASC45/03" in refs
    assert all(r["status"] != "closed" and r["committee"] == "TABASC" for r in rows)
    code, out, _ = run(capsys, "--db", db, "meetings", "--committee", "TABASC", "--json")
    assert [m["identifier"] for m in json.loads(out)] == ["TABASC_44_1708", "TABASC_45_2109", "TABASC_46_1910"]
    code, out, _ = run(capsys, "--db", db, "actions", "--owner", "DCC")
    assert code == 0 and "TABASC44/02" in out and "TABASC46/01" not in out
    code, out, _ = run(capsys, "--db", db, "committees")
    assert code == 0 and "TABASC" in out and "The Panel" in out
    code, out, _ = run(capsys, "--db", db, "check")
    assert code == 0 and "Integrity: ok" in out
    code, out, _ = run(capsys, "--db", db, "backup")
    assert code == 0 and "Backup written" in out


def test_user_errors_exit_1_with_a_message(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "x.sqlite")
    run(capsys, "--db", db, "demo")
    code, _, err = run(capsys, "--db", db, "demo")
    assert code == 1 and "already holds committees" in err
    code, _, err = run(capsys, "--db", db, "actions", "--committee", "NOPE")
    assert code == 1 and "No committee 'NOPE'" in err
    code, _, err = run(capsys, "--db", db, "reopen", "TABASC", "99")
    assert code == 1 and "has no meeting 99" in err
    code, _, err = run(capsys, "--db", db, "reopen", "TABASC_46_1910")
    assert code == 1 and "not locked" in err
    code, _, err = run(capsys, "--db", db, "finalise", "TABASC 46", "--ex-committee", "2026-02-30")
    assert code == 1 and "not a date" in err
    code, out, _ = run(capsys, "--db", db, "finalise", "TABASC 46", "--ex-committee", "2026-11-02")
    assert code == 0 and "final and locked" in out


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["--no-such-option"])
    assert caught.value.code == 2


def test_no_traceback_for_a_foreign_file(tmp_path: Path) -> None:
    foreign = tmp_path / "letter.txt"
    foreign.write_text("Dear Sir")
    result = subprocess.run(
        [sys.executable, "-m", "secdesk", "--db", str(foreign), "meetings"],
        capture_output=True, text=True, timeout=60, check=False,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "not a SecDesk database" in result.stderr
    assert foreign.read_text() == "Dear Sir"
