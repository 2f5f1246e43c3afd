"""Encryption at rest: keys in the keyring or behind a passphrase, locked content, recovery."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail

from secdesk.cli.main import main
from secdesk.model import Classification, DecisionVerb
from secdesk.security import fields
from secdesk.security.keys import KEYRING_SERVICE, KeyUnavailableError, WrongPassphraseError
from secdesk.services import actions, agenda, decisions, meetings
from secdesk.store import open_store
from tests import factories


def _amber_meeting(store, minutes: str = "CONFIDENTIAL-MINUTES-TEXT") -> None:
    with store.write() as session:
        meeting = factories.held_meeting(session, factories.committee(session), 16, date(2027, 3, 20))
        item = agenda.add_item(
            session, meeting, "Named supplier failures", public_title="Supplier review",
            classification=Classification.AMBER, minutes=minutes,
        )
        decisions.add(session, item, DecisionVerb.NOTED, "the named failures", Classification.AMBER)
        actions.raise_action(session, meeting, "SECAS to write to the named suppliers.", item=item, owner="SECAS")
        agenda.add_item(session, meeting, "Public update", minutes="PUBLIC-MINUTES-TEXT")


def _raw(path: Path) -> bytes:
    parts = [path, path.with_name(path.name + "-wal")]
    return b"".join(p.read_bytes() for p in parts if p.exists())


def test_confidential_text_is_encrypted_on_disk_and_read_back(db_path: Path, store, memory_keyring) -> None:
    _amber_meeting(store)
    raw = _raw(db_path)
    assert b"CONFIDENTIAL-MINUTES-TEXT" not in raw
    assert b"Named supplier failures" not in raw and b"write to the named suppliers" not in raw
    assert b"PUBLIC-MINUTES-TEXT" in raw and b"Supplier review" in raw
    uuid = store.keys.database_uuid
    stored_key = memory_keyring.get_password(KEYRING_SERVICE, uuid)
    assert stored_key and stored_key.encode() not in raw
    store.close()
    reopened = open_store(db_path)
    with reopened.read() as session:
        item = next(i for i in meetings.resolve_meeting(session, "TABASC 16").items if i.public_title)
        assert item.minutes == "CONFIDENTIAL-MINUTES-TEXT" and item.title == "Named supplier failures"
        assert item.decisions[0].text == "the named failures"
        assert not fields.is_locked(item)
    reopened.close()


def test_a_database_moved_without_its_key_shows_white_and_locks_amber(
    tmp_path: Path, db_path: Path, store, memory_keyring, capsys
) -> None:
    _amber_meeting(store)
    uuid = store.keys.database_uuid
    passphrase_file = tmp_path / "pass.txt"
    passphrase_file.write_text("a long recovery passphrase\n")
    recovery = tmp_path / "recovery.json"
    store.close()
    assert (
        main(["--db", str(db_path), "key", "export", "-o", str(recovery), "--passphrase-file", str(passphrase_file)])
        == 0
    )
    assert (
        uuid in recovery.read_text() and memory_keyring.get_password(KEYRING_SERVICE, uuid) not in recovery.read_text()
    )

    moved = tmp_path / "elsewhere.sqlite"
    shutil.copyfile(db_path, moved)
    memory_keyring.delete_password(KEYRING_SERVICE, uuid)  # the other computer's keyring is empty
    other = open_store(moved)
    with other.read() as session:
        meeting = meetings.resolve_meeting(session, "TABASC 16")
        public = next(i for i in meeting.items if i.title == "Public update")
        secret = next(i for i in meeting.items if i.public_title)
        assert public.minutes == "PUBLIC-MINUTES-TEXT"
        assert secret.minutes == fields.LOCKED_TEXT and fields.is_locked(secret)
    with pytest.raises(KeyUnavailableError, match="locked on this computer"), other.write() as session:
        secret = next(i for i in meetings.resolve_meeting(session, "TABASC 16").items if i.public_title)
        secret.minutes = "overwrite"
    with pytest.raises(KeyUnavailableError, match="recovery file"), other.write() as session:
        meeting = meetings.resolve_meeting(session, "TABASC 16")
        agenda.add_item(session, meeting, "New secret", classification=Classification.AMBER)
    # White work goes on; moving a locked item (renumbering) is allowed.
    with other.write() as session:
        meeting = meetings.resolve_meeting(session, "TABASC 16")
        agenda.add_item(session, meeting, "Another public item", position=1)
    other.close()

    wrong = tmp_path / "wrong.txt"
    wrong.write_text("not the passphrase")
    assert main(["--db", str(moved), "key", "import", str(recovery), "--passphrase-file", str(wrong)]) == 1
    assert "does not open" in capsys.readouterr().err
    assert main(["--db", str(moved), "key", "import", str(recovery), "--passphrase-file", str(passphrase_file)]) == 0
    unlocked = open_store(moved)
    with unlocked.read() as session:
        secret = next(i for i in meetings.resolve_meeting(session, "TABASC 16").items if i.public_title)
        assert secret.minutes == "CONFIDENTIAL-MINUTES-TEXT"
    unlocked.close()


def test_without_a_keyring_a_passphrase_is_required_never_plaintext(
    db_path: Path, monkeypatch: pytest.MonkeyPatch, secdesk_home: Path
) -> None:
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        monkeypatch.delenv("SECDESK_PASSPHRASE")
        opened = open_store(db_path)
        with pytest.raises(KeyUnavailableError, match="no keyring can hold it.*SECDESK_PASSPHRASE"):
            _amber_meeting(opened)
        with opened.read() as session:
            assert meetings.list_meetings(session) == [], "nothing half-saved"
        opened.close()
        assert b"CONFIDENTIAL-MINUTES-TEXT" not in _raw(db_path)

        passphrase = secdesk_home / "pass"
        passphrase.write_text("correct horse battery\n")
        monkeypatch.setenv("SECDESK_PASSPHRASE_FILE", str(passphrase))
        opened = open_store(db_path)
        _amber_meeting(opened)
        opened.close()
        key_files = list((secdesk_home / "keys").glob("*.key.json"))
        assert len(key_files) == 1 and json.loads(key_files[0].read_text())["kdf"]["name"] == "scrypt"
        assert b"CONFIDENTIAL-MINUTES-TEXT" not in _raw(db_path)

        passphrase.write_text("wrong horse")
        opened = open_store(db_path)
        with pytest.raises(WrongPassphraseError), opened.read() as session:
            [i.minutes for i in meetings.resolve_meeting(session, "TABASC 16").items]
        opened.close()
    finally:
        keyring.set_keyring(previous)


def test_a_plaintext_keyring_is_refused(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    class PlaintextKeyring(keyring.backend.KeyringBackend):
        priority = 1  # type: ignore[assignment]

        def get_password(self, service, username):
            return None

        def set_password(self, service, username, password):
            raise AssertionError("a plaintext keyring must never receive the key")

        def delete_password(self, service, username):
            pass

    PlaintextKeyring.__module__ = "keyrings.alt.file"
    previous = keyring.get_keyring()
    keyring.set_keyring(PlaintextKeyring())
    monkeypatch.delenv("SECDESK_PASSPHRASE")
    try:
        opened = open_store(db_path)
        with pytest.raises(KeyUnavailableError, match="plaintext"):
            _amber_meeting(opened)
        opened.close()
    finally:
        keyring.set_keyring(previous)


def test_reclassification_encrypts_and_decrypts_in_place(db_path: Path, store) -> None:
    with store.write() as session:
        meeting = factories.held_meeting(session, factories.committee(session), 16, date(2027, 3, 20))
        item = agenda.add_item(session, meeting, "Becomes secret", minutes="UPGRADED-TEXT-1")
        decisions.add(session, item, DecisionVerb.NOTED, "UPGRADED-DECISION-1")
        later = agenda.add_item(
            session, meeting, "Becomes public", minutes="DOWNGRADED-TEXT-2", classification=Classification.AMBER
        )
    assert b"UPGRADED-TEXT-1" in _raw(db_path) and b"DOWNGRADED-TEXT-2" not in _raw(db_path)
    with store.write() as session:
        items = meetings.resolve_meeting(session, "TABASC 16").items
        next(i for i in items if i.title == "Becomes secret").classification = Classification.AMBER
        next(i for i in items if i.title == "Becomes public").classification = Classification.WHITE
    store.purge()
    raw = _raw(db_path)
    assert b"UPGRADED-TEXT-1" not in raw and b"UPGRADED-DECISION-1" not in raw
    assert b"DOWNGRADED-TEXT-2" in raw
    with store.read() as session:
        items = {i.title: i for i in meetings.resolve_meeting(session, "TABASC 16").items}
        assert items["Becomes secret"].minutes == "UPGRADED-TEXT-1"
        assert items["Becomes secret"].decisions[0].text == "UPGRADED-DECISION-1"
        assert items["Becomes public"].minutes == "DOWNGRADED-TEXT-2"
    assert later is not None


def test_the_first_confidential_text_made_so_by_reclassification_is_sealed(db_path: Path, store) -> None:
    """No key yet: a White item made Amber makes the database's first key and seals what it holds."""
    with store.write() as session:
        meeting = factories.held_meeting(session, factories.committee(session), 16, date(2027, 3, 20))
        item = agenda.add_item(session, meeting, "Becomes secret", minutes="FIRST-SECRET-MINUTES")
        decisions.add(session, item, DecisionVerb.NOTED, "FIRST-SECRET-DECISION")
    assert b"FIRST-SECRET-MINUTES" in _raw(db_path)
    with store.write() as session:
        agenda.CLASSIFICATION.set(session, item.id, Classification.AMBER)
    store.purge()
    raw = _raw(db_path)
    assert b"FIRST-SECRET-MINUTES" not in raw and b"FIRST-SECRET-DECISION" not in raw
    with store.read() as session:
        kept = next(i for i in meetings.resolve_meeting(session, "TABASC 16").items if i.title == "Becomes secret")
        assert (kept.minutes, kept.decisions[0].text) == ("FIRST-SECRET-MINUTES", "FIRST-SECRET-DECISION")


