"""The marker attack on kept final minutes: Amber text agreed into a record stays sealed at rest,
never reaches the White record, its exports or the audit trail, and the Amber record shows it
(so the search is known to work)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import select

from secdesk.documents import record
from secdesk.documents.minutes import build_minutes
from secdesk.model import AuditRecord, Classification, DecisionVerb, MinutesRecord
from secdesk.services import actions, agenda, decisions, meetings
from secdesk.store import sqlite
from tests import factories
from tests.attack.test_markers import _found, _views
from tests.cli_run import run

AMBER = Classification.AMBER
WHITE = Classification.WHITE
MARKERS = [f"RECORDMARK{n:02d}ZQ" for n in range(6)]


def _finalised(store) -> None:
    with store.write() as session:
        tabasc = factories.committee(session)
        fifteen = factories.held_meeting(session, tabasc, 15, date(2027, 2, 15))
        sixteen = factories.held_meeting(session, tabasc, 16, date(2027, 3, 20))
        secret = agenda.add_item(session, fifteen, MARKERS[0], public_title="Supplier matter", classification=AMBER,
                                 minutes=MARKERS[1], post_meeting_note=MARKERS[2])
        decisions.add(session, secret, DecisionVerb.NOTED, MARKERS[3])
        public = agenda.add_item(session, fifteen, "Public item", minutes="Public words.")
        decisions.add(session, public, DecisionVerb.AGREED, MARKERS[4], AMBER)
        actions.raise_action(session, fifteen, MARKERS[5], owner="SECAS", item=public, classification=AMBER)
        meetings.agree_final(session, fifteen, sixteen)
    store.backup(force=True)


def test_no_marker_at_rest_after_finalising(store, db_path: Path) -> None:
    _finalised(store)
    with store.read() as session:
        amber = session.scalars(select(MinutesRecord).where(MinutesRecord.level == AMBER)).one()
        assert all(m in amber.content for m in MARKERS)  # the record really holds them
    store.purge()
    files = [db_path, db_path.with_name(db_path.name + "-wal"), *sqlite.list_backups(db_path)]
    views = {str(p): p.read_bytes() for p in files if p.exists()}
    assert len(views) >= 2
    assert _found(MARKERS, views) == {}


def test_no_marker_in_the_white_record_its_exports_or_the_audit_trail(store, db_path: Path, tmp_path: Path,
                                                                       capsys) -> None:
    _finalised(store)
    with store.read() as session:
        fifteen = meetings.resolve_meeting(session, "TABASC 15")
        rows = session.scalars(select(MinutesRecord).where(MinutesRecord.meeting_id == fifteen.id))
        kept = {r.level: r for r in rows}
        white = build_minutes(session, fifteen, WHITE)
        assert record.dumps(white) == kept[WHITE].content  # the White export is the White record
        for level in (WHITE, Classification.GREEN):
            assert kept[level].classification is WHITE and kept[level].sealed_fields == ""
            assert _found(MARKERS, {level.value: kept[level].content.encode()}) == {}
        assert _found(MARKERS, {"audit": "".join(a.details for a in session.scalars(select(AuditRecord))).encode()}) \
            == {}
    store.close()
    out = tmp_path / "out"
    out.mkdir()
    for level in ("white", "green", "amber"):
        code, _, err = run(capsys, "--db", str(db_path), "minutes", "TABASC 15", "--format", "docx,pdf",
                           "-o", str(out), "--classification", level)
        assert code == 0, err
        code, printed, err = run(capsys, "--db", str(db_path), "minutes", "TABASC 15", "--versions")
        assert code == 0 and _found(MARKERS, {"versions": printed.encode()}) == {}
    views = {}
    for path in sorted(out.iterdir()):
        views.update(_views(path.name, path.read_bytes()))
    leaks = _found(MARKERS, {k: v for k, v in views.items() if "AMBER" not in k})
    assert leaks == {}
    shown = _found(MARKERS, {k: v for k, v in views.items() if "AMBER" in k})
    assert set(shown) == set(MARKERS)  # the search finds them where they belong
