"""Folders that may hold decrypted confidential content while SecDesk works.

A pack is staged in a hidden folder beside its target and renamed into place; a
paper opened for viewing is decrypted into a temporary folder. Each such folder
is written down in a journal in the data folder while it exists, so a process
killed midway leaves a note and the next SecDesk start (window or command line)
removes what a dead process left behind.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import uuid
from pathlib import Path

from secdesk.paths import data_dir

JOURNAL = "scratch"


def _journal() -> Path:
    folder = data_dir() / JOURNAL
    folder.mkdir(mode=0o700, exist_ok=True)
    return folder


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process: not ours to judge
    except OSError:
        return False
    return True


def track(folder: Path) -> None:
    """Note `folder` (which may not exist yet) for removal should this process die before `forget`."""
    note = _journal() / f"{os.getpid()}-{uuid.uuid4().hex}.json"
    note.write_text(json.dumps({"pid": os.getpid(), "path": str(folder)}), encoding="utf-8")


def make_folder(prefix: str, parent: Path | None = None) -> Path:
    """A new private folder (0700), noted in the journal until `release` (or the next start after a kill)."""
    folder = Path(tempfile.mkdtemp(prefix=prefix, dir=parent))
    track(folder)
    return folder


def _note_for(folder: Path) -> Path | None:
    for note in _journal().glob(f"{os.getpid()}-*.json"):
        if _read(note).get("path") == str(folder):
            return note
    return None


def forget(folder: Path) -> None:
    """The folder was moved into place (or is the user's now): stop tracking it."""
    note = _note_for(folder)
    if note is not None:
        note.unlink(missing_ok=True)


def release(folder: Path) -> None:
    """Remove the folder and its note."""
    shutil.rmtree(folder, ignore_errors=True)
    forget(folder)


def _read(note: Path) -> dict:
    try:
        value = json.loads(note.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return value if isinstance(value, dict) else {}


def clean_abandoned() -> list[Path]:
    """Remove folders noted by processes that are no longer running; returns what was removed."""
    removed = []
    try:
        notes = list(_journal().glob("*.json"))
    except OSError:
        return []
    for note in notes:
        entry = _read(note)
        pid, path = entry.get("pid"), entry.get("path")
        if isinstance(pid, int) and _alive(pid):
            continue
        if isinstance(path, str) and Path(path).is_dir():
            shutil.rmtree(path, ignore_errors=True)
            removed.append(Path(path))
        note.unlink(missing_ok=True)
    return removed
