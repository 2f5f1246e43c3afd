"""What the builders share: markings, the level filter, dates and the title block."""

from __future__ import annotations

from datetime import date, time

from sqlalchemy.orm import Session

from secdesk.documents.model import META, STATUS, SUBTITLE, TITLE, Marking, Paragraph, plain
from secdesk.model import Classification, Meeting
from secdesk.vocabulary import LEVEL_COLOURS


def marking_for(level: Classification) -> Marking:
    fill, ink = LEVEL_COLOURS[level]
    return Marking(
        level=level.label, text=f"This document has a Classification of {level.label}", fill=fill, ink=ink
    )


def refuse_locked(session: Session, level: Classification, what: str) -> None:
    """A document above White that would print the locked placeholder is refused instead."""
    from secdesk.security.fields import locked_rows
    from secdesk.security.keys import KeyUnavailableError

    if level is not Classification.WHITE and locked_rows(session, level):
        raise KeyUnavailableError(
            f"The {level.label} {what} includes confidential text that is locked on this computer "
            "(its key is not here), so it was not written. Export it at White, or unlock it first "
            "by importing the database's recovery file (secdesk key import FILE)."
        )


def ordinal_date(day: date) -> str:
    """`11th March 2016`, the house style."""
    suffix = "th" if 11 <= day.day % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day.day % 10, "th")
    return f"{day.day}{suffix} {day:%B %Y}"


def held_on(meeting: Meeting) -> str:
    """When a meeting was held as its record says: `11th March 2016`, or `March 2017` when only the month is known."""
    return f"{meeting.date:%B %Y}" if meeting.month_only else ordinal_date(meeting.date)


def clock(moment: time) -> str:
    return f"{moment:%H:%M}"


def file_stem(meeting_identifier: str, label: str, level: Classification) -> str:
    return f"{meeting_identifier}_{label.replace(' ', '_')}_{level.value.upper()}"


def title_block(meeting: Meeting, document_label: str) -> list[Paragraph]:
    """Committee, meeting number, identifier and date, venue, and what the document is."""
    committee = meeting.committee
    when = held_on(meeting)
    if meeting.start_time:
        when += f", {clock(meeting.start_time)}"
        if meeting.end_time:
            when += f" to {clock(meeting.end_time)}"
    block = [
        Paragraph(plain(committee.name), TITLE),
        Paragraph(plain(f"{committee.written_name} Meeting {meeting.number}"), SUBTITLE),
        Paragraph(plain(f"Meeting {meeting.identifier}, {when}"), META),
    ]
    if meeting.venue:
        block.append(Paragraph(plain(meeting.venue), META))
    block.append(Paragraph(plain(document_label), STATUS))
    return block
