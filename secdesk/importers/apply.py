"""Writing parsed minutes into the database through the services, in one transaction.

The imported meeting ends final and locked: everything is created first, the
lock comes last. Actions already known (same reference) are updated, never
duplicated; actions reviewed in the Actions Outstanding table get their update
at the imported meeting, so importing meetings one after another builds each
action's history.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from secdesk.errors import SecDeskError
from secdesk.importers import MinutesImportError
from secdesk.importers.found import ParsedAttendee, ParsedBlock, ParsedItem, ParsedMinutes
from secdesk.importers.parser import parse
from secdesk.importers.phrases import action_owner, find_date
from secdesk.importers.text_extract import extract
from secdesk.model import (
    Action,
    ActionStatus,
    AgendaItem,
    Attendance,
    AttendanceStatus,
    Capacity,
    Classification,
    Committee,
    Decision,
    ItemKind,
    Meeting,
    MeetingStatus,
    Section,
)
from secdesk.services import actions, agenda, attendance, committees, decisions, meetings, minute_blocks
from secdesk.store import Store
from secdesk.vocabulary import BlockKind


@dataclass
class ImportReport:
    """What an import wrote (or, for a dry run, would write)."""

    meeting: str
    meeting_existed: bool
    items: int = 0
    decisions: int = 0
    attendees: int = 0
    actions_created: list[str] = field(default_factory=list)
    actions_updated: list[str] = field(default_factory=list)
    reviews_recorded: list[str] = field(default_factory=list)
    actions_closed: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    dry_run: bool = False


def _long(day: date, month_only: bool = False) -> str:
    """5 March 2025, as minutes write dates; March 2025 for a meeting known by its month."""
    return f"{day:%B %Y}" if month_only else f"{day.day} {day:%B %Y}"


class _DryRun(Exception):
    """Rolls the transaction back after a dry run has computed its report."""


def parse_for_committee(store: Store, path: str | Path, committee_code: str) -> ParsedMinutes:
    """Read and parse a file, using the committee's voice, code and seat categories as hints."""
    with store.read() as session:
        committee = committees.get_committee(session, committee_code)
        voice, code, secretariat = committee.voice, committee.file_code, committee.secretariat
        categories = [c.name for c in committee.seat_categories]
    return parse(
        extract(path),
        voice=voice,
        code=code,
        categories=categories,
        secretariat=secretariat or "SECAS",
    )


def import_minutes(
    store: Store,
    parsed: ParsedMinutes,
    committee_code: str,
    *,
    number: int | None = None,
    day: date | None = None,
    dry_run: bool = False,
) -> ImportReport:
    """Write the parsed minutes in one transaction; a dry run rolls it back and only reports."""
    report: ImportReport | None = None
    try:
        with store.write() as session:
            report = apply_minutes(session, parsed, committee_code, number=number, day=day)
            if dry_run:
                report.dry_run = True
                raise _DryRun
    except _DryRun:
        pass
    assert report is not None
    return report


def _meeting_number(parsed: ParsedMinutes, committee: Committee, number: int | None) -> int:
    if number is not None:
        return meetings.check_number(number)
    if parsed.heading.number is not None:
        # Before any query: a heading's 23-digit number would overflow SQLite.
        return meetings.check_number(parsed.heading.number)
    # No heading block: the meeting that raised most of the document's actions.
    numbers = (actions.own_numbers(a.reference, committee.file_code) for a in parsed.actions)
    raised = Counter(found[0] for found in numbers if found is not None)
    if raised:
        return raised.most_common(1)[0][0]
    raise MinutesImportError("The minutes do not say the meeting number; give it (--meeting N).")


