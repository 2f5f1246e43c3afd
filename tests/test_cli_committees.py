"""`secdesk committee add|edit|show`, `person add`, `people`, `seat` and `member`, checked in the database after."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from secdesk.errors import ValidationError
from secdesk.model import Committee, MemberRole, Person
from secdesk.services import committees
from secdesk.services.meetings import resolve_meeting
from secdesk.store import open_store
from tests.cli_run import run


def test_a_committee_is_created_edited_and_shown(demo_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(demo_file)
    code, out, err = run(capsys, "--db", db, "committee", "add", "ssc", "Security Sub-Committee", "--parent", "SECP",
                         "--quorum", "4", "--venue", "  8 Fenchurch Place, London ")
    assert (code, err) == (0, "") and "Committee SSC added" in out
    code, out, _ = run(capsys, "--db", db, "committee", "edit", "SSC", "--name", "The Security Sub-Committee",
                       "--voice", "The SSC", "--quorum", "5", "--secretariat", "SECAS Security", "--no-parent")
    assert code == 0 and "name, voice, parent, quorum, secretariat" in out
    code, out, _ = run(capsys, "--db", db, "committee", "edit", "SSC", "--code", "SEC SC", "--no-venue")
    assert code == 0 and "code SSC -> SEC SC" in out
    store = open_store(demo_file, backup=False)
    with store.read() as session:
        made = session.scalar(select(Committee).where(Committee.code == "SEC SC"))
        assert made is not None
        assert (made.name, made.voice, made.quorum, made.secretariat) == (
            "The Security Sub-Committee", "The SSC", 5, "SECAS Security",
        )
        assert made.parent is None and made.default_venue is None
    store.close()

    code, out, _ = run(capsys, "--db", db, "committee", "show", "SEC SC", "--json")
    shown = json.loads(out)
    assert code == 0 and shown["code"] == "SEC SC" and shown["quorum"] == 5 and shown["parent_code"] is None
    assert "people" not in shown and shown["seats"] == [] and shown["members"] == []
    code, out, _ = run(capsys, "--db", db, "committee", "show", "TABASC")
    assert code == 0 and "Reports to: SECP" in out and "Julian Whitcombe" in out


def test_seats_people_and_members(demo_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(demo_file)
    assert run(capsys, "--db", db, "committee", "add", "SSC", "Security Sub-Committee")[0] == 0
    code, out, _ = run(capsys, "--db", db, "seat", "SSC", " Large Suppliers ", "--seats", "2")
    assert code == 0 and "'Large Suppliers' (2 seats)" in out
    code, out, _ = run(capsys, "--db", db, "person", "add", "Priya Natarajan", "--organisation", "Northwind Energy",
                       "--email", "priya@example.org")
    assert code == 0 and "Added Priya Natarajan (Northwind Energy)." in out
    code, out, _ = run(capsys, "--db", db, "member", "SSC", "Priya Natarajan", "--organisation", "Northwind Energy",
                       "--seat", "large suppliers", "--role", "chair", "--from", "2026-01-01", "--to", "2027-12-31")
    assert code == 0 and "chair, seat 'Large Suppliers', 2026-01-01 to 2027-12-31" in out
    # The demo knows another Priya Natarajan (Meridian Metering): which one is said as lists show it.
    code, _, err = run(capsys, "--db", db, "member", "SSC", "Tom Ellery", "--role", "alternate",
                       "--alternate-for", "Priya Natarajan")
    assert code == 1 and "More than one Priya Natarajan is known" in err
    code, out, _ = run(capsys, "--db", db, "member", "SSC", "Tom Ellery", "--role", "alternate",
                       "--alternate-for", "Priya Natarajan (Northwind Energy)", "--seat", "Large Suppliers")
    assert code == 0 and "alternate, for Priya Natarajan" in out

    store = open_store(demo_file, backup=False)
    with store.read() as session:
        ssc = committees.get_committee(session, "SSC")
        assert [(s.name, s.seats) for s in ssc.seat_categories] == [("Large Suppliers", 2)]
        chair, alternate = sorted(ssc.memberships, key=lambda m: m.id)
        assert chair.person.organisation is not None and chair.person.organisation.name == "Northwind Energy"
        assert chair.person.email == "priya@example.org"
        assert (chair.role, chair.start_date) == (MemberRole.CHAIR, date(2026, 1, 1))
        assert chair.end_date == date(2027, 12, 31)
        assert chair.seat_category is ssc.seat_categories[0]
        assert alternate.role is MemberRole.ALTERNATE and alternate.alternate_for is chair.person
        # The person added first is the one the membership names, not a second Priya of Northwind.
        assert len(session.scalars(select(Person).where(Person.name == "Priya Natarajan")).all()) == 2
    store.close()

    code, out, _ = run(capsys, "--db", db, "people", "--json")
    people = {(p["name"], p["organisation"]): p for p in json.loads(out)}
    assert code == 0 and people["Priya Natarajan", "Northwind Energy"]["committees"] == ["SSC"]
    assert people["Priya Natarajan", "Meridian Metering"]["committees"] == ["SECP"]
    assert "TABASC" in people["Julian Whitcombe", "Independent"]["committees"]


def test_bad_input_is_a_message_and_changes_nothing(demo_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(demo_file)
    code, _, err = run(capsys, "--db", db, "committee", "add", "tabasc", "Again")
    assert code == 1 and "A committee with code TABASC already exists." in err
    code, _, err = run(capsys, "--db", db, "committee", "edit", "NOPE", "--name", "x")
    assert code == 1 and "No committee 'NOPE'" in err
    code, _, err = run(capsys, "--db", db, "committee", "add", "SSC", "x", "--parent", "NOPE")
    assert code == 1 and "No committee 'NOPE'" in err
    # TABASC's actions carry its code (TABASC46/01): the references are permanent.
    code, _, err = run(capsys, "--db", db, "committee", "edit", "TABASC", "--code", "TAB")
    assert code == 1 and "the code cannot change" in err
    code, _, err = run(capsys, "--db", db, "committee", "edit", "SECP", "--parent", "TABASC")
    assert code == 1 and "own sub-committees" in err
    code, _, err = run(capsys, "--db", db, "committee", "edit", "SECP", "--quorum", "-2")
    assert code == 1 and "cannot be negative" in err
    code, _, err = run(capsys, "--db", db, "committee", "edit", "SECP", "--quorum", "99999999999999999999999")
    assert code == 1 and "too large" in err
    code, _, err = run(capsys, "--db", db, "committee", "edit", "SECP", "--name", "   ")
    assert code == 1 and "name cannot be empty" in err
    code, _, err = run(capsys, "--db", db, "committee", "edit", "SECP")
    assert code == 1 and "Say what to change" in err
    code, _, err = run(capsys, "--db", db, "seat", "TABASC", "DCC Member")
    assert code == 1 and "already has a seat category 'DCC Member'" in err
    code, _, err = run(capsys, "--db", db, "seat", "TABASC", "Spare", "--seats", "-1")
    assert code == 1 and "negative number of seats" in err
    code, _, err = run(capsys, "--db", db, "member", "TABASC", "Julian Whitcombe", "--from", "2026-02-30")
    assert code == 1 and "'2026-02-30' is not a date" in err
    code, _, err = run(capsys, "--db", db, "member", "TABASC", "Julian Whitcombe", "--from", "2026-05-01",
                       "--to", "2026-04-01")
    assert code == 1 and "cannot end (2026-04-01) before it starts" in err
    code, _, err = run(capsys, "--db", db, "member", "TABASC", "Julian Whitcombe", "--seat", "Astronauts")
    assert code == 1 and "has no seat category 'Astronauts'" in err
    code, _, err = run(capsys, "--db", db, "member", "TABASC", "Newcomer", "--role", "alternate")
    assert code == 1 and "Say whom Newcomer is the alternate for" in err
    code, _, err = run(capsys, "--db", db, "member", "TABASC", "Newcomer", "--role", "alternate",
                       "--alternate-for", "Nobody Known")
    assert code == 1 and "Nobody called 'Nobody Known'" in err
    code, _, err = run(capsys, "--db", db, "person", "add", " ")
    assert code == 1 and "Type the person's name." in err

    store = open_store(demo_file, backup=False)
    with store.read() as session:
        assert [c.code for c in committees.list_committees(session)] == ["SECP", "TABASC"]
        tabasc = committees.get_committee(session, "TABASC")
        assert tabasc.quorum == 5 and session.scalar(select(Person).where(Person.name == "Newcomer")) is None
        assert committees.get_committee(session, "SECP").quorum != -2
    store.close()


def test_control_characters_are_refused_in_codes_and_cleaned_from_text(
    demo_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(demo_file)
    code, _, err = run(capsys, "--db", db, "committee", "add", "SS\x1bC", "Security")
    assert code == 1 and "must be 1-20 letters or digits" in err
    assert "\x1b" not in err  # the terminal never receives the escape typed
    code, _, err = run(capsys, "--db", db, "committee", "edit", "TA\x1b[2JBASC", "--name", "x")
    assert code == 1 and "\x1b" not in err and "No committee" in err
    code, _, _ = run(capsys, "--db", db, "committee", "add", "SSC", "Security\x07 Sub-\x00Committee")
    assert code == 0
    code, _, _ = run(capsys, "--db", db, "person", "add", "Ann\x1b Lee", "--organisation", "Ofgem\x08")
    assert code == 0
    store = open_store(demo_file, backup=False)
    with store.read() as session:
        assert committees.get_committee(session, "SSC").name == "Security Sub-Committee"
        person = session.scalar(select(Person).where(Person.name == "Ann Lee"))
        assert person is not None and person.organisation is not None and person.organisation.name == "Ofgem"
    store.close()


def test_the_window_and_the_command_line_share_one_rule(demo_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The committee page's property refuses what the command refuses, in the same words."""
    _code, _, err = run(capsys, "--db", str(demo_file), "committee", "edit", "TABASC", "--code", "TAB")
    store = open_store(demo_file, backup=False)
    with store.write() as session:
        tabasc = committees.get_committee(session, "TABASC")
        with pytest.raises(ValidationError) as window:
            committees.CODE.set(session, tabasc.id, "TAB")
        assert err.strip() == f"secdesk: {window.value}"
        with pytest.raises(ValidationError, match="must be 1-20 letters"):
            committees.CODE.set(session, tabasc.id, "TAB!")
        # Spaces typed in the window are kept as typed (it saves while the user types).
        committees.NAME.set(session, tabasc.id, "Technical Architecture ")
        assert tabasc.name == "Technical Architecture "
    store.close()


