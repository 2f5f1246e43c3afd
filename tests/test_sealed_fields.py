"""Which fields are confidential comes from the model, and whether a value is sealed is recorded, not guessed."""

from __future__ import annotations

import base64
from datetime import date
from pathlib import Path

from sqlalchemy import Enum, String, Text, create_engine, select, text

from secdesk.documents import agenda as agenda_document
from secdesk.model import AgendaItem, Base, Classification, Classified, DatabaseSetting, Meeting, Rag, Risk
from secdesk.model.base import CONFIDENTIAL, PUBLIC
from secdesk.packages.export import export_meeting
from secdesk.security import fields
from secdesk.security.cipher import FieldCipher, new_key
from secdesk.security.keys import KEYRING_SERVICE
from secdesk.services import actions, agenda, planner, risks
from secdesk.store import migrations, open_store, sqlite
from tests import factories

AMBER = Classification.AMBER
LOOKS_SEALED = "sdenc1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"


def _text_columns(mapper):
    for attr in mapper.column_attrs:
        column = attr.columns[0]
        # Enums are controlled vocabularies, not free text.
        if isinstance(column.type, (String, Text)) and not isinstance(column.type, Enum):
            yield attr.key, column


def test_every_text_column_of_a_classified_row_says_whether_it_can_be_confidential() -> None:
    unmarked, confidential = [], {}
    for mapper in Base.registry.mappers:
        classified = issubclass(mapper.class_, Classified)
        for name, column in _text_columns(mapper):
            if column.info.get(CONFIDENTIAL):
                assert classified, f"{mapper.class_.__name__}.{name} is confidential in a row with no level"
                confidential.setdefault(mapper.class_, []).append(name)
            elif classified and not column.info.get(PUBLIC):
                unmarked.append(f"{mapper.class_.__name__}.{name}")
    assert unmarked == [], "mark these with confidential_text() or public_text(..., why)"
    assert {cls: tuple(names) for cls, names in confidential.items()} == fields.ENCRYPTED_FIELDS
    # Every classified row has something to protect, and the two missed fields are in.
    assert {m.class_ for m in Base.registry.mappers if issubclass(m.class_, Classified)} == set(confidential)
    assert "presenter" in fields.ENCRYPTED_FIELDS[AgendaItem]
    assert "override_reason" in fields.ENCRYPTED_FIELDS[Risk]


def test_white_text_that_begins_like_ciphertext_is_kept_and_shown_as_typed(store) -> None:
    with store.write() as session:
        tabasc = factories.committee(session)
        meeting = factories.held_meeting(session, tabasc, 16, date(2027, 3, 20))
        item = agenda.add_item(session, meeting, LOOKS_SEALED, minutes=LOOKS_SEALED)
        actions.raise_action(session, meeting, LOOKS_SEALED, owner="SECAS", item=item)
        risks.add_risk(session, tabasc, LOOKS_SEALED, 2, 3, owner=LOOKS_SEALED)
        planner.plan(session, tabasc, date(2099, 1, 1), LOOKS_SEALED, owner=LOOKS_SEALED)
    with store.read() as session:
        item = session.scalars(select(AgendaItem).where(AgendaItem.title == LOOKS_SEALED)).one()
        risk = session.scalars(select(Risk)).one()
        assert (item.title, item.minutes, item.actions[0].text) == (LOOKS_SEALED,) * 3
        assert (risk.description, risk.owner) == (LOOKS_SEALED, LOOKS_SEALED)
        assert not fields.is_locked(item) and not fields.is_locked(risk)
        assert [p.title for p in planner.planner(session, risk.committee, start=date(2099, 1, 1))] == [LOOKS_SEALED]


def test_presenter_and_override_reason_are_sealed_at_rest(db_path: Path, store) -> None:
    with store.write() as session:
        tabasc = factories.committee(session)
        meeting = factories.held_meeting(session, tabasc, 16, date(2027, 3, 20))
        agenda.add_item(session, meeting, "Secret", classification=AMBER, presenter="PRESENTER-MARK-1",
                        public_title="Confidential matter")
        risks.add_risk(session, tabasc, "There is a risk", 5, 5, classification=AMBER,
                       rag_override=Rag.AMBER, override_reason="OVERRIDE-MARK-2")
    store.backup(force=True)
    raw = db_path.read_bytes() + b"".join(p.read_bytes() for p in sqlite.list_backups(db_path))
    wal = db_path.with_name(db_path.name + "-wal")
    raw += wal.read_bytes() if wal.exists() else b""
    assert b"PRESENTER-MARK-1" not in raw and b"OVERRIDE-MARK-2" not in raw
    with store.read() as session:
        presenters = {i.presenter for i in session.scalars(select(AgendaItem))}
        assert "PRESENTER-MARK-1" in presenters
        assert session.scalars(select(Risk)).one().override_reason == "OVERRIDE-MARK-2"


