"""Meetings: numbering, creation from the committee's template, and the minutes lifecycle."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, time, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from secdesk.errors import DuplicateError, NotFoundError, ValidationError
from secdesk.model import (
    Action,
    Attendance,
    AttendanceStatus,
    Capacity,
    Committee,
    Meeting,
    MeetingStatus,
    MemberRole,
    ReferenceCounter,
)
from secdesk.services import agenda, attendance, committees, minutes_record
from secdesk.services.changes import Changes, meeting_changed
from secdesk.services.properties import Property
from secdesk.services.rows import Snapshot, delete_with_snapshot, fetch, restore

# TABASC_16_2003; TABASC_16 for a meeting known only by its month (no day to give).
IDENTIFIER_PATTERN = re.compile(r"^(?P<code>[A-Za-z][A-Za-z0-9]*)_(?P<number>\d+)(?:_(?P<ddmm>\d{4}))?$")
# Meeting numbers run from 1 to this (the window's new-meeting dialog offers the same);
# the bound also keeps a typed number within what SQLite can store or compare.
MAX_MEETING_NUMBER = 9999


def check_number(number: int) -> int:
    """`number` if it can be a meeting's number; the one place that says which can."""
    if not 1 <= number <= MAX_MEETING_NUMBER:
        raise ValidationError(f"Meeting numbers run from 1 to {MAX_MEETING_NUMBER}; {number} is not one.")
    return number


@dataclass(frozen=True)
class MeetingSummary:
    id: int
    identifier: str
    committee: str
    number: int
    date: date
    venue: str | None
    status: str
    locked: bool


def summary(meeting: Meeting) -> MeetingSummary:
    return MeetingSummary(
        id=meeting.id,
        identifier=meeting.identifier,
        committee=meeting.committee.code,
        number=meeting.number,
        date=meeting.date,
        venue=meeting.venue,
        status=meeting.status.value,
        locked=meeting.locked,
    )


def resolve_meeting(session: Session, spec: str | list[str]) -> Meeting:
    """A meeting by identifier (`TABASC_16_2003`) or committee code and number (`TABASC 16`)."""
    words = spec.split() if isinstance(spec, str) else [w for part in spec for w in part.split()]
    if not words:
        raise ValidationError("Name a meeting: its identifier (TABASC_16_2003) or code and number (TABASC 16).")
    if len(words) == 1:
        match = IDENTIFIER_PATTERN.match(words[0])
        if not match:
            raise ValidationError(
                f"{words[0]!r} is not a meeting identifier; use e.g. TABASC_16_2003 or 'TABASC 16'."
            )
        wanted = words[0].upper()
        number = check_number(int(match["number"]))
        for meeting in session.scalars(select(Meeting).where(Meeting.number == number)):
            if meeting.identifier.upper() == wanted:
                return meeting
        raise NotFoundError(f"No meeting {words[0]}.")
    code, number_text = " ".join(words[:-1]), words[-1]
    if not number_text.isdecimal():  # isdigit() would let '²' through to int()
        raise ValidationError(f"{number_text!r} is not a meeting number.")
    number = check_number(int(number_text))
    committee = committees.get_committee(session, code)
    found = session.scalar(select(Meeting).where(Meeting.committee_id == committee.id, Meeting.number == number))
    if found is None:
        raise NotFoundError(f"{committee.code} has no meeting {number_text}.")
    return found


def next_number(session: Session, committee: Committee) -> int:
    highest = session.scalar(select(func.max(Meeting.number)).where(Meeting.committee_id == committee.id))
    return (highest or 0) + 1


def recent_venues(session: Session, committee: Committee, limit: int = 5) -> list[str]:
    rows = session.execute(
        select(Meeting.venue, func.max(Meeting.date))
        .where(Meeting.committee_id == committee.id, Meeting.venue.is_not(None))
        .group_by(Meeting.venue)
        .order_by(func.max(Meeting.date).desc())
        .limit(limit)
    )
    return [venue for venue, _ in rows if venue is not None]


def list_meetings(session: Session, committee: str | None = None) -> list[MeetingSummary]:
    query = select(Meeting).join(Committee).order_by(Committee.code, Meeting.number)
    if committee:
        query = query.where(Committee.code == committees.get_committee(session, committee).code)
    return [summary(m) for m in session.scalars(query)]


