"""Minutes of a meeting as a neutral document at one classification level.

Everything above the level is dropped here, before any writer sees it: a
confidential item keeps its number and public title and points to the
confidential minutes; a confidential decision or action in a public item is left out.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from secdesk.documents.common import (
    file_stem,
    marking_for,
    ordinal_date,
    refuse_locked,
    title_block,
)
from secdesk.documents.model import (
    ACTION,
    BODY,
    CLOSING,
    CONFIDENTIAL,
    DECISION,
    ITEM_MARKING,
    NOTE,
    Block,
    Bullets,
    Cell,
    Document,
    Heading,
    PageBreak,
    Paragraph,
    Run,
    Table,
    plain,
)
from secdesk.model import (
    Action,
    ActionStatus,
    AgendaItem,
    Attendance,
    AttendanceStatus,
    BlockKind,
    Capacity,
    Classification,
    Committee,
    Decision,
    ItemKind,
    Meeting,
    MeetingStatus,
    MinuteBlock,
    Paper,
    Section,
    visible_at,
)
from secdesk.services import minute_blocks, minutes_record
from secdesk.services.actions import outstanding_for, update_for
from secdesk.services.meetings import previous_meeting
from secdesk.services.minute_blocks import Place

CONFIDENTIAL_NOTICE = "Further details on this agenda item can be found in the confidential minutes."
CONFIDENTIAL_TITLE = "Confidential Item"
CLOSING_LINE = "With no further business raised, the Chair closed the meeting."
INFORMATION_HEADING = "Items for Information"

def load_meeting_tree(session: Session, meeting: Meeting) -> None:
    """Load items with their decisions, actions and papers in a few queries instead of one per item."""
    session.scalars(
        select(AgendaItem)
        .where(AgendaItem.meeting_id == meeting.id)
        .options(
            selectinload(AgendaItem.decisions),
            selectinload(AgendaItem.actions),
            selectinload(AgendaItem.blocks),
            selectinload(AgendaItem.papers).selectinload(Paper.files),
        )
    ).all()


def build_minutes(session: Session, meeting: Meeting, level: Classification) -> Document:
    """Build inside a read session; the result holds no database objects."""
    if (kept := minutes_record.kept_document(session, meeting, level)) is not None:
        return kept  # final minutes are what was agreed (services/minutes_record.py)
    load_meeting_tree(session, meeting)
    final = meeting.status is MeetingStatus.FINAL
    label = "Final Minutes" if final else "Draft Minutes"
    blocks: list[Block] = [*title_block(meeting, label)]
    blocks += _attendance(meeting)
    blocks += _items(session, meeting, level)
    refuse_locked(session, level, f"minutes of {meeting.identifier}")
    committee = meeting.committee
    return Document(
        kind="minutes",
        title=f"{committee.written_name} Meeting {meeting.number} {label}",
        subject=f"{committee.name}: {label.lower()} of meeting {meeting.identifier}",
        author=committee.secretariat,
        identifier=meeting.identifier,
        marking=marking_for(level),
        file_stem=file_stem(meeting.identifier, label, level),
        draft=not final,
        blocks=tuple(blocks),
    )


def visible_title(item: AgendaItem, level: Classification) -> str:
    if visible_at(item, level):
        return item.title
    return item.public_title or CONFIDENTIAL_TITLE


# --- attendance -------------------------------------------------------------


ATTENDANCE_NOT_RECORDED = "Attendance was not recorded."


def _attendance(meeting: Meeting) -> list[Block]:
    committee = meeting.committee
    seated = (Capacity.MEMBER, Capacity.ALTERNATE, Capacity.OBSERVER)
    present = [a for a in meeting.attendance if a.capacity in seated and a.status is AttendanceStatus.PRESENT]
    apologies = [a for a in meeting.attendance if a.capacity in seated and a.status is AttendanceStatus.APOLOGIES]
    others = _others_rows(meeting)
    if not (present or apologies or others):
        # An empty table would say nobody came; the truth is that nobody wrote it down.
        return [Heading("Attendees:", level=2), Paragraph(plain(ATTENDANCE_NOT_RECORDED))]
    members_header = ("Category", f"{committee.written_name} Members")
    blocks: list[Block] = [Heading("Attendees:", level=2)]
    if present:
        blocks.append(_seat_table(committee, present, members_header))
    if apologies:
        blocks += [Heading("Apologies:", level=2), _seat_table(committee, apologies, members_header)]
    if others:
        blocks.append(Table(("Representing", "Other Participants"), tuple(others), (1, 2), role="layout"))
    return blocks


def _seat_table(committee: Committee, rows: list[Attendance], headers: tuple[str, str]) -> Table:
    order = {category.name: index for index, category in enumerate(committee.seat_categories)}

    def category(row: Attendance) -> str:
        if row.is_chair and committee.chair_category:
            return committee.chair_category
        if row.seat_category:
            return row.seat_category
        return "Chair" if row.is_chair else "Observers" if row.capacity is Capacity.OBSERVER else "Members"

    grouped: dict[str, list[Attendance]] = defaultdict(list)
    for row in sorted(rows, key=lambda r: (not r.is_chair, order.get(category(r), len(order)), r.position)):
        grouped[category(row)].append(row)
    # A chair listed under a category of their own needs no "(Chair)" after the name.
    marked = committee.chair_category is None
    cells = [
        (Cell.of(name if index == 0 else ""), Cell.of(_attendee_name(row, mark_chair=marked)))
        for name, members in grouped.items()
        for index, row in enumerate(members)
    ]
    return Table(headers, tuple(cells), (1, 2), role="layout")


def _attendee_name(row: Attendance, *, mark_chair: bool = True) -> str:
    notes = []
    if row.is_chair and mark_chair:
        notes.append("Chair")
    if row.capacity is Capacity.ALTERNATE:
        notes.append(f"Alternate for {row.alternate_for.name}" if row.alternate_for else "Alternate")
    if row.capacity is Capacity.OBSERVER:
        notes.append("observer")
    if row.part:
        numbers = [item.number for item in row.items_attended]
        notes.append(f"part, {_item_span(numbers)}" if numbers else "part")
    return row.person.name + "".join(f" ({note})" for note in notes)


def _item_span(numbers: list[int]) -> str:
    """`items 3-7` or `items 1, 4`: the items a part attendee was there for."""
    numbers = sorted(numbers)
    if len(numbers) == 1:
        return f"item {numbers[0]}"
    if numbers == list(range(numbers[0], numbers[-1] + 1)):
        return f"items {numbers[0]}\u2013{numbers[-1]}"
    return "items " + ", ".join(map(str, numbers))


def _others_rows(meeting: Meeting) -> list[tuple[Cell, Cell]]:
    present = [a for a in meeting.attendance if a.status is AttendanceStatus.PRESENT]
    groups: dict[str, list[str]] = defaultdict(list)
    for row in present:
        if row.capacity is Capacity.PARTICIPANT:
            groups[row.representing.name if row.representing else "Other"].append(_attendee_name(row))
    for row in present:
        if row.capacity is Capacity.MEETING_SECRETARY:
            groups["Meeting Secretary"].append(row.person.name)
    for row in present:
        if row.capacity is Capacity.SECRETARIAT:
            groups[meeting.committee.secretariat].append(_attendee_name(row))
    return [
        (Cell.of(group if index == 0 else ""), Cell.of(name))
        for group, names in groups.items()
        for index, name in enumerate(names)
    ]


# --- items ------------------------------------------------------------------


def _items(session: Session, meeting: Meeting, level: Classification) -> list[Block]:
    blocks: list[Block] = []
    closed = information = False
    for item in sorted(meeting.items, key=lambda i: i.position):
        if item.section is Section.INFORMATION and not information:
            if not closed:
                blocks.append(Paragraph(plain(CLOSING_LINE), CLOSING))
                closed = True
            blocks.append(Heading(INFORMATION_HEADING, level=1))
            information = True
        printed = _item(session, meeting, item, level)
        blocks += printed
        if item.section is Section.AOB and visible_at(item, level):
            # The minute-taker may have written the closing line already, in the text or a block.
            closed = closed or any(
                isinstance(b, Paragraph) and "closed the meeting" in "".join(r.text for r in b.runs) for b in printed
            )
    if not closed:
        blocks.append(Paragraph(plain(CLOSING_LINE), CLOSING))
    return blocks


def _item(session: Session, meeting: Meeting, item: AgendaItem, level: Classification) -> list[Block]:
    blocks: list[Block] = [Heading(f"{item.number}. {visible_title(item, level)}")]
    if not visible_at(item, level):
        return blocks + [public_face(meeting.committee, item)]
    if item.classification is not Classification.WHITE:
        blocks.append(Paragraph(plain(f"This item is classified {item.classification.label}."), ITEM_MARKING))
    if item.kind is ItemKind.MINUTES_AND_ACTIONS:
        note = _previous_minutes_sentence(session, meeting)
        if note:
            blocks.append(Paragraph(plain(note)))
    voice = meeting.committee.voice
    decided: list[Decision] = []  # decisions next to each other print as one block
    for place in minute_blocks.sequence(item):
        if place.kind is BlockKind.DECISION and place.decision is not None:
            if visible_at(place.decision, level):
                decided.append(place.decision)
            continue
        if place.block is not None and not visible_at(place.block, level):
            continue  # a block above the level is left out, as an item above it is
        blocks += decision_blocks(voice, decided)
        decided = []
        blocks += _place(session, meeting, item, place, level)
    blocks += decision_blocks(voice, decided)
    return blocks


def _place(session: Session, meeting: Meeting, item: AgendaItem, place: Place, level: Classification) -> list[Block]:
    """What one place of the item's minutes prints (decisions are gathered by the caller)."""
    kind = place.kind
    if kind is BlockKind.TEXT:
        printed = text_blocks(item.minutes)
        if item.section is Section.INFORMATION and not item.minutes.strip():
            printed += [
                Paragraph(plain(f"{paper.title} ({paper.reference}) was circulated for information."))
                for paper in item.papers
                if visible_at(paper, level)
            ]
        if item.kind is ItemKind.MINUTES_AND_ACTIONS:
            printed += _outstanding(session, meeting, level, has_text=bool(item.minutes.strip()))
        return printed
    if kind is BlockKind.ACTION:
        action = place.action
        if action is None or action.meeting_id != meeting.id or not visible_at(action, level):
            return []
        return [action_paragraph(action.reference, action.text)]
    if kind is BlockKind.NOTE:
        if not (item.post_meeting_note and item.post_meeting_note.strip()):
            return []
        return [Paragraph((Run("Post Meeting Note: ", bold=True), Run(" ".join(item.post_meeting_note.split()))), NOTE)]
    assert place.block is not None, "a block of its own has a row"
    return own_block(place.block)


