"""Final minutes are a frozen record (issue 17 item 6): kept as agreed, in versions, audited, never rewritten."""

from __future__ import annotations

import dataclasses
import json
import time
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from secdesk.documents import model as document_model
from secdesk.documents import record
from secdesk.documents.minutes import build_minutes
from secdesk.documents.model import Bullets, Cell, Document, Heading, Image, Marking, Paragraph, Run, Table
from secdesk.errors import MinutesLockedError, ValidationError
from secdesk.model import (
    AgendaItem,
    AuditRecord,
    Classification,
    DecisionVerb,
    ItemKind,
    MeetingStatus,
    MinutesRecord,
)
from secdesk.model.record import RecordImmutableError
from secdesk.packages import dumps, export_meeting, import_package, loads
from secdesk.security.keys import KEYRING_SERVICE, KeyUnavailableError
from secdesk.services import agenda, committees, decisions, meetings, minutes_record
from secdesk.store import open_store
from tests import factories
from tests.cli_run import run

AMBER = Classification.AMBER
WHITE = Classification.WHITE
SECRET = "SUPPLIER-NAMED-IN-CONFIDENCE"
DAYS = {14: date(2027, 1, 18), 15: date(2027, 2, 15), 16: date(2027, 3, 20), 17: date(2027, 4, 17)}


def _meetings(store) -> None:
    """TABASC 14 to 17, held; 15 has an Amber item; item 1 of each speaks of the previous minutes."""
    with store.write() as session:
        tabasc = factories.committee(session)
        for number, day in DAYS.items():
            meeting = factories.held_meeting(session, tabasc, number, day)
            meeting.items[0].kind = ItemKind.MINUTES_AND_ACTIONS
        fifteen = meetings.resolve_meeting(session, "TABASC 15")
        secret = agenda.add_item(session, fifteen, "Named supplier failures", public_title="Supplier review",
                                 classification=AMBER, minutes=f"{SECRET} failed twice.")
        decisions.add(session, secret, DecisionVerb.NOTED, "the named failures", AMBER)
        fifteen.items[0].minutes = "The minutes were reviewed."


def _agree(store, number: int, at: int) -> None:
    with store.write() as session:
        agreed, later = (meetings.resolve_meeting(session, f"TABASC {n}") for n in (number, at))
        meetings.agree_final(session, agreed, later)


def _documents(store, spec: str) -> dict[Classification, Document]:
    with store.read() as session:
        meeting = meetings.resolve_meeting(session, spec)
        return {level: build_minutes(session, meeting, level) for level in (WHITE, AMBER)}


def test_final_minutes_do_not_change_when_other_meetings_are_agreed_later(store) -> None:
    _meetings(store)
    _agree(store, 15, at=16)
    agreed = _documents(store, "TABASC 15")
    assert agreed[WHITE].title.endswith("Final Minutes") and not agreed[WHITE].draft
    assert agreed[WHITE].issued is not None and agreed[WHITE].issued == agreed[AMBER].issued
    assert SECRET in agreed[AMBER].text() and SECRET not in agreed[WHITE].text()
    # Agreeing 14 late at 15 would give 15's item 1 a new sentence; agreeing 16 and renaming
    # the committee would change its title; none of it may touch the agreed minutes of 15.
    _agree(store, 14, at=15)
    _agree(store, 16, at=17)
    with store.write() as session:
        committees.set_name(session, committees.get_committee(session, "TABASC"), "Renamed Sub-Committee")
    later = _documents(store, "TABASC 15")
    assert later == agreed
    with store.read() as session:
        kept = {v.level: v for v in minutes_record.versions(session, meetings.resolve_meeting(session, "TABASC 15"))}
    for level in (WHITE, AMBER):
        assert record.dumps(later[level]) == record.dumps(agreed[level])
        assert record.digest(record.dumps(later[level])) == kept[level].sha256
    # The live build of 15 has moved on, which is exactly what the record keeps out.
    with store.read() as session:
        fifteen = meetings.resolve_meeting(session, "TABASC 15")
        fifteen.locked = False  # only in this read session: build as if there were no record
        live = build_minutes(session, fifteen, WHITE)
        session.rollback()
    assert live.blocks != agreed[WHITE].blocks and "were agreed as final" in live.text()
    assert "Renamed" in live.text() and "Renamed" not in agreed[WHITE].text()


