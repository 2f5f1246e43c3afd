"""Updates and statuses typed in the actions log between meetings; the log exported as filtered (issue 18 item 3)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from secdesk.documents.action_log import build_action_log
from secdesk.documents.model import Paragraph, Table
from secdesk.errors import MinutesLockedError, ValidationError
from secdesk.model import Action, ActionStatus, Classification
from secdesk.services import action_filter, actions, committees, meetings, reviews
from secdesk.services.action_filter import LogFilter
from secdesk.store import Store, open_store
from tests.cli_run import run

TODAY = date(2026, 11, 23)


def test_an_update_belongs_to_the_next_meeting_not_yet_final(demo_store: Store) -> None:
    with demo_store.write() as session:
        action = actions.get_action(session, "TABASC46/02")
        with pytest.raises(ValidationError, match="No TABASC meeting is planned from 23 Nov 2026"):
            reviews.log_review_meeting(session, action, TODAY)
        tabasc = committees.get_committee(session, "TABASC")
        later = meetings.create_meeting(session, tabasc, date(2027, 1, 18), number=48)
        nearer = meetings.create_meeting(session, tabasc, date(2026, 12, 14), number=47)
        assert reviews.log_review_meeting(session, action, TODAY) is nearer  # TABASC 46 (held, draft) is past
        reviews.log_update(session, nearer, action, "  Sessions booked.  ")
        reviews.log_status(session, nearer, action, ActionStatus.CLOSED)
        assert [(u.meeting, u.text, u.status_after) for u in action.updates] == [
            (nearer, "Sessions booked.", ActionStatus.CLOSED)]
        assert action.status is ActionStatus.CLOSED and action.closed_at_meeting is nearer
        reviews.log_status(session, nearer, action, ActionStatus.ONGOING)  # open again, update kept
        assert action.status is ActionStatus.ONGOING and action.closed_at_meeting is None
        assert action.updates[0].text == "Sessions booked."
        assert later is not None


def test_a_closed_action_takes_no_update_until_it_is_open_again(demo_store: Store) -> None:
    with demo_store.write() as session:
        action = actions.get_action(session, "TABASC44/01")  # closed at TABASC 45
        meeting = meetings.create_meeting(session, committees.get_committee(session, "TABASC"), date(2026, 12, 14))
        with pytest.raises(ValidationError, match="is closed; set its status to Ongoing"):
            reviews.log_update(session, meeting, action, "More to do.")
        reviews.log_status(session, meeting, action, ActionStatus.ONGOING)
        reviews.log_update(session, meeting, action, "More to do.")
        assert action.status is ActionStatus.ONGOING and action.closed_at_meeting is None


def test_a_final_meetings_action_keeps_its_owner(demo_store: Store) -> None:
    with pytest.raises(MinutesLockedError), demo_store.write() as session:
        actions.set_owner(session, actions.get_action(session, "TABASC45/03"), "Ofgem")


def test_the_exported_log_holds_the_filtered_rows_titled_by_the_filter(demo_store: Store) -> None:
    shown = LogFilter(text="dcc", owner="", status="open", today=TODAY)
    with demo_store.read() as session:
        expected = [r.reference for r in action_filter.page(session, shown, action_filter.ConfidentialText(session))]
        document = build_action_log(session, Classification.AMBER, shown=shown)
    title = document.blocks[0]
    assert isinstance(title, Paragraph) and "".join(r.text for r in title.runs) == \
        "Action Log: Open actions matching 'dcc'"
    table = next(b for b in document.blocks if isinstance(b, Table))
    assert [row[0].lines[0][0].text for row in table.rows] == expected
    assert 0 < len(expected) < 10
    assert action_filter.described(LogFilter(overdue=True, owner="SECAS")) == "Overdue actions owned by 'SECAS'"


def test_the_command_line_records_at_the_next_meeting_and_exports_filtered(
    demo_store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(demo_store.path)
    demo_store.close()
    code, _out, err = run(capsys, "--db", db, "action", "update", "TABASC46/04", "--at", "next", "--text", "Agreed.")
    assert code == 1 and "No TABASC meeting is planned" in err
    store = open_store(Path(db), backup=False)
    with store.write() as session:
        meetings.create_meeting(session, committees.get_committee(session, "TABASC"), date.today() + timedelta(days=10))
    store.close()
    code, out, _err = run(capsys, "--db", db, "action", "close", "TABASC46/03", "--at", "next")
    assert code == 0 and "TABASC46/03 at TABASC_47_" in out
    target = tmp_path / "log.csv"
    code, _out, err = run(capsys, "--db", db, "action-log", "--matching", "dcc", "--closed", "--format", "csv",
                          "-o", str(target))
    assert code == 0, err
    listed = [line.split(",")[0] for line in target.read_text(encoding="utf-8-sig").splitlines()[1:]]
    assert listed == ["TABASC44/02"]  # the only closed White action that names the DCC


def test_a_long_filtered_log_is_exported_whole_in_its_order(store: Store) -> None:
    from tests.factories import committee, held_meeting

    with store.write() as session:
        meeting = held_meeting(session, committee(session), 1, date(2026, 1, 12))
        session.add_all(  # more actions than one IN list holds, written as rows (raising each takes longer)
            Action(reference=f"TABASC01/{number:04d}", committee=meeting.committee, meeting=meeting, owner="SECAS",
                   text=f"Action number {number}", classification=Classification.WHITE, status=ActionStatus.OPEN)
            for number in range(1, 1001)
        )
    shown = LogFilter(text="action number", status=None, sort="reference", descending=True, today=TODAY)
    with store.read() as session:
        document = build_action_log(session, Classification.RED, shown=shown)
    table = next(b for b in document.blocks if isinstance(b, Table))
    exported = [row[0].lines[0][0].text for row in table.rows]
    assert len(exported) == 1000 and exported == sorted(exported, reverse=True)