def create_meeting(
    session: Session,
    committee: Committee,
    day: date,
    *,
    number: int | None = None,
    venue: str | None = None,
    start: time | None = None,
    end: time | None = None,
    from_template: bool = True,
    copy_from: Meeting | None = None,
    month_only: bool = False,
) -> Meeting:
    """A new meeting with the standing items and the current members copied in.

    `copy_from`: a meeting of the same committee (the previous one) whose agenda and regular
    attendance are copied in instead of the template (see `copy_agenda_and_attendance`).
    `month_only`: a past meeting the record gives only by month ("March 2017"): `day` is
    taken as the 1st of that month and no day is printed or put in its identifier."""
    if copy_from is not None and copy_from.committee_id != committee.id:
        raise ValidationError(
            f"{copy_from.identifier} is not a {committee.code} meeting; only a meeting of the same "
            "committee can be copied into a new one."
        )
    number = check_free_number(session, committee, next_number(session, committee) if number is None else number)
    check_times(start, end)
    meeting = Meeting(
        committee=committee,
        number=number,
        date=day.replace(day=1) if month_only else day,
        month_only=month_only,
        venue=_venue(venue) if venue is not None else committee.default_venue,
        start_time=start,
        end_time=end,
        status=MeetingStatus.PLANNED,
    )
    session.add(meeting)
    session.flush()
    session.add(ReferenceCounter(meeting_id=meeting.id, last_sequence=0))
    if copy_from is not None:
        copy_agenda_and_attendance(session, copy_from, meeting)
    elif from_template:
        for standing in committee.standing_items:
            agenda.add_item(
                session,
                meeting,
                standing.title,
                section=standing.section,
                purpose=standing.purpose,
                kind=standing.kind,
                presenter=standing.presenter,
                planned_minutes=standing.planned_minutes,
            )
        for position, membership in enumerate(committees.members_on(committee, day)):
            capacity = attendance.capacity_of(membership.role)
            session.add(
                Attendance(
                    meeting=meeting,
                    person=membership.person,
                    status=AttendanceStatus.ABSENT if capacity is Capacity.ALTERNATE else AttendanceStatus.PRESENT,
                    capacity=capacity,
                    seat_category=membership.seat_category.name if membership.seat_category else None,
                    is_chair=membership.role is MemberRole.CHAIR,
                    alternate_for=membership.alternate_for,
                    position=position,
                )
            )
    session.flush()
    _meeting_dues_follow(session, committee.id)
    return meeting


# Who attends meeting after meeting: everyone listed but an alternate standing in for one meeting.
REGULAR_CAPACITIES = (
    Capacity.MEMBER, Capacity.OBSERVER, Capacity.PARTICIPANT, Capacity.SECRETARIAT, Capacity.MEETING_SECRETARY,
)