def _meeting_date(
    session: Session,
    parsed: ParsedMinutes,
    committee: Committee,
    number: int,
    day: date | None,
    warnings: list[str],
) -> tuple[date, bool]:
    """The meeting's date, and whether only its month is known (no day is invented)."""
    if day is not None:
        return day, False
    if parsed.heading.date is not None:
        return parsed.heading.date, False
    known = session.scalar(
        select(Meeting).where(Meeting.committee_id == committee.id, Meeting.number == number)
    )
    if known is not None:
        return known.date, known.month_only
    previous = find_date(parsed.previous_minutes_note or "")
    if previous is not None:
        # "The draft minutes from the February 2017 meeting ..." -> a meeting the month after,
        # known by its month only: the minutes give no day, and SecDesk invents none.
        month = previous.month % 12 + 1
        guessed = date(previous.year + (previous.month == 12), month, 1)
        warnings.append(
            f"The minutes give no date; {_long(guessed, True)} was assumed from item 1 (no day). "
            "Correct it if needed."
        )
        return guessed, True
    raise MinutesImportError(
        "The minutes do not say the meeting date; give it (--date YYYY-MM-DD)."
    )


def apply_minutes(
    session: Session,
    parsed: ParsedMinutes,
    committee_code: str,
    *,
    number: int | None = None,
    day: date | None = None,
) -> ImportReport:
    committee = committees.get_committee(session, committee_code)
    identifier = parsed.heading.identifier
    if identifier and not identifier.upper().startswith(committee.file_code.upper() + "_"):
        raise MinutesImportError(
            f"These minutes are for meeting {identifier}, not for {committee.code}; choose the right committee."
        )
    warnings = list(parsed.warnings)
    heading = parsed.heading
    if number is not None and heading.number not in (None, number):
        warnings.append(f"The minutes say meeting {heading.number}; imported as meeting {number}.")
    if day is not None and heading.date not in (None, day):
        warnings.append(f"The minutes say {_long(heading.date)}; imported as {_long(day)}.")
    number = _meeting_number(parsed, committee, number)
    day, month_only = _meeting_date(session, parsed, committee, number, day, warnings)
    meeting = session.scalar(
        select(Meeting).where(Meeting.committee_id == committee.id, Meeting.number == number)
    )
    existed = meeting is not None
    if meeting is None:
        meeting = meetings.create_meeting(
            session,
            committee,
            day,
            number=number,
            venue=parsed.heading.venue,
            from_template=False,
            month_only=month_only,
        )
    else:
        _clear(session, meeting)
        meeting.date = day
        meeting.month_only = month_only
        meeting.venue = parsed.heading.venue or meeting.venue
    report = ImportReport(meeting=meeting.identifier, meeting_existed=existed, warnings=warnings)
    for other in committee.meetings:
        if other is not meeting and (other.number < number) != (other.date < day):
            warnings.append(
                f"Meeting {number} is dated {_long(day, month_only)}, {'before' if day < other.date else 'after'} "
                f"meeting {other.number} ({_long(other.date, other.month_only)}); check the number and the date."
            )
    meeting.status = MeetingStatus.HELD
    session.flush()
    _items(session, meeting, parsed, report)
    _attendance(session, meeting, parsed.attendees, report)
    _reviews(session, meeting, parsed, report)
    _previous_minutes(session, meeting, parsed)
    session.flush()
    # Last: the imported minutes are a record, final and locked.
    meeting.status = MeetingStatus.FINAL
    meeting.locked = True
    session.flush()
    return report


def _clear(session: Session, meeting: Meeting) -> None:
    """An existing meeting is replaced by the import (re-importing duplicates nothing)."""
    if meeting.locked:
        meetings.reopen(session, meeting)
    # Deleted directly: agenda.remove_item (collection removal plus delete) fails to flush.
    for row in [*meeting.items, *meeting.attendance]:
        session.delete(row)
    session.flush()
    session.expire(meeting, ["items", "attendance"])


def _stated_level(parsed: ParsedMinutes) -> Classification:
    return Classification.parse(parsed.heading.classification or "white")


