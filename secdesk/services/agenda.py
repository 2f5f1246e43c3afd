"""Agenda items and their papers: adding, editing, moving and removing them."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from secdesk.errors import DuplicateError, NotFoundError, ValidationError
from secdesk.model import (
    AgendaItem,
    Classification,
    ItemKind,
    Meeting,
    Paper,
    PaperFile,
    Purpose,
    Section,
)
from secdesk.services.properties import Property
from secdesk.services.rows import Snapshot, delete_with_snapshot, fetch, restore

SECTION_ORDER = {Section.MAIN: 0, Section.AOB: 1, Section.INFORMATION: 2}


def renumber(meeting: Meeting) -> None:
    """Numbers follow the order: main items, then Any Other Business, then Items for Information."""
    ordered = sorted(meeting.items, key=lambda i: (SECTION_ORDER[i.section], i.position))
    for index, item in enumerate(ordered, start=1):
        item.position = index
        item.number = index


def add_item(
    session: Session,
    meeting: Meeting,
    title: str,
    *,
    section: Section = Section.MAIN,
    purpose: Purpose = Purpose.INFORMATION,
    kind: ItemKind = ItemKind.NORMAL,
    presenter: str | None = None,
    planned_minutes: int | None = None,
    classification: Classification = Classification.WHITE,
    public_title: str | None = None,
    public_summary: str | None = None,
    minutes: str = "",
    post_meeting_note: str | None = None,
    position: int | None = None,
) -> AgendaItem:
    check_title(title)
    check_planned_minutes(planned_minutes)
    if position is None:
        # Appended: renumber() then files it at the end of its own section.
        position = max((i.position for i in meeting.items), default=0) + 1
    else:
        for other in meeting.items:
            if other.position >= position:
                other.position += 1
    item = AgendaItem(
        meeting=meeting,
        number=0,
        position=position,
        title=title.strip(),
        public_title=public_title,
        public_summary=_optional(public_summary),
        section=section,
        kind=kind,
        purpose=purpose,
        presenter=presenter,
        planned_minutes=planned_minutes,
        classification=classification,
        minutes=minutes,
        post_meeting_note=post_meeting_note,
    )
    session.add(item)
    renumber(meeting)
    session.flush()
    return item


def check_title(title: str) -> None:
    if not title.strip():
        raise ValidationError("An agenda item needs a title.")


def check_planned_minutes(planned_minutes: int | None) -> None:
    if planned_minutes is not None and not 0 <= planned_minutes <= 24 * 60:
        raise ValidationError(f"Planned minutes {planned_minutes} is not a sensible duration.")


def item_by_number(meeting: Meeting, number: int) -> AgendaItem:
    """The meeting's item of that number, as the agenda shows it."""
    for item in meeting.items:
        if item.number == number:
            return item
    numbers = f"its items are numbered 1 to {len(meeting.items)}" if meeting.items else "it has no items yet"
    raise NotFoundError(f"{meeting.identifier} has no item {number}; {numbers}.")


# --- an item's fields, one typed function each. Titles, minutes and notes keep the text as
# given (the window saves as the user types, spaces included); presenter, public title and
# post-meeting note are cleared when blank. ---


def _optional(text: str | None) -> str | None:
    return (text or "").strip() or None


def set_title(session: Session, item: AgendaItem, title: str) -> None:
    check_title(title)
    item.title = title
    session.flush()


def set_public_title(session: Session, item: AgendaItem, public_title: str | None) -> None:
    item.public_title = _optional(public_title)
    session.flush()


def set_public_summary(session: Session, item: AgendaItem, summary: str | None) -> None:
    """What White minutes say of the item when it is confidential: written to be public."""
    item.public_summary = _optional(summary)
    session.flush()


def set_section(session: Session, item: AgendaItem, section: Section) -> None:
    item.section = section
    renumber(item.meeting)
    session.flush()


def set_purpose(session: Session, item: AgendaItem, purpose: Purpose) -> None:
    item.purpose = purpose
    session.flush()


def set_presenter(session: Session, item: AgendaItem, presenter: str | None) -> None:
    item.presenter = _optional(presenter)
    session.flush()


def set_planned_minutes(session: Session, item: AgendaItem, planned_minutes: int | None) -> None:
    check_planned_minutes(planned_minutes)
    item.planned_minutes = planned_minutes
    session.flush()


def set_classification(session: Session, item: AgendaItem, classification: Classification) -> None:
    item.classification = classification
    session.flush()


def set_minutes(session: Session, item: AgendaItem, minutes: str) -> None:
    item.minutes = minutes
    session.flush()


def set_post_meeting_note(session: Session, item: AgendaItem, note: str | None) -> None:
    item.post_meeting_note = _optional(note)
    session.flush()


def place_item(session: Session, item: AgendaItem, new_position: int) -> None:
    """Move to a 1-based place in the whole agenda; an item put among another section's items
    joins that section (as when dragged there), and numbers follow."""
    others = sorted((i for i in item.meeting.items if i is not item), key=lambda i: i.position)
    new_position = max(1, min(new_position, len(others) + 1))
    before = others[new_position - 2] if new_position > 1 else None
    after = others[new_position - 1] if new_position <= len(others) else None
    if before is not None and after is not None and before.section is after.section:
        item.section = before.section
    elif before is None and after is not None:
        item.section = after.section
    elif after is None and before is not None:
        item.section = before.section
    move_item(session, item, new_position)