def test_every_level_is_kept_and_only_confidential_records_are_sealed(store) -> None:
    _meetings(store)
    _agree(store, 15, at=16)
    _agree(store, 16, at=17)
    with store.read() as session:
        fifteen = meetings.resolve_meeting(session, "TABASC 15")
        sixteen = meetings.resolve_meeting(session, "TABASC 16")
        levels = {v.level: v.sealed for v in minutes_record.versions(session, fifteen)}
        assert levels == {WHITE: False, Classification.GREEN: False, AMBER: True, Classification.RED: True}
        # 16 has nothing above White: none of its records needs the key.
        assert not any(v.sealed for v in minutes_record.versions(session, sixteen))
        rows = session.scalars(select(MinutesRecord).where(MinutesRecord.meeting_id == fifteen.id)).all()
        assert {r.sealed_fields for r in rows if r.classification is AMBER} == {"content"}


def test_reopening_keeps_version_1_and_agreeing_again_makes_version_2_with_an_audited_change(store) -> None:
    _meetings(store)
    _agree(store, 15, at=16)
    with store.write() as session:
        fifteen = meetings.resolve_meeting(session, "TABASC 15")
        meetings.reopen(session, fifteen)
        assert build_minutes(session, fifteen, WHITE).issued is None  # reopened: built from its rows again
        fifteen.items[0].minutes = "The minutes were reviewed and corrected."
    _agree(store, 15, at=16)
    with store.read() as session:
        fifteen = meetings.resolve_meeting(session, "TABASC 15")
        kept = minutes_record.versions(session, fifteen)
        white = [v for v in kept if v.level is WHITE]
        assert [v.version for v in white] == [1, 2] and white[0].sha256 != white[1].sha256
        assert "corrected" in build_minutes(session, fifteen, WHITE).text()
        assert "corrected" not in minutes_record.document_at(session, fifteen, 1, WHITE).text()
        agreed = session.scalars(
            select(AuditRecord).where(AuditRecord.meeting_id == fifteen.id, AuditRecord.operation == "agree")
        ).all()
        assert len(agreed) == 2 * len(minutes_record.LEVELS)
        second = [json.loads(a.details) for a in agreed if json.loads(a.details)["version"] == 2]
        white_change = next(d for d in second if d["level"] == "white")
        assert white_change["sha256"] == white[1].sha256
        assert white_change["previous"] == {"version": 1, "sha256": white[0].sha256}
        changes = white_change["changes"]
        version_2 = minutes_record.document_at(session, fifteen, 2, WHITE)
        assert [version_2.blocks[i] for i in changes["changed"]] == [
            b for b in version_2.blocks if isinstance(b, Paragraph) and "corrected" in b.runs[0].text
        ]
        assert changes["added"] == changes["removed"] == []
        # Audit rows name positions and hashes, never what the minutes say.
        for row in session.scalars(select(AuditRecord)):
            assert SECRET not in row.details
            if row.operation == "agree":
                assert "corrected" not in row.details and "reviewed" not in row.details
        diff = minutes_record.diff(session, fifteen, 1, 2, AMBER)
    assert "-    The minutes were reviewed." in diff and "+    The minutes were reviewed and corrected." in diff
    assert SECRET not in diff  # unchanged lines beyond the context are not shown


def test_a_record_cannot_be_changed_or_deleted_even_after_reopening(store) -> None:
    _meetings(store)
    _agree(store, 15, at=16)
    with pytest.raises(MinutesLockedError, match="final and locked"), store.write() as session:
        session.scalars(select(MinutesRecord)).first().content = "rewritten"
    with store.write() as session:
        meetings.reopen(session, meetings.resolve_meeting(session, "TABASC 15"))
        kept = session.scalars(select(MinutesRecord)).first()
        kept.version = kept.version  # dirty, but nothing to write: not a change
    with pytest.raises(RecordImmutableError, match="cannot be changed"), store.write() as session:
        session.scalars(select(MinutesRecord)).first().sha256 = "0" * 64
    with pytest.raises(RecordImmutableError, match="cannot be deleted"), store.write() as session:
        session.delete(session.scalars(select(MinutesRecord)).first())
    with store.read() as session:
        assert session.scalar(select(func.count()).select_from(MinutesRecord)) == len(minutes_record.LEVELS)