def own_block(block: MinuteBlock) -> list[Block]:
    """A paragraph, sub-heading, list, table or page break of the item's own."""
    content = block.content
    if block.kind is BlockKind.PAGE_BREAK:
        return [PageBreak()]
    if block.kind is BlockKind.HEADING:
        return [Heading(" ".join(content.split()), level=2)]
    if block.kind in (BlockKind.BULLETS, BlockKind.NUMBERED):
        entries = tuple(_runs(line) for line in content.splitlines() if line.strip())
        return [Bullets(entries, numbered=block.kind is BlockKind.NUMBERED)]
    if block.kind is BlockKind.TABLE:
        header, *rows = minute_blocks.table_rows(content)
        width = (1.0,) * len(header)
        return [Table(tuple(header), tuple(tuple(Cell.of(cell) for cell in row) for row in rows), width)]
    return [Paragraph(_runs(content), BODY)]


def _runs(text: str) -> tuple[Run, ...]:
    pieces = minute_blocks.inline(" ".join(text.split()))
    return tuple(Run(piece, bold=bold, italic=italic, link=link) for piece, bold, italic, link in pieces)


def public_face(committee: Committee, item: AgendaItem) -> Paragraph:
    """What minutes below an item's level say of it: its public summary, if it has one, then
    the committee's line pointing to the confidential minutes."""
    notice = committee.confidential_notice or CONFIDENTIAL_NOTICE
    if item.public_summary:
        return Paragraph(plain(f"{' '.join(item.public_summary.split())} {notice}"), BODY)
    return Paragraph(plain(notice), CONFIDENTIAL)