def _items(session: Session, meeting: Meeting, parsed: ParsedMinutes, report: ImportReport) -> None:
    # Confidential (Amber) minutes do not say which items are confidential: all of it is
    # recorded at the document's level, which is safe; the secretary lowers items afterwards.
    stated = _stated_level(parsed)
    if stated is not Classification.WHITE:
        report.warnings.append(
            f"The minutes are classified {stated.label}: every item was recorded at {stated.label}; "
            "lower the items that are public."
        )
    for parsed_item in parsed.items:
        level = Classification.AMBER if parsed_item.confidential else Classification.WHITE
        if level.rank < stated.rank:
            level = stated
        layout = _Layout(parsed_item)
        item = agenda.add_item(
            session,
            meeting,
            parsed_item.title,
            section=Section(parsed_item.section),
            kind=ItemKind(parsed_item.kind),
            classification=level,
            public_title=parsed_item.title if parsed_item.confidential else None,
            minutes=layout.typed if parsed_item.blocks else parsed_item.minutes,
            post_meeting_note=parsed_item.post_meeting_note,
        )
        report.items += 1
        made: dict[int, Decision | Action] = {}  # id() of what the parser found -> its row
        for decision in parsed_item.decisions:
            try:
                made[id(decision)] = decisions.add(session, item, decision.verb, decision.text, level)
                report.decisions += 1
            except SecDeskError as error:
                report.warnings.append(f"Item {parsed_item.number}: decision skipped: {error}")
        for parsed_action in parsed_item.actions:
            action = _raised_action(
                session,
                meeting,
                item,
                parsed_action.reference,
                parsed_action.owner,
                parsed_action.text,
                parsed_action.due,
                level,
                report,
            )
            if action is not None:
                made[id(parsed_action)] = action
        layout.write(session, item, made, level, report)


# A unit of an item's order: the place of its typed text, of a decision, an action or the
# note, or a block of its own (kind and content).
_Unit = tuple[BlockKind, Decision | Action | str | None]


class _Layout:
    """An item's minutes in the order the file gives them, as SecDesk holds them.

    Plain paragraphs and bulleted lists at the start (for item 1: those right before its
    Actions Outstanding table, which prints after the typed text) are the item's typed
    text, as if typed; every other paragraph, heading, list and table becomes a block of
    its own, and decisions, actions and the post-meeting note take their places among
    them. An item in the order SecDesk prints an item never arranged is left unarranged.
    """

    def __init__(self, parsed: ParsedItem) -> None:
        self.parsed = parsed
        blocks = parsed.blocks
        anchor = next((i for i, b in enumerate(blocks) if b.kind == "outstanding"), None)
        if anchor is None:
            start, end = 0, 0
            while end < len(blocks) and _typed_text(blocks[end]) is not None:
                end += 1
            after = end
        else:
            start = anchor
            while start > 0 and _typed_text(blocks[start - 1]) is not None:
                start -= 1
            end, after = anchor, anchor + 1
        self.before = blocks[:start]
        self.typed = "\n\n".join(_typed_text(b) or "" for b in blocks[start:end])
        self.after = blocks[after:]

    def write(
        self,
        session: Session,
        item: AgendaItem,
        made: dict[int, Decision | Action],
        level: Classification,
        report: ImportReport,
    ) -> None:
        if not self.parsed.blocks:
            return
        wanted = [*self._units(self.before, made), (BlockKind.TEXT, None), *self._units(self.after, made)]
        session.flush()  # an action already known has just moved to this item
        if not any(kind in minute_blocks.ADDED_KINDS for kind, _value in wanted):
            places = list(wanted)
            if (BlockKind.NOTE, None) not in places:
                places.append((BlockKind.NOTE, None))
            # The order an item never arranged prints in, as minute_blocks gives it.
            usual = [(place.kind, place.decision or place.action) for place in minute_blocks.sequence_unarranged(item)]
            if places == usual:
                return
        self._arrange(session, item, wanted, level, report)

    def _units(self, blocks: list[ParsedBlock], made: dict[int, Decision | Action]) -> list[_Unit]:
        units: list[_Unit] = []
        for block in blocks:
            if block.kind in ("decision", "action"):
                row = made.get(id(block.element))
                if row is not None:  # left out of the import, or skipped: its place goes too
                    units.append((BlockKind(block.kind), row))
            elif block.kind == "note":
                if self.parsed.post_meeting_note:
                    units.append((BlockKind.NOTE, None))
            elif block.kind != "outstanding":
                units.append((BlockKind(block.kind), block.content))
        return units

    def _arrange(
        self,
        session: Session,
        item: AgendaItem,
        wanted: list[_Unit],
        level: Classification,
        report: ImportReport,
    ) -> None:
        """Block rows in the order wanted, written through minute_blocks."""
        minute_blocks.block_at(session, item, 1)  # arranges the item: every place has a row
        position = 1
        for kind, value in wanted:
            if kind in minute_blocks.ADDED_KINDS:
                assert isinstance(value, str), "a block of its own has its content"
                try:
                    minute_blocks.add_block(session, item, kind, value, classification=level, at=position)
                except SecDeskError as error:
                    report.warnings.append(f"Item {self.parsed.number}: a {kind.value} was left out: {error}")
                    continue
            else:
                ordered = sorted(item.blocks, key=lambda b: b.position)
                current = next(
                    i for i, b in enumerate(ordered, start=1)
                    if b.kind is kind and (b.decision or b.action) is value
                )
                if current != position:
                    minute_blocks.move_block(session, item, current, position)
            position += 1


