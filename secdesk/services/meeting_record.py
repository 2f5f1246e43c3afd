"""What the window shows of one meeting: plain dataclasses, no ORM rows, levels as `Classification`.

`meeting_view` is the meeting page's picture (agenda, papers, attendance, actions
outstanding); `live_meeting` the live screen's (minutes, decisions and actions as
they are taken, and the review of actions outstanding). The window asks for one
after each change that concerns it, so it never holds live database objects.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time

from sqlalchemy.orm import Session

from secdesk.model import (
    Action,
    ActionStatus,
    AgendaItem,
    Attendance,
    AttendanceStatus,
    Capacity,
    Classification,
    Decision,
    DecisionVerb,
    ItemKind,
    Meeting,
    MeetingStatus,
    Purpose,
    Section,
    effective_level,
)
from secdesk.services import actions, attendance, meetings, minutes_text
from secdesk.services.rows import fetch


@dataclass(frozen=True)
class PaperView:
    id: int
    reference: str
    title: str
    purpose: Purpose
    classification: Classification


@dataclass(frozen=True)
class ItemView:
    id: int
    number: int
    position: int
    title: str
    public_title: str | None
    public_summary: str | None
    section: Section
    kind: ItemKind
    purpose: Purpose
    presenter: str | None
    planned_minutes: int | None
    classification: Classification
    minutes: str
    post_meeting_note: str | None
    papers: tuple[PaperView, ...]
    # The whole of the item's minutes in the block editor's form, and what its places show.
    minutes_text: str = ""
    place_labels: dict[str, str] = field(default_factory=dict)
    # Its decisions and the actions raised at it, as the live screen lists them (edited on the meeting page too).
    decisions: tuple[LiveDecision, ...] = ()
    actions: tuple[LiveAction, ...] = ()


@dataclass(frozen=True)
class AttendanceView:
    id: int
    person_id: int
    name: str
    organisation: str | None
    capacity: Capacity
    status: AttendanceStatus
    seat_category: str | None
    is_chair: bool
    alternate_for_id: int | None
    alternate_for: str | None
    representing: str | None
    part: bool
    item_ids: tuple[int, ...] = ()  # the items attended, when present for part
    part_note: str = ""  # "part, items 3-7", as the live screen says it


@dataclass(frozen=True)
class OutstandingAction:
    reference: str
    owner: str
    text: str
    due: actions.Due
    status: str
    update: str | None


@dataclass(frozen=True)
class MeetingView:
    id: int
    identifier: str
    committee_id: int
    committee_code: str
    committee_name: str
    voice: str
    number: int
    date: date
    start_time: time | None
    end_time: time | None
    venue: str | None
    status: MeetingStatus
    status_label: str
    locked: bool
    items: tuple[ItemView, ...]
    attendance: tuple[AttendanceView, ...]
    quorum_present: int
    quorum_required: int
    outstanding: tuple[OutstandingAction, ...]

    @property
    def planned_total(self) -> int:
        return sum(i.planned_minutes or 0 for i in self.items)

    def item(self, item_id: int) -> ItemView | None:
        return next((i for i in self.items if i.id == item_id), None)


def _paper_views(item: AgendaItem) -> tuple[PaperView, ...]:
    return tuple(PaperView(p.id, p.reference, p.title, p.purpose, effective_level(p)) for p in item.papers)


def _item_view(item: AgendaItem) -> ItemView:
    return ItemView(
        id=item.id,
        number=item.number,
        position=item.position,
        title=item.title,
        public_title=item.public_title,
        public_summary=item.public_summary,
        section=item.section,
        kind=item.kind,
        purpose=item.purpose,
        presenter=item.presenter,
        planned_minutes=item.planned_minutes,
        classification=item.classification,
        minutes=item.minutes,
        post_meeting_note=item.post_meeting_note,
        papers=_paper_views(item),
        minutes_text=minutes_text.render(item),
        place_labels=minutes_text.place_labels(item),
        decisions=_decision_views(item),
        actions=_action_views(item),
    )


def _decision_views(item: AgendaItem) -> tuple[LiveDecision, ...]:
    return tuple(LiveDecision(d.id, d.verb, d.text, d.classification) for d in item.decisions)


def _action_views(item: AgendaItem) -> tuple[LiveAction, ...]:
    """The actions raised at the item (not the earlier ones it reviews)."""
    return tuple(LiveAction(a.id, a.reference, a.owner, a.text, actions.due_of(a), a.classification)
                 for a in item.actions if a.meeting_id == item.meeting_id)


def _attendance_view(row: Attendance) -> AttendanceView:
    return AttendanceView(
        id=row.id,
        person_id=row.person_id,
        name=row.person.name,
        organisation=row.person.organisation.name if row.person.organisation else None,
        capacity=row.capacity,
        status=row.status,
        seat_category=row.seat_category,
        is_chair=row.is_chair,
        alternate_for_id=row.alternate_for_id,
        alternate_for=row.alternate_for.name if row.alternate_for else None,
        representing=row.representing.name if row.representing else None,
        part=row.part,
        item_ids=tuple(i.id for i in row.items_attended) if row.part else (),
        part_note=attendance.part_note([i.number for i in row.items_attended]) if row.part else "",
    )


def meeting_view(session: Session, meeting_id: int) -> MeetingView:
    meeting = fetch(session, Meeting, meeting_id)
    quorum = attendance.quorum(meeting)
    outstanding = tuple(
        OutstandingAction(
            reference=a.reference,
            owner=a.owner,
            text=a.text,
            due=actions.due_of(a),
            status=a.status,
            update=(u.text if (u := actions.update_for(a, meeting)) else None),
        )
        for a in actions.outstanding_for(session, meeting)
    )
    return MeetingView(
        id=meeting.id,
        identifier=meeting.identifier,
        committee_id=meeting.committee_id,
        committee_code=meeting.committee.code,
        committee_name=meeting.committee.name,
        voice=meeting.committee.voice,
        number=meeting.number,
        date=meeting.date,
        start_time=meeting.start_time,
        end_time=meeting.end_time,
        venue=meeting.venue,
        status=meeting.status,
        status_label=meeting.status.label,
        locked=meeting.locked,
        items=tuple(_item_view(i) for i in meeting.items),
        attendance=tuple(_attendance_view(a) for a in meeting.attendance),
        quorum_present=quorum.present,
        quorum_required=quorum.required,
        outstanding=outstanding,
    )



# --- the live screen ---


@dataclass(frozen=True)
class LiveDecision:
    id: int
    verb: DecisionVerb
    text: str
    classification: Classification


@dataclass(frozen=True)
class LiveAction:
    id: int
    reference: str
    owner: str
    text: str
    due: actions.Due
    classification: Classification


@dataclass(frozen=True)
class LiveItem:
    id: int
    number: int
    title: str
    section: Section
    kind: ItemKind
    planned_minutes: int | None
    classification: Classification
    minutes: str
    post_meeting_note: str | None
    decisions: tuple[LiveDecision, ...]
    actions: tuple[LiveAction, ...]
    # The whole of the item's minutes in the block editor's form, and what its places show.
    minutes_text: str = ""
    place_labels: dict[str, str] = field(default_factory=dict)
    papers: tuple[PaperView, ...] = ()  # shown under the item's heading, each opened with a click


@dataclass(frozen=True)
class LiveAttendee:
    id: int
    name: str
    organisation: str | None
    capacity: Capacity
    status: AttendanceStatus
    part: bool
    item_ids: tuple[int, ...]


@dataclass(frozen=True)
class ReviewRow:
    """An action outstanding from an earlier meeting, as this meeting reviews it."""

    action_id: int
    reference: str
    owner: str
    text: str
    raised_at: str | None
    due: actions.Due
    classification: Classification
    update: str
    status: ActionStatus  # OPEN until reviewed here, then ONGOING or CLOSED
    shared_group: str | None


@dataclass(frozen=True)
class PreviousMeeting:
    id: int
    identifier: str
    date: date
    status_label: str
    agreed_here: bool


@dataclass(frozen=True)
class LiveMeeting:
    id: int
    identifier: str
    committee_code: str
    voice: str
    number: int
    date: date
    status: MeetingStatus
    status_label: str
    locked: bool
    items: tuple[LiveItem, ...]
    attendees: tuple[LiveAttendee, ...]
    quorum_present: int
    quorum_required: int
    members_listed: int
    review: tuple[ReviewRow, ...]
    previous: PreviousMeeting | None

    def item(self, item_id: int | None) -> LiveItem | None:
        return next((i for i in self.items if i.id == item_id), None)


def live_meeting(session: Session, meeting_id: int) -> LiveMeeting:
    meeting = fetch(session, Meeting, meeting_id)
    quorum = attendance.quorum(meeting)
    previous = meetings.previous_meeting(session, meeting)
    return LiveMeeting(
        id=meeting.id,
        identifier=meeting.identifier,
        committee_code=meeting.committee.code,
        voice=meeting.committee.voice,
        number=meeting.number,
        date=meeting.date,
        status=meeting.status,
        status_label=meeting.status.label,
        locked=meeting.locked,
        items=tuple(_live_item(meeting, i) for i in meeting.items),
        attendees=tuple(
            LiveAttendee(
                id=a.id,
                name=a.person.name,
                organisation=a.person.organisation.name if a.person.organisation else None,
                capacity=a.capacity,
                status=a.status,
                part=a.part,
                item_ids=tuple(i.id for i in a.items_attended),
            )
            for a in meeting.attendance
        ),
        quorum_present=quorum.present,
        quorum_required=quorum.required,
        members_listed=sum(1 for a in meeting.attendance if a.capacity is Capacity.MEMBER),
        review=tuple(_review_row(a, meeting) for a in actions.outstanding_for(session, meeting)),
        previous=(
            PreviousMeeting(
                id=previous.id,
                identifier=previous.identifier,
                date=previous.date,
                status_label=previous.status.label,
                agreed_here=previous.approved_at_meeting_id == meeting.id,
            )
            if previous is not None
            else None
        ),
    )


def _live_item(meeting: Meeting, item: AgendaItem) -> LiveItem:
    return LiveItem(
        id=item.id,
        number=item.number,
        title=item.title,
        section=item.section,
        kind=item.kind,
        planned_minutes=item.planned_minutes,
        classification=item.classification,
        minutes=item.minutes,
        post_meeting_note=item.post_meeting_note,
        decisions=_decision_views(item),
        actions=_action_views(item),
        minutes_text=minutes_text.render(item),
        place_labels=minutes_text.place_labels(item),
        papers=_paper_views(item),
    )


def live_decision(session: Session, decision_id: int) -> LiveDecision:
    d = fetch(session, Decision, decision_id)
    return LiveDecision(d.id, d.verb, d.text, d.classification)


def live_action(session: Session, action_id: int) -> LiveAction:
    a = fetch(session, Action, action_id)
    return LiveAction(a.id, a.reference, a.owner, a.text, actions.due_of(a), a.classification)


def _review_row(action: Action, meeting: Meeting) -> ReviewRow:
    entry = actions.update_for(action, meeting)
    return ReviewRow(
        action_id=action.id,
        reference=action.reference,
        owner=action.owner,
        text=action.text,
        raised_at=action.meeting.identifier if action.meeting else None,
        due=actions.due_of(action),
        # An action raised in a confidential item is as confidential as the item.
        classification=effective_level(action),
        update=entry.text if entry else "",
        # A review that stated no status (an imported table) shows the action's own.
        status=(entry.status_after or action.status) if entry else ActionStatus.OPEN,
        shared_group=entry.shared_group if entry else None,
    )


def present_at(meeting: LiveMeeting, item_id: int | None) -> int:
    """Members and alternates present at `item_id`: part attendance counts only for its items.

    One marked "left after this item" is gone as soon as it is marked (the item being
    minuted is their last, and more follow); one who arrived counts from their first item.
    """
    counted = (Capacity.MEMBER, Capacity.ALTERNATE)
    ids = [i.id for i in meeting.items]
    last_id = ids[-1] if ids else None

    def here(person: LiveAttendee) -> bool:
        if person.capacity not in counted or person.status is not AttendanceStatus.PRESENT:
            return False
        if not person.part or item_id is None:
            return True
        if item_id not in person.item_ids:
            return False
        their_last = max(person.item_ids, key=lambda i: ids.index(i) if i in ids else -1)
        return not (item_id == their_last and item_id != last_id)

    return sum(1 for person in meeting.attendees if here(person))
