"""Reading the audit trail (writing it is automatic: see store/guards.py).

`for_meeting` gives every recorded change, one per row written; `read` adds the
meeting's own names for what the rows are about, and `group` turns a burst of
autosaves into one entry in words ("Item 4 (Risk Register) minutes edited,
14:02-14:09 (23 saves)"). The words never carry a value: they name what changed.
Confidential rows hold only the names of their changed fields (`changed_fields`
reads both forms, and `describe_changes` is the one place that shows values).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from secdesk.model import (
    Action,
    ActionUpdate,
    AuditRecord,
    Classification,
    Meeting,
    Person,
    effective_level,
)

# Saves of the same thing by the same person less than this apart are one entry.
BURST_GAP = timedelta(minutes=5)
# Rows written less than this apart are one save (one transaction writes its rows within milliseconds;
# typing is saved at most every 0.6 s).
SAME_SAVE = timedelta(milliseconds=500)


@dataclass(frozen=True)
class AuditEntry:
    at: datetime
    user: str
    operation: str
    table: str
    row_uuid: str | None
    details: dict[str, Any]  # as the JSON stored it


def for_meeting(session: Session, meeting: Meeting) -> list[AuditEntry]:
    records = session.scalars(
        select(AuditRecord).where(AuditRecord.meeting_id == meeting.id).order_by(AuditRecord.id)
    )
    return [
        AuditEntry(r.at, r.user, r.operation, r.table_name, r.row_uuid, json.loads(r.details)) for r in records
    ]


# --- what a row's details say -----------------------------------------------------------


def is_redacted(details: dict[str, Any]) -> bool:
    """True for a confidential row: it keeps only the names of the fields that changed."""
    return "fields" in details


def changed_fields(details: dict[str, Any]) -> list[str]:
    """The names of the fields a row changed (or set), whether or not its values were kept."""
    return list(details["fields"]) if is_redacted(details) else sorted(details)


def describe_changes(details: dict[str, Any]) -> str:
    """The values a row kept, readable; confidential rows carry only the names of the fields that changed."""
    if is_redacted(details):
        names = ", ".join(changed_fields(details)) or "(none)"
        note = " (redacted: now confidential)" if details.get("redacted") else ""
        return f"confidential fields changed: {names}{note}"
    parts = []
    for name, value in sorted(details.items()):
        if isinstance(value, list) and len(value) == 2:
            parts.append(f"{name}: {_short(value[0])} \u2192 {_short(value[1])}")
        elif isinstance(value, dict) and {"at", "was", "now"} <= set(value):  # a long text's changed span
            parts.append(f"{name} from character {value['at'] + 1}: {_short(value['was'])} \u2192 "
                         f"{_short(value['now'])}")
        elif isinstance(value, dict) and "characters" in value:  # a text kept by its length only
            parts.append(f"{name}: {value['characters']} characters")
        else:
            parts.append(f"{name}: {_short(value)}")
    return "; ".join(parts)


def _short(value: Any, limit: int = 60) -> str:
    text = "-" if value is None or value == "" else str(value)
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def _new_value(details: dict[str, Any], name: str) -> Any:
    """The value a field took, when the row kept it (never for confidential rows)."""
    value = details.get(name)
    if isinstance(value, list) and len(value) == 2:
        return value[1]
    return None


def _old_value(details: dict[str, Any], name: str) -> Any:
    value = details.get(name)
    if isinstance(value, list) and len(value) == 2:
        return value[0]
    return None


# --- the meeting's names for what the rows are about -----------------------------------


@dataclass(frozen=True)
class ItemName:
    number: int | None
    title: str | None  # None when the item is confidential and has no public title

    def subject(self) -> str:
        start = f"Item {self.number}" if self.number is not None else "An item"
        return f"{start} ({self.title})" if self.title else start

    def object(self) -> str:
        return f"item {self.number}" if self.number is not None else "an item"


@dataclass(frozen=True)
class Names:
    """What the meeting calls the rows its audit trail is about, read once (plain data, any thread)."""

    identifier: str = ""
    items: dict[str, ItemName] = field(default_factory=dict)  # agenda item uuid
    item_of: dict[str, str] = field(default_factory=dict)  # decision, block, paper, action uuid -> item uuid
    references: dict[str, str] = field(default_factory=dict)  # action, update, paper, file uuid -> reference
    people: dict[str, str] = field(default_factory=dict)  # attendance uuid -> person's name
    meetings: dict[int, str] = field(default_factory=dict)  # meeting id -> identifier

    def item(self, row_uuid: str | None) -> ItemName | None:
        item_uuid = self.item_of.get(row_uuid or "", row_uuid or "")
        return self.items.get(item_uuid)


def _public_title(item: Any) -> str | None:
    if effective_level(item) is Classification.WHITE:
        return item.title or None
    return item.public_title or None


def names_for(session: Session, meeting: Meeting, entries: Iterable[AuditEntry] = ()) -> Names:
    """The meeting's names for its rows; rows since removed are named from what their insert kept."""
    names = Names(identifier=meeting.identifier)
    item_by_id: dict[int, str] = {}
    for item in meeting.items:
        names.items[item.uuid] = ItemName(item.number, _public_title(item))
        item_by_id[item.id] = item.uuid
        for decision in item.decisions:
            names.item_of[decision.uuid] = item.uuid
        for block in item.blocks:
            names.item_of[block.uuid] = item.uuid
        for paper in item.papers:
            names.item_of[paper.uuid] = item.uuid
            names.references[paper.uuid] = paper.reference
            for paper_file in paper.files:
                names.item_of[paper_file.uuid] = item.uuid
                names.references[paper_file.uuid] = paper.reference
    action_by_id: dict[int, str] = {}
    for action in session.scalars(select(Action).where(Action.meeting_id == meeting.id)):
        names.references[action.uuid] = action.reference
        action_by_id[action.id] = action.reference
        if action.agenda_item_id in item_by_id:
            names.item_of[action.uuid] = item_by_id[action.agenda_item_id]
    for update in session.scalars(select(ActionUpdate).where(ActionUpdate.meeting_id == meeting.id)):
        names.references[update.uuid] = update.action.reference
    for attendance in meeting.attendance:
        names.people[attendance.uuid] = attendance.person.name
    for other in session.scalars(select(Meeting).where(Meeting.committee_id == meeting.committee_id)):
        names.meetings[other.id] = other.identifier  # where its minutes were agreed, even once reopened
    # Rows removed since: what their insert kept (nothing for confidential rows, whose values were never kept).
    person_ids: dict[str, int] = {}
    for entry in entries:
        if entry.operation != "insert" or not entry.row_uuid or is_redacted(entry.details):
            continue
        details, uuid = entry.details, entry.row_uuid
        if entry.table == "agenda_item" and uuid not in names.items:
            names.items[uuid] = ItemName(details.get("number"), details.get("title") or None)
        if entry.table in ("decision", "minute_block", "paper", "action") and uuid not in names.item_of \
                and details.get("agenda_item_id") in item_by_id:
            names.item_of[uuid] = item_by_id[details["agenda_item_id"]]
        if entry.table in ("action", "paper") and uuid not in names.references and details.get("reference"):
            names.references[uuid] = details["reference"]
        if entry.table == "action_update" and uuid not in names.references \
                and details.get("action_id") in action_by_id:
            names.references[uuid] = action_by_id[details["action_id"]]
        if entry.table == "attendance" and uuid not in names.people and details.get("person_id"):
            person_ids[uuid] = details["person_id"]
    if person_ids:
        wanted = select(Person.id, Person.name).where(Person.id.in_(set(person_ids.values())))
        found = {person_id: name for person_id, name in session.execute(wanted)}
        for uuid, person_id in person_ids.items():
            if person_id in found:
                names.people[uuid] = found[person_id]
    return names