def test_removing_a_reopened_meeting_takes_its_records_with_it(store) -> None:
    _meetings(store)
    with store.write() as session:
        meetings.approve_ex_committee(session, meetings.resolve_meeting(session, "TABASC 17"), date(2027, 5, 1))
    with pytest.raises(MinutesLockedError), store.write() as session:
        meetings.remove_meeting(session, meetings.resolve_meeting(session, "TABASC 17"))
    with store.write() as session:
        seventeen = meetings.resolve_meeting(session, "TABASC 17")
        meetings.reopen(session, seventeen)
        meetings.remove_meeting(session, seventeen)
    with store.read() as session:
        assert session.scalar(select(func.count()).select_from(MinutesRecord)) == 0


def test_a_damaged_record_is_refused_not_printed(store, db_path: Path) -> None:
    _meetings(store)
    _agree(store, 16, at=17)
    with store.engine.begin() as connection:  # outside SecDesk, as a damaged or edited file would be
        connection.exec_driver_sql("UPDATE minutes_record SET content = replace(content, 'Final', 'Draft')")
    with pytest.raises(minutes_record.RecordDamagedError, match="does not match the hash"), store.read() as session:
        build_minutes(session, meetings.resolve_meeting(session, "TABASC 16"), WHITE)


def test_finalising_without_the_key_is_refused_and_changes_nothing(store, db_path: Path, memory_keyring) -> None:
    _meetings(store)
    uuid = store.keys.database_uuid
    store.close()
    memory_keyring.delete_password(KEYRING_SERVICE, uuid)  # this computer no longer has the key
    other = open_store(db_path)
    try:
        with other.read() as session:
            audited = session.scalar(select(func.count()).select_from(AuditRecord))
        with other.write() as session:
            fifteen = meetings.resolve_meeting(session, "TABASC 15")
            with pytest.raises(KeyUnavailableError, match="TABASC_15_1502 were not made final.*Amber record"):
                meetings.agree_final(session, fifteen, meetings.resolve_meeting(session, "TABASC 16"))
            assert fifteen.status is MeetingStatus.HELD and not fifteen.locked
            assert fifteen.approved_at_meeting is None
        with other.write() as session:
            # A meeting with nothing confidential needs no key to become final.
            meetings.agree_final(
                session, meetings.resolve_meeting(session, "TABASC 16"), meetings.resolve_meeting(session, "TABASC 17")
            )
        with other.read() as session:
            fifteen = meetings.resolve_meeting(session, "TABASC 15")
            assert fifteen.status is MeetingStatus.HELD and not fifteen.locked
            assert minutes_record.versions(session, fifteen) == []
            sixteen = meetings.resolve_meeting(session, "TABASC 16")
            assert {v.sealed for v in minutes_record.versions(session, sixteen)} == {False}
            new_rows = session.scalars(select(AuditRecord).order_by(AuditRecord.id).offset(audited)).all()
            assert {r.meeting_id for r in new_rows} == {meetings.resolve_meeting(session, "TABASC 16").id}
    finally:
        other.close()


def test_a_kept_amber_record_read_without_the_key_is_refused_as_amber_exports_are(
    store, db_path: Path, memory_keyring
) -> None:
    _meetings(store)
    _agree(store, 15, at=16)
    uuid = store.keys.database_uuid
    store.close()
    memory_keyring.delete_password(KEYRING_SERVICE, uuid)
    other = open_store(db_path)
    try:
        with other.read() as session:
            fifteen = meetings.resolve_meeting(session, "TABASC 15")
            assert "Supplier review" in build_minutes(session, fifteen, WHITE).text()  # White needs no key
            with pytest.raises(KeyUnavailableError, match="Amber minutes of TABASC_15_1502 includes confidential"):
                build_minutes(session, fifteen, AMBER)
    finally:
        other.close()


