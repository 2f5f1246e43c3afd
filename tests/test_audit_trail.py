"""The audit trail read as a secretary would: a burst of autosaves of one thing by one person is one entry in
words (services/audit.py), split by a pause, by another thing or by what else that person did."""

from __future__ import annotations

import csv
import json
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from secdesk.model import AgendaItem, Classification, DecisionVerb
from secdesk.services import actions, agenda, audit, decisions, meetings
from secdesk.services.audit import AuditEntry, ItemName, Names
from tests import factories
from tests.cli_run import run

START = datetime(2026, 12, 4, 14, 2, 0)
ITEM_4, ITEM_5, ACTION, MEETING = "item-4", "item-5", "action-2", "meeting-47"
NAMES = Names(
    identifier="TABASC_47_1412",
    items={ITEM_4: ItemName(4, "Risk Register"), ITEM_5: ItemName(5, "Activity Planner")},
    references={ACTION: "TABASC47/02"},
    item_of={ACTION: ITEM_5},
)


def _at(seconds: float) -> datetime:
    return START + timedelta(seconds=seconds)


def _minutes(seconds: float, user: str = "alice", row: str = ITEM_4, field: str = "minutes") -> AuditEntry:
    return AuditEntry(_at(seconds), user, "update", "agenda_item", row, {field: ["before", "after"]})


def _typing(start: float, saves: int, every: float = 20, **kwargs: Any) -> list[AuditEntry]:
    return [_minutes(start + n * every, **kwargs) for n in range(saves)]


def test_a_burst_of_autosaves_is_one_entry_with_its_times_and_saves() -> None:
    entries = _typing(0, 23, every=420 / 22)  # 14:02:00 to 14:09:00, one save every 19 s
    [burst] = audit.group(entries, NAMES)
    assert burst.what == "Item 4 (Risk Register) minutes edited"
    assert burst.sentence == "Item 4 (Risk Register) minutes edited, 14:02-14:09 (23 saves)"
    assert burst.when == "2026-12-04 14:02-14:09" and burst.user == "alice"
    assert (burst.first, burst.last, burst.saves, len(burst.entries)) == (_at(0), _at(420), 23, 23)
    # Every change on its own is still there.
    assert len(audit.each(entries, NAMES)) == 23


def test_a_pause_of_the_gap_or_more_starts_a_new_entry() -> None:
    gap = audit.BURST_GAP.total_seconds()
    entries = _typing(0, 3) + _typing(40 + gap - 1, 2) + _typing(60 + 2 * gap + 10, 2)
    bursts = audit.group(entries, NAMES)
    assert [b.saves for b in bursts] == [5, 2]
    assert bursts[0].sentence == "Item 4 (Risk Register) minutes edited, 14:02-14:07 (5 saves)"
    assert audit.group(entries, NAMES, gap=timedelta(seconds=30))[0].saves == 3


def test_another_person_another_record_or_other_fields_are_other_entries() -> None:
    # Bob typing at the same time does not split Alice's burst, and has his own.
    interleaved = [_minutes(n * 10, user="alice" if n % 2 == 0 else "bob") for n in range(10)]
    assert [(b.user, b.saves) for b in audit.group(interleaved, NAMES)] == [("alice", 5), ("bob", 5)]
    # Another item, then back: three entries.
    hopping = _typing(0, 3) + _typing(60, 2, row=ITEM_5) + _typing(100, 2)
    assert [b.what for b in audit.group(hopping, NAMES)] == [
        "Item 4 (Risk Register) minutes edited",
        "Item 5 (Activity Planner) minutes edited",
        "Item 4 (Risk Register) minutes edited",
    ]
    # The same item's presenter is another thing than its minutes.
    fields = _typing(0, 2) + [_minutes(50, field="presenter")] + _typing(60, 1)
    assert [b.what for b in audit.group(fields, NAMES)] == [
        "Item 4 (Risk Register) minutes edited", "Item 4 (Risk Register) presenter edited",
        "Item 4 (Risk Register) minutes edited",
    ]


def test_rows_written_in_one_save_count_as_one_save() -> None:
    block = AuditEntry(_at(0.01), "alice", "update", "minute_block", "block-1", {"content": ["a", "b"]})
    names = Names(items=NAMES.items, item_of={"block-1": ITEM_4})
    [burst] = audit.group([_minutes(0), block, _minutes(20)], names)
    assert (burst.what, burst.saves, len(burst.entries)) == ("Item 4 (Risk Register) minutes edited", 2, 3)