def text_blocks(text: str) -> list[Block]:
    """An item's typed minutes as printed: plain paragraphs and bulleted lists."""
    return [Bullets(tuple(plain(entry) for entry in lines)) if kind is BlockKind.BULLETS
            else Paragraph(plain(lines[0]), BODY)
            for kind, lines in minute_blocks.typed_pieces(text)]


def decision_blocks(voice: str, decisions: Iterable[Decision]) -> list[Block]:
    """One decision as a sentence; several as 'The Panel:' and a bulleted list joined with '; and'."""
    phrases = [f"{d.verb.value} {d.text.strip().rstrip('.;')}" for d in decisions]
    if not phrases:
        return []
    if len(phrases) == 1:
        return [Paragraph(plain(f"{voice} {phrases[0]}."), DECISION)]
    lines = [p + "; and" for p in phrases[:-1]] + [phrases[-1] + "."]
    return [Paragraph(plain(f"{voice}:"), DECISION), Bullets(tuple(plain(line) for line in lines), DECISION)]


def action_paragraph(reference: str, text: str) -> Paragraph:
    return Paragraph((Run(f"ACTION {reference}: ", bold=True), Run(" ".join(text.split()))), ACTION)


def _previous_minutes_sentence(session: Session, meeting: Meeting) -> str | None:
    if meeting.previous_minutes_note:
        return meeting.previous_minutes_note
    previous = previous_meeting(session, meeting)
    if previous is None:
        return None
    named = f"the {previous.date:%B %Y} {meeting.committee.written_name} meeting"
    if previous.approved_at_meeting_id == meeting.id:
        return f"The draft minutes of {named} were agreed as final."
    if previous.approved_ex_committee:
        if previous.approved_ex_committee_on is None:
            return f"The minutes of {named} were approved ex-committee."
        on = ordinal_date(previous.approved_ex_committee_on)
        return f"The minutes of {named} were approved ex-committee on {on}."
    return None


