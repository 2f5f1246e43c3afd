"""`secdesk meeting new|show`, `item add|move|edit` and `decision add`, checked in the database after."""

from __future__ import annotations

import json
from datetime import date, time
from pathlib import Path

import pytest
from sqlalchemy import select

from secdesk.errors import ValidationError
from secdesk.model import Classification, DecisionVerb, MeetingStatus, PlannedItem, PlanStatus, Purpose, Section
from secdesk.services import agenda, audit, decisions, meetings
from secdesk.store import open_store
from tests.cli_run import run


def test_meeting_new_takes_the_proposal_and_the_planner(demo_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(demo_file)
    # The date given (the proposal's depends on today: see the next test); times and venue proposed.
    code, out, err = run(capsys, "--db", db, "meeting", "new", "TABASC", "--date", "2026-11-16", "--take-planned")
    assert (code, err) == (0, "") and "Meeting TABASC_47_1611 created: Monday 16 November 2026, 10:00-13:00" in out
    assert out.count("From the planner:") == 3
    store = open_store(demo_file, backup=False)
    with store.read() as session:
        made = meetings.resolve_meeting(session, "TABASC 47")
        previous = meetings.resolve_meeting(session, "TABASC 46")
        assert (made.date, made.start_time, made.end_time) == (date(2026, 11, 16), time(10), time(13))
        assert made.venue == previous.venue
        titles = [i.title for i in made.items]
        assert titles[0] == "Minutes and Actions Outstanding" and "Release Readiness Lessons Learned" in titles
        taken = session.scalars(select(PlannedItem).where(PlannedItem.agenda_item_id.in_([i.id for i in made.items])))
        assert sorted(p.status for p in taken) == [PlanStatus.TAKEN] * 3
        assert any(a.person.name == "Julian Whitcombe" and a.is_chair for a in made.attendance)
    store.close()

    code, out, _ = run(capsys, "--db", db, "meeting", "new", "SECP", "--date", "2027-01-14", "--number", "40",
                       "--start", "13:30", "--end", "16:00", "--venue", "Teleconference")
    assert code == 0 and "SECP_40_1401" in out and "13:30-16:00, Teleconference" in out
    code, out, _ = run(capsys, "--db", db, "meeting", "show", "SECP_40_1401", "--json")
    shown = json.loads(out)
    assert code == 0 and shown["number"] == 40 and shown["start_time"] == "13:30:00"
    assert shown["venue"] == "Teleconference" and shown["status"] == "planned"


def test_meeting_new_refuses_bad_input(demo_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(demo_file)
    code, _, err = run(capsys, "--db", db, "meeting", "new", "NOPE")
    assert code == 1 and "No committee 'NOPE'" in err
    code, _, err = run(capsys, "--db", db, "meeting", "new", "TABASC", "--date", "2026-11-31")
    assert code == 1 and "'2026-11-31' is not a date" in err
    code, _, err = run(capsys, "--db", db, "meeting", "new", "TABASC", "--number", "46")
    assert code == 1 and "TABASC already has a meeting 46" in err
    code, _, err = run(capsys, "--db", db, "meeting", "new", "TABASC", "--number", "10000")
    assert code == 1 and "Meeting numbers run from 1 to 9999" in err
    code, _, err = run(capsys, "--db", db, "meeting", "new", "TABASC", "--start", "25:00")
    assert code == 1 and "not a time of day" in err
    code, _, err = run(capsys, "--db", db, "meeting", "new", "TABASC", "--start", "14:00", "--end", "11:00")
    assert code == 1 and "cannot end (11:00) before it starts (14:00)" in err
    code, _, err = run(capsys, "--db", db, "meeting", "new", "TABASC", "--take", "999")
    assert code == 1 and "No planned item 999" in err
    store = open_store(demo_file, backup=False)
    with store.read() as session:
        assert [m.number for m in meetings.list_meetings(session, "TABASC")] == [44, 45, 46]  # nothing half-made
    store.close()


def test_meeting_new_without_a_date_takes_the_proposed_one(demo_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # TABASC 46 met on Monday 19 October 2026 (third Monday): the next third Monday after today.
    assert run(capsys, "--db", str(demo_file), "meeting", "new", "TABASC")[0] == 0
    store = open_store(demo_file, backup=False)
    with store.read() as session:
        made = meetings.resolve_meeting(session, "TABASC 47")
        assert made.date == meetings.propose_date(date(2026, 10, 19), date.today())
    store.close()


def test_items_are_added_moved_and_edited(demo_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(demo_file)
    assert run(capsys, "--db", db, "meeting", "new", "TABASC", "--date", "2026-11-16")[0] == 0
    code, out, _ = run(capsys, "--db", db, "item", "add", "TABASC 47", "Security architecture\x07 review",
                       "--planned", "30", "--purpose", "decision", "--presenter", "SECAS", "--at", "4")
    assert code == 0 and "Item 4 of TABASC_47_1611: Security architecture review" in out
    code, out, _ = run(capsys, "--db", db, "item", "add", "TABASC 47", "Modification Status Report",
                       "--section", "information")
    assert code == 0 and "Item 9 of" in out
    # Put among the main items, the item for information joins them.
    code, out, _ = run(capsys, "--db", db, "item", "move", "TABASC_47_1611", "9", "--to", "2")
    assert code == 0 and "is now item 2" in out
    minutes = demo_file.parent / "minutes.txt"
    minutes.write_text("The TABASC were provided with an overview\r\nof the review.\n", encoding="utf-8")
    code, out, _ = run(capsys, "--db", db, "item", "edit", "TABASC 47", "5", "--minutes-file", str(minutes),
                       "--planned", "none", "--classification", "green", "--note", "Slides circulated.",
                       "--public-title", "Architecture review")
    assert code == 0 and "planned minutes, classification, minutes, post-meeting note" in out
    store = open_store(demo_file, backup=False)
    with store.read() as session:
        meeting = meetings.resolve_meeting(session, "TABASC 47")
        moved = agenda.item_by_number(meeting, 2)
        assert (moved.title, moved.section) == ("Modification Status Report", Section.MAIN)
        edited = agenda.item_by_number(meeting, 5)
        assert edited.title == "Security architecture review" and edited.purpose is Purpose.DECISION
        assert edited.presenter == "SECAS" and edited.planned_minutes is None
        assert edited.classification is Classification.GREEN and edited.public_title == "Architecture review"
        assert edited.minutes == "The TABASC were provided with an overview\nof the review.\n"
        assert edited.post_meeting_note == "Slides circulated."
        assert [i.number for i in meeting.items] == list(range(1, 10))
    store.close()
    code, out, _ = run(capsys, "--db", db, "meeting", "show", "TABASC 47")
    assert code == 0 and "Security architecture review" in out and "Green" in out


def test_item_commands_refuse_bad_input(demo_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(demo_file)
    code, _, err = run(capsys, "--db", db, "item", "add", "TABASC 46", "  ")
    assert code == 1 and "An agenda item needs a title." in err
    code, _, err = run(capsys, "--db", db, "item", "add", "TABASC 46", "Long", "--planned", "2000")
    assert code == 1 and "Planned minutes 2000 is not a sensible duration." in err
    code, _, err = run(capsys, "--db", db, "item", "edit", "TABASC 46", "3", "--planned", "lots")
    assert code == 1 and "not a number" in err
    code, _, err = run(capsys, "--db", db, "item", "edit", "TABASC 46", "42", "--title", "x")
    assert code == 1 and "TABASC_46_1910 has no item 42; its items are numbered 1 to 12." in err
    code, _, err = run(capsys, "--db", db, "item", "edit", "TABASC 46", "3", "--title", " ")
    assert code == 1 and "needs a title" in err
    code, _, err = run(capsys, "--db", db, "item", "edit", "TABASC 46", "3", "--classification", "purple")
    assert code == 1 and "Unknown classification 'purple'" in err
    code, _, err = run(capsys, "--db", db, "item", "move", "TABASC 99", "3", "--to", "1")
    assert code == 1 and "TABASC has no meeting 99" in err
    code, _, err = run(capsys, "--db", db, "item", "add", "NOPE 1", "x")
    assert code == 1 and "No committee 'NOPE'" in err
    code, _, err = run(capsys, "--db", db, "item", "add", "TABASC_44_1708", "Late item")
    assert code == 1 and "final and locked" in err
    code, _, err = run(capsys, "--db", db, "decision", "add", "TABASC 44", "3", "NOTED", "a late decision")
    assert code == 1 and "final and locked" in err
    store = open_store(demo_file, backup=False)
    with store.read() as session:
        meeting = meetings.resolve_meeting(session, "TABASC 46")
        assert len(meeting.items) == 12 and agenda.item_by_number(meeting, 3).title == "DCC Update"
        final = meetings.resolve_meeting(session, "TABASC 44")
        assert "Late item" not in [i.title for i in final.items]
        assert "a late decision" not in [d.text for d in agenda.item_by_number(final, 3).decisions]
    store.close()


def test_decisions_and_the_verb_check_the_window_now_shares(
    demo_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(demo_file)
    code, out, _ = run(capsys, "--db", db, "decision", "add", "TABASC 46", "3", "noted", "the DCC's update")
    assert code == 0 and "The TABASC NOTED the DCC's update" in out
    code, _, err = run(capsys, "--db", db, "decision", "add", "TABASC 46", "3", "PONDERED", "the update")
    assert code == 1 and "Unknown decision verb 'PONDERED'" in err
    code, _, err = run(capsys, "--db", db, "decision", "add", "TABASC 46", "3", "AGREED", "  ")
    assert code == 1 and "A decision needs its words" in err
    store = open_store(demo_file, backup=False)
    with store.write() as session:
        item = agenda.item_by_number(meetings.resolve_meeting(session, "TABASC 46"), 3)
        assert [(d.verb, d.text) for d in item.decisions][-1] == (DecisionVerb.NOTED, "the DCC's update")
        # The live screen's add_decision took DecisionVerb(verb) itself: a bad verb was a crash (ValueError).
        # It makes decisions through the same function now, and edits the verb through its property.
        with pytest.raises(ValidationError, match="Unknown decision verb"):
            decisions.add(session, item, "PONDERED", "the update")
        decision = decisions.add(session, item, "agreed", "the plan")
        with pytest.raises(ValidationError, match="Unknown decision verb"):
            decisions.VERB.set(session, decision.id, "MULLED")
    store.close()


def test_meeting_edit_changes_number_date_times_and_venue(demo_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(demo_file)
    assert run(capsys, "--db", db, "meeting", "new", "TABASC")[0] == 0
    code, out, _ = run(capsys, "--db", db, "meeting", "edit", "TABASC 47", "--number", "48", "--date", "2026-11-23",
                       "--start", "09:30", "--venue", "Teleconference")
    assert code == 0 and "Meeting TABASC_48_2311 changed: number, date, times, venue." in out
    code, _, err = run(capsys, "--db", db, "meeting", "edit", "TABASC 48", "--number", "46")
    assert code == 1 and "TABASC already has a meeting 46" in err
    code, _, err = run(capsys, "--db", db, "meeting", "edit", "TABASC 48", "--end", "09:00")
    assert code == 1 and "cannot end (09:00) before it starts (09:30)" in err
    code, _, err = run(capsys, "--db", db, "meeting", "edit", "TABASC 48", "--date", "2026-02-29")
    assert code == 1 and "'2026-02-29' is not a date" in err
    store = open_store(demo_file, backup=False)
    with store.read() as session:
        edited = meetings.resolve_meeting(session, "TABASC_48_2311")
        assert (edited.start_time, edited.end_time, edited.venue) == (time(9, 30), time(13), "Teleconference")
    store.close()


def test_a_meeting_made_here_is_ended_then_agreed_final(demo_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(demo_file)
    assert run(capsys, "--db", db, "meeting", "new", "SECP", "--date", "2026-11-13")[0] == 0
    code, _, err = run(capsys, "--db", db, "finalise", "SECP 152", "--ex-committee", "2026-11-20")
    assert code == 1 and "has not been held" in err
    code, out, _ = run(capsys, "--db", db, "meeting", "end", "SECP 152", "--at", "12:40")
    assert code == 0 and "SECP_152_1311: Held, minutes in draft" in out
    code, out, _ = run(capsys, "--db", db, "finalise", "SECP 152", "--ex-committee", "2026-11-20")
    assert code == 0 and "final and locked" in out
    code, _, err = run(capsys, "--db", db, "meeting", "end", "SECP 152")
    assert code == 1 and "the meeting cannot end again" in err


def test_a_held_meetings_draft_is_marked_circulated(demo_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`meeting circulated`: held -> draft circulated, audited; refused before the meeting, twice, or once final."""
    db = str(demo_file)
    assert run(capsys, "--db", db, "meeting", "new", "SECP", "--date", "2026-11-13")[0] == 0
    code, _, err = run(capsys, "--db", db, "meeting", "circulated", "SECP 152")
    assert code == 1 and "has not been held" in err
    code, out, err = run(capsys, "--db", db, "meeting", "circulated", "TABASC 46")
    assert (code, err) == (0, "") and "TABASC_46_1910: Draft circulated." in out
    code, _, err = run(capsys, "--db", db, "meeting", "circulated", "TABASC 46")
    assert code == 1 and "already marked as circulated" in err
    code, _, err = run(capsys, "--db", db, "meeting", "circulated", "TABASC 45")
    assert code == 1 and "are final; reopen them first" in err
    store = open_store(demo_file, backup=False)
    with store.read() as session:
        meeting = meetings.resolve_meeting(session, "TABASC 46")
        assert (meeting.status, meeting.locked) == (MeetingStatus.DRAFT_CIRCULATED, False)
        changed = [e.details for e in audit.for_meeting(session, meeting) if e.table == "meeting"]
        assert "draft_circulated" in json.dumps(changed[-1])
        assert meetings.resolve_meeting(session, "SECP 152").status is MeetingStatus.PLANNED
    store.close()
    # The circulated draft is then agreed as final as any other (`finalise`).
    code, out, _ = run(capsys, "--db", db, "finalise", "TABASC 46", "--ex-committee")
    assert code == 0 and "final and locked" in out


def test_amber_minutes_typed_here_are_sealed_at_rest(demo_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(demo_file)
    # Item 6 of TABASC 46 (Supplier Readiness Survey Results) is Amber.
    code, _, _ = run(capsys, "--db", db, "item", "edit", "TABASC 46", "6", "--minutes", "Survey detail ZEBRA-7.")
    assert code == 0
    code, out, _ = run(capsys, "--db", db, "meeting", "show", "TABASC 46", "--json")
    shown = [i["minutes"] for i in json.loads(out)["items"] if i["number"] == 6]
    assert code == 0 and shown == ["Survey detail ZEBRA-7."]
    # The file, any -wal beside it and the backups written after the change.
    written = [*demo_file.parent.glob(demo_file.name + "*"), *demo_file.parent.glob(demo_file.name + "-backups/*")]
    assert len([f for f in written if f.is_file()]) >= 2
    for each in written:
        assert not each.is_file() or b"ZEBRA-7" not in each.read_bytes(), each
