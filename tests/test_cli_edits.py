"""`secdesk decision edit` and `action edit`: corrections through the properties the window edits, checked after."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from secdesk.errors import ValidationError
from secdesk.model import Classification, DecisionVerb
from secdesk.services import actions, agenda, meetings
from secdesk.store import open_store
from tests.cli_run import run


def test_a_decision_is_corrected_by_its_place_on_the_item(demo_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(demo_file)
    assert run(capsys, "--db", db, "decision", "add", "TABASC 46", "3", "NOTED", "the first update")[0] == 0
    assert run(capsys, "--db", db, "decision", "add", "TABASC 46", "3", "NOTED", "the plan")[0] == 0
    store = open_store(demo_file, backup=False)
    with store.read() as session:
        place = len(agenda.item_by_number(meetings.resolve_meeting(session, "TABASC 46"), 3).decisions)
    store.close()
    code, out, _ = run(capsys, "--db", db, "decision", "edit", "TABASC 46", "3", str(place),
                       "--verb", "agreed", "--text", "the revised plan", "--classification", "amber")
    assert code == 0 and "AGREED the revised plan" in out
    code, _, err = run(capsys, "--db", db, "decision", "edit", "TABASC 46", "3", str(place), "--verb", "MULLED")
    assert code == 1 and "Unknown decision verb 'MULLED'" in err
    code, _, err = run(capsys, "--db", db, "decision", "edit", "TABASC 46", "3", str(place), "--text", "  ")
    assert code == 1 and "A decision needs its words" in err
    code, _, err = run(capsys, "--db", db, "decision", "edit", "TABASC 46", "3", str(place + 1), "--text", "x")
    assert code == 1 and f"has no decision {place + 1}" in err
    code, _, err = run(capsys, "--db", db, "decision", "edit", "TABASC 46", "3", str(place))
    assert code == 1 and "Say what to change" in err
    store = open_store(demo_file, backup=False)
    with store.read() as session:
        item = agenda.item_by_number(meetings.resolve_meeting(session, "TABASC 46"), 3)
        corrected, before = item.decisions[place - 1], item.decisions[place - 2]
        assert (corrected.verb, corrected.text, corrected.classification) == (
            DecisionVerb.AGREED, "the revised plan", Classification.AMBER
        )
        assert (before.verb, before.text) == (DecisionVerb.NOTED, "the first update")  # the refusals changed nothing
    store.close()


def test_an_action_takes_its_due_date_from_its_words_and_is_corrected(
    demo_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(demo_file)
    assert run(capsys, "--db", db, "meeting", "new", "TABASC")[0] == 0
    code, out, _ = run(capsys, "--db", db, "action", "add", "TABASC 47", "3",
                       "SECAS to report on the trial by 31 March 2027", "--owner", "SECAS")
    assert code == 0 and "ACTION TABASC47/01" in out and "by 31 March 2027" in out  # as the live screen guesses
    code, out, _ = run(capsys, "--db", db, "action", "edit", "tabasc47/01", "--owner", " The DCC ",
                       "--text", "The DCC to report on the trial", "--due", "2027-04-30", "--classification", "amber")
    assert code == 0 and "ACTION TABASC47/01: The DCC: The DCC to report on the trial by 30 April 2027" in out
    code, _, err = run(capsys, "--db", db, "action", "edit", "TABASC47/01", "--text", "   ")
    assert code == 1 and "TABASC47/01 needs its text" in err
    code, _, err = run(capsys, "--db", db, "action", "edit", "TABASC47/01")
    assert code == 1 and "Say what to change" in err
    store = open_store(demo_file, backup=False)
    with store.write() as session:
        action = actions.get_action(session, "TABASC47/01")
        assert (action.owner, action.text, action.due_date, action.classification) == (
            "The DCC", "The DCC to report on the trial", date(2027, 4, 30), Classification.AMBER
        )
        # The window refuses the emptied text in the same words.
        with pytest.raises(ValidationError, match="TABASC47/01 needs its text"):
            actions.TEXT.set(session, action.id, "")
    store.close()
    assert run(capsys, "--db", db, "action", "edit", "TABASC47/01", "--due", "none")[0] == 0
    store = open_store(demo_file, backup=False)
    with store.read() as session:
        assert actions.get_action(session, "TABASC47/01").due_date is None
    store.close()
