"""Issue 15, item 14: every output on a full disk says the disk is full and leaves nothing.

Each command writes into a small tmpfs that has been filled to the last block. A file
already under the output's name must come out unchanged, no `.partial` (or any other
new file) may be left beside it, and the message must say the disk is full, without a
traceback. CI runs as root, so it can mount the tmpfs; elsewhere these tests skip.
"""

from __future__ import annotations

import hashlib
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from secdesk.cli.main import main

OUTPUTS = {
    "minutes.docx": ("minutes", "TABASC 46", "--classification", "amber", "-o"),
    "minutes.pdf": ("minutes", "TABASC 46", "--format", "pdf", "-o"),
    "agenda.docx": ("agenda", "TABASC 46", "-o"),
    "actions.csv": ("action-log", "--format", "csv", "-o"),
    "actions.xlsx": ("action-log", "--format", "xlsx", "-o"),
    "risks.docx": ("risk-register", "TABASC", "-o"),
    "planner.docx": ("planner", "TABASC", "--format", "docx", "-o"),
    "package.json": ("export-meeting", "TABASC 46", "-o"),
    "audit.csv": ("audit", "TABASC 46", "-o"),
    "paper.pdf": ("paper-file", "TABASC_46_1910_01", "-o"),
}


@pytest.fixture
def full_folder(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "full"
    folder.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(folder)],
                             capture_output=True, text=True, check=False)
    if mounted.returncode != 0:
        pytest.skip(f"a small tmpfs cannot be mounted here: {mounted.stderr.strip()}")
    try:
        # The files the exports would replace, then filler up to the last byte.
        for name in OUTPUTS:
            (folder / name).write_bytes(b"an earlier export, to be kept\n")
        with (folder / "filler").open("wb", buffering=0) as filler:
            try:
                while True:
                    filler.write(b"\0" * 4096)
            except OSError:
                pass
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=True)


def _snapshot(folder: Path) -> dict[str, str]:
    return {path.name: hashlib.sha256(path.read_bytes()).hexdigest() for path in folder.iterdir()}


@pytest.mark.parametrize("name", sorted(OUTPUTS))
def test_an_export_to_a_full_disk_is_disk_full_and_changes_nothing(
    name: str, demo_file: Path, full_folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", str(demo_file), "demo-papers"]) == 0
    capsys.readouterr()
    before = _snapshot(full_folder)
    code = main(["--db", str(demo_file), *OUTPUTS[name], str(full_folder / name)])
    _, err = capsys.readouterr()
    assert code == 1
    assert "disk is full" in err and "Traceback" not in err, err
    assert _snapshot(full_folder) == before


def test_a_pack_into_a_full_disk_is_disk_full_and_leaves_no_folder(
    demo_file: Path, full_folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = _snapshot(full_folder)
    code = main(["--db", str(demo_file), "pack", "TABASC 46", "-o", str(full_folder / "pack")])
    _, err = capsys.readouterr()
    assert code == 1
    assert "disk is full" in err and "Traceback" not in err, err
    assert sorted(path.name for path in full_folder.iterdir()) == sorted(before)
    assert _snapshot(full_folder) == before