def copy_agenda_and_attendance(session: Session, source: Meeting, meeting: Meeting) -> None:
    """Copy `source`'s agenda and its regular attendance into the new `meeting` (same committee).

    Each item keeps its title, public title, section, kind, purpose, presenter, planned minutes
    and classification, in the same order; nothing said or decided at `source` comes across
    (minutes, public summary, note, decisions, actions, papers). The attendance list keeps the
    people who attend regularly, in its order: members, observers, participants with whom they
    represent, the secretariat and the Meeting Secretary, everyone present as a new meeting
    starts (no apologies, no part attendance). Alternates who stood in for one meeting are left
    out, and so is a member whose membership has ended by the new meeting's day; a member who
    joined since is added, as the template would list them (alternates apart).
    """
    if source.committee_id != meeting.committee_id:
        raise ValidationError(f"{source.identifier} is not a {meeting.committee.code} meeting.")
    if meeting.items or meeting.attendance:
        raise ValidationError(f"{meeting.identifier} already has an agenda or attendance; copy into a new meeting.")
    for item in sorted(source.items, key=lambda i: i.position):
        agenda.add_item(
            session,
            meeting,
            item.title,
            section=item.section,
            purpose=item.purpose,
            kind=item.kind,
            presenter=item.presenter,
            planned_minutes=item.planned_minutes,
            classification=item.classification,
            public_title=item.public_title,
        )
    committee, day = meeting.committee, meeting.date
    current = {m.person_id: m for m in committees.members_on(committee, day)}
    ever_members = {m.person_id for m in committee.memberships}
    listed: set[tuple[int, Capacity]] = set()
    rows: list[Attendance] = []
    for row in sorted(source.attendance, key=lambda a: a.position):
        if row.capacity not in REGULAR_CAPACITIES or (row.person_id, row.capacity) in listed:
            continue
        membership = current.get(row.person_id)
        if (row.capacity in (Capacity.MEMBER, Capacity.OBSERVER) and row.person_id in ever_members
                and (membership is None or membership.role is MemberRole.ALTERNATE)):
            continue  # no longer on the committee (or only as an alternate now)
        seat, chair = row.seat_category, row.is_chair
        if membership is not None and row.capacity is attendance.capacity_of(membership.role):
            seat = membership.seat_category.name if membership.seat_category else None
            chair = membership.role is MemberRole.CHAIR
        listed.add((row.person_id, row.capacity))
        rows.append(Attendance(
            meeting=meeting, person_id=row.person_id, status=AttendanceStatus.PRESENT, capacity=row.capacity,
            seat_category=seat, is_chair=chair, representing_id=row.representing_id, part=False,
        ))
    for membership in current.values():
        capacity = attendance.capacity_of(membership.role)
        if capacity is Capacity.ALTERNATE or (membership.person_id, capacity) in listed:
            continue
        listed.add((membership.person_id, capacity))
        at = 1 + max((i for i, r in enumerate(rows) if r.capacity is Capacity.MEMBER), default=-1)
        if capacity is Capacity.OBSERVER:  # after the members and observers already listed
            at = 1 + max((i for i, r in enumerate(rows) if r.capacity in (Capacity.MEMBER, Capacity.OBSERVER)),
                         default=at - 1)
        rows.insert(at, Attendance(
            meeting=meeting, person=membership.person, status=AttendanceStatus.PRESENT, capacity=capacity,
            seat_category=membership.seat_category.name if membership.seat_category else None,
            is_chair=membership.role is MemberRole.CHAIR, part=False,
        ))
    for position, row in enumerate(rows):
        row.position = position
        session.add(row)
    session.flush()


def _meeting_dues_follow(session: Session, committee_id: int) -> None:
    """Actions due at a meeting ("the next meeting") take the date of the one now scheduled."""
    from secdesk.services import actions  # actions reads meeting numbers from this module

    actions.resolve_meeting_dues(session, committee_id)


def check_free_number(session: Session, committee: Committee, number: int, meeting: Meeting | None = None) -> int:
    """`number` if it can be the number of a new meeting of `committee` (or of `meeting`)."""
    check_number(number)
    query = select(Meeting).where(Meeting.committee_id == committee.id, Meeting.number == number)
    if meeting is not None:
        query = query.where(Meeting.id != meeting.id)
    taken = session.scalar(query)
    if taken is not None:
        raise DuplicateError(f"{committee.code} already has a meeting {number} ({taken.identifier}).")
    return number


def check_times(start: time | None, end: time | None) -> None:
    if start and end and end <= start:
        raise ValidationError(f"The meeting cannot end ({end:%H:%M}) before it starts ({start:%H:%M}).")


def _venue(venue: str | None) -> str | None:
    return (venue or "").strip() or None


# --- a meeting's fields, one typed function each ---


def set_number(session: Session, meeting: Meeting, number: int) -> None:
    meeting.number = check_free_number(session, meeting.committee, number, meeting)
    session.flush()


def set_date(session: Session, meeting: Meeting, day: date) -> None:
    meeting.date = day
    session.flush()
    _meeting_dues_follow(session, meeting.committee_id)


def set_venue(session: Session, meeting: Meeting, venue: str | None) -> None:
    meeting.venue = _venue(venue)
    session.flush()


def set_times(session: Session, meeting: Meeting, start: time | None, end: time | None) -> None:
    check_times(start, end)
    meeting.start_time, meeting.end_time = start, end
    session.flush()