def test_the_record_survives_a_package_round_trip(store) -> None:
    _meetings(store)
    _agree(store, 15, at=16)
    before = _documents(store, "TABASC 15")
    with store.read() as session:
        package = dumps(export_meeting(session, meetings.resolve_meeting(session, "TABASC 15"), Classification.RED))
    with store.write() as session:
        import_package(session, loads(package))  # the same meeting again: nothing to change
    assert _documents(store, "TABASC 15") == before
    with store.read() as session:
        assert {v.version for v in minutes_record.versions(session, meetings.resolve_meeting(session, "TABASC 15"))} \
            == {1}


def test_agreement_is_not_undone_by_putting_the_lifecycle_back_only_reopened(store) -> None:
    _meetings(store)
    with store.write() as session:
        sixteen = meetings.resolve_meeting(session, "TABASC 16")
        state, _ = meetings.agree_previous_final(session, sixteen)
    with pytest.raises(ValidationError, match="are final now"), store.write() as session:
        meetings.put_lifecycle_state(session, state, at=meetings.resolve_meeting(session, "TABASC 16").id)
    with store.write() as session:
        meetings.reopen(session, meetings.resolve_meeting(session, "TABASC 15"))
    _agree(store, 15, at=16)
    with store.read() as session:
        fifteen = meetings.resolve_meeting(session, "TABASC 15")
        assert {v.version for v in minutes_record.versions(session, fifteen)} == {1, 2}
        assert not build_minutes(session, fifteen, WHITE).draft


def test_the_command_line_lists_versions_and_shows_a_diff(store, db_path: Path, capsys) -> None:
    _meetings(store)
    _agree(store, 15, at=16)
    with store.write() as session:
        fifteen = meetings.resolve_meeting(session, "TABASC 15")
        meetings.reopen(session, fifteen)
        next(i for i in fifteen.items if i.classification is AMBER).minutes = f"{SECRET} failed three times."
    _agree(store, 15, at=16)
    store.close()
    code, out, err = run(capsys, "--db", str(db_path), "minutes", "TABASC 15", "--versions")
    assert code == 0, err
    with open_store(db_path).read() as session:
        kept = minutes_record.versions(session, meetings.resolve_meeting(session, "TABASC 15"))
    for version in kept:
        assert version.sha256 in out
    assert out.count("\n") == len(kept) + 1 and "sealed" in out
    code, out, err = run(capsys, "--db", str(db_path), "minutes", "TABASC 15", "--diff", "1", "2",
                         "--classification", "amber")
    assert code == 0, err
    assert f"-    {SECRET} failed twice." in out and f"+    {SECRET} failed three times." in out
    code, out, err = run(capsys, "--db", str(db_path), "minutes", "TABASC 15", "--diff", "1", "2")
    assert code == 0, err
    # At White only the moment of agreement can differ.
    assert SECRET not in out and ("+issued: " in out or "say the same" in out)
    code, out, err = run(capsys, "--db", str(db_path), "minutes", "TABASC 15", "--diff", "1", "9")
    assert code != 0 and "no version 9" in err and "Traceback" not in err


# --- the serialiser ---------------------------------------------------------------


def _every_kind() -> Document:
    return Document(
        kind="minutes", title="T", subject="S", author="A", identifier="X_1_0101",
        marking=Marking("Amber", "This document has a Classification of Amber", "FFC000", "000000"),
        file_stem="X", draft=False, landscape=True,
        blocks=(
            Heading("1. Item", level=2),
            Paragraph((Run("ACTION: ", bold=True), Run("é – ✓", italic=True)), "action"),
            Bullets(((Run("one"),), (Run("two"),))),
            Table(("H1", "H2"), ((Cell.of("a"), Cell(((Run("b"),),), fill="FF0000")),), (1.5, 2),
                  flagged=frozenset({0, 3})),
            Image(b"\x89PNG\x00\xff", 80.5, "A chart"),
        ),
        issued=None,
    )