@dataclass(frozen=True)
class Trail:
    """A meeting's audit trail as read on the worker: every change, and the names to say them in."""

    identifier: str
    entries: list[AuditEntry]
    names: Names

    def bursts(self) -> list[Burst]:
        return group(self.entries, self.names)

    def every_change(self) -> list[Burst]:
        return each(self.entries, self.names)


def read(session: Session, meeting: Meeting) -> Trail:
    entries = for_meeting(session, meeting)
    return Trail(meeting.identifier, entries, names_for(session, meeting, entries))


# --- one change in words --------------------------------------------------------------------

# The meeting's words for each field, per kind of row; fields not named here are left out of the words
# (bookkeeping such as which fields are sealed), and a field of no known kind is said as its name.
FIELD_WORDS: dict[str, dict[str, str]] = {
    "meeting": {
        "number": "number", "date": "date", "month_only": "date", "start_time": "start time",
        "end_time": "end time", "venue": "venue", "status": "status", "locked": "lock",
        "approved_at_meeting_id": "approval", "approved_ex_committee": "approval",
        "approved_ex_committee_on": "approval", "previous_minutes_note": "note on the previous minutes",
        "committee_id": "committee",
    },
    "agenda_item": {
        "title": "title", "public_title": "public title", "public_summary": "public summary",
        "section": "section", "kind": "kind", "presenter": "presenter", "purpose": "purpose",
        "planned_minutes": "time allowed", "classification": "classification", "minutes": "minutes",
        "post_meeting_note": "post-meeting note", "number": "place on the agenda",
        "position": "place on the agenda", "meeting_id": "meeting",
    },
    "decision": {
        "verb": "verb", "text": "wording", "classification": "classification", "position": "order",
        "agenda_item_id": "item",
    },
    "action": {
        "reference": "reference", "text": "wording", "owner": "owner", "owner_organisation_id": "owner",
        "owner_person_id": "owner", "due_date": "due date", "due_text": "due date", "due_meeting": "due date",
        "status": "status", "classification": "classification", "closed_at_meeting_id": "closing meeting",
        "agenda_item_id": "item", "meeting_id": "meeting", "committee_id": "committee",
    },
    "action_update": {
        "text": "wording", "status_after": "status", "position": "place in the table",
        "shared_group": "sharing with other actions", "action_id": "action", "meeting_id": "meeting",
    },
    "attendance": {
        "status": "attendance", "capacity": "capacity", "seat_category": "seat", "is_chair": "chair",
        "alternate_for_id": "member stood in for", "representing_id": "organisation represented",
        "part": "part attendance", "position": "place in the list", "person_id": "person",
    },
    "paper": {
        "reference": "reference", "title": "title", "purpose": "purpose", "classification": "classification",
        "position": "order", "agenda_item_id": "item",
    },
    "paper_file": {
        "label": "label", "filename": "file name", "media_type": "file", "sha256": "file", "size": "file",
        "classification": "classification", "position": "order", "paper_id": "paper",
    },
    "minute_block": {
        "content": "text", "kind": "kind", "classification": "classification", "position": "order",
        "decision_id": "place", "action_id": "place", "agenda_item_id": "item",
    },
}
# Fields whose change is an edit of typed text ("edited"); any other change is "changed".
TEXT_FIELDS = {
    "title", "public_title", "public_summary", "presenter", "minutes", "post_meeting_note", "text",
    "venue", "previous_minutes_note", "label", "content", "seat_category",
}
BOOKKEEPING = {"sealed_fields", "created_at", "updated_at", "id", "uuid"}
# A row of a kind not listed: its kind in words.
KIND_WORDS = {
    "meeting": "The meeting", "agenda_item": "An agenda item", "decision": "A decision", "action": "An action",
    "action_update": "An action update", "attendance": "Attendance", "paper": "A paper",
    "paper_file": "A paper's file", "minute_block": "A block of the minutes", "minutes_record": "The agreed record",
}
MEETING_STATUS_WORDS = {
    "planned": "Meeting marked as planned",
    "agenda_issued": "Agenda issued",
    "held": "Meeting marked as held (minutes in draft)",
    "draft_circulated": "Draft minutes circulated",
    "final": "Minutes agreed as final",
}
ATTENDANCE_WORDS = {"present": "marked present", "apologies": "sent apologies", "absent": "marked absent"}


