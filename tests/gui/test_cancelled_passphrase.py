"""Issue 18 item 5: after Cancel on the passphrase prompt the window still offers the demo and unlocking.

No keyring holds the key here (the failing backend), so the key lives in a file behind a
passphrase; SECDESK_PASSPHRASE is unset so the window has to ask, and the answers come
from ScriptedPrompts (None is Cancel).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import keyring
import pytest
from keyring.backends import fail
from PySide6.QtCore import Qt

from secdesk.gui import security
from secdesk.gui.main_window import MainWindow
from secdesk.gui.messages import RecordingMessages
from secdesk.gui.prompts import ScriptedPrompts
from secdesk.model import Classification
from secdesk.services import agenda, committees, meetings
from secdesk.store import open_store
from tests.gui.conftest import choose, settle

pytestmark = pytest.mark.gui

PASSPHRASE = "correct horse battery"


@pytest.fixture
def no_keyring(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(previous)


def test_a_cancelled_demo_can_be_loaded_from_the_start_page(
    qtbot: Any, messages: RecordingMessages, tmp_path: Path, no_keyring: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SECDESK_PASSPHRASE")
    window = MainWindow(None, messages)
    qtbot.addWidget(window)
    window.prompts = ScriptedPrompts(passphrases=[None])  # Cancel "Choose a passphrase"
    window.show()
    try:
        window.open_database(tmp_path / "new.sqlite", with_demo=True)
        qtbot.waitUntil(lambda: window.start_page.offers_demo, timeout=20000)
        assert messages.shown and messages.shown[-1][:2] == ("error", "Demo not loaded")
        assert window.navigator_model.rowCount() == 0
        # The empty window is not a dead end: the demo is one click away, and asks again.
        window.prompts = ScriptedPrompts(passphrases=[PASSPHRASE])
        qtbot.mouseClick(window.start_page.demo_button, Qt.LeftButton)
        qtbot.waitUntil(lambda: window.navigator_model.rowCount() == 2, timeout=60000)
        settle()
        assert not window.start_page.offers_demo
        assert window.prompts.asked and window.prompts.asked[0][0] == "passphrase"
        with window.store.read() as session:
            assert [c.code for c in committees.list_committees(session)] == ["SECP", "TABASC"]
        assert security.holds_key(window) is True
    finally:
        window.close()
        if window.store is not None:
            window.store.close()


def test_locked_by_cancel_is_unlocked_later_from_the_status_bar(
    make_window: Any, db_path: Path, no_keyring: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = open_store(db_path, backup=False)  # SECDESK_PASSPHRASE (conftest) seals the key file
    with made.write() as session:
        committee = committees.create_committee(session, "TABASC", "Technical Architecture")
        meeting = meetings.create_meeting(session, committee, date(2026, 10, 19))
        item = agenda.add_item(session, meeting, "Named supplier failures", classification=Classification.AMBER)
        item.minutes = "Supplier X failed its second test."
        meeting_id = meeting.id
    made.close()
    passphrase = os.environ["SECDESK_PASSPHRASE"]
    monkeypatch.delenv("SECDESK_PASSPHRASE")

    store = open_store(db_path, backup=False)
    window = make_window(store)
    try:
        window.prompts = ScriptedPrompts(passphrases=[None])  # Cancel at start
        security.unlock_at_start(window)
        settle()
        assert "passphrase not given" in window.key_label.text() and "Unlock" in window.key_label.text()
        assert choose(window, "meeting", meeting_id)
        amber = window.meeting_page.meeting.items[-1]
        assert "Supplier X" not in amber.minutes

        # A wrong passphrase is said and asked again; Cancel then leaves it locked, still offered.
        window.prompts = ScriptedPrompts(passphrases=["not the passphrase", None])
        window.key_label.linkActivated.emit("unlock")
        settle()
        assert window.messages.shown[-1][:2] == ("error", "Wrong passphrase")
        assert security.holds_key(window) is False and window.key_label.isVisible()

        window.prompts = ScriptedPrompts(passphrases=[passphrase])
        window.security_actions["passphrase"].trigger()
        settle()
        assert security.holds_key(window) is True
        assert not window.key_label.isVisible()
        shown = next(i for i in window.meeting_page.meeting.items if i.id == amber.id)
        assert shown.minutes == "Supplier X failed its second test."  # read again, now decrypted
    finally:
        window.close()
        store.close()