def test_white_outputs_leave_out_a_white_action_of_an_amber_item_and_its_presenter(store) -> None:
    with store.write() as session:
        tabasc = factories.committee(session)
        meeting = factories.held_meeting(session, tabasc, 16, date(2027, 3, 20))
        secret = agenda.add_item(session, meeting, "Secret", classification=AMBER,
                                 presenter="PRESENTER-MARK-3", public_title="Confidential matter")
        # The live screen gives a new action White; the item makes it Amber.
        actions.raise_action(session, meeting, "ACTION-MARK-4", owner="OWNER-MARK-5", item=secret)
        meeting_id = meeting.id
    with store.read() as session:
        meeting = session.get(Meeting, meeting_id)
        white = str(export_meeting(session, meeting, Classification.WHITE))
        amber = str(export_meeting(session, meeting, AMBER))
        white_agenda = str(agenda_document.build_agenda(session, meeting, Classification.WHITE))
        listed = actions.action_log(session, max_classification=Classification.WHITE)
    for mark in ("PRESENTER-MARK-3", "ACTION-MARK-4", "OWNER-MARK-5"):
        assert mark not in white and mark in amber
    assert "PRESENTER-MARK-3" not in white_agenda and "Confidential matter" in white_agenda
    assert listed == []


def test_upgrading_keeps_sealed_values_and_white_text_that_looks_sealed(tmp_path: Path, memory_keyring) -> None:
    """A database written before sealed_fields existed: 0004 records what was sealed, guessing nothing for White."""
    from alembic import command

    old = tmp_path / "old.sqlite"
    engine = create_engine(f"sqlite:///{old}")
    sqlite.configure_engine(engine)
    key = new_key()
    cipher = FieldCipher(key)
    with engine.begin() as connection:
        command.upgrade(migrations.alembic_config(connection), "0003")
        database_uuid = connection.execute(
            text("SELECT value FROM database_setting WHERE name = 'database_uuid'")).scalar_one()
        connection.execute(text("INSERT INTO database_setting VALUES ('key_id', :k)"), {"k": cipher.key_id})
        connection.execute(text(
            "INSERT INTO committee (id, uuid, created_at, updated_at, code, name, voice, quorum, secretariat) "
            "VALUES (1, 'c', '2026-01-01', '2026-01-01', 'TAG', 'Testing', 'The TAG', 3, 'SECAS')"))
        connection.execute(text(
            "INSERT INTO meeting (id, uuid, created_at, updated_at, committee_id, number, date, status, locked) "
            "VALUES (1, 'm', '2026-01-01', '2026-01-01', 1, 5, '2026-02-01', 'held', 0)"))
        sealed_title = cipher.encrypt("Amber title", "agenda_item.title.i1")
        for row in (
            (1, "i1", sealed_title, "PRESENTER-MARK-6", "amber"),
            (2, "i2", LOOKS_SEALED, "Someone", "white"),
        ):
            connection.execute(text(
                "INSERT INTO agenda_item (id, uuid, created_at, updated_at, meeting_id, number, position, title, "
                "presenter, section, kind, purpose, classification, minutes) VALUES (:id, :uuid, '2026-01-01', "
                "'2026-01-01', 1, :id, :id, :title, :presenter, 'main', 'normal', 'information', :level, '')"),
                dict(zip(("id", "uuid", "title", "presenter", "level"), row, strict=True)))
    engine.dispose()
    memory_keyring.set_password(KEYRING_SERVICE, database_uuid, base64.b64encode(key).decode())

    upgraded = open_store(old)
    with upgraded.engine.connect() as connection:
        sealed = dict(connection.execute(text("SELECT uuid, sealed_fields FROM agenda_item")).all())
    assert sealed == {"i1": "title", "i2": ""}
    with upgraded.read() as session:
        titles = {i.uuid: (i.title, i.presenter) for i in session.scalars(select(AgendaItem))}
    assert titles == {"i1": ("Amber title", "PRESENTER-MARK-6"), "i2": (LOOKS_SEALED, "Someone")}
    with upgraded.write():
        pass  # the first write with the key seals what 0004 made confidential
    upgraded.close()
    assert b"PRESENTER-MARK-6" not in old.read_bytes()
    reopened = open_store(old)
    with reopened.read() as session:
        item = session.scalars(select(AgendaItem).where(AgendaItem.uuid == "i1")).one()
        assert (item.presenter, fields.sealed_names(item)) == ("PRESENTER-MARK-6", {"presenter", "title"})
        assert session.get(DatabaseSetting, fields.SEAL_PENDING) is None
    reopened.close()


def test_find_and_the_meeting_page_show_the_effective_level(store) -> None:
    from secdesk.services import find, meeting_record

    with store.write() as session:
        meeting = factories.held_meeting(session, factories.committee(session), 16, date(2027, 3, 20))
        item = agenda.add_item(
            session, meeting, "Supplier failures", public_title="Supplier review", classification=AMBER
        )
        action = actions.raise_action(session, meeting, "SECAS to chase the contract.", item=item, owner="SECAS")
        paper = agenda.add_paper(session, item, "Contract summary")
        session.flush()
        references, meeting_id = (action.reference, paper.reference), meeting.id
    with store.read() as session:
        # References are public; what they lead to is as confidential as its item.
        for reference in references:
            assert {h.classification for h in find.find(session, reference)} == {"amber"}
        page = meeting_record.meeting_view(session, meeting_id)
        assert {p.classification for i in page.items for p in i.papers} == {"amber"}
