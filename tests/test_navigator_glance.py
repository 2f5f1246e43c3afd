"""The navigator read two ways: through the ORM, and glanced at with sqlite3 before SQLAlchemy loads."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

from sqlalchemy import text

from secdesk.services import committees, meetings
from secdesk.services.navigator import glance, navigator
from secdesk.store import Store, open_store
from tests.factories import held_meeting


def _orm_picture(store: Store) -> list:
    with store.read() as session:
        return navigator(session)


def test_the_glance_shows_what_the_store_shows(demo_store: Store) -> None:
    picture = _orm_picture(demo_store)
    assert [c.code for c in picture] == ["SECP", "TABASC"]  # the panel before its sub-committee
    tabasc = picture[1]
    assert [m.number for m in tabasc.meetings] == [46, 45, 44]  # newest first
    assert tabasc.meetings[0].identifier == "TABASC_46_1910"
    assert tabasc.meetings[1].locked and not tabasc.meetings[0].locked
    assert glance(demo_store.path) == picture


def test_the_glance_agrees_on_order_spaces_and_an_empty_committee(store: Store) -> None:
    with store.write() as session:
        panel = committees.create_committee(session, "ZP", "Z Panel")
        sub = committees.create_committee(session, "A SUB", "A Sub-Committee", parent=panel)
        committees.create_committee(session, "QUIET", "Committee with no meetings yet")
        held_meeting(session, sub, 3, date(2026, 3, 2))
        held_meeting(session, sub, 4, date(2026, 3, 2))  # same day: the higher number first
        meetings.create_meeting(session, panel, date(2025, 12, 31), number=9)
    picture = _orm_picture(store)
    assert [c.code for c in picture] == ["QUIET", "ZP", "A SUB"]
    assert [m.identifier for m in picture[2].meetings] == ["ASUB_4_0203", "ASUB_3_0203"]
    assert picture[0].meetings == ()
    assert glance(store.path) == picture


def test_the_glance_leaves_new_foreign_and_old_files_to_the_full_open(tmp_path: Path, store: Store) -> None:
    assert glance(tmp_path / "missing.sqlite") is None
    (tmp_path / "empty.sqlite").write_bytes(b"")
    assert glance(tmp_path / "empty.sqlite") is None
    notes = tmp_path / "notes.sqlite"
    notes.write_text("minutes of the meeting\n")
    assert glance(notes) is None
    assert notes.read_text() == "minutes of the meeting\n"  # read-only: nothing written
    recipes = tmp_path / "recipes.db"
    with sqlite3.connect(recipes) as connection:
        connection.execute("CREATE TABLE recipes (name TEXT)")
    assert glance(recipes) is None

    with store.engine.begin() as connection:  # a file a migration still has to bring up to date
        connection.execute(text("UPDATE alembic_version SET version_num = '0002'"))
    assert glance(store.path) is None


def test_opening_the_store_after_a_glance_is_unchanged(demo_store: Store) -> None:
    path = demo_store.path
    demo_store.close()
    before = path.read_bytes()
    assert glance(path) is not None
    assert path.read_bytes() == before
    reopened = open_store(path, backup=False)
    assert _orm_picture(reopened) == glance(path)
    reopened.close()