@dataclass(frozen=True)
class Change:
    """One row in words: `key` says what it is about, so a burst of the same thing is one entry."""

    key: tuple[Any, ...]
    one: str
    many: str = ""  # for a burst about several rows ("{n} people added to attendance"); else `one`
    record: str = ""  # the row itself in words ("Action TABASC47/02"), for a table of every change


def _join(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _field_words(table: str, fields: Iterable[str]) -> list[str]:
    known = FIELD_WORDS.get(table)
    words: list[str] = []
    for name in fields:
        if name in BOOKKEEPING:
            continue
        word = known.get(name) if known is not None else None
        word = word or name.removesuffix("_id").replace("_", " ")
        if word not in words:
            words.append(word)
    return words


def _edited(table: str, fields: list[str], subject: str) -> str:
    """'Item 4 (Risk Register) minutes edited', 'Action TABASC47/02 owner and due date changed'."""
    words = _field_words(table, fields)
    if not words:
        return f"{subject} changed"
    verb = "edited" if all(name in TEXT_FIELDS for name in fields if name not in BOOKKEEPING) else "changed"
    return f"{subject} {_join(words)} {verb}"


def _kind(table: str) -> str:
    return KIND_WORDS.get(table) or table.replace("_", " ").capitalize()


def describe(entry: AuditEntry, names: Names) -> Change:
    """One recorded change in the meeting's words, naming what changed and never a value."""
    table, op, uuid, details = entry.table, entry.operation, entry.row_uuid, entry.details
    fields = [name for name in changed_fields(details) if name not in BOOKKEEPING]
    item = names.item(uuid)
    if item is None and table == "agenda_item" and op == "insert" and not is_redacted(details):
        item = ItemName(details.get("number"), details.get("title") or None)  # public: its values were kept
    on_item = f" {item.object()}" if item else " an item"
    reference = names.references.get(uuid or "") or (
        details.get("reference") if table in ("action", "paper") and isinstance(details.get("reference"), str) else None
    )
    if table == "meeting":
        return _meeting(entry, names, fields)
    if table == "minute_block" or (table == "agenda_item" and op == "update" and fields == ["minutes"]):
        # Typing an item's minutes writes its text and its blocks: one thing to the secretary.
        # A confidential block removed since (a paragraph typed after a decision is stored anew each save)
        # kept no key to its item: it is the item of the rows written in the same save, when there are some.
        subject = item.subject() if item else "An item's"
        of = names.item_of.get(uuid or "") if table == "minute_block" else uuid
        return Change(("minutes", of), f"{subject} minutes edited",
                      record=f"{item.subject() if item else 'An item'}, minutes")
    if table == "agenda_item":
        subject = item.subject() if item else "An item"
        if op == "insert":
            return Change(("items added",), f"{subject} added to the agenda", "{n} items added to the agenda",
                          record=subject)
        if op == "delete":
            return Change(("delete", uuid), f"{subject} removed from the agenda", record=subject)
        if fields and set(fields) <= {"number", "position"}:
            return Change(("agenda order",), "Agenda reordered", record=subject)
        return Change(("update", uuid, tuple(fields)), _edited(table, fields, subject), record=subject)
    if table == "decision":
        record = f"Decision on{on_item}"
        if op == "insert":
            return Change(("decisions added", names.item_of.get(uuid or "", uuid)), f"Decision added to{on_item}",
                          f"{{n}} decisions added to{on_item}", record=record)
        if op == "delete":
            return Change(("delete", uuid), f"Decision removed from{on_item}", record=record)
        if fields == ["position"]:
            return Change(("decision order", names.item_of.get(uuid or "")), f"Decisions on{on_item} reordered",
                          record=record)
        words = _field_words(table, fields) or ["details"]
        verb = "edited" if fields == ["text"] else "changed"
        return Change(("update", uuid, tuple(fields)), f"Decision on{on_item} {verb}: {_join(words)}", record=record)
    if table == "action":
        subject = f"Action {reference}" if reference else "An action"
        if op == "insert":
            return Change(("insert", uuid), f"{subject} added to{on_item}" if item else f"{subject} added",
                          record=subject)
        if op == "delete":
            return Change(("delete", uuid), f"{subject} removed", record=subject)
        status = _new_value(details, "status")
        if fields == ["status"] and status:
            said = "closed" if status == "closed" else "reopened" if _old_value(details, "status") == "closed" \
                else f"marked {status}"
            return Change(("update", uuid, tuple(fields)), f"{subject} {said}", record=subject)
        return Change(("update", uuid, tuple(fields)), _edited(table, fields, subject), record=subject)
    if table == "action_update":
        subject = f"Update on action {reference}" if reference else "An action's update"
        if op == "insert":
            return Change(("updates recorded",), f"{subject} recorded", "Updates on {n} actions recorded",
                          record=subject)
        if op == "delete":
            return Change(("delete", uuid), f"{subject} removed", record=subject)
        if fields == ["position"]:
            return Change(("outstanding order",), "Actions Outstanding table reordered", record=subject)
        return Change(("update", uuid, tuple(fields)), _edited(table, fields, subject), record=subject)
    if table == "attendance":
        person = names.people.get(uuid or "")
        who = person or "A person"
        record = f"Attendance of {person}" if person else "Attendance"
        if op == "insert":
            return Change(("attendance added",), f"{who} added to attendance", "{n} people added to attendance",
                          record=record)
        if op == "delete":
            return Change(("attendance removed",), f"{who} removed from attendance",
                          "{n} people removed from attendance", record=record)
        if fields == ["position"]:
            return Change(("attendance order",), "Attendance reordered", record=record)
        status = _new_value(details, "status")
        if fields == ["status"] and status in ATTENDANCE_WORDS:
            return Change(("update", uuid, tuple(fields), status), f"{who} {ATTENDANCE_WORDS[status]}", record=record)
        part = _new_value(details, "part")
        if fields == ["part"] and part is not None:
            said = "marked as present for part of the meeting" if part else "marked as present throughout"
            return Change(("update", uuid, tuple(fields), part), f"{who} {said}", record=record)
        words = _field_words(table, fields) or ["details"]
        return Change(("update", uuid, tuple(fields)), f"{record} changed: {_join(words)}", record=record)
    if table in ("paper", "paper_file"):
        paper = f"Paper {reference}" if reference else "A paper"
        if table == "paper":
            if op == "insert":
                return Change(("insert", uuid), f"{paper} added to{on_item}", record=paper)
            if op == "delete":
                return Change(("delete", uuid), f"{paper} removed from{on_item}", record=paper)
            if fields == ["position"]:
                return Change(("paper order", names.item_of.get(uuid or "")), f"Papers of{on_item} reordered",
                              record=paper)
            return Change(("update", uuid, tuple(fields)), _edited(table, fields, paper), record=paper)
        record = f"File of {paper[0].lower()}{paper[1:]}"
        if op == "insert":
            return Change(("insert", uuid), f"File added to {paper[0].lower()}{paper[1:]}", record=record)
        if op == "delete":
            return Change(("delete", uuid), f"File removed from {paper[0].lower()}{paper[1:]}", record=record)
        if fields and set(fields) <= {"media_type", "sha256", "size"}:
            return Change(("files stored",), f"{record} stored", "Files of {n} papers stored", record=record)
        return Change(("update", uuid, tuple(fields)), _edited(table, fields, record), record=record)
    if table == "minutes_record":  # kept when the minutes are agreed: part of agreeing them
        return Change(("final",), "Minutes agreed as final", record="The agreed record")
    subject = _kind(table)
    said = {"insert": "added", "delete": "removed"}.get(op, "changed")
    return Change((op, uuid, tuple(fields)), f"{subject} {said}", record=subject)


def _meeting(entry: AuditEntry, names: Names, fields: list[str]) -> Change:
    op, details, uuid = entry.operation, entry.details, entry.row_uuid
    record = f"Meeting {names.identifier}" if names.identifier else "The meeting"
    if op == "insert":
        return Change(("insert", uuid), "Meeting created", record=record)
    if op == "delete":
        return Change(("delete", uuid), "Meeting removed", record=record)
    if op == "reopen" or _old_value(details, "locked") is True and _new_value(details, "locked") is False:
        return Change(("reopen", uuid), "Minutes reopened", record=record)
    if _new_value(details, "locked") is True:
        at = names.meetings.get(_new_value(details, "approved_at_meeting_id"))
        how = f" at {at}" if at else " ex-committee" if _new_value(details, "approved_ex_committee") else ""
        return Change(("final",), f"Minutes agreed as final{how}", record=record)
    status = _new_value(details, "status")
    if status == "final":  # agreeing final: the status, then the record kept, then the lock
        how = " ex-committee" if _new_value(details, "approved_ex_committee") else ""
        return Change(("final",), f"Minutes agreed as final{how}", record=record)
    if fields == ["status"] and status in MEETING_STATUS_WORDS:
        return Change(("status", uuid, status), MEETING_STATUS_WORDS[status], record=record)
    return Change(("update", uuid, tuple(fields)), _edited("meeting", fields, "Meeting"), record=record)


# --- bursts -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Burst:
    """One entry of the trail as a secretary reads it: a burst of saves of one thing by one person."""

    first: datetime
    last: datetime
    user: str
    what: str  # "Item 4 (Risk Register) minutes edited"
    record: str  # what it is about ("Item 4 (Risk Register), minutes")
    saves: int
    entries: tuple[AuditEntry, ...]

    @property
    def when(self) -> str:
        """'2026-12-04 14:02' or '2026-12-04 14:02-14:09' (UTC, as recorded)."""
        start = f"{self.first:%Y-%m-%d %H:%M}"
        if f"{self.last:%Y-%m-%d %H:%M}" == start:
            return start
        end = f"{self.last:%H:%M}" if self.last.date() == self.first.date() else f"{self.last:%Y-%m-%d %H:%M}"
        return f"{start}-{end}"

    @property
    def span(self) -> str:
        """The times without the date: '14:02' or '14:02-14:09'."""
        return self.when.split(" ", 1)[1]

    @property
    def saves_said(self) -> str:
        return f" ({self.saves} saves)" if self.saves > 1 else ""

    @property
    def sentence(self) -> str:
        """'Item 4 (Risk Register) minutes edited, 14:02-14:09 (23 saves)'."""
        return f"{self.what}, {self.span}{self.saves_said}"

    def as_json(self) -> dict[str, Any]:
        return {
            "first": self.first.isoformat(timespec="seconds"),
            "last": self.last.isoformat(timespec="seconds"),
            "user": self.user,
            "what": self.what,
            "sentence": self.sentence,
            "saves": self.saves,
            "changes": len(self.entries),
        }


@dataclass
class _Open:
    key: tuple[Any, ...]
    user: str
    changes: list[Change]
    entries: list[AuditEntry]

    def close(self) -> Burst:
        records = {entry.row_uuid for entry in self.entries}
        first = next((change for change in self.changes if change.key == self.key), self.changes[0])
        what = first.many.format(n=len(records)) if first.many and len(records) > 1 else first.one
        saves, previous = 0, None
        for entry in self.entries:
            if previous is None or entry.at - previous >= SAME_SAVE:
                saves += 1
            previous = entry.at
        record = first.record if len({change.record for change in self.changes}) == 1 else ""
        return Burst(self.entries[0].at, self.entries[-1].at, self.user, what, record, saves, tuple(self.entries))


def group(entries: Iterable[AuditEntry], names: Names | None = None, gap: timedelta = BURST_GAP) -> list[Burst]:
    """The trail as entries in words: a person's saves of the same thing (the same record and fields),
    each less than `gap` after the last, are one entry with its first and last time and its number of
    saves. Anything else that person does in between ends the burst; others' changes do not. A row
    changed in the save that added it is part of its adding."""
    names = names or Names()
    bursts: list[_Open] = []
    latest: dict[str, _Open] = {}  # each person's burst still open
    for entry in entries:
        change = describe(entry, names)
        current = latest.get(entry.user)
        if current is not None and _joins(current, change, entry, gap):
            current.changes.append(change)
            current.entries.append(entry)
            continue
        opened = _Open(change.key, entry.user, [change], [entry])
        if current is not None and current.key == UNNAMED_MINUTES and change.key[0] == "minutes":
            _take_same_save(current, opened)  # the unnamed rows of this save are this item's
            if not current.entries:
                bursts.remove(current)
        latest[entry.user] = opened
        bursts.append(opened)
    return [burst.close() for burst in bursts]


def _take_same_save(unnamed: _Open, named: _Open) -> None:
    """Move the rows of `unnamed` written in the same save as `named` begins with into `named`."""
    at = named.entries[0].at
    while unnamed.entries and at - unnamed.entries[-1].at < SAME_SAVE:
        at = unnamed.entries[-1].at
        named.entries.insert(0, unnamed.entries.pop())
        named.changes.insert(0, unnamed.changes.pop())


UNNAMED_MINUTES = ("minutes", None)


def _joins(current: _Open, change: Change, entry: AuditEntry, gap: timedelta) -> bool:
    since = entry.at - current.entries[-1].at
    if current.key == change.key and since < gap or _completes(current.entries[-1], entry):
        return True
    # The minutes of an item no longer named by a block: the item of the same save (one save is one box).
    return change.key == UNNAMED_MINUTES and current.key[0] == "minutes" and since < SAME_SAVE


def _completes(added: AuditEntry, entry: AuditEntry) -> bool:
    """True for a change to a row in the save that added it (an action's due date read from its text)."""
    return (
        added.operation == "insert" and entry.operation == "update" and entry.row_uuid == added.row_uuid
        and entry.at - added.at < SAME_SAVE
    )


def each(entries: Iterable[AuditEntry], names: Names | None = None) -> list[Burst]:
    """Every recorded change as an entry of its own, in words."""
    names = names or Names()
    return [_Open((), entry.user, [describe(entry, names)], [entry]).close() for entry in entries]


# --- exports --------------------------------------------------------------------------------


def as_csv(entries: list[AuditEntry], names: Names | None = None) -> str:
    """One row per change (the full record), with what it was in words; for confidential rows only
    the names of the changed fields."""
    names = names or Names()
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["When (UTC)", "Who", "Operation", "Record", "Record UUID", "Changes", "What"])
    for entry in entries:
        writer.writerow([
            entry.at.isoformat(timespec="seconds"),
            entry.user,
            entry.operation,
            entry.table,
            entry.row_uuid or "",
            json.dumps(entry.details, ensure_ascii=False, sort_keys=True),
            describe(entry, names).one,
        ])
    return out.getvalue()
