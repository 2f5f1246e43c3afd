"""A pack killed midway, or a paper opened for viewing, leaves no decrypted copy past the next start."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from secdesk.cli.main import main
from secdesk.model import Classification, PaperFile
from secdesk.packs.build import build_pack
from secdesk.packs.plan import PackKind
from secdesk.papers.attach import viewing_copy
from secdesk.security.keys import KEYRING_SERVICE
from tests.test_packs import papered  # noqa: F401 - the fixture

KILL_DURING_PACK = """
import os, signal, sys
from pathlib import Path
import keyring
from keyring.backend import KeyringBackend

class ParentsKey(KeyringBackend):
    priority = 1
    def get_password(self, service, username):
        return sys.argv[3] if username == sys.argv[4] else None
    def set_password(self, service, username, password):
        raise NotImplementedError
    def delete_password(self, service, username):
        raise NotImplementedError

keyring.set_keyring(ParentsKey())
from secdesk.model import Classification
from secdesk.packs.build import build_pack
from secdesk.packs.plan import PackKind
from secdesk.store import open_store

def progress(done, total, label):
    if label.startswith("Combining"):
        os.kill(os.getpid(), signal.SIGKILL)  # documents are staged, decrypted, by now

store = open_store(sys.argv[1], backup=False)
build_pack(store, "TABASC 46", PackKind.PRE, Classification.AMBER, Path(sys.argv[2]), progress=progress)
"""


def _hidden(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if p.name.startswith(".")]


def test_a_killed_amber_pack_is_removed_at_the_next_start(
    papered, tmp_path: Path, secdesk_home: Path, memory_keyring  # noqa: F811
) -> None:
    packs = tmp_path / "packs"
    packs.mkdir()
    uuid = papered.keys.database_uuid
    key = memory_keyring.get_password(KEYRING_SERVICE, uuid)
    papered.close()
    env = {**os.environ, "SECDESK_HOME": str(secdesk_home)}
    killed = subprocess.run(
        [sys.executable, "-c", KILL_DURING_PACK, str(papered.path), str(packs / "amber"), key, uuid],
        check=False, env=env, capture_output=True, text=True, timeout=120,
    )
    assert killed.returncode == -9, killed.stderr
    (staging,) = _hidden(packs)
    assert any((staging / "documents").iterdir())  # decrypted Amber papers, left by the kill
    assert main(["--db", str(papered.path), "committees"]) == 0
    assert _hidden(packs) == [] and not (packs / "amber").exists()


def test_a_pack_that_ends_keeps_no_note_and_the_next_start_leaves_it(papered, tmp_path: Path) -> None:  # noqa: F811
    result = build_pack(papered, "TABASC 46", PackKind.PRE, Classification.AMBER, tmp_path / "pack")
    assert main(["--db", str(papered.path), "committees"]) == 0
    assert result.combined.exists() and _hidden(tmp_path) == []


def test_a_viewing_copy_goes_once_its_process_has_ended(papered, tmp_path: Path, secdesk_home: Path) -> None:  # noqa: F811
    with papered.read() as session:
        file_id = next(f.id for f in session.query(PaperFile) if f.classification is Classification.AMBER and f.sha256)
    copy = viewing_copy(papered, file_id)
    assert copy.exists()
    assert main(["--db", str(papered.path), "committees"]) == 0
    assert copy.exists()  # this process, which made it, is still running (the viewer may have it open)
    journal = secdesk_home / "scratch"
    (note,) = journal.glob("*.json")
    # The process that made it has ended: rewrite its note with a pid no process has.
    note.write_text(note.read_text().replace(f'"pid": {os.getpid()}', '"pid": 999999999'))
    assert main(["--db", str(papered.path), "committees"]) == 0
    assert not copy.exists() and not list(journal.glob("*.json"))
