"""A new meeting copied from the previous one: its agenda and the people who attend regularly (issue 18 item 6)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from secdesk.errors import ValidationError
from secdesk.model import AttendanceStatus, Capacity
from secdesk.services import committees, meetings
from secdesk.store import Store, open_store
from tests.cli_run import run


def test_copy_takes_the_agenda_without_what_was_said(demo_store: Store) -> None:
    with demo_store.write() as session:
        tabasc = committees.get_committee(session, "TABASC")
        previous = meetings.resolve_meeting(session, "TABASC 46")
        made = meetings.create_meeting(session, tabasc, date(2026, 11, 16), copy_from=previous)
        made_id = made.id
    with demo_store.read() as session:
        previous = meetings.resolve_meeting(session, "TABASC 46")
        made = session.get(type(previous), made_id)
        assert made is not None and made.number == 47

        def agenda_of(meeting: object) -> list[tuple]:
            return [
                (i.number, i.title, i.public_title, i.section, i.kind, i.purpose, i.presenter, i.planned_minutes,
                 i.classification)
                for i in meeting.items  # type: ignore[attr-defined]
            ]

        assert agenda_of(made) == agenda_of(previous) and len(made.items) == 12
        survey = made.items[5]
        assert (survey.title, survey.public_title, survey.classification.value) == (
            "Supplier Readiness Survey Results", "Readiness Survey", "amber")
        # What was said and decided stays with TABASC 46.
        assert any(i.minutes for i in previous.items) and any(i.papers for i in previous.items)
        assert all(i.minutes == "" and not i.post_meeting_note and not i.public_summary for i in made.items)
        assert all(not i.papers and not i.decisions and not i.actions and not i.blocks for i in made.items)


def test_copy_lists_the_regular_attendees_present(demo_store: Store) -> None:
    with demo_store.write() as session:
        tabasc = committees.get_committee(session, "TABASC")
        made = meetings.create_meeting(
            session, tabasc, date(2026, 11, 16), copy_from=meetings.resolve_meeting(session, "TABASC 46")
        )
        made_id = made.id
    with demo_store.read() as session:
        previous = meetings.resolve_meeting(session, "TABASC 46")
        made = session.get(type(previous), made_id)
        assert made is not None
        names = [(a.person.name, a.capacity) for a in made.attendance]
        expected = [(a.person.name, a.capacity) for a in previous.attendance if a.capacity is not Capacity.ALTERNATE]
        assert names == expected and len(names) == 15
        assert ("Ben Holloway", Capacity.ALTERNATE) not in names  # stood in for Marcus Webb at 46 only
        assert ("Marcus Webb", Capacity.MEMBER) in names  # sent apologies to 46: expected again
        assert all(a.status is AttendanceStatus.PRESENT and not a.part and not a.items_attended
                   for a in made.attendance)
        by_name = {a.person.name: a for a in made.attendance}
        assert by_name["Julian Whitcombe"].is_chair and by_name["Claire Fenwick"].seat_category == (
            "Network Operator Members")
        assert by_name["Peter Lindqvist"].representing is not None
        assert by_name["Peter Lindqvist"].representing.name == "DESNZ (Secretary of State)"
        assert by_name["Iris Kowalczyk"].capacity is Capacity.MEETING_SECRETARY
        assert [a.position for a in made.attendance] == list(range(15))
        # TABASC 46 is as it was.
        assert [a.status for a in previous.attendance].count(AttendanceStatus.APOLOGIES) == 2
        assert any(a.part for a in previous.attendance)


def test_copy_follows_the_membership_on_the_new_day(demo_store: Store) -> None:
    with demo_store.write() as session:
        tabasc = committees.get_committee(session, "TABASC")
        leaving = next(m for m in tabasc.memberships if m.person.name == "Owen Tranter")
        committees.set_membership_end(session, leaving, date(2026, 11, 1))
        newcomer = committees.person_of(session, "Nadia Quist", None)
        committees.add_membership(session, tabasc, newcomer, tabasc.seat_categories[0], start=date(2026, 11, 2))
        made = meetings.create_meeting(
            session, tabasc, date(2026, 11, 16), copy_from=meetings.resolve_meeting(session, "TABASC 46")
        )
        made_id = made.id
    with demo_store.read() as session:
        made = session.get(type(meetings.resolve_meeting(session, "TABASC 46")), made_id)
        assert made is not None
        names = [a.person.name for a in made.attendance]
        assert "Owen Tranter" not in names
        # The newcomer is listed with the members, before the observer and the others.
        assert names.index("Nadia Quist") == names.index("Natalie Greaves") + 1
        assert names.index("Nadia Quist") < names.index("Daniel Okafor")


def test_copy_only_within_the_committee(demo_store: Store) -> None:
    with demo_store.write() as session:
        tabasc = committees.get_committee(session, "TABASC")
        other = next(m for c in committees.list_committees(session) if c.code != "TABASC"
                     for m in committees.get_committee(session, c.code).meetings)
        with pytest.raises(ValidationError, match="not a TABASC meeting"):
            meetings.create_meeting(session, tabasc, date(2026, 11, 16), copy_from=other)


def test_proposal_names_the_meeting_to_copy(demo_store: Store) -> None:
    with demo_store.read() as session:
        proposal = meetings.new_meeting_proposal(session, committees.get_committee(session, "TABASC"))
        assert proposal.previous_identifier == meetings.resolve_meeting(session, "TABASC 46").identifier


def test_command_line_copies_the_previous_meeting(demo_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--db", str(demo_file), "meeting", "new", "TABASC", "--date", "2026-11-16",
                         "--copy-previous")
    assert (code, err) == (0, "")
    assert "Agenda and attendance copied from TABASC_46_1910." in out
    assert "Agenda: 12 items; attendance: 15 listed." in out
    store = open_store(demo_file, backup=False)
    with store.read() as session:
        made = meetings.resolve_meeting(session, "TABASC 47")
        assert [i.title for i in made.items][5] == "Supplier Readiness Survey Results"
        assert all(a.status is AttendanceStatus.PRESENT for a in made.attendance)
    store.close()
    code, _, err = run(capsys, "--db", str(demo_file), "meeting", "new", "TABASC", "--date", "2026-12-14",
                       "--copy-previous", "--take-planned")
    assert code == 0, err


def test_a_first_meeting_has_nothing_to_copy(demo_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(demo_file)
    assert run(capsys, "--db", db, "committee", "add", "NEWC", "A New Committee")[0] == 0
    code, _, err = run(capsys, "--db", db, "meeting", "new", "NEWC", "--copy-previous")
    assert code == 1 and "NEWC has no meeting yet to copy" in err
    store = open_store(demo_file, backup=False)
    with store.read() as session:
        assert not committees.get_committee(session, "NEWC").meetings
        proposal = meetings.new_meeting_proposal(session, committees.get_committee(session, "NEWC"))
        assert proposal.previous_id is None and proposal.previous_identifier is None
    store.close()
