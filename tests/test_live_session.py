"""The live meeting's journal: kept as it goes, read back after a crash, never in the way."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from secdesk import live_session
from secdesk.atomic import DiskFullError


def test_where_a_meeting_stands_is_read_back_for_that_meeting_only(secdesk_home: Path) -> None:
    live_session.save("/data/team.sqlite", 47, 3, {1: 540.04, 3: 240.0})
    session = live_session.interrupted("/data/team.sqlite", 47)
    assert session is not None and session.item_id == 3 and session.spent() == {1: 540.0, 3: 240.0}
    assert session.saved_time() is not None
    assert live_session.interrupted("/data/team.sqlite", 48) is None  # another meeting: nothing to resume
    assert live_session.interrupted("/data/other.sqlite") is None  # another database has its own journal
    live_session.finish("/data/team.sqlite")
    assert live_session.interrupted("/data/team.sqlite") is None


@pytest.mark.parametrize("damage", [b"", b"\x00\xff", b"[1, 2]", b'{"meeting_id": "forty"}', b'{"seconds": 3}'])
def test_a_damaged_journal_is_ignored_with_a_warning(
    secdesk_home: Path, damage: bytes, caplog: pytest.LogCaptureFixture
) -> None:
    path = live_session.journal_path("/data/team.sqlite")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(damage)
    with caplog.at_level(logging.WARNING, logger="secdesk.live_session"):
        assert live_session.interrupted("/data/team.sqlite") is None
    assert "unreadable" in caplog.text


def test_a_full_disk_never_stops_the_meeting(
    secdesk_home: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def full(*_args: object, **_kwargs: object) -> None:
        raise DiskFullError("The disk is full.")

    monkeypatch.setattr(live_session, "write_atomically", full)
    with caplog.at_level(logging.WARNING, logger="secdesk.live_session"):
        live_session.save("/data/team.sqlite", 47, 3, {3: 1.0})
    assert "could not be kept" in caplog.text
    assert live_session.interrupted("/data/team.sqlite") is None