def _typed_text(block: ParsedBlock) -> str | None:
    """How the item's typed text holds a plain paragraph or bulleted list; None when it cannot."""
    if block.kind == "paragraph":
        entries = [block.content]
        kind = BlockKind.PARAGRAPH
    elif block.kind == "bullets":
        entries = block.content.splitlines()
        kind = BlockKind.BULLETS
    else:
        return None
    plain = []
    for entry in entries:
        pieces = minute_blocks.inline(entry)
        if any(bold or italic or link for _text, bold, italic, link in pieces):
            return None
        plain.append("".join(text for text, *_marks in pieces))
    typed = plain[0] if kind is BlockKind.PARAGRAPH else "\n".join(f"\u2022 {entry}" for entry in plain)
    # Typed text reads back as minute_blocks reads it: the same kind, the same words.
    if minute_blocks.typed_pieces(typed) != [(kind, plain)]:
        return None
    return typed


def _own_reference(committee: Committee, reference: str, report: ImportReport) -> bool:
    try:
        actions.parse_reference(reference)
    except SecDeskError as error:
        report.warnings.append(str(error))
        return False
    if actions.own_numbers(reference, committee.file_code) is None:  # SEC216/02 is SEC2's, not SEC's
        report.warnings.append(f"{reference} is not a {committee.code} action; skipped.")
        return False
    return True


def _raised_action(
    session: Session,
    meeting: Meeting,
    item: AgendaItem,
    reference: str,
    owner: str,
    text: str,
    due: date | None,
    level: Classification,
    report: ImportReport,
) -> Action | None:
    """The action raised at the meeting (created, or the one already known), or None when skipped."""
    if not _own_reference(meeting.committee, reference, report):
        return None
    existing = session.scalar(select(Action).where(Action.reference == reference))
    if existing is None:
        raised = actions.raise_action(
            session,
            meeting,
            text,
            owner=owner,
            item=item,
            due=due,
            classification=level,
            reference=reference,
        )
        report.actions_created.append(reference)
        return raised
    if existing.meeting is not None and existing.meeting is not meeting and existing.meeting.locked:
        report.warnings.append(
            f"{reference} is already recorded at {existing.meeting.identifier} (final); left as it is."
        )
        return None
    # Known already: from a re-import, or from a later meeting's outstanding table imported first.
    existing.meeting = meeting
    existing.item = item
    existing.owner = owner or existing.owner
    existing.text = text
    existing.due_date = due or existing.due_date
    existing.classification = level
    report.actions_updated.append(reference)
    return existing


def _attendance(
    session: Session, meeting: Meeting, attendees: list[ParsedAttendee], report: ImportReport
) -> None:
    secretariat = committees.organisation(session, meeting.committee.secretariat or "SECAS")
    for parsed in attendees:
        capacity = Capacity(parsed.capacity)
        organisation = None
        if capacity in (Capacity.SECRETARIAT, Capacity.MEETING_SECRETARY):
            organisation = secretariat
        elif parsed.representing:
            organisation = committees.organisation(session, parsed.representing)
        person = committees.person(session, parsed.name, organisation)
        if any(
            row.person_id == person.id and row.capacity is capacity for row in meeting.attendance
        ):
            report.warnings.append(f"{parsed.name} is listed twice as {capacity.value}; kept once.")
            continue
        status = AttendanceStatus(parsed.status)
        alternate_for = (
            committees.person(session, parsed.alternate_for) if parsed.alternate_for else None
        )
        try:
            row = attendance.add_attendee(
                session,
                meeting,
                person,
                capacity,
                status,
                seat_category=parsed.seat_category,
                alternate_for=alternate_for,
                representing=organisation if capacity is Capacity.PARTICIPANT else None,
                is_chair=parsed.is_chair,
            )
        except SecDeskError:
            # Old minutes often omit whom an alternate stands in for; keep the row as written.
            row = Attendance(
                meeting=meeting,
                person=person,
                capacity=capacity,
                status=status,
                seat_category=parsed.seat_category,
                is_chair=parsed.is_chair,
                position=len(meeting.attendance),
            )
            session.add(row)
        row.part = parsed.part
        report.attendees += 1
    session.flush()