def test_a_block_rewritten_since_goes_with_its_own_save_and_is_never_guessed_into_another() -> None:
    def block(seconds: float, row: str) -> AuditEntry:
        return AuditEntry(_at(seconds), "alice", "insert", "minute_block", row, {"content": "x", "kind": "paragraph"})

    names = Names(items=NAMES.items, item_of={"kept": ITEM_5})
    said = [(b.what, len(b.entries)) for b in audit.group([
        _minutes(0), block(0.01, "gone-1"),  # one save: item 4's text and a paragraph since rewritten
        block(30, "gone-2"), block(60, "gone-3"),  # saves that name no item: not guessed to be item 4
        block(120, "gone-4"), block(120.01, "kept"),  # one save, the item named by the block still there
    ], names)]
    assert said == [
        ("Item 4 (Risk Register) minutes edited", 2),
        ("An item's minutes edited", 2),
        ("Item 5 (Activity Planner) minutes edited", 2),
    ]


def test_every_change_shows_white_values_readably_and_confidential_ones_never() -> None:
    assert audit.describe_changes({"owner": ["SECAS", "The DCC"], "due_date": [None, "2027-01-31"]}) == \
        "due_date: - \u2192 2027-01-31; owner: SECAS \u2192 The DCC"
    assert audit.describe_changes({"minutes": {"at": 198, "was": "", "now": " Panel."}}) == \
        "minutes from character 199: - \u2192  Panel."
    assert audit.describe_changes({"content": {"characters": 5120}}) == "content: 5120 characters"
    assert audit.describe_changes({"fields": ["minutes", "title"]}) == "confidential fields changed: minutes, title"
    assert audit.changed_fields({"fields": ["minutes"]}) == ["minutes"]
    assert audit.changed_fields({"title": ["a", "b"], "minutes": ["c", "d"]}) == ["minutes", "title"]


def _entry(operation: str, table: str, row: str | None, details: dict[str, Any], seconds: float = 0) -> AuditEntry:
    return AuditEntry(_at(seconds), "alice", operation, table, row, details)


def test_each_kind_of_change_in_the_meetings_words() -> None:
    said = [
        b.what for b in audit.group([
            _entry("insert", "decision", "decision-1", {"text": "x", "verb": "noted"}),
            _entry("update", "action", ACTION, {"owner": ["SECAS", "The DCC"]}, 60),
            _entry("update", "action", ACTION, {"fields": ["due_date", "due_text"]}, 70),
            _entry("update", "action", ACTION, {"status": ["open", "closed"]}, 80),
            _entry("insert", "action", "action-3", {"reference": "TABASC47/03", "text": "x"}, 85),
            _entry("update", "action", "action-3", {"due_date": [None, "2027-01-01"]}, 85.01),
            _entry("update", "meeting", MEETING, {"locked": [False, True], "status": ["held", "final"],
                                                  "approved_ex_committee": [False, True]}, 90),
            _entry("reopen", "meeting", MEETING, {"locked": [True, False], "status": ["final", "held"]}, 100),
            _entry("update", "meeting", MEETING, {"status": ["held", "draft_circulated"]}, 110),
            _entry("update", "meeting", MEETING, {"venue": ["a", "b"], "start_time": ["10:00", "10:30"]}, 120),
            _entry("insert", "agenda_item", "item-6", {"number": 6, "title": "Any Other Business"}, 130),
            _entry("update", "agenda_item", ITEM_4, {"number": [4, 5], "position": [4, 5]}, 131),
            _entry("update", "agenda_item", ITEM_5, {"number": [5, 4], "position": [5, 4]}, 131),
            _entry("update", "agenda_item", ITEM_4, {"fields": ["classification", "sealed_fields"]}, 140),
            _entry("delete", "agenda_item", ITEM_5, {}, 150),
        ], Names(**{**NAMES.__dict__, "item_of": {**NAMES.item_of, "decision-1": "item-3"},
                    "items": {**NAMES.items, "item-3": ItemName(3, "DCC Update")}}))
    ]
    assert said == [
        "Decision added to item 3",
        "Action TABASC47/02 owner changed",
        "Action TABASC47/02 due date changed",
        "Action TABASC47/02 closed",
        "Action TABASC47/03 added",
        "Minutes agreed as final ex-committee",
        "Minutes reopened",
        "Draft minutes circulated",
        "Meeting start time and venue changed",
        "Item 6 (Any Other Business) added to the agenda",
        "Agenda reordered",
        "Item 4 (Risk Register) classification changed",
        "Item 5 (Activity Planner) removed from the agenda",
    ]
    joined = " ".join(said)
    for raw in ("agenda_item", "_id", "{", "[", "sealed", "draft_circulated"):
        assert raw not in joined


