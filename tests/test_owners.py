"""Owner suggestions for a new action."""

from __future__ import annotations

from datetime import date

from secdesk.model import AttendanceStatus, Classification, Meeting
from secdesk.services import committees, meetings
from secdesk.services.actions import raise_action
from secdesk.services.owners import completion, owner_suggestions, rank
from secdesk.store import Store


def test_suggestions_come_from_past_owners_groups_and_the_room(demo_store: Store) -> None:
    with demo_store.write() as session:
        tabasc = committees.get_committee(session, "TABASC")
        meeting = meetings.create_meeting(session, tabasc, date(2026, 11, 16))
        sophie = next(a for a in meeting.attendance if a.person.name == "Sophie Brennan")
        sophie.status = AttendanceStatus.APOLOGIES
        session.flush()
        suggestions = owner_suggestions(session, meeting)
        past = [s for s in suggestions[:2]]
    assert past == ["SECAS", "The DCC"]  # the most used owners first
    assert {"The TABASC Members", "The TABASC Chair"} <= set(suggestions)
    assert "Julian Whitcombe" in suggestions and "Sophie Brennan" not in suggestions  # only who is there
    assert len(suggestions) == len({s.lower() for s in suggestions})


def test_encrypted_owners_are_not_offered(store: Store) -> None:
    with store.write() as session:
        committee = committees.create_committee(session, "SSC", "Security Sub-Committee")
        meeting = meetings.create_meeting(session, committee, date(2026, 5, 4))
        raise_action(session, meeting, "Agency X to patch.", owner="Agency X", classification=Classification.AMBER)
        raise_action(session, meeting, "SECAS to write.", owner="SECAS")
    with store.read() as session:
        suggestions = owner_suggestions(session, session.get_one(Meeting, meeting.id))
    assert "SECAS" in suggestions
    assert not any(s.startswith("sdenc1:") for s in suggestions)


def test_rank_prefers_prefixes_then_word_starts_then_close_spellings() -> None:
    choices = ["SECAS", "The DCC", "The TABASC Members", "Ofgem (the Authority)", "Sophie Brennan"]
    assert rank("", choices, limit=2) == ["SECAS", "The DCC"]
    assert rank("s", choices)[:2] == ["SECAS", "Sophie Brennan"]
    assert rank("dcc", choices)[0] == "The DCC"
    assert rank("ofgme", choices)[0] == "Ofgem (the Authority)"  # a typo still finds it
    assert completion("dcc", choices) == "The DCC"
    assert completion("Agency X", choices) is None  # a new owner is kept as typed