def test_every_block_kind_round_trips_through_canonical_json() -> None:
    document = _every_kind()
    text = record.dumps(document)
    assert record.loads(text) == document
    assert record.dumps(record.loads(text)) == text  # canonical: the same document, the same text and hash
    assert record.digest(text) == record.digest(record.dumps(_every_kind()))
    assert json.loads(text)["blocks"][4]["$type"] == "Image"


def test_a_new_block_kind_in_the_document_model_is_kept_without_an_edit(monkeypatch) -> None:
    @dataclasses.dataclass(frozen=True)
    class Quote:
        text: str
        source: str | None = None
        level: Classification = Classification.WHITE

    Quote.__module__ = document_model.__name__
    monkeypatch.setattr(document_model, "Quote", Quote, raising=False)
    document = dataclasses.replace(_every_kind(), blocks=(Quote("Words", "Chair", AMBER),))
    kept = record.loads(record.dumps(document))
    assert kept == document and type(kept.blocks[0].level) is Classification  # an enum stays an enum


def test_unknown_kinds_and_fields_are_refused_clearly() -> None:
    data = json.loads(record.dumps(_every_kind()))
    data["blocks"][0]["$type"] = "Hologram"
    with pytest.raises(record.RecordFormatError, match="kind 'Hologram'.*newer version"):
        record.loads(json.dumps(data))
    data = json.loads(record.dumps(_every_kind()))
    data["blocks"][0]["colour"] = "red"
    with pytest.raises(record.RecordFormatError, match="Heading has fields .* colour"):
        record.loads(json.dumps(data))

    @dataclasses.dataclass(frozen=True)
    class Foreign:
        text: str

    with pytest.raises(record.RecordFormatError, match="Foreign: it is not a documents.model kind"):
        record.dumps(dataclasses.replace(_every_kind(), blocks=(Foreign("x"),)))  # type: ignore[arg-type]


def test_block_changes_count_positions_only() -> None:
    before = _every_kind()
    after = dataclasses.replace(before, blocks=(Heading("0. New"), *before.blocks[:1], Heading("changed"),
                                                *before.blocks[3:]), title="T2")
    changes = record.block_changes(before, after)
    assert changes == {"blocks": [5, 5], "changed": [2], "added": [0], "removed": [2], "fields": ["title"]}


def test_agenda_items_of_a_final_meeting_are_not_loaded_for_its_kept_minutes(store) -> None:
    """The kept record is read on its own: no agenda item is needed to print agreed minutes."""
    _meetings(store)
    _agree(store, 16, at=17)
    with store.read() as session:
        sixteen = meetings.resolve_meeting(session, "TABASC 16")
        build_minutes(session, sixteen, WHITE)
        loaded = [o for o in session.identity_map.values() if isinstance(o, AgendaItem)]
        assert loaded == []


def test_final_minutes_files_are_byte_identical_before_and_after_later_agreements(store, tmp_path: Path) -> None:
    from secdesk.writers import write

    _meetings(store)
    _agree(store, 15, at=16)

    def files(folder: str) -> dict[str, bytes]:
        written = {}
        for level, document in _documents(store, "TABASC 15").items():
            for file_format in ("docx", "pdf"):
                target = tmp_path / folder / f"{level.value}.{file_format}"
                target.parent.mkdir(exist_ok=True)
                written[target.name] = write(document, file_format, target).read_bytes()
        return written

    before = files("before")
    time.sleep(1.1)  # the writers once stamped the moment of writing, to the second
    _agree(store, 14, at=15)
    _agree(store, 16, at=17)
    assert files("after") == before


def test_the_audit_trail_records_a_kept_document_by_its_length_not_its_text(store) -> None:
    from secdesk.model import AuditRecord

    _meetings(store)
    _agree(store, 16, at=17)
    with store.read() as session:
        inserts = session.scalars(select(AuditRecord).where(
            AuditRecord.table_name == "minutes_record", AuditRecord.operation == "insert")).all()
        kept = session.scalars(select(MinutesRecord)).all()
    assert inserts and len(inserts) == len(kept)
    for entry in inserts:
        details = json.loads(entry.details)
        assert set(details["content"]) == {"characters"} and len(details["sha256"]) == 64
    assert max(len(e.details) for e in inserts) < 1000  # not a copy of the minutes