def _history(store) -> str:
    """TABASC 15 with five saves of typing, confidential items, an action, finalised and reopened."""
    with store.write() as session:
        tabasc = factories.committee(session)
        fifteen = factories.held_meeting(session, tabasc, 15, date(2027, 2, 15))
        factories.held_meeting(session, tabasc, 16, date(2027, 3, 20))
        risk = agenda.add_item(session, fifteen, "Risk Register", minutes="")
        secret = agenda.add_item(session, fifteen, "AUDITMARK-TITLE", public_title="Supplier matter",
                                 classification=Classification.AMBER)
        hidden = agenda.add_item(session, fifteen, "AUDITMARK-UNTITLED", classification=Classification.AMBER)
        ids = risk.id, secret.id, hidden.id
    for n in range(1, 6):  # five autosaves of typing
        with store.write() as session:
            agenda.MINUTES.set(session, ids[0], "The register was presented" + "." * n)
    with store.write() as session:
        agenda.MINUTES.set(session, ids[1], "AUDITMARK-MINUTES")
        agenda.MINUTES.set(session, ids[2], "AUDITMARK-OTHER")
        secret = session.get(AgendaItem, ids[1])
        decisions.add(session, secret, DecisionVerb.NOTED, "AUDITMARK-DECISION")
        action = actions.raise_action(session, meetings.resolve_meeting(session, "TABASC 15"),
                                      "AUDITMARK-ACTION", item=secret, owner="AUDITMARK-OWNER")
        reference, action_id = action.reference, action.id
    with store.write() as session:
        actions.OWNER.set(session, action_id, "AUDITMARK-NEW-OWNER")
    with store.write() as session:
        meetings.agree_final(session, meetings.resolve_meeting(session, "TABASC 15"),
                             meetings.resolve_meeting(session, "TABASC 16"))
    with store.write() as session:
        meetings.reopen(session, meetings.resolve_meeting(session, "TABASC 15"))
    return reference


def test_a_real_meeting_reads_in_words_and_hides_confidential_values(store) -> None:
    reference = _history(store)
    with store.read() as session:
        trail = audit.read(session, meetings.resolve_meeting(session, "TABASC 15"))
    said = [b.what for b in trail.bursts()]
    assert said == [
        "2 items added to the agenda",  # the standing items
        "Meeting marked as held (minutes in draft)",
        "3 items added to the agenda",
        "Item 3 (Risk Register) minutes edited",
        "Item 4 (Supplier matter) minutes edited",  # Amber: its public title, never its title
        "Item 5 minutes edited",  # Amber with no public title: its number only
        "Decision added to item 4",
        f"Action {reference} added to item 4",
        f"Action {reference} owner changed",
        "Minutes agreed as final",  # its status, its kept records and its lock: one entry
        "Minutes reopened",
    ]
    assert len(trail.bursts()[3].entries) == 5  # the five saves (written too fast here to tell apart by time)
    assert len(trail.bursts()[-2].entries) > 2
    every = [b.what for b in trail.every_change()]
    everything = "\n".join(said + every + [b.record for b in trail.every_change()])
    assert "AUDITMARK" not in everything
    assert "AUDITMARK" not in audit.as_csv(trail.entries, trail.names)
    assert len(trail.bursts()) < len(trail.entries)


