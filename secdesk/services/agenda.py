"""Agenda items, papers and decisions."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from secdesk.errors import DuplicateError, NotFoundError, ValidationError
from secdesk.model import (
    AgendaItem,
    Classification,
    Decision,
    DecisionVerb,
    ItemKind,
    Meeting,
    Paper,
    PaperFile,
    Purpose,
    Section,
)

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


def remove_item(session: Session, item: AgendaItem) -> None:
    meeting = item.meeting
    # Removing it from its meeting is enough: the delete-orphan cascade deletes it.
    meeting.items.remove(item)
    renumber(meeting)
    session.flush()


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
    reference = (reference or next_paper_reference(session, item.meeting)).strip()
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


def parse_verb(verb: DecisionVerb | str) -> DecisionVerb:
    """A decision verb, typed or as written (any case): NOTED, AGREED, ..."""
    if isinstance(verb, DecisionVerb):
        return verb
    try:
        return DecisionVerb(verb.strip().upper())
    except ValueError:
        verbs = ", ".join(v.value for v in DecisionVerb)
        raise ValidationError(f"Unknown decision verb {verb!r}; use one of {verbs}.") from None


def check_decision_text(text: str) -> None:
    if not text.strip():
        raise ValidationError("A decision needs its words, e.g. 'the contents of the paper'; to drop one, remove it.")


def add_decision(
    session: Session,
    item: AgendaItem,
    verb: DecisionVerb | str,
    text: str,
    classification: Classification = Classification.WHITE,
) -> Decision:
    verb = parse_verb(verb)
    check_decision_text(text)
    decision = Decision(
        item=item, verb=verb, text=text.strip(), classification=classification, position=len(item.decisions)
    )
    session.add(decision)
    session.flush()
    return decision


def set_decision_verb(session: Session, decision: Decision, verb: DecisionVerb | str) -> None:
    decision.verb = parse_verb(verb)
    session.flush()


def set_decision_text(session: Session, decision: Decision, text: str) -> None:
    check_decision_text(text)
    decision.text = text
    session.flush()


def set_decision_classification(session: Session, decision: Decision, classification: Classification) -> None:
    decision.classification = classification
    session.flush()
