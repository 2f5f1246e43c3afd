"""Facts as the record has them: a meeting known by its month, an undated ex-committee approval,
Actions Outstanding rows with no status or no action text, in the secretary's order."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from secdesk.documents.action_log import build_action_log
from secdesk.documents.minutes import build_minutes
from secdesk.documents.model import Paragraph, Table
from secdesk.model import Action, ActionStatus, Classification, ItemKind
from secdesk.services import actions, meetings
from secdesk.store import open_store
from tests import factories
from tests.cli_run import run

WHITE = Classification.WHITE


def _paragraphs(document) -> list[str]:
    return ["".join(r.text for r in b.runs) for b in document.blocks if isinstance(b, Paragraph)]


def test_a_meeting_known_by_its_month_has_no_invented_day(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "old.sqlite")
    assert run(capsys, "--db", db, "committee", "add", "TABASC", "Technical Sub-Committee")[0] == 0
    code, out, err = run(capsys, "--db", db, "meeting", "new", "TABASC", "--date", "2017-03", "--number", "16")
    assert (code, err) == (0, "") and "Meeting TABASC_16 created: March 2017 (the day is not recorded)" in out
    store = open_store(Path(db), backup=False)
    with store.read() as session:
        meeting = meetings.resolve_meeting(session, "TABASC_16")  # its identifier has no day-month
        assert meeting.month_only and meeting.date == date(2017, 3, 1)
        minutes = build_minutes(session, meeting, WHITE)
    store.close()
    assert "Meeting TABASC_16, March 2017" in _paragraphs(minutes)
    assert "1st March" not in minutes.text()


def test_an_undated_ex_committee_approval_is_said_without_a_date(store) -> None:
    with store.write() as session:
        tabasc = factories.committee(session)
        february = factories.held_meeting(session, tabasc, 15, date(2017, 2, 10))
        march = factories.held_meeting(session, tabasc, 16, date(2017, 3, 10))
        march.items[0].kind = ItemKind.MINUTES_AND_ACTIONS
        meetings.approve_ex_committee(session, february, None)
        assert february.approved_ex_committee and february.approved_ex_committee_on is None
        minutes = build_minutes(session, march, WHITE)
    assert "The minutes of the February 2017 TABASC meeting were approved ex-committee." in _paragraphs(minutes)


def test_outstanding_rows_keep_the_secretarys_order_and_print_no_status_or_text_they_lack(store) -> None:
    with store.write() as session:
        panel = factories.committee(session, "SECP")
        meeting = factories.held_meeting(session, panel, 30, date(2016, 3, 11))
        meeting.items[0].kind = ItemKind.MINUTES_AND_ACTIONS
        # Raised before SecDesk, known only by reference: no meeting and no text invented.
        earlier = {}
        for reference in ("SECP22/04", "SECP20/04", "SECP22/08"):
            earlier[reference] = Action(reference=reference, committee=panel, text="", owner="",
                                        status=ActionStatus.ONGOING)
            session.add(earlier[reference])
        session.flush()
        for position, reference in enumerate(("SECP22/08", "SECP20/04", "SECP22/04"), start=1):
            actions.record_update(session, [earlier[reference]], meeting, f"Update on {reference}.", None,
                                  position=position)
        assert all(a.status is ActionStatus.ONGOING for a in earlier.values())  # no status: as they were
        minutes = build_minutes(session, meeting, WHITE)
        log = build_action_log(session, WHITE, committee="SECP", open_only=False, today=date(2016, 3, 12))
    table = next(b for b in minutes.blocks if isinstance(b, Table) and b.headers[0] == "Action Reference")
    assert table.headers == ("Action Reference", "Update")
    assert [[cell.text for cell in row] for row in table.rows] == [
        ["SECP22/08", "Update on SECP22/08."], ["SECP20/04", "Update on SECP20/04."],
        ["SECP22/04", "Update on SECP22/04."],
    ]
    assert "ONGOING" not in minutes.text()
    assert "SECP meeting 22" in log.text() and "Before SecDesk" not in log.text()


def test_a_month_only_meeting_travels_in_a_package(store, tmp_path: Path) -> None:
    from secdesk.packages import dumps, export_meeting, import_package, loads

    with store.write() as session:
        tabasc = factories.committee(session)
        meeting = meetings.create_meeting(session, tabasc, date(2017, 3, 1), number=16, month_only=True)
        text = dumps(export_meeting(session, meeting, WHITE))
    target = open_store(tmp_path / "other.sqlite", backup=False)
    with target.write() as session:
        import_package(session, loads(text))
    with target.read() as session:
        imported = session.scalar(select(type(meeting)))
        assert imported.month_only and imported.identifier == "TABASC_16"
    target.close()
