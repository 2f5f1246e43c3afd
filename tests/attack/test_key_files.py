"""Key files and recovery files under attack: private and durable, and never a crash when damaged.

Without a keyring the database's key lives in a passphrase-protected key file; a recovery
file carries the same key to another computer. Both are written 0600 through
secdesk.atomic (fsync of the file and of its folder). A damaged key file leaves
confidential content locked while White work goes on, with a message that names the
file and says how to recover; a damaged recovery file, or one asking scrypt for absurd
amounts of memory, is refused before anything is derived.
"""

from __future__ import annotations

import base64
import json
import os
import resource
import stat
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail

from secdesk.cli.main import main
from secdesk.model import Classification
from secdesk.security import fields, keys
from secdesk.security.keys import KeyFileDamagedError, WrongPassphraseError, read_key_file
from secdesk.services import actions, agenda
from secdesk.store import open_store
from tests import factories

SECRET = "CONFIDENTIAL-KEYFILE-MARKER"
PUBLIC = "PUBLIC-KEYFILE-MINUTES"
RECOVERY_PASSPHRASE = "a long recovery passphrase"


@pytest.fixture
def no_keyring():
    """A headless machine: the key goes to a key file under SECDESK_PASSPHRASE (set by conftest)."""
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(previous)


@pytest.fixture
def amber_db(db_path: Path, no_keyring, secdesk_home: Path) -> Path:
    store = open_store(db_path)
    with store.write() as session:
        meeting = factories.held_meeting(session, factories.committee(session), 16, date(2027, 3, 20))
        item = agenda.add_item(
            session, meeting, "Named supplier failures", public_title="Supplier review",
            classification=Classification.AMBER, minutes=SECRET,
        )
        actions.raise_action(session, meeting, f"SECAS to write to {SECRET}.", item=item, owner="SECAS")
        agenda.add_item(session, meeting, "Public update", minutes=PUBLIC)
    store.close()
    return db_path


def _key_file(home: Path) -> Path:
    (found,) = (home / "keys").glob("*.key.json")
    return found


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _leftovers(*folders: Path) -> list[Path]:
    return [p for folder in folders for p in folder.iterdir() if p.name.endswith(".partial") or p.name.startswith(".")]


def _export_recovery(db: Path, tmp_path: Path) -> Path:
    passphrase = tmp_path / "recovery-pass.txt"
    passphrase.write_text(RECOVERY_PASSPHRASE + "\n")
    out = tmp_path / "exports" / "recovery.json"
    out.parent.mkdir(exist_ok=True)
    assert main(["--db", str(db), "key", "export", "-o", str(out), "--passphrase-file", str(passphrase)]) == 0
    return out


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in err and "Traceback" not in out, err
    return code, out, err


# -- item 7: private and durable ---------------------------------------------------


