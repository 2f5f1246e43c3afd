"""Search (secdesk.services.search): one way of matching words for Find, the actions log and `secdesk find`.

Plaintext through the FTS5 tables of migration 0006, kept in step by triggers; sealed text
in memory while the key is here; what is typed is literal.
"""

from __future__ import annotations

import base64
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select, text

from secdesk.model import Action, ActionStatus, AgendaItem, Classification, Decision, DecisionVerb
from secdesk.security.keys import KEYRING_SERVICE
from secdesk.services import action_filter, actions, agenda, committees, find, search
from secdesk.services.action_filter import ConfidentialText, LogFilter
from secdesk.services.search import SOURCES, ConfidentialIndex
from secdesk.store import migrations, open_store, sqlite
from tests import factories

AMBER = Classification.AMBER
EVERY = LogFilter(status=None)


def _meeting_with_content(session):
    tabasc = factories.committee(session)
    first = factories.held_meeting(session, tabasc, 16, date(2027, 3, 20))
    later = factories.held_meeting(session, tabasc, 17, date(2027, 4, 17))
    budget = agenda.add_item(session, first, "Budget 100_percent review")
    budget.minutes = "The budget is 100% spent."
    secret = agenda.add_item(session, first, "Supplier failures", public_title="Supplier matter", classification=AMBER)
    secret.minutes = "The DCC named the failing datacentre operator."
    secret.post_meeting_note = "Operator confirmed the outage cause."
    session.add(Decision(item=secret, verb=DecisionVerb.NOTED, text="the escrow arrangement", classification=AMBER))
    chase = actions.raise_action(session, first, "SECAS to chase the 50%_cap contract.", item=budget, owner="SECAS")
    hidden = actions.raise_action(session, first, "SECAS to audit the furnace vendor.", item=budget, owner="SECAS",
                                  classification=AMBER)
    agenda.add_paper(session, secret, "Vendor furnace appraisal")
    actions.record_update(session, [hidden], later, "The furnace vendor replied.", ActionStatus.ONGOING)
    person = committees.add_person(session, "Philippa Quennell-Marsh", email="pqm@example.org")
    committees.add_membership(session, tabasc, person, None)
    session.flush()
    return chase.reference, hidden.reference


def _log(session, **fields) -> list[str]:
    log_filter = replace(EVERY, **fields)
    confidential = ConfidentialText(session)
    rows = action_filter.page(session, log_filter, confidential)
    assert action_filter.count(session, log_filter, confidential) == len(rows)
    return [row.reference for row in rows]


def _titles(session, words: str) -> list[tuple[str, str]]:
    """(group, title), the item number left off a title."""
    return [(h.group, h.title.split(". ", 1)[1] if h.group == "Agenda items" else h.title)
            for h in find.find(session, words)]


def test_typed_underscore_and_percent_are_characters_in_find_and_the_log(store) -> None:
    with store.write() as session:
        chase, _hidden = _meeting_with_content(session)
    with store.read() as session:
        assert search.has_full_text(session)
        budget = [("Agenda items", "Budget 100_percent review")]
        for typed in ("100%", "0_p", "100_percent", "_", "%"):
            assert [t for t in _titles(session, typed) if t[0] == "Agenda items"] == budget, typed
        for typed in ("1_0", "b%t", "t_e", "0%s"):
            assert [t for t in _titles(session, typed) if t[0] == "Agenda items"] == [], typed
        assert _log(session, text="50%_") == [chase] and _log(session, text="%_") == [chase]
        assert _log(session, text="5_%") == [] and _log(session, text="0%c") == []


def test_without_the_full_text_tables_the_same_words_match_with_like(store) -> None:
    """The fallback a PostgreSQL team server will use: escaped LIKE, same answers."""
    with store.write() as session:
        chase, hidden = _meeting_with_content(session)
    with store.read() as session:
        index = ConfidentialIndex(session)
        fallback = ConfidentialIndex(session)
        fallback.full_text = False
        for words in (["100%"], ["0_p"], ["1_0"], ["budget", "spent"], ["chase", "cap"], ["furnace"], ["secas"]):
            for name in SOURCES:
                with_fts = session.scalars(select(_ids(name)).where(search.condition(name, words, index))).all()
                with_like = session.scalars(select(_ids(name)).where(search.condition(name, words, fallback))).all()
                assert sorted(with_fts) == sorted(with_like), (name, words)
        assert sorted(session.scalars(select(Action.reference).where(
            search.condition("action", ["furnace", "secas"], fallback)))) == [hidden]
        assert _log(session, text="cap contract") == [chase]