def test_the_audit_trail_is_append_only_and_exports_csv(store, tmp_path: Path, db_path: Path, capsys) -> None:
    from sqlalchemy import select

    from secdesk.model import AuditRecord
    from secdesk.store.guards import AuditTrailError

    _amber_meeting(store)
    with pytest.raises(AuditTrailError, match="append-only"), store.write() as session:
        session.scalars(select(AuditRecord)).first().user = "someone else"
    with pytest.raises(AuditTrailError), store.write() as session:
        session.delete(session.scalars(select(AuditRecord)).first())
    out = tmp_path / "audit.csv"
    assert main(["--db", str(db_path), "audit", "TABASC", "16", "-o", str(out)]) == 0
    text = out.read_text()
    assert text.startswith("When (UTC),Who,Operation") and "PUBLIC-MINUTES-TEXT" in text
    assert "CONFIDENTIAL-MINUTES-TEXT" not in text and "Named supplier failures" not in text


def test_amber_exports_without_the_key_are_refused_and_white_ones_still_work(
    tmp_path: Path, db_path: Path, store, memory_keyring, capsys
) -> None:
    _amber_meeting(store)
    with store.write() as session:
        committee = meetings.resolve_meeting(session, "TABASC 16").committee
        from secdesk.services import risks

        risks.add_risk(
            session,
            committee,
            "Supplier named in confidence",
            3,
            4,
            owner="SECAS",
            classification=Classification.AMBER,
        )
    memory_keyring.delete_password(KEYRING_SERVICE, store.keys.database_uuid)
    store.close()
    db = ["--db", str(db_path)]
    exports = {
        "minutes": ["minutes", "TABASC 16"],
        "agenda": ["agenda", "TABASC 16"],
        "action log": ["action-log"],
        "risk register": ["risk-register", "TABASC"],
    }
    for what, command in exports.items():
        amber = tmp_path / f"{command[0]}-amber.docx"
        assert main([*db, *command, "--classification", "amber", "-o", str(amber)]) == 1, what
        err = capsys.readouterr().err
        assert f"Amber {what}" in err and "locked on this computer" in err and "Traceback" not in err
        assert not amber.exists()
        white = tmp_path / f"{command[0]}-white.docx"
        assert main([*db, *command, "--classification", "white", "-o", str(white)]) == 0, what
        assert white.stat().st_size > 0
        assert fields.LOCKED_TEXT.encode() not in white.read_bytes()
