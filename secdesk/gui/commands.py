"""Undo commands: each addresses rows by id and calls the domain function that holds the rule, on the worker."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, time
from typing import Any, TypeVar

from sqlalchemy.orm import Session

from secdesk.gui.editor import EditCommand, Editor
from secdesk.model import Action, AgendaItem, Attendance, Committee, Meeting, StandingItem
from secdesk.model.base import Base
from secdesk.services import agenda, attendance, committees, meetings, reviews
from secdesk.services.changes import Changes, meeting_changed
from secdesk.services.properties import Property
from secdesk.services.rows import Snapshot, concerns, created, fetch, put_back

R = TypeVar("R", bound=Base)

# Merge ids: consecutive edits of the same property become one undo step.
MERGE_FIELD = 1

Removal = Callable[[Session, int], Snapshot]


def removal(cls: type[R], remove: Callable[[Session, R], Snapshot]) -> Removal:
    """The domain's removal of a row, addressed by id."""
    return lambda session, row_id: remove(session, fetch(session, cls, row_id))


class SetField(EditCommand):
    """One property of one row (`agenda.TITLE`, `meetings.VENUE`, ...) set to a typed value."""

    def __init__(self, editor: Editor, prop: Property[Any, Any], row_id: int, value: Any, refresh: Changes):
        super().__init__(editor, f"Edit {prop.label}")
        self.prop, self.row_id, self.new = prop, row_id, value
        self.old: Any = None
        self.refresh_on_error = refresh

    def capture(self) -> None:
        self.old = self.editor.read(lambda s: self.prop.get(s, self.row_id))

    def first_do(self) -> None:
        if not self.captured:
            self.capture()
            self.captured = True
        if self.old == self.new:
            self.unchanged = True
            return
        self.do()

    def _set(self, value: Any) -> None:
        self.editor.write(lambda s: self.prop.set(s, self.row_id, value))

    def do(self) -> None:
        self._set(self.new)

    def revert(self) -> None:
        self._set(self.old)

    def id(self) -> int:
        return MERGE_FIELD if isinstance(self.new, str) else -1

    def mergeWith(self, other: EditCommand) -> bool:
        if not isinstance(other, SetField) or (other.prop, other.row_id) != (self.prop, self.row_id):
            return False
        self.new = other.new
        return True


class Create(EditCommand):
    """Something new: undo removes it with a snapshot, redo restores it with the same id."""

    def __init__(self, editor: Editor, text: str, create: Callable[[Session], Base], remove: Removal):
        super().__init__(editor, text)
        self._create, self._remove = create, remove
        self.row_id: int | None = None
        self._snapshot: Snapshot | None = None

    def do(self) -> None:
        if self._snapshot is None:
            self.row_id, _changes = self.editor.write(lambda s: created(self._create(s)))
        else:
            snapshot = self._snapshot
            self.editor.write(lambda s: put_back(s, snapshot))

    def revert(self) -> None:
        row_id = self.row_id
        assert row_id is not None
        self._snapshot = _removed(self.editor, lambda s: self._remove(s, row_id))


class Remove(EditCommand):
    """Removal: undo restores the row and everything it owned, ids unchanged."""

    def __init__(self, editor: Editor, text: str, row_id: int, remove: Removal):
        super().__init__(editor, text)
        self.row_id, self._remove = row_id, remove
        self._snapshot: Snapshot | None = None

    def do(self) -> None:
        self._snapshot = _removed(self.editor, lambda s: self._remove(s, self.row_id))

    def revert(self) -> None:
        snapshot = self._snapshot
        assert snapshot is not None
        self.editor.write(lambda s: put_back(s, snapshot))


def _removed(editor: Editor, remove: Callable[[Session], Snapshot]) -> Snapshot:
    def job(session: Session) -> tuple[Snapshot, Changes]:
        snapshot = remove(session)
        return snapshot, snapshot.changes

    snapshot, _changes = editor.write(job)
    return snapshot


class RemoveItem(Remove):
    def __init__(self, editor: Editor, item_id: int, title: str):
        super().__init__(editor, f"Remove item {title!r}", item_id, removal(AgendaItem, agenda.remove_item))