def _ids(name: str):
    from secdesk.model import Base

    return Base.metadata.tables[name].c.id


def test_amber_text_is_found_only_while_the_key_is_here(db_path: Path, store, memory_keyring) -> None:
    with store.write() as session:
        _chase, hidden = _meeting_with_content(session)
    with store.read() as session:
        assert [g for g, _t in _titles(session, "datacentre operator")] == ["Agenda items"]
        assert [g for g, _t in _titles(session, "outage cause")] == ["Agenda items"]  # post-meeting note
        assert [g for g, _t in _titles(session, "escrow")] == ["Decisions"]
        assert {g for g, _t in _titles(session, "furnace")} == {"Actions", "Papers"}
        assert _log(session, text="furnace vendor") == [hidden]
    uuid = store.keys.database_uuid
    secret = memory_keyring.get_password(KEYRING_SERVICE, uuid)
    store.close()
    memory_keyring.delete_password(KEYRING_SERVICE, uuid)  # as on a computer without the key
    locked = open_store(db_path)
    try:
        with locked.read() as session:
            for words in ("datacentre", "outage", "escrow", "furnace", "vendor replied"):
                assert _titles(session, words) == [], words
            assert _log(session, text="furnace") == []
            # The placeholder shown for locked text is not text to find.
            assert _titles(session, "locked computer") == [] and _log(session, text="locked") == []
            # What is public about confidential rows still is: a reference, a public title.
            assert [h.reference for h in find.find(session, hidden)] == [hidden]
            assert _log(session, text=hidden) == [hidden]
            assert [g for g, _t in _titles(session, "supplier matter")] == ["Agenda items"]  # its public title
    finally:
        locked.close()
        memory_keyring.set_password(KEYRING_SERVICE, uuid, secret)


def _fts_count(session, name: str, phrase: str) -> int:
    full_text = SOURCES[name].full_text
    return session.execute(
        text(f"SELECT count(*) FROM {full_text} WHERE {full_text} MATCH :q"), {"q": f'"{phrase}"'}
    ).scalar_one()


def _in_step(session) -> None:
    for name, source in SOURCES.items():
        indexed = session.execute(text(f"SELECT rowid FROM {source.full_text} ORDER BY rowid")).scalars().all()
        assert indexed == session.execute(text(f'SELECT id FROM "{name}" ORDER BY id')).scalars().all(), name


def test_the_index_follows_edits_deletes_restores_and_sealing(store) -> None:
    with store.write() as session:
        chase, _hidden = _meeting_with_content(session)
    with store.write() as session:
        action = actions.get_action(session, chase)
        action.text = "SECAS to chase the warranty claim."
    with store.read() as session:
        assert _fts_count(session, "action", "warranty") == 1 and _fts_count(session, "action", "contract") == 0
        assert _log(session, text="warranty") == [chase] and _log(session, text="cap contract") == []
        _in_step(session)
    # Undo of a deletion puts the same row back, as the window's undo does (its columns, its id).
    with store.write() as session:
        item = session.scalars(select(AgendaItem).where(AgendaItem.title.startswith("Budget"))).one()
        kept = {a.key: getattr(item, a.key) for a in item.__mapper__.column_attrs}
        session.delete(item)
    with store.read() as session:
        assert _titles(session, "100_percent") == [] and _fts_count(session, "agenda_item", "100_percent") == 0
        _in_step(session)
    with store.write() as session:
        session.add(AgendaItem(**kept))
    with store.read() as session:
        assert [t for _g, t in _titles(session, "100_percent")] == ["Budget 100_percent review"]
        _in_step(session)
    # A White item made Amber: its words leave the database's index, and are found in memory instead.
    with store.write() as session:
        item = session.get(AgendaItem, kept["id"])
        item.classification = AMBER
    with store.read() as session:
        assert _fts_count(session, "agenda_item", "100_percent") == 0
        assert _fts_count(session, "agenda_item", "budget is 100") == 0
        assert [t for _g, t in _titles(session, "budget spent")] == ["Budget 100_percent review"]
        _in_step(session)


def test_people_are_found_by_part_of_their_name(store) -> None:
    with store.write() as session:
        _meeting_with_content(session)
    with store.read() as session:
        hits = [h for h in find.find(session, "quenn") if h.group == "People"]
        assert [(h.title, h.committee, h.meeting_id) for h in hits] == [("Philippa Quennell-Marsh", "TABASC", None)]
        assert [h.group for h in find.find(session, "PHILIPPA marsh")] == ["People"]