def test_the_installed_entry_runs_the_new_commands(demo_file: Path) -> None:
    """As a user runs it: a process of its own, the message on stderr, JSON alone on stdout."""

    def secdesk(*argv: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "secdesk", "--db", str(demo_file), *argv],
            capture_output=True, text=True, timeout=120, check=False,
        )

    made = secdesk("committee", "add", "SSC", "Security Sub-Committee")
    assert made.returncode == 0 and "Committee SSC added" in made.stdout
    again = secdesk("committee", "add", "SSC", "Again")
    assert again.returncode == 1 and again.stdout == "" and "Traceback" not in again.stderr
    assert again.stderr.strip() == "secdesk: A committee with code SSC already exists."
    shown = secdesk("committee", "show", "SSC", "--json")
    assert shown.returncode == 0 and json.loads(shown.stdout)["name"] == "Security Sub-Committee"


def test_standing_items_start_every_new_meeting(demo_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(demo_file)
    assert run(capsys, "--db", db, "committee", "add", "SSC", "Security Sub-Committee")[0] == 0
    code, out, _ = run(capsys, "--db", db, "standing", "add", "SSC", " Minutes and Actions Outstanding ",
                       "--planned", "10", "--presenter", "SSC Chair")
    assert code == 0 and "standing item 1: Minutes and Actions Outstanding" in out
    assert run(capsys, "--db", db, "standing", "add", "SSC", "Any Other Business", "--section", "aob")[0] == 0
    code, _, err = run(capsys, "--db", db, "standing", "add", "SSC", "Marathon", "--planned", "2000")
    assert code == 1 and "Planned minutes 2000 is not a sensible duration." in err  # it would stop every new meeting
    code, _, err = run(capsys, "--db", db, "standing", "add", "SSC", "  ")
    assert code == 1 and "A standing item needs a title." in err
    code, out, _ = run(capsys, "--db", db, "committee", "show", "SSC")
    assert code == 0 and "Any Other Business" in out and "SSC Chair" in out
    code, out, _ = run(capsys, "--db", db, "meeting", "new", "SSC", "--date", "2027-01-14")
    assert code == 0 and "Agenda: 2 items" in out
    store = open_store(demo_file, backup=False)
    with store.read() as session:
        ssc = committees.get_committee(session, "SSC")
        assert [(s.title, s.planned_minutes) for s in ssc.standing_items] == [
            ("Minutes and Actions Outstanding", 10), ("Any Other Business", None),
        ]
    store.close()


def test_how_the_minutes_word_a_committee_is_set_shown_and_cleared(
    demo_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(demo_file)
    code, out, err = run(capsys, "--db", db, "committee", "add", "SSC", "Security Sub-Committee",
                         "--minutes-name", "Security Sub-Committee", "--chair-category", "SSC Chair")
    assert (code, err) == (0, "")
    code, out, _ = run(capsys, "--db", db, "committee", "edit", "SSC", "--confidential-notice",
                       "  More is in the   confidential minutes. ", "--chair-category", "")
    assert code == 0 and "changed: chair's category, confidential item line." in out
    code, out, _ = run(capsys, "--db", db, "committee", "show", "SSC")
    assert "In the minutes: Security Sub-Committee   Chair listed under: (Chair) after the name" in out
    assert "Confidential item line: More is in the confidential minutes." in out
    code, out, _ = run(capsys, "--db", db, "item", "add", "TABASC 46", "Vulnerability report", "--classification",
                       "amber", "--public-summary", "The committee heard a confidential report.")
    assert code == 0
    store = open_store(demo_file, backup=False)
    with store.read() as session:
        item = next(i for i in resolve_meeting(session, "TABASC 46").items if i.title == "Vulnerability report")
        assert item.public_summary == "The committee heard a confidential report."
    store.close()