def test_the_command_prints_the_entries_every_change_json_and_csv(store, db_path: Path, tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    reference = _history(store)
    with store.read() as session:
        changes = len(audit.for_meeting(session, meetings.resolve_meeting(session, "TABASC 15")))
    store.close()
    base = ["--db", str(db_path), "audit", "TABASC", "15"]

    code, out, err = run(capsys, *base)
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0].split() == ["When", "(UTC)", "Who", "What"] and len(lines) == 1 + 11
    assert lines[4].endswith("Item 3 (Risk Register) minutes edited") and f"Action {reference} owner changed" in out
    assert lines[-1].endswith("Minutes reopened") and "{" not in out and "agenda_item" not in out

    code, out, _ = run(capsys, *base, "--every-change")
    assert code == 0 and len(out.splitlines()) == 1 + changes
    assert "minutes: The register was presented" in out  # a White row's values, on asking for every change
    assert "confidential fields changed: minutes" in out

    code, out, _ = run(capsys, *base, "--json")
    entries = json.loads(out)
    assert code == 0 and len(entries) == 11 and entries[3]["what"] == "Item 3 (Risk Register) minutes edited"
    assert entries[3]["changes"] == 5 and entries[3]["sentence"].startswith(entries[3]["what"] + ", ")
    code, out, _ = run(capsys, *base, "--json", "--every-change")
    assert code == 0 and len(json.loads(out)) == changes and json.loads(out)[-1]["what"] == "Minutes reopened"

    target = tmp_path / "audit.csv"
    code, out, _ = run(capsys, *base, "-o", str(target))
    assert code == 0 and out == f"Audit trail written: {target} ({changes} changes)\n"
    with target.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["When (UTC)", "Who", "Operation", "Record", "Record UUID", "Changes", "What"]
    assert len(rows) == 1 + changes and rows[-1][6] == "Minutes reopened"
    code, out, _ = run(capsys, *base, "--csv")
    assert code == 0 and out == target.read_bytes().decode("utf-8")
    for printed in (out, target.read_text(encoding="utf-8")):
        assert "AUDITMARK" not in printed


def test_a_block_of_the_minutes_removed_in_passing_is_in_its_meetings_trail(store) -> None:
    from secdesk.services import minutes_text

    with store.write() as session:
        meeting = factories.held_meeting(session, factories.committee(session), 15, date(2027, 2, 15))
        item = agenda.add_item(session, meeting, "Risk Register", minutes="The register was presented.")
        decisions.add(session, item, DecisionVerb.NOTED, "the register")
        item_id = item.id
    # A paragraph typed after the decision, then made a bulleted list: the paragraph's row goes.
    for typed in ("Members asked", "- Members asked for more."):
        with store.write() as session:
            item = session.get(AgendaItem, item_id)
            minutes_text.apply(session, item, minutes_text.render(item).split("\n\n{decision")[0]
                               + "\n\n{decision 1}\n\n" + typed)
    with store.read() as session:
        trail = audit.read(session, meetings.resolve_meeting(session, "TABASC 15"))
    blocks = [(e.operation, e.details.get("content")) for e in trail.entries if e.table == "minute_block"]
    assert ("delete", None) in blocks  # the first paragraph's row, replaced by the second save
    assert [c for op, c in blocks if op == "insert" and c] == ["Members asked", "Members asked for more."]
    assert not any(op == "update" and c for op, c in blocks)
    assert trail.bursts()[-1].what == "Item 3 (Risk Register) minutes edited"


def test_rows_since_removed_are_named_by_what_their_adding_recorded(store) -> None:
    from secdesk.model import Capacity, MinuteBlock
    from secdesk.services import attendance

    with store.write() as session:
        meeting = factories.held_meeting(session, factories.committee(session), 15, date(2027, 2, 15))
        row = attendance.add_named(session, meeting, "Aisha Rahman", Capacity.OBSERVER)
        item = agenda.add_item(session, meeting, "Risk Register")
        decision = decisions.add(session, item, DecisionVerb.NOTED, "the register")
        block = MinuteBlock(item=item, kind="paragraph", content="A paragraph.")
        session.add(block)
        session.flush()
        ids = row.id, decision.id, block.uuid, item.id
    with store.write() as session:
        attendance.remove_attendee(session, session.get(type(row), ids[0]))
        decisions.remove(session, session.get(type(decision), ids[1]))
    with store.read() as session:
        meeting = meetings.resolve_meeting(session, "TABASC 15")
        trail = audit.read(session, meeting)
        added = next(e for e in trail.entries if e.row_uuid == ids[2])
    assert added.details["agenda_item_id"] == ids[3]  # set by the flush, from the block's item
    said = [b.what for b in trail.bursts()]
    assert said[-2:] == ["Aisha Rahman removed from attendance", "Decision removed from item 3"], said