def _reviewed_action(
    session: Session,
    meeting: Meeting,
    reference: str,
    action_text: str,
    level: Classification,
    report: ImportReport,
) -> Action | None:
    """The action a row of the outstanding table reviews, created when the database lacks it."""
    committee = meeting.committee
    existing = session.scalar(select(Action).where(Action.reference == reference))
    if existing is not None:
        if existing.meeting is not None and existing.meeting.date >= meeting.date:
            report.warnings.append(
                f"{reference} was raised at {existing.meeting.identifier}, not before this meeting; "
                "its update was skipped."
            )
            return None
        return existing
    _code, raised_number, _sequence = actions.parse_reference(reference)
    raised_at = session.scalar(
        select(Meeting).where(Meeting.committee_id == committee.id, Meeting.number == raised_number)
    )
    if raised_at is not None and (raised_at.date >= meeting.date or raised_at.locked):
        raised_at = None  # cannot add to a later or final meeting; the reference still says where it came from
    text = action_text  # may be "": a table that gives no action text (the reference says where it came from)
    action = Action(
        reference=actions.validate_legacy_reference(session, committee, reference),
        committee=committee,
        meeting=raised_at,
        owner=action_owner(action_text),
        text=text,
        status=ActionStatus.ONGOING,
        classification=level,
    )
    session.add(action)
    session.flush()
    report.actions_created.append(reference)
    return action


def _reviews(session: Session, meeting: Meeting, parsed: ParsedMinutes, report: ImportReport) -> None:
    for position, review in enumerate(parsed.reviews, start=1):
        reviewed = []
        for reference in review.references:
            if not _own_reference(meeting.committee, reference, report):
                continue
            action = _reviewed_action(session, meeting, reference, review.action_text, _stated_level(parsed), report)
            if action is not None and action not in reviewed:
                reviewed.append(action)
        if not reviewed:
            continue
        status = {"closed": ActionStatus.CLOSED, "ongoing": ActionStatus.ONGOING}.get(review.status)
        actions.record_update(session, reviewed, meeting, review.update, status, position=position)
        for action in reviewed:
            _settle_status(action)
            report.reviews_recorded.append(action.reference)
            if status is ActionStatus.CLOSED:
                report.actions_closed.append(action.reference)


def _settle_status(action: Action) -> None:
    """The status is the latest review's, whatever order the meetings were imported in."""
    stated = [u for u in action.updates if u.status_after is not None]
    if not stated:
        return  # no review said: the status it was created with
    latest = max(stated, key=lambda u: u.meeting.date)
    status = latest.status_after
    assert status is not None
    action.status = status
    action.closed_at_meeting = latest.meeting if status is ActionStatus.CLOSED else None


def _previous_minutes(session: Session, meeting: Meeting, parsed: ParsedMinutes) -> None:
    note = parsed.previous_minutes_note
    if not note:
        return
    meeting.previous_minutes_note = note
    previous = meetings.previous_meeting(session, meeting)
    agreed_here = re.search(r"\bagreed\b", note, re.IGNORECASE) and not re.search(r"ex-committee", note, re.IGNORECASE)
    if previous is None or not agreed_here or previous.approved_at_meeting_id or previous.approved_ex_committee:
        return
    if previous.locked:
        previous.approved_at_meeting = meeting  # a lifecycle field: allowed on final minutes
    elif previous.status is not MeetingStatus.PLANNED:
        meetings.agree_final(session, previous, meeting)