def move_item(session: Session, item: AgendaItem, new_position: int) -> None:
    """Move an item to a 1-based place in the agenda; numbers follow."""
    meeting = item.meeting
    ordered = [i for i in meeting.items if i is not item]
    ordered.sort(key=lambda i: i.position)
    new_position = max(1, min(new_position, len(ordered) + 1))
    ordered.insert(new_position - 1, item)
    for index, each in enumerate(ordered, start=1):
        each.position = index
    renumber(meeting)
    session.flush()


def remove_item(session: Session, item: AgendaItem) -> Snapshot:
    """Remove an item with its papers, decisions and minutes; numbers close up. Undo puts it back in its place."""
    meeting = item.meeting
    snapshot = delete_with_snapshot(session, item)
    snapshot.put_back = _put_item_back
    renumber(meeting)
    session.flush()
    return snapshot


def _put_item_back(session: Session, snapshot: Snapshot) -> None:
    _cls, values = snapshot.rows[0]
    meeting = fetch(session, Meeting, values["meeting_id"])
    for other in meeting.items:  # make room at the item's old place
        if other.position >= values["position"]:
            other.position += 1
    session.flush()
    restore(session, snapshot)
    renumber(fetch(session, Meeting, values["meeting_id"]))
    session.flush()


def place_of(item: AgendaItem) -> tuple[int, Section]:
    """The item's 1-based place in the whole agenda and its section, to put it back after a move."""
    ordered = sorted(item.meeting.items, key=lambda i: i.position)
    return ordered.index(item) + 1, item.section


def put_item(session: Session, item: AgendaItem, place: tuple[int, Section]) -> None:
    """Undo of a move: the exact place and section the item had."""
    item.section = place[1]
    move_item(session, item, place[0])


def paper_reference(meeting: Meeting, sequence: int) -> str:
    """The house format: `TABASC_46_1909_20`."""
    return f"{meeting.identifier}_{sequence:02d}"


def next_paper_reference(session: Session, meeting: Meeting) -> str:
    taken = set(session.scalars(select(Paper.reference)))
    sequence = 1
    while paper_reference(meeting, sequence) in taken:
        sequence += 1
    return paper_reference(meeting, sequence)


def add_paper(
    session: Session,
    item: AgendaItem,
    title: str,
    *,
    reference: str | None = None,
    purpose: Purpose = Purpose.INFORMATION,
    classification: Classification = Classification.WHITE,
) -> Paper:
    if not title.strip():
        raise ValidationError("A paper needs a title.")
    reference = (reference or "").strip() or next_paper_reference(session, item.meeting)
    if session.scalar(select(Paper).where(Paper.reference == reference)):
        raise DuplicateError(f"Paper reference {reference} is already used.")
    paper = Paper(
        item=item,
        reference=reference,
        title=title.strip(),
        purpose=purpose,
        classification=classification,
        position=len(item.papers),
    )
    session.add(paper)
    session.flush()
    return paper


def remove_paper(session: Session, paper: Paper) -> Snapshot:
    return delete_with_snapshot(session, paper)


def add_paper_file(
    session: Session,
    paper: Paper,
    label: str,
    filename: str,
    classification: Classification = Classification.WHITE,
    *,
    sha256: str | None = None,
    size: int | None = None,
    media_type: str | None = None,
) -> PaperFile:
    attached = PaperFile(
        paper=paper,
        label=label,
        filename=filename,
        classification=classification,
        sha256=sha256,
        size=size,
        media_type=media_type,
        position=len(paper.files),
    )
    session.add(attached)
    session.flush()
    return attached


# --- what the window edits field by field ---

TITLE: Property[AgendaItem, str] = Property(AgendaItem, "title", lambda i: i.title, set_title)
PUBLIC_TITLE: Property[AgendaItem, str | None] = Property(
    AgendaItem, "public title", lambda i: i.public_title, set_public_title
)
PUBLIC_SUMMARY: Property[AgendaItem, str | None] = Property(
    AgendaItem, "public summary", lambda i: i.public_summary, set_public_summary
)
SECTION: Property[AgendaItem, Section] = Property(AgendaItem, "section", lambda i: i.section, set_section)
PURPOSE: Property[AgendaItem, Purpose] = Property(AgendaItem, "purpose", lambda i: i.purpose, set_purpose)
PRESENTER: Property[AgendaItem, str | None] = Property(AgendaItem, "presenter", lambda i: i.presenter, set_presenter)
PLANNED_MINUTES: Property[AgendaItem, int | None] = Property(
    AgendaItem, "planned minutes", lambda i: i.planned_minutes, set_planned_minutes
)
CLASSIFICATION: Property[AgendaItem, Classification] = Property(
    AgendaItem, "item classification", lambda i: i.classification, set_classification
)
MINUTES: Property[AgendaItem, str] = Property(AgendaItem, "minutes", lambda i: i.minutes, set_minutes)
POST_MEETING_NOTE: Property[AgendaItem, str | None] = Property(
    AgendaItem, "post meeting note", lambda i: i.post_meeting_note, set_post_meeting_note
)
