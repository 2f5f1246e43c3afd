"""The marker test: no confidential text in the database file, its WAL or any backup."""

from __future__ import annotations

from datetime import date
from itertools import count
from pathlib import Path

from secdesk.model import ActionStatus, Classification, DecisionVerb
from secdesk.services import actions, agenda, decisions, meetings
from secdesk.store import sqlite
from tests import factories

AMBER = Classification.AMBER
_serial = count(1)


def marker(kind: str) -> str:
    return f"MARKER-{kind}-{next(_serial):03d}-ZQX"


def _every_file(db_path: Path) -> dict[str, bytes]:
    files = {db_path.name: db_path.read_bytes()}
    wal = db_path.with_name(db_path.name + "-wal")
    if wal.exists():
        files[wal.name] = wal.read_bytes()
    for backup in sqlite.list_backups(db_path):
        files[backup.name] = backup.read_bytes()
    return files


def test_no_confidential_marker_in_database_wal_or_backups(db_path: Path, store) -> None:
    kept: list[str] = []  # still confidential at the end: must never appear
    gone: list[str] = []  # deleted or overwritten while confidential: must never appear
    public: list[str] = []  # downgraded to White: legitimately plaintext now
    with store.write() as session:
        tabasc = factories.committee(session)
        first = factories.held_meeting(session, tabasc, 15, date(2027, 2, 15))
        second = factories.held_meeting(session, tabasc, 16, date(2027, 3, 20))
        secret = agenda.add_item(
            session, first, kept_m := marker("title"), public_title="Confidential item",
            classification=AMBER, minutes=(m2 := marker("minutes")), post_meeting_note=(m3 := marker("note")),
        )
        kept += [kept_m, m2, m3]
        decisions.add(session, secret, DecisionVerb.NOTED, kept_d := marker("decision"), AMBER)
        kept.append(kept_d)
        paper = agenda.add_paper(session, secret, kept_p := marker("paper"), classification=AMBER)
        agenda.add_paper_file(session, paper, kept_l := marker("label"), (kept_f := marker("file")) + ".pdf", AMBER)
        kept += [kept_p, kept_l, kept_f]
        white = agenda.add_item(session, first, "Public item", minutes="Public minutes.")
        decisions.add(session, white, DecisionVerb.AGREED, kept_wd := marker("amber-decision-in-white"), AMBER)
        kept.append(kept_wd)
        act = actions.raise_action(
            session, first, kept_a := marker("action"), owner=(kept_o := marker("owner")), item=white,
            classification=AMBER,
        )
        kept += [kept_a, kept_o]
        doomed = actions.raise_action(session, first, gone_a := marker("deleted-action"), classification=AMBER)
        gone.append(gone_a)
        downgraded = agenda.add_item(
            session, first, "Later public", classification=AMBER, minutes=(pub := marker("down"))
        )
        public.append(pub)
        session.flush()
        actions.record_update(session, [act], second, kept_u := marker("update"), ActionStatus.ONGOING)
        kept.append(kept_u)
        ids = (secret.id, doomed.id, downgraded.id)
    store.backup(force=True)

    # A session of edits, deletions and downgrades.
    with store.write() as session:
        from secdesk.model import Action, AgendaItem

        item = session.get(AgendaItem, ids[0])
        gone.append(item.minutes)
        item.minutes = (new_minutes := marker("edited-minutes"))
        kept.append(new_minutes)
        session.delete(session.get(Action, ids[1]))
        session.get(AgendaItem, ids[2]).classification = Classification.WHITE
        new_secret = agenda.add_item(session, item.meeting, "Public then secret", minutes=(up := marker("upgraded")))
        session.flush()
        new_secret.classification = AMBER
        kept.append(up)
    store.backup(force=True)
    with store.write() as session:
        meetings.agree_final(
            session, meetings.resolve_meeting(session, "TABASC 15"), meetings.resolve_meeting(session, "TABASC 16")
        )
    store.purge()
    store.backup(force=True)

    files = _every_file(db_path)
    assert len(files) >= 3
    for name, data in files.items():
        for text in kept + gone:
            assert text.encode() not in data, f"{text} found in {name}"
    assert any(public[0].encode() in data for data in files.values()), "a downgrade is stored as plaintext"
    with store.read() as session:
        first = meetings.resolve_meeting(session, "TABASC 15")
        texts = {i.minutes for i in first.items}
        assert new_minutes in texts and up in texts and public[0] in texts
