"""The agenda of a meeting as a neutral document at one classification level."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from sqlalchemy.orm import Session

from secdesk.documents.common import clock, file_stem, marking_for, refuse_locked, title_block
from secdesk.documents.minutes import load_meeting_tree, visible_title
from secdesk.documents.model import (
    CLOSING,
    Block,
    Cell,
    Document,
    Heading,
    Paragraph,
    Run,
    Table,
    plain,
)
from secdesk.model import AgendaItem, Classification, Meeting, Section, visible_at

HEADERS = ("No.", "Item", "Purpose", "Lead", "Papers", "Time")
WIDTHS = (0.6, 3.0, 1.1, 1.1, 2.0, 0.9)


def build_agenda(session: Session, meeting: Meeting, level: Classification) -> Document:
    """Build inside a read session; the result holds no database objects."""
    load_meeting_tree(session, meeting)
    items = sorted(meeting.items, key=lambda i: i.position)
    starts = _start_times(meeting.start_time, items)
    blocks: list[Block] = [*title_block(meeting, "Agenda")]
    main = [i for i in items if i.section is not Section.INFORMATION]
    information = [i for i in items if i.section is Section.INFORMATION]
    blocks.append(Table(HEADERS, tuple(_row(i, level, starts.get(i.id)) for i in main), WIDTHS))
    if meeting.end_time:
        blocks.append(Paragraph(plain(f"Meeting close: {clock(meeting.end_time)}"), CLOSING))
    if information:
        blocks.append(Heading("Items for Information"))
        blocks.append(Table(HEADERS, tuple(_row(i, level, None) for i in information), WIDTHS))
    refuse_locked(session, level, f"agenda of {meeting.identifier}")
    committee = meeting.committee
    return Document(
        kind="agenda",
        title=f"{committee.code} Meeting {meeting.number} Agenda",
        subject=f"{committee.name}: agenda of meeting {meeting.identifier}",
        author=committee.secretariat,
        identifier=meeting.identifier,
        marking=marking_for(level),
        file_stem=file_stem(meeting.identifier, "Agenda", level),
        blocks=tuple(blocks),
    )


def _start_times(start: time | None, items: list[AgendaItem]) -> dict[int, time]:
    """Each discussed item's planned start, from the meeting start and the planned durations."""
    if start is None:
        return {}
    moment = datetime.combine(datetime.min.date(), start)
    starts = {}
    for item in items:
        if item.section is Section.INFORMATION:
            continue
        starts[item.id] = moment.time()
        moment += timedelta(minutes=item.planned_minutes or 0)
    return starts


def _row(item: AgendaItem, level: Classification, start: time | None) -> tuple[Cell, ...]:
    shown = visible_at(item, level)
    title_lines = [(Run(visible_title(item, level), bold=True),)]
    if not shown:
        title_lines.append((Run("Confidential item", italic=True),))
    elif item.classification is not Classification.WHITE:
        title_lines.append((Run(f"Classified {item.classification.label}", italic=True),))
    timing = [clock(start)] if start else []
    if item.planned_minutes and item.section is not Section.INFORMATION:
        timing.append(f"({item.planned_minutes} min)")
    return (
        Cell.of(f"{item.number}."),
        Cell(tuple(title_lines)),
        Cell.of(item.purpose.label),
        Cell.of(item.presenter or "" if shown else ""),
        Cell(tuple(_paper_lines(item, level))) if shown else Cell.of(""),
        Cell.of(*timing) if timing else Cell.of(""),
    )


def _paper_lines(item: AgendaItem, level: Classification) -> list[tuple[Run, ...]]:
    lines: list[tuple[Run, ...]] = []
    for paper in item.papers:
        if not visible_at(paper, level):
            continue
        lines.append((Run(paper.reference, bold=True),))
        lines.append(plain(paper.title))
        for attached in paper.files:
            if attached.label != "Paper" and visible_at(attached, level):
                mark = "" if attached.classification is Classification.WHITE else f" ({attached.classification.label})"
                lines.append((Run(f"{attached.label}{mark}", italic=True),))
    return lines or [plain("Verbal" if item.section is not Section.INFORMATION else "")]