def test_key_and_recovery_files_are_0600_fsynced_and_leave_no_temporary_file(
    amber_db: Path, tmp_path: Path, secdesk_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    key_file = _key_file(secdesk_home)
    assert _mode(key_file) == 0o600, oct(_mode(key_file))
    assert _mode(key_file.parent) & 0o077 == 0, "the keys folder is the user's alone"

    synced: list[str] = []
    real_fsync = os.fsync

    def spying_fsync(descriptor: int) -> None:
        synced.append("folder" if stat.S_ISDIR(os.fstat(descriptor).st_mode) else "file")
        real_fsync(descriptor)

    monkeypatch.setattr(os, "fsync", spying_fsync)
    recovery = _export_recovery(amber_db, tmp_path)
    assert _mode(recovery) == 0o600, oct(_mode(recovery))
    assert "file" in synced and "folder" in synced, synced
    assert json.loads(recovery.read_text())["kdf"]["name"] == "scrypt"

    # the key file too: rewritten by importing the recovery file, fsynced, 0600
    synced.clear()
    assert main(["--db", str(amber_db), "key", "import", str(recovery),
                 "--passphrase-file", str(tmp_path / "recovery-pass.txt")]) == 0
    assert "file" in synced and "folder" in synced, synced
    assert _mode(key_file) == 0o600
    assert _leftovers(key_file.parent, recovery.parent) == []


# -- item 16: damaged key files ----------------------------------------------------


def _flip_in_wrapped_key(text: str) -> str:
    document = json.loads(text)
    wrapped = bytearray(base64.b64decode(document["wrapped_key"]))
    wrapped[5] ^= 0x01
    document["wrapped_key"] = base64.b64encode(bytes(wrapped)).decode()
    return json.dumps(document, indent=2)


def _edit(change):
    def edited(text: str) -> str:
        document = json.loads(text)
        change(document)
        return json.dumps(document, indent=2)
    return edited


DAMAGES = {
    "truncated": lambda text: text[: len(text) // 2],
    "empty": lambda text: "",
    "bit-flipped wrapped key": _flip_in_wrapped_key,
    "not JSON": lambda text: "\x00\xffPK\x03\x04 not json at all",
    "a JSON list": lambda text: "[1, 2, 3]",
    "n as a string": _edit(lambda d: d["kdf"].__setitem__("n", "16384")),
    "salt as a number": _edit(lambda d: d["kdf"].__setitem__("salt", 12345)),
    "missing wrapped key": _edit(lambda d: d.pop("wrapped_key")),
    "missing kdf": _edit(lambda d: d.pop("kdf")),
    "version 2": _edit(lambda d: d.__setitem__("version", 2)),
    "version as text": _edit(lambda d: d.__setitem__("version", "1")),
    "another database": _edit(lambda d: d.__setitem__("database_uuid", "0" * 8 + "-0000-4000-8000-" + "0" * 12)),
    "deeply nested": lambda text: "[" * 100_000,
}


def _damage(path: Path, how: str) -> None:
    path.write_bytes(DAMAGES[how](path.read_text()).encode("utf-8", "surrogateescape"))


def _says_damaged_and_how_to_recover(text: str, key_file: Path) -> None:
    assert "damaged" in text and str(key_file) in text, text
    assert "secdesk key import FILE" in text and "recovery file" in text, text


@pytest.mark.parametrize("how", sorted(DAMAGES))
def test_a_damaged_key_file_locks_confidential_content_and_white_work_goes_on(
    how: str, amber_db: Path, tmp_path: Path, secdesk_home: Path, capsys, caplog
) -> None:
    key_file = _key_file(secdesk_home)
    _damage(key_file, how)
    damaged = key_file.read_bytes()
    db = ["--db", str(amber_db)]

    code, out, err = _run(capsys, *db, "key", "status")
    assert code == 1, (out, err)
    assert "does NOT hold the key" in out
    _says_damaged_and_how_to_recover(out, key_file)

    white = tmp_path / "white.docx"
    caplog.clear()
    code, out, err = _run(capsys, *db, "minutes", "TABASC", "16", "--classification", "white", "-o", str(white))
    assert code == 0, err
    assert white.stat().st_size > 0
    _says_damaged_and_how_to_recover(caplog.text, key_file)

    code, out, err = _run(capsys, *db, "actions", "--committee", "TABASC")
    assert code == 0, err
    assert fields.LOCKED_TEXT in out and SECRET not in out

    amber = tmp_path / "amber.docx"
    code, out, err = _run(capsys, *db, "minutes", "TABASC", "16", "--classification", "amber", "-o", str(amber))
    assert code == 1 and "locked on this computer" in err and not amber.exists()

    assert key_file.read_bytes() == damaged, "a file SecDesk cannot read is left as it is"


def test_every_single_bit_flip_of_a_key_file_reads_as_damage_or_changes_nothing(
    amber_db: Path, secdesk_home: Path
) -> None:
    key_file = _key_file(secdesk_home)
    original = key_file.read_bytes()
    uuid = json.loads(original)["database_uuid"]
    good = read_key_file(key_file, uuid)
    damaged = 0
    for position in range(len(original)):
        for bit in range(8):
            flipped = bytearray(original)
            flipped[position] ^= 1 << bit
            key_file.write_bytes(bytes(flipped))
            try:
                sealed = read_key_file(key_file, uuid)
            except KeyFileDamagedError:
                damaged += 1
                continue
            # only a flip in a field name the check does not need (the checksum's own) survives
            assert sealed == good, (position, bit)
    assert damaged > 0.95 * 8 * len(original)


def test_a_damaged_key_file_is_told_on_stderr_by_the_real_command(
    amber_db: Path, tmp_path: Path, secdesk_home: Path
) -> None:
    key_file = _key_file(secdesk_home)
    _damage(key_file, "truncated")
    white = tmp_path / "white.docx"
    environment = {**os.environ, "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "secdesk",
            "--db",
            str(amber_db),
            "minutes",
            "TABASC",
            "16",
            "--classification",
            "white",
            "-o",
            str(white),
        ],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    _says_damaged_and_how_to_recover(done.stderr, key_file)
    assert white.stat().st_size > 0


def test_importing_the_recovery_file_repairs_a_damaged_key_file(
    amber_db: Path, tmp_path: Path, secdesk_home: Path, capsys
) -> None:
    recovery = _export_recovery(amber_db, tmp_path)
    key_file = _key_file(secdesk_home)
    _damage(key_file, "bit-flipped wrapped key")
    db = ["--db", str(amber_db)]
    assert _run(capsys, *db, "key", "status")[0] == 1
    code, out, err = _run(
        capsys, *db, "key", "import", str(recovery), "--passphrase-file", str(tmp_path / "recovery-pass.txt")
    )
    assert code == 0, err
    code, out, err = _run(capsys, *db, "key", "status")
    assert code == 0 and "damaged" not in out, out
    amber = tmp_path / "amber.docx"
    assert _run(capsys, *db, "minutes", "TABASC", "16", "--classification", "amber", "-o", str(amber))[0] == 0
    assert _mode(key_file) == 0o600


def test_a_damaged_key_file_of_a_database_without_a_key_yet_is_not_overwritten(
    db_path: Path, no_keyring, secdesk_home: Path
) -> None:
    store = open_store(db_path)
    key_file = secdesk_home / "keys" / f"{store.keys.database_uuid}.key.json"
    key_file.parent.mkdir()
    key_file.write_text('{"format": "secdesk-key-recovery", "version": 7}')
    try:
        with (
            pytest.raises(KeyFileDamagedError, match="version 7.*newer SecDesk.*left as it is"),
            store.write() as session,
        ):
            meeting = factories.held_meeting(session, factories.committee(session), 1, date(2027, 1, 5))
            agenda.add_item(session, meeting, "Secret", classification=Classification.AMBER, minutes=SECRET)
    finally:
        store.close()
    assert key_file.read_text() == '{"format": "secdesk-key-recovery", "version": 7}'


# -- item 16: damaged recovery files and absurd scrypt parameters -------------------


def _recovery_with(recovery: Path, change) -> Path:
    document = json.loads(recovery.read_text())
    change(document)
    document.pop("checksum", None)  # as a hand-made file would be: the bounds must stop it
    target = recovery.with_name("edited.json")
    target.write_text(json.dumps(document))
    return target


ABSURD_KDF = {
    "n = 2**40": {"n": 2**40},
    "r = 1000": {"r": 1000},
    "p = 1000": {"p": 1000},
    "all absurd": {"n": 2**40, "r": 1000, "p": 1000},
    "n = 2**21": {"n": 2**21},
    "n = 2**20 and r = 16 (2 GiB)": {"n": 2**20, "r": 16},
    "n not a power of two": {"n": 3 * 2**14},
    "n = 0": {"n": 0},
    "n negative": {"n": -16384},
    "n as true": {"n": True},
    "n as a float": {"n": 16384.0},
    "n with 4000 digits": {"n": 10**4000},
    "length 64": {"length": 64},
    "salt of 1 byte": {"salt": base64.b64encode(b"x").decode()},
    "salt of 10 KiB": {"salt": base64.b64encode(b"x" * 10240).decode()},
    "salt not base64": {"salt": "!!!!not base64!!!!"},
    "salt not ASCII": {"salt": "\u00e9t\u00e9\u00e9t\u00e9\u00e9t\u00e9\u00e9t\u00e9\u00e9t\u00e9\u00e9t\u00e9"},
}


@pytest.mark.parametrize("case", sorted(ABSURD_KDF))
def test_a_recovery_file_with_absurd_scrypt_parameters_is_refused_fast_before_any_allocation(
    case: str, amber_db: Path, tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    recovery = _export_recovery(amber_db, tmp_path)
    edited = _recovery_with(recovery, lambda d: d["kdf"].update(ABSURD_KDF[case]))
    derived: list[tuple[int, int, int]] = []
    real_scrypt = keys.Scrypt

    def watched_scrypt(*, salt: bytes, length: int, n: int, r: int, p: int):
        derived.append((n, r, p))
        if 128 * n * r > 256 * 2**20 or p > 4:  # never let a failing run eat the machine
            raise AssertionError(f"scrypt was asked for n={n}, r={r}, p={p}")
        return real_scrypt(salt=salt, length=length, n=n, r=r, p=p)

    monkeypatch.setattr(keys, "Scrypt", watched_scrypt)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    code, out, err = _run(
        capsys,
        "--db",
        str(amber_db),
        "key",
        "import",
        str(edited),
        "--passphrase-file",
        str(tmp_path / "recovery-pass.txt"),
    )
    elapsed = time.perf_counter() - started
    assert code == 1, (out, err)
    assert derived == [], "refused before deriving anything"
    assert elapsed < 0.5, elapsed
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 64 * 1024  # KiB: under 64 MiB more
    assert f"{edited} is not a usable SecDesk key recovery file" in err and "Nothing was changed" in err, err
    assert "secdesk key export" in err
    assert "scrypt" in err, err
    if "outside what SecDesk accepts" in err or "MiB of memory" in err:
        assert "refused before deriving anything" in err, err


RECOVERY_DAMAGES = {
    **{
        how: DAMAGES[how]
        for how in (
            "truncated",
            "empty",
            "not JSON",
            "a JSON list",
            "missing kdf",
            "missing wrapped key",
            "version 2",
            "n as a string",
            "deeply nested",
        )
    },
    "bit-flipped nonce": _edit(lambda d: d.__setitem__("nonce", "A" + d["nonce"][1:])),
    "nonce of 8 bytes": _edit(lambda d: d.__setitem__("nonce", base64.b64encode(b"12345678").decode())),
    "cipher ChaCha": _edit(lambda d: d.__setitem__("cipher", "ChaCha20")),
    "kdf pbkdf2": _edit(lambda d: d["kdf"].__setitem__("name", "pbkdf2")),
}


@pytest.mark.parametrize("how", sorted(RECOVERY_DAMAGES))
def test_a_damaged_recovery_file_is_refused_clearly_and_changes_nothing(
    how: str, amber_db: Path, tmp_path: Path, secdesk_home: Path, capsys
) -> None:
    recovery = _export_recovery(amber_db, tmp_path)
    recovery.write_bytes(RECOVERY_DAMAGES[how](recovery.read_text()).encode("utf-8", "surrogateescape"))
    key_file = _key_file(secdesk_home)
    before = key_file.read_bytes()
    started = time.perf_counter()
    code, out, err = _run(
        capsys,
        "--db",
        str(amber_db),
        "key",
        "import",
        str(recovery),
        "--passphrase-file",
        str(tmp_path / "recovery-pass.txt"),
    )
    assert code == 1, (out, err)
    # Refused without deriving under forged cost parameters (minutes to hours, or gigabytes); the
    # bound is loose so that a busy machine (0.6 s seen under a full test run) does not fail it.
    assert time.perf_counter() - started < 3.0
    assert f"{recovery} is not a usable SecDesk key recovery file" in err, err
    assert key_file.read_bytes() == before


def test_a_huge_recovery_file_is_not_read_whole(amber_db: Path, tmp_path: Path, capsys) -> None:
    huge = tmp_path / "huge.json"
    with huge.open("wb") as stream:
        stream.truncate(64 * 2**20)  # sparse: 64 MiB on paper, nothing on disk
    started = time.perf_counter()
    code, _out, err = _run(capsys, "--db", str(amber_db), "key", "import", str(huge))
    assert code == 1 and "larger than 64 KiB" in err, err
    assert time.perf_counter() - started < 0.5


# -- item 17 (part): the short-passphrase message says what the passphrase is for ------


def test_a_short_passphrase_is_refused_saying_what_it_protects(
    db_path: Path, tmp_path: Path, no_keyring, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    monkeypatch.setenv("SECDESK_PASSPHRASE", "short")
    store = open_store(db_path)
    try:
        with pytest.raises(WrongPassphraseError) as refused, store.write() as session:
            meeting = factories.held_meeting(session, factories.committee(session), 1, date(2027, 1, 5))
            agenda.add_item(session, meeting, "Secret", classification=Classification.AMBER, minutes=SECRET)
    finally:
        store.close()
    message = str(refused.value)
    assert "at least 8 characters" in message and "this database's key" in message
    assert "recovery file" not in message

    monkeypatch.setenv("SECDESK_PASSPHRASE", "a passphrase long enough")
    store = open_store(db_path)
    with store.write() as session:
        meeting = factories.held_meeting(session, factories.committee(session), 1, date(2027, 1, 5))
        agenda.add_item(session, meeting, "Secret", classification=Classification.AMBER, minutes=SECRET)
    store.close()
    short = tmp_path / "short.txt"
    short.write_text("short\n")
    out = tmp_path / "recovery.json"
    code, _, err = _run(capsys, "--db", str(db_path), "key", "export", "-o", str(out), "--passphrase-file", str(short))
    assert code == 1 and "at least 8 characters for the recovery file" in err, err
    assert not out.exists()