# --- actions outstanding ----------------------------------------------------


def _outstanding(session: Session, meeting: Meeting, level: Classification, has_text: bool) -> list[Block]:
    actions = [a for a in outstanding_for(session, meeting) if visible_at(a, level)]
    if not actions:
        return [] if has_text else [Paragraph(plain("There were no actions outstanding."))]
    groups: dict[str, list[Action]] = {}
    for action in actions:
        update = update_for(action, meeting)
        key = update.shared_group if update and update.shared_group else action.reference
        groups.setdefault(key, []).append(action)
    rows = [_outstanding_row(group, meeting) for group in groups.values()]
    if not any(action.text.strip() for action in actions):
        # Actions from before SecDesk known only by reference: the table is reference and update.
        return [Table(("Action Reference", "Update"), tuple((row[0], row[2]) for row in rows), (1.1, 5.9))]
    return [Table(("Action Reference", "Action", "Update"), tuple(rows), (1.1, 2.4, 3.5))]


def _outstanding_row(group: list[Action], meeting: Meeting) -> tuple[Cell, Cell, Cell]:
    update = update_for(group[0], meeting)
    if len(group) == 1:
        action_cell = Cell.of(group[0].text)
    else:
        action_cell = Cell(tuple((Run(f"{a.reference}: ", bold=True), Run(a.text)) for a in group))
    status: ActionStatus | None
    if update is None:
        status = group[0].status
        update_lines = ["No update was recorded at this meeting."]
    else:
        status = update.status_after  # None: the table stated no status, and none is printed
        update_lines = [update.text] if update.text.strip() else []
    closing = () if status is None else (
        (Run("Action CLOSED." if status is ActionStatus.CLOSED else "Action ONGOING.", bold=True),),)
    update_cell = Cell(tuple(plain(t) for t in update_lines) + closing)
    return (Cell.of(shared_reference([a.reference for a in group])), action_cell, update_cell)


def shared_reference(references: list[str]) -> str:
    """`SECP20/04, 23/08 & 28/06`: later references drop the committee code the first one gives."""
    first, *rest = references
    code = re.match(r"^[A-Z]+", first)
    prefix = code.group(0) if code else ""
    short = [r[len(prefix) :] if prefix and r.startswith(prefix) else r for r in rest]
    if not short:
        return first
    return ", ".join([first, *short[:-1]]) + " & " + short[-1]