# Not held yet: no minutes to circulate or agree.
NOT_HELD = (MeetingStatus.PLANNED, MeetingStatus.AGENDA_ISSUED)


def can_be_final(status: MeetingStatus, locked: bool) -> bool:
    """Whether minutes in this state can be agreed as final (or approved ex-committee): held and
    not locked; reopened final minutes are agreed again. The window enables its entry by this."""
    return not locked and status not in NOT_HELD


def can_be_circulated(status: MeetingStatus, locked: bool) -> bool:
    """Whether a draft in this state can be marked as circulated: held, draft not yet circulated."""
    return not locked and status is MeetingStatus.HELD


def set_status(session: Session, meeting: Meeting, status: MeetingStatus) -> None:
    if status is MeetingStatus.FINAL:
        raise ValidationError("Minutes become final by agreement at a later meeting or ex-committee.")
    if meeting.locked:
        raise ValidationError(f"The minutes of {meeting.identifier} are final; reopen them first.")
    meeting.status = status
    session.flush()


def end_meeting(session: Session, meeting: Meeting, at: time | None = None) -> None:
    """The meeting was held: its minutes are now in draft. Records the end time if none was planned."""
    if meeting.locked:
        raise ValidationError(f"The minutes of {meeting.identifier} are final; the meeting cannot end again.")
    if meeting.status in NOT_HELD:
        set_status(session, meeting, MeetingStatus.HELD)
    if at is not None and meeting.end_time is None:
        meeting.end_time = at.replace(second=0, microsecond=0)
    session.flush()


def mark_circulated(session: Session, meeting: Meeting) -> None:
    """The draft minutes of a held meeting went out to the committee (held -> draft circulated)."""
    if meeting.locked:
        raise ValidationError(f"The minutes of {meeting.identifier} are final; reopen them first.")
    if meeting.status in NOT_HELD:
        raise ValidationError(f"{meeting.identifier} has not been held; it has no draft minutes to circulate.")
    if meeting.status is MeetingStatus.DRAFT_CIRCULATED:
        raise ValidationError(f"The draft minutes of {meeting.identifier} are already marked as circulated.")
    if meeting.status is not MeetingStatus.HELD:
        raise ValidationError(f"The minutes of {meeting.identifier} are {meeting.status.label.lower()}, "
                              "not a draft to circulate.")
    set_status(session, meeting, MeetingStatus.DRAFT_CIRCULATED)


def agree_final(session: Session, meeting: Meeting, at: Meeting) -> None:
    """The draft minutes were agreed as final at a later meeting, which is recorded."""
    if at.committee_id != meeting.committee_id or at.date <= meeting.date:
        raise ValidationError(
            f"The minutes of {meeting.identifier} can only be agreed at a later {meeting.committee.code} meeting."
        )
    _make_final(session, meeting, at=at, on=None)


def approve_ex_committee(session: Session, meeting: Meeting, on: date | None) -> None:
    """Approved by correspondence, on a date when the record gives one."""
    if on is not None and on < meeting.date:
        raise ValidationError(f"Minutes cannot be approved ({on}) before the meeting was held ({meeting.date}).")
    _make_final(session, meeting, at=None, on=on)


def _make_final(session: Session, meeting: Meeting, *, at: Meeting | None, on: date | None) -> None:
    """Final, recorded as agreed (`minutes_record`), then locked; on any refusal nothing has changed."""
    if meeting.status in NOT_HELD:
        raise ValidationError(f"{meeting.identifier} has not been held; its minutes cannot be final.")
    if meeting.locked:
        raise ValidationError(f"The minutes of {meeting.identifier} are already final.")
    session.flush()  # the record is built from what the caller wrote
    before = (meeting.status, meeting.approved_at_meeting, meeting.approved_ex_committee,
              meeting.approved_ex_committee_on)
    meeting.status = MeetingStatus.FINAL  # before building, so the record says "Final Minutes"
    meeting.approved_at_meeting = at
    meeting.approved_ex_committee = at is None  # not at a meeting: by correspondence
    meeting.approved_ex_committee_on = on
    try:
        documents = minutes_record.prepare(session, meeting)
    except BaseException:
        (meeting.status, meeting.approved_at_meeting, meeting.approved_ex_committee,
         meeting.approved_ex_committee_on) = before
        raise
    # Kept while the meeting is still unlocked: the lock then guards the record with the rest.
    minutes_record.keep(session, meeting, documents)
    meeting.locked = True
    session.flush()