def test_the_confidential_index_reads_again_only_the_meetings_a_change_names(store) -> None:
    with store.write() as session:
        _meeting_with_content(session)
        other = factories.held_meeting(session, factories.committee(session, "SECP"), 3, date(2027, 5, 1))
        elsewhere = agenda.add_item(session, other, "Elsewhere", classification=AMBER)
        elsewhere.minutes = "Kestrel programme"
        session.flush()
        other_id, elsewhere_id = other.id, elsewhere.id
    with store.read() as session:
        index = ConfidentialIndex(session)
    with store.write() as session:
        session.get(AgendaItem, elsewhere_id).minutes = "Osprey programme"
        secret = session.scalars(select(AgendaItem).where(AgendaItem.public_title == "Supplier matter")).one()
        secret.minutes = "Heron programme"
    with store.read() as session:
        fresh = index.refreshed(session, frozenset({other_id}))
        assert fresh.matching("agenda_item", ["osprey"]) == [elsewhere_id]
        assert fresh.matching("agenda_item", ["kestrel"]) == []
        # The other meeting's row was not named: it keeps what was read before.
        assert fresh.matching("agenda_item", ["datacentre"]) != [] and fresh.matching("agenda_item", ["heron"]) == []
        assert index.matching("agenda_item", ["kestrel"]) == [elsewhere_id]  # the old index is unchanged


def test_upgrading_a_database_with_rows_indexes_them(tmp_path: Path, memory_keyring) -> None:
    """Rows written before migration 0006 are indexed by it; sealed fields are indexed as nothing."""
    from alembic import command

    from secdesk.security.cipher import FieldCipher, new_key

    old = tmp_path / "old.sqlite"
    engine = create_engine(f"sqlite:///{old}")
    sqlite.configure_engine(engine)
    key = new_key()
    cipher = FieldCipher(key)
    with engine.begin() as connection:
        command.upgrade(migrations.alembic_config(connection), "0005")
        database_uuid = connection.execute(
            text("SELECT value FROM database_setting WHERE name = 'database_uuid'")).scalar_one()
        connection.execute(text("INSERT INTO database_setting VALUES ('key_id', :k)"), {"k": cipher.key_id})
        connection.execute(text(
            "INSERT INTO committee (id, uuid, created_at, updated_at, code, name, voice, quorum, secretariat) "
            "VALUES (1, 'c', '2026-01-01', '2026-01-01', 'TAG', 'Testing', 'The TAG', 3, 'SECAS')"))
        connection.execute(text(
            "INSERT INTO meeting (id, uuid, created_at, updated_at, committee_id, number, date, status, locked) "
            "VALUES (1, 'm', '2026-01-01', '2026-01-01', 1, 5, '2026-02-01', 'held', 0)"))
        for item_id, uuid, title, minutes, level, sealed in (
            (1, "i1", "Harbour dredging", "Silt volumes were reported.", "white", ""),
            (2, "i2", cipher.encrypt("Amber lighthouse", "agenda_item.title.i2"),
             cipher.encrypt("Keeper rota", "agenda_item.minutes.i2"), "amber", "minutes,title"),
        ):
            connection.execute(text(
                "INSERT INTO agenda_item (id, uuid, created_at, updated_at, meeting_id, number, position, title, "
                "section, kind, purpose, classification, minutes, sealed_fields) VALUES (:id, :uuid, '2026-01-01', "
                "'2026-01-01', 1, :id, :id, :title, 'main', 'normal', 'information', :level, :minutes, :sealed)"),
                {"id": item_id, "uuid": uuid, "title": title, "minutes": minutes, "level": level, "sealed": sealed})
        connection.execute(text(
            "INSERT INTO person (id, uuid, created_at, updated_at, name) VALUES (1, 'p', '2026-01-01', "
            "'2026-01-01', 'Oswin Tregarthen')"))
        assert not connection.execute(text("SELECT name FROM sqlite_master WHERE name LIKE 'search_%'")).all()
    engine.dispose()
    memory_keyring.set_password(KEYRING_SERVICE, database_uuid, base64.b64encode(key).decode())

    upgraded = open_store(old)
    try:
        with upgraded.read() as session:
            assert upgraded.schema_revision() == "0006" or upgraded.schema_revision() > "0006"
            assert _fts_count(session, "agenda_item", "silt volumes") == 1
            assert _fts_count(session, "person", "tregarthen") == 1
            # The sealed title and minutes are not in the database's index: not as words, not as ciphertext.
            indexed = session.execute(text("SELECT title, minutes FROM search_agenda_item WHERE rowid = 2")).one()
            assert tuple(indexed) == ("", "")
            assert [h.title for h in find.find(session, "dredging")] == ["1. Harbour dredging"]
            assert [h.title for h in find.find(session, "keeper rota")] == ["2. Amber lighthouse"]
            assert [h.title for h in find.find(session, "oswin")] == ["Oswin Tregarthen"]
            _in_step(session)
    finally:
        upgraded.close()