class MoveItem(EditCommand):
    def __init__(self, editor: Editor, item_id: int, new_position: int, title: str):
        super().__init__(editor, f"Move item {title!r}")
        self.item_id, self.new_position = item_id, new_position
        self.old_place: Any = None

    def capture(self) -> None:
        self.old_place = self.editor.read(lambda s: agenda.place_of(fetch(s, AgendaItem, self.item_id)))

    def _moved(self, move: Callable[[Session, AgendaItem], None]) -> None:
        def job(session: Session) -> Changes:
            item = fetch(session, AgendaItem, self.item_id)
            move(session, item)
            return concerns(item)

        self.editor.write(job)

    def do(self) -> None:
        self._moved(lambda s, item: agenda.place_item(s, item, self.new_position))

    def revert(self) -> None:
        self._moved(lambda s, item: agenda.put_item(s, item, self.old_place))


class SetAttendance(EditCommand):
    """Present / apologies / absent for one or several rows, as one step."""

    def __init__(self, editor: Editor, row_ids: list[int], status: Any, label: str):
        super().__init__(editor, f"Mark {label} {status.value}")
        self.row_ids, self.status = list(row_ids), status
        self.old: list[attendance.AttendanceState] = []

    def capture(self) -> None:
        self.old = self.editor.read(lambda s: [attendance.state_of(fetch(s, Attendance, r)) for r in self.row_ids])

    def do(self) -> None:
        def job(session: Session) -> Changes:
            changes = Changes()
            for row_id in self.row_ids:
                row = fetch(session, Attendance, row_id)
                attendance.set_status(session, row, self.status)
                changes |= concerns(row)
            return changes

        self.editor.write(job)

    def revert(self) -> None:
        self.editor.write(lambda s: put_attendance_states(s, self.old))


def put_attendance_states(session: Session, states: list[attendance.AttendanceState]) -> Changes:
    changes = Changes()
    for state in states:
        changes |= concerns(attendance.put_state(session, state))
    return changes


class MoveStandingItem(EditCommand):
    def __init__(self, editor: Editor, standing_id: int, new_index: int):
        super().__init__(editor, "Move standing item")
        self.standing_id, self.new_index = standing_id, new_index
        self.old_index = 0

    def _move(self, index: int) -> int:
        def job(session: Session) -> tuple[int, Changes]:
            row = fetch(session, StandingItem, self.standing_id)
            return committees.move_standing_item(session, row, index), concerns(row)

        old_index, _changes = self.editor.write(job)
        return int(old_index)

    def do(self) -> None:
        self.old_index = self._move(self.new_index)

    def revert(self) -> None:
        self._move(self.old_index)


def new_meeting(
    editor: Editor, committee_id: int, day: date, number: int, venue: str, start: time | None, end: time | None,
    copy_from: int | None = None,
) -> Create:
    """`copy_from`: the meeting whose agenda and regular attendance it copies, else the template's."""
    return Create(
        editor,
        f"New meeting {number}",
        lambda s: meetings.create_meeting(
            s, fetch(s, Committee, committee_id), day, number=number, venue=venue.strip() or None, start=start,
            end=end, copy_from=fetch(s, Meeting, copy_from) if copy_from is not None else None,
        ),
        removal(Meeting, meetings.remove_meeting),
    )


class ReviewFromLog(EditCommand):
    """An update or a status typed in the action log, recorded at the committee's next meeting.

    Which meeting is the core's rule (`reviews.log_review_meeting`), found on the worker when
    first done; undo puts back the review as it was there (`reviews.states`), redo records it
    at the same meeting again.
    """

    def __init__(
        self, editor: Editor, text: str, action_id: int, today: date,
        apply: Callable[[Session, Meeting, Action], None],
    ):
        super().__init__(editor, text)
        self.action_id, self.today, self._apply = action_id, today, apply
        self.meeting_id: int | None = None
        self.state: list[reviews.ReviewState] = []
        self.refresh_on_error = Changes()  # a refusal changed nothing: the log keeps what was typed

    def do(self) -> None:
        def job(session: Session) -> tuple[int, list[reviews.ReviewState], Changes]:
            action = fetch(session, Action, self.action_id)
            if self.meeting_id is None:
                meeting = reviews.log_review_meeting(session, action, self.today)
            else:
                meeting = fetch(session, Meeting, self.meeting_id)
            state = reviews.states(session, meeting, [action.id])
            self._apply(session, meeting, action)
            return meeting.id, state, meeting_changed(meeting.id) | concerns(action)

        self.meeting_id, self.state, _changes = self.editor.write(job)

    def revert(self) -> None:
        meeting_id, state = self.meeting_id, self.state
        assert meeting_id is not None

        def job(session: Session) -> Changes:
            reviews.put_states(session, fetch(session, Meeting, meeting_id), state)
            return meeting_changed(meeting_id) | concerns(fetch(session, Action, self.action_id))

        self.editor.write(job)