def reopen(session: Session, meeting: Meeting) -> None:
    """Unlock final minutes for a correction; the audit trail records it.

    The agreed record stays as it was: agreeing again keeps the next version beside it.
    """
    if not meeting.locked:
        raise ValidationError(f"The minutes of {meeting.identifier} are not locked.")
    meeting.locked = False
    session.flush()


def previous_meeting(session: Session, meeting: Meeting) -> Meeting | None:
    return session.scalar(
        select(Meeting)
        .where(Meeting.committee_id == meeting.committee_id, Meeting.date < meeting.date)
        .order_by(Meeting.date.desc())
        .limit(1)
    )


def remove_meeting(session: Session, meeting: Meeting) -> Snapshot:
    """Only a meeting no action was raised at (the undo of making one, or a mistake caught at once)."""
    if session.scalar(select(Action.id).where(Action.meeting_id == meeting.id).limit(1)) is not None:
        raise ValidationError(f"{meeting.identifier} has actions raised at it; it cannot be removed.")
    committee_id = meeting.committee_id
    snapshot = delete_with_snapshot(session, meeting)
    _meeting_dues_follow(session, committee_id)
    snapshot.put_back = lambda s, taken: _put_meeting_back(s, taken, committee_id)
    return snapshot


def _put_meeting_back(session: Session, snapshot: Snapshot, committee_id: int) -> None:
    restore(session, snapshot)
    _meeting_dues_follow(session, committee_id)


# --- the lifecycle as one undoable step: what agreeing or ending changed, to put it back ---


@dataclass(frozen=True)
class LifecycleState:
    meeting_id: int
    status: MeetingStatus
    locked: bool
    approved_at_meeting_id: int | None
    end_time: time | None


def lifecycle_state(meeting: Meeting) -> LifecycleState:
    return LifecycleState(
        meeting.id, meeting.status, meeting.locked, meeting.approved_at_meeting_id, meeting.end_time
    )


def put_lifecycle_state(session: Session, state: LifecycleState, at: int) -> Changes:
    """Undo of ending meeting `at` (or of marking its draft circulated): the lifecycle fields as
    they were. Minutes agreed as final since are not unlocked this way (that is an explicit,
    audited reopen)."""
    meeting = fetch(session, Meeting, state.meeting_id)
    if meeting.locked and not state.locked:
        raise ValidationError(
            f"The minutes of {meeting.identifier} are final now; this step cannot be undone "
            "(undo never takes final minutes back to a draft). "
            "Reopen them first (Reopen minutes... on the meeting page, or secdesk reopen)."
        )
    meeting.locked = state.locked
    meeting.status = state.status
    meeting.approved_at_meeting_id = state.approved_at_meeting_id
    session.flush()
    if meeting.end_time != state.end_time and not meeting.locked:
        meeting.end_time = state.end_time
        session.flush()
    return meeting_changed(at) | meeting_changed(state.meeting_id, structure=True)


def agree_previous_final(session: Session, meeting: Meeting) -> tuple[LifecycleState, Changes]:
    """ "The draft minutes of the previous meeting were agreed as final" (returns the previous state for undo)."""
    previous = previous_meeting(session, meeting)
    if previous is None:
        raise ValidationError(f"{meeting.identifier} is the committee's first meeting: there are no previous minutes.")
    state = lifecycle_state(previous)
    agree_final(session, previous, meeting)
    return state, meeting_changed(meeting.id) | meeting_changed(previous.id, structure=True)


def circulate(session: Session, meeting: Meeting) -> tuple[LifecycleState, Changes]:
    """Mark the draft as circulated (see `mark_circulated`), returning the state to put back on undo."""
    state = lifecycle_state(meeting)
    mark_circulated(session, meeting)
    return state, meeting_changed(meeting.id, structure=True)


@dataclass(frozen=True)
class LaterMeeting:
    id: int
    identifier: str
    date: date
    status_label: str