@pytest.mark.parametrize("words", [["op"], ["operator"], ["ope", "d"]])
def test_in_memory_and_database_matching_agree_on_white_rows(store, words: list[str]) -> None:
    """The same rule on both sides: a White row matches in SQL exactly when `holds` says so."""
    with store.write() as session:
        _meeting_with_content(session)
        meeting = session.scalars(select(AgendaItem)).first().meeting
        agenda.add_item(session, meeting, "Operator rota")
        agenda.add_item(session, meeting, "Cooperation and delivery")
    with store.read() as session:
        index = ConfidentialIndex(session)
        white = session.scalars(select(AgendaItem).where(AgendaItem.sealed_fields == "")).all()
        expected = sorted(i.id for i in white if search.holds(words, [i.title, i.public_title, i.minutes,
                                                                       i.post_meeting_note]))
        got = sorted(session.scalars(select(AgendaItem.id).where(
            AgendaItem.sealed_fields == "", search.condition("agenda_item", words, index))))
        assert got == expected and got


def test_other_databases_are_searched_with_escaped_ilike() -> None:
    """A PostgreSQL team server (a later issue) has no FTS5: the same words, as ILIKE with `_` and `%` escaped."""
    from sqlalchemy.dialects import postgresql

    condition = search.plain_condition("action", ["50%_cap", "ab"], full_text=False, sqlite=False)
    sql = str(condition.compile(dialect=postgresql.dialect(), compile_kwargs={"literal_binds": True}))
    assert "MATCH" not in sql and "search_action" not in sql
    assert "ILIKE '%%50\\%%\\_cap%%'" in sql or "ILIKE '%50\\%\\_cap%'" in sql, sql
    assert "sealed_fields || ',') NOT LIKE" in sql  # a sealed owner or text is never matched as ciphertext


def test_downgrading_to_0005_removes_the_tables_and_their_triggers(tmp_path: Path) -> None:
    from alembic import command

    path = tmp_path / "down.sqlite"
    engine = create_engine(f"sqlite:///{path}")
    sqlite.configure_engine(engine)
    with engine.begin() as connection:
        command.upgrade(migrations.alembic_config(connection), "0006")
        assert connection.execute(text("SELECT count(*) FROM sqlite_master WHERE name LIKE 'search_%'")).scalar()
        command.downgrade(migrations.alembic_config(connection), "0005")
        assert connection.execute(text("SELECT name FROM sqlite_master WHERE name LIKE 'search_%'")).all() == []
        connection.execute(text(  # no trigger is left to write to a table that is gone
            "INSERT INTO person (id, uuid, created_at, updated_at, name) VALUES (1, 'p', '2026-01-01', "
            "'2026-01-01', 'Oswin Tregarthen')"))
    engine.dispose()


def test_the_searched_columns_are_the_indexed_columns(store) -> None:
    """search.SOURCES and migration 0006 name the same columns, and every sealable one is confidential."""
    from secdesk.model import Base
    from secdesk.model.base import CONFIDENTIAL

    with store.read() as session:
        for name, source in SOURCES.items():
            indexed = [row[1] for row in session.execute(text(f"PRAGMA table_info({source.full_text})"))]
            assert sorted(indexed) == sorted(source.columns), name
            columns = Base.metadata.tables[name].c
            assert all(columns[c].info.get(CONFIDENTIAL) for c in source.sealable), name
            assert not any(columns[c].info.get(CONFIDENTIAL) for c in source.public), name


def test_every_searched_table_keeps_its_triggers_through_every_migration(store) -> None:
    # A batch migration on SQLite copies a table into a new one: its triggers go with the old.
    with store.read() as session:
        triggers = set(session.execute(text("SELECT name FROM sqlite_master WHERE type = 'trigger'")).scalars())
    for source in SOURCES.values():
        assert {f"{source.full_text}_{event}" for event in ("insert", "update", "delete")} <= triggers, source
