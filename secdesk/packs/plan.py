"""What goes into a pack, decided in one read session: the documents, and the papers in agenda order.

The level filter is applied here, before anything is rendered: a paper or file
above the level becomes a `Withheld` entry that carries no title or label.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from secdesk import glossary
from secdesk.documents.agenda import build_agenda
from secdesk.documents.common import ordinal_date
from secdesk.documents.minutes import build_minutes, load_meeting_tree, visible_title
from secdesk.documents.model import Document
from secdesk.errors import ValidationError
from secdesk.model import AgendaItem, Classification, Meeting, MeetingStatus, Paper, effective_level
from secdesk.packs.actions import build_actions
from secdesk.packs.errors import PaperProblem
from secdesk.services.meetings import previous_meeting


class PackKind(str, enum.Enum):
    PRE = "pre"
    POST = "post"

    @property
    def label(self) -> str:
        return "Pre-meeting Pack" if self is PackKind.PRE else "Post-meeting Pack"

    @classmethod
    def parse(cls, text: str) -> PackKind:
        try:
            return cls(text.strip().lower())
        except ValueError:
            raise ValidationError(f"Unknown pack kind {text!r}; use pre or post.") from None


@dataclass(frozen=True)
class Section:
    """One SecDesk document of the pack (agenda, minutes, actions)."""

    title: str
    file_label: str  # its name in the pack's folder
    document: Document


@dataclass(frozen=True)
class FileEntry:
    label: str
    filename: str
    media_type: str
    sha256: str | None  # None: listed on the paper but never stored in SecDesk
    classification: Classification  # as it stands in the pack: its own, its paper's or its item's, the highest


@dataclass(frozen=True)
class PaperEntry:
    item_number: int
    item_title: str
    reference: str
    title: str
    purpose: str
    classification: Classification
    files: tuple[FileEntry, ...]
    withheld_files: tuple[Classification, ...]  # files above the level: only their level is kept


@dataclass(frozen=True)
class Withheld:
    """A paper above the level: its title never leaves the database."""

    item_number: int
    item_title: str
    reference: str
    classification: Classification


@dataclass(frozen=True)
class PackPlan:
    kind: PackKind
    level: Classification
    identifier: str
    committee_code: str
    committee_name: str
    meeting_number: int
    meeting_date: date
    venue: str | None
    secretariat: str
    sections: tuple[Section, ...]
    papers: tuple[PaperEntry | Withheld, ...]

    @property
    def title(self) -> str:
        return f"{self.committee_code} Meeting {self.meeting_number} {self.kind.label}"

    @property
    def when(self) -> str:
        return ordinal_date(self.meeting_date)

    @property
    def stem(self) -> str:
        return pack_stem(self.identifier, self.kind, self.level)


def pack_stem(identifier: str, kind: PackKind, level: Classification) -> str:
    """The pack's standard name: `TABASC_46_1910_Pre_Meeting_Pack_WHITE`."""
    return f"{identifier}_{kind.value.capitalize()}_Meeting_Pack_{level.value.upper()}"


def plan_pack(session: Session, meeting: Meeting, kind: PackKind, level: Classification) -> PackPlan:
    load_meeting_tree(session, meeting)
    code = meeting.committee.code
    if kind is PackKind.PRE:
        sections = [Section("Agenda", "Agenda", build_agenda(session, meeting, level))]
        previous = previous_meeting(session, meeting)
        if previous is not None:
            load_meeting_tree(session, previous)
            title = (f"Minutes of {code} Meeting {previous.number} (agreed as final)"
                     if previous.status is MeetingStatus.FINAL
                     else f"Draft Minutes of {code} Meeting {previous.number}, for approval")
            minutes = build_minutes(session, previous, level)
            sections.append(Section(title, f"{code}_{previous.number}_Minutes", minutes))
        sections.append(
            Section(glossary.ACTIONS_OUTSTANDING, "Actions_Outstanding",
                    build_actions(session, meeting, level, after=False))
        )
    else:
        label = "Final Minutes" if meeting.status is MeetingStatus.FINAL else "Draft Minutes"
        sections = [
            Section(label, f"{code}_{meeting.number}_{label}", build_minutes(session, meeting, level)),
            Section(glossary.ACTION_LOG_TITLE, glossary.ACTION_LOG_FILE,
                    build_actions(session, meeting, level, after=True)),
        ]
    items = sorted(meeting.items, key=lambda i: i.position)
    committee = meeting.committee
    return PackPlan(
        kind=kind,
        level=level,
        identifier=meeting.identifier,
        committee_code=committee.code,
        committee_name=committee.name,
        meeting_number=meeting.number,
        meeting_date=meeting.date,
        venue=meeting.venue,
        secretariat=committee.secretariat,
        sections=tuple(sections),
        papers=tuple(_entry(item, paper, level) for item in items for paper in item.papers),
    )


def _entry(item: AgendaItem, paper: Paper, level: Classification) -> PaperEntry | Withheld:
    if paper.classification is None:
        raise PaperProblem(paper.reference, "it has no classification; classify it before building a pack")
    paper_level = effective_level(paper)
    if not level.allows(paper_level):
        return Withheld(item.number, visible_title(item, level), paper.reference, paper_level)
    files, withheld = [], []
    for attached in paper.files:
        if attached.classification is None:
            raise PaperProblem(paper.reference, f"its file {attached.filename} has no classification")
        file_level = effective_level(attached)
        if level.allows(file_level):
            files.append(
                FileEntry(attached.label, attached.filename, attached.media_type or "", attached.sha256, file_level)
            )
        else:
            withheld.append(file_level)
    return PaperEntry(
        item_number=item.number,
        item_title=visible_title(item, level),
        reference=paper.reference,
        title=paper.title,
        purpose=paper.purpose.label,
        classification=paper_level,
        files=tuple(files),
        withheld_files=tuple(withheld),
    )