@dataclass(frozen=True)
class FinalOptions:
    """What the window offers when a meeting's minutes are agreed as final."""

    meeting_id: int
    identifier: str
    date: date
    status: MeetingStatus
    locked: bool
    later: tuple[LaterMeeting, ...]  # the committee's later meetings, the next first (proposed)


def later_meetings(session: Session, meeting: Meeting) -> list[Meeting]:
    """The committee's meetings after this one, the next first: where its minutes can be agreed."""
    return list(session.scalars(
        select(Meeting)
        .where(Meeting.committee_id == meeting.committee_id, Meeting.date > meeting.date)
        .order_by(Meeting.date, Meeting.number)
    ))


def final_options(session: Session, meeting: Meeting) -> FinalOptions:
    later = tuple(LaterMeeting(m.id, m.identifier, m.date, m.status.label) for m in later_meetings(session, meeting))
    return FinalOptions(meeting.id, meeting.identifier, meeting.date, meeting.status, meeting.locked, later)


def end(session: Session, meeting: Meeting, at: time | None = None) -> tuple[LifecycleState, Changes]:
    """End the meeting (see `end_meeting`), returning the state to put back on undo."""
    state = lifecycle_state(meeting)
    end_meeting(session, meeting, at)
    return state, meeting_changed(meeting.id, structure=True)


# --- a new meeting, proposed from the last one ---


@dataclass(frozen=True)
class MeetingProposal:
    committee_id: int
    committee_code: str
    file_code: str
    number: int
    date: date
    venues: tuple[str, ...]
    start_time: time | None
    end_time: time | None
    # The meeting a new one can copy its agenda and attendance from: the committee's latest.
    previous_id: int | None = None
    previous_identifier: str | None = None


def propose_date(last: date | None, today: date) -> date:
    """The first meeting day after both `last` and `today`, in the committee's pattern.

    Committees meet on the same weekday of the month: the nth weekday of `last` (its last
    one when a month has fewer), month after month. A committee that has not met for a
    while is offered its next day to come, never one already past.
    """
    if last is None:
        return today + timedelta(days=14)
    nth, weekday = (last.day - 1) // 7, last.weekday()
    year, month = last.year, last.month
    while True:
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        days = [d for d in range(1, calendar.monthrange(year, month)[1] + 1)
                if date(year, month, d).weekday() == weekday]
        proposed = date(year, month, days[min(nth, len(days) - 1)])
        if proposed > today:
            return proposed


def new_meeting_proposal(session: Session, committee: Committee, today: date | None = None) -> MeetingProposal:
    last = max(committee.meetings, key=lambda m: m.date, default=None)
    venues = recent_venues(session, committee)
    if committee.default_venue and committee.default_venue not in venues:
        venues.append(committee.default_venue)
    return MeetingProposal(
        committee_id=committee.id,
        committee_code=committee.code,
        file_code=committee.file_code,
        number=next_number(session, committee),
        date=propose_date(last.date if last else None, today or date.today()),
        venues=tuple(venues),
        start_time=last.start_time if last else time(10, 0),
        end_time=last.end_time if last else time(13, 0),
        previous_id=last.id if last else None,
        previous_identifier=last.identifier if last else None,
    )


# --- what the window edits field by field; a new date or number renames the meeting ---

NUMBER: Property[Meeting, int] = Property(Meeting, "number", lambda m: m.number, set_number, structure=True)
DATE: Property[Meeting, date] = Property(Meeting, "date", lambda m: m.date, set_date, structure=True)
VENUE: Property[Meeting, str | None] = Property(Meeting, "venue", lambda m: m.venue, set_venue)
START_TIME: Property[Meeting, time | None] = Property(
    Meeting, "start time", lambda m: m.start_time, lambda s, m, v: set_times(s, m, v, m.end_time)
)
END_TIME: Property[Meeting, time | None] = Property(
    Meeting, "end time", lambda m: m.end_time, lambda s, m, v: set_times(s, m, m.start_time, v)
)
# Both at once (the command line's --start and --end), checked together rather than one against the old other.
TIMES: Property[Meeting, tuple[time | None, time | None]] = Property(
    Meeting, "times", lambda m: (m.start_time, m.end_time), lambda s, m, v: set_times(s, m, *v)
)
