"""`secdesk attendance`, `action add|update|close` and `find`, checked in the database after."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from secdesk.model import ActionStatus, AttendanceStatus, Capacity
from secdesk.services import actions, agenda, attendance, meetings
from secdesk.store import open_store
from tests.cli_run import run


def test_attendance_statuses_capacities_and_part(demo_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(demo_file)
    assert run(capsys, "--db", db, "meeting", "new", "TABASC", "--date", "2026-11-16")[0] == 0
    code, out, _ = run(capsys, "--db", db, "attendance", "TABASC 47", "Marcus Webb", "apologies")
    assert code == 0 and "apologies as member. Members present 7, quorum 5." in out
    code, out, _ = run(capsys, "--db", db, "attendance", "TABASC 47", "ben holloway", "present")
    assert code == 0 and "Ben Holloway at TABASC_47_1611: present as alternate. Members present 8" in out
    code, _, err = run(capsys, "--db", db, "attendance", "TABASC 47", "Gwen Ashby", "present")
    assert code == 1 and "say in what capacity they attend" in err
    code, _, err = run(capsys, "--db", db, "attendance", "TABASC 47", "Gwen Ashby", "present", "--as", "participant")
    assert code == 1 and "Say whom Gwen Ashby represents." in err
    code, out, _ = run(capsys, "--db", db, "attendance", "TABASC 47", "Gwen Ashby", "present", "--as", "participant",
                       "--organisation", "Ofgem", "--representing", "Ofgem (the Authority)",
                       "--arrived-at", "3", "--left-after", "5")
    assert code == 0 and "present as participant (part: items 3, 4, 5). Members present 8" in out
    code, _, err = run(capsys, "--db", db, "attendance", "TABASC 47", "Rajesh Kapoor", "present", "--arrived-at", "42")
    assert code == 1 and "has no item 42" in err
    # Leaving before arriving is refused, as on the meeting page, and nothing is recorded.
    code, _, err = run(capsys, "--db", db, "attendance", "TABASC 47", "Rajesh Kapoor", "present",
                       "--arrived-at", "5", "--left-after", "2")
    assert code == 1 and "cannot leave after item 2 having arrived at item 5" in err
    code, _, err = run(capsys, "--db", db, "attendance", "TABASC 47", "Tom Ellery", "present", "--as", "alternate",
                       "--for", "Nobody Known")
    assert code == 1 and "Nobody called 'Nobody Known'" in err

    store = open_store(demo_file, backup=False)
    with store.read() as session:
        meeting = meetings.resolve_meeting(session, "TABASC 47")
        rows = {a.person.name: a for a in meeting.attendance}
        assert rows["Marcus Webb"].status is AttendanceStatus.APOLOGIES
        assert not rows["Rajesh Kapoor"].part  # the refused part attendance left nothing behind
        assert rows["Ben Holloway"].status is AttendanceStatus.PRESENT
        assert rows["Ben Holloway"].capacity is Capacity.ALTERNATE
        gwen = rows["Gwen Ashby"]
        assert gwen.capacity is Capacity.PARTICIPANT and gwen.part
        assert gwen.representing is not None and gwen.representing.name == "Ofgem (the Authority)"
        assert gwen.person.organisation is not None and gwen.person.organisation.name == "Ofgem"
        assert [i.number for i in gwen.items_attended] == [3, 4, 5]
        assert attendance.quorum(meeting).present == 8
        assert "Tom Ellery" not in rows and not rows["Rajesh Kapoor"].part
    store.close()


def test_actions_are_raised_updated_and_closed(demo_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(demo_file)
    assert run(capsys, "--db", db, "meeting", "new", "TABASC", "--date", "2026-11-16")[0] == 0
    code, out, _ = run(capsys, "--db", db, "action", "add", "TABASC 47", "3",
                       "SECAS to circulate the revised principles", "--owner", "SECAS", "--due", "2026-12-14")
    assert code == 0
    assert "ACTION TABASC47/01: SECAS: SECAS to circulate the revised principles by 14 December 2026" in out
    code, out, _ = run(capsys, "--db", db, "action", "update", "TABASC46/01", "tabasc45/03", "--at", "TABASC 47",
                       "--text", "SECAS is drafting the paper.")
    assert code == 0 and "TABASC46/01 & TABASC45/03 at TABASC_47_1611: Action ONGOING." in out
    code, out, _ = run(capsys, "--db", db, "action", "close", "TABASC44/02", "--at", "TABASC 47", "--text", "Done.")
    assert code == 0 and "Action CLOSED." in out

    store = open_store(demo_file, backup=False)
    with store.read() as session:
        meeting = meetings.resolve_meeting(session, "TABASC 47")
        raised = actions.get_action(session, "TABASC47/01")
        assert raised.item is agenda.item_by_number(meeting, 3) and raised.due_date == date(2026, 12, 14)
        assert raised.status is ActionStatus.OPEN and raised.owner == "SECAS"
        first, second = (actions.get_action(session, r) for r in ("TABASC46/01", "TABASC45/03"))
        one, other = actions.update_for(first, meeting), actions.update_for(second, meeting)
        assert one is not None and other is not None and one.text == "SECAS is drafting the paper."
        assert one.shared_group is not None and one.shared_group == other.shared_group  # one update, shared
        assert first.status is ActionStatus.ONGOING
        closed = actions.get_action(session, "TABASC44/02")
        assert closed.status is ActionStatus.CLOSED and closed.closed_at_meeting is meeting
    store.close()


def test_action_commands_refuse_bad_input(demo_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(demo_file)
    code, _, err = run(capsys, "--db", db, "action", "add", "TABASC 46", "3", "Do it", "--due", "2026-13-01")
    assert code == 1 and "2026-13-01 is not a date" in err
    code, _, err = run(capsys, "--db", db, "action", "add", "TABASC 46", "3", "  ")
    assert code == 1 and "An action needs its text." in err
    code, _, err = run(capsys, "--db", db, "action", "add", "TABASC 46", "3", "Do it", "--reference", "TABASC46/01")
    assert code == 1 and "already used" in err
    code, _, err = run(capsys, "--db", db, "action", "update", "TABASC99/01", "--at", "TABASC 46", "--text", "x")
    assert code == 1 and "No action 'TABASC99/01'" in err
    # Raised at 46: it cannot be reviewed at 46 or earlier.
    code, _, err = run(capsys, "--db", db, "action", "close", "TABASC46/01", "--at", "TABASC 45")
    assert code == 1 and "cannot be reviewed here" in err
    code, _, err = run(capsys, "--db", db, "action", "add", "NOPE 3", "1", "x")
    assert code == 1 and "No committee 'NOPE'" in err
    store = open_store(demo_file, backup=False)
    with store.read() as session:
        assert actions.get_action(session, "TABASC46/01").status is ActionStatus.OPEN
        meeting = meetings.resolve_meeting(session, "TABASC 46")
        assert [a.reference for a in agenda.item_by_number(meeting, 3).actions if a.text == "Do it"] == []
    store.close()


def test_find_lists_hits_as_text_or_json(demo_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(demo_file)
    code, out, _ = run(capsys, "--db", db, "find", "concurrent", "versions", "--json")
    hits = json.loads(out)
    assert code == 0 and hits and all(h["committee"] in ("TABASC", "SECP") for h in hits)
    assert "TABASC44/02" in [h["reference"] for h in hits if h["group"] == "Actions"]
    assert {"group", "reference", "title", "snippet", "meeting_identifier", "classification"} <= set(hits[0])
    code, out, _ = run(capsys, "--db", db, "find", "TABASC44/02")
    assert code == 0 and "TABASC44/02" in out and "TABASC_44_1708" in out
    code, out, _ = run(capsys, "--db", db, "find", "nothing-matches-this", "--json")
    assert code == 0 and json.loads(out) == []
    code, _, err = run(capsys, "--db", db, "find", "x", "--classification", "purple")
    assert code == 1 and "Unknown classification 'purple'" in err
