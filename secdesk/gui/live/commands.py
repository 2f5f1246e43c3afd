"""Undo commands of the live screen: domain calls by id, like `secdesk.gui.commands`."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from sqlalchemy.orm import Session

from secdesk.gui.commands import SetField, put_attendance_states
from secdesk.gui.editor import EditCommand, Editor
from secdesk.model import Attendance, Meeting
from secdesk.services import attendance, meetings, reviews
from secdesk.services.changes import Changes, meeting_changed
from secdesk.services.meetings import LifecycleState
from secdesk.services.rows import concerns, fetch

# Typing merges into one undo step only while it flows: a pause or a long run starts a new step.
MERGE_WINDOW_S = 2.0
MERGE_MAX_COMMITS = 8


class SetLiveField(SetField):
    """A property of an item, a decision or an action; typing merges in short runs, not a whole item."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.last_commit = time.monotonic()
        self.merged = 0

    def mergeWith(self, other: EditCommand) -> bool:
        if not isinstance(other, SetLiveField) or self.merged >= MERGE_MAX_COMMITS:
            return False
        if other.last_commit - self.last_commit > MERGE_WINDOW_S or not super().mergeWith(other):
            return False
        self.last_commit, self.merged = other.last_commit, self.merged + 1
        return True


class Stateful(EditCommand):
    """A change whose undo puts back a captured state: attendance, reviews."""

    def __init__(
        self,
        editor: Editor,
        text: str,
        capture: Callable[[Session], Any],
        apply: Callable[[Session], Changes],
        put_back: Callable[[Session, Any], Changes],
        refresh: Changes,
    ) -> None:
        super().__init__(editor, text)
        self._capture, self._apply, self._put_back = capture, apply, put_back
        self.state: Any = None
        self.refresh_on_error = refresh

    def do(self) -> None:
        def job(session: Session) -> Changes:
            self.state = self._capture(session)
            return self._apply(session)

        self.editor.write(job)

    def revert(self) -> None:
        state = self.state
        self.editor.write(lambda s: self._put_back(s, state))


def attendance_change(
    editor: Editor, row_id: int, text: str, apply: Callable[[Session, Attendance], None], refresh: Changes
) -> Stateful:
    """A late arrival or an early departure of one attendee."""

    def applied(session: Session) -> Changes:
        row = fetch(session, Attendance, row_id)
        apply(session, row)
        return concerns(row)

    return Stateful(
        editor,
        text,
        lambda s: attendance.state_of(fetch(s, Attendance, row_id)),
        applied,
        lambda s, state: put_attendance_states(s, [state]),
        refresh,
    )


def review_change(
    editor: Editor,
    meeting_id: int,
    action_ids: list[int],
    text: str,
    apply: Callable[[Session, Meeting], None],
) -> Stateful:
    """An update to, or the status of, actions outstanding as this meeting reviews them."""

    def applied(session: Session) -> Changes:
        apply(session, fetch(session, Meeting, meeting_id))
        return meeting_changed(meeting_id)

    def put_back(session: Session, states: list[reviews.ReviewState]) -> Changes:
        reviews.put_states(session, fetch(session, Meeting, meeting_id), states)
        return meeting_changed(meeting_id)

    return Stateful(
        editor,
        text,
        lambda s: reviews.states(s, fetch(s, Meeting, meeting_id), action_ids),
        applied,
        put_back,
        meeting_changed(meeting_id),
    )


class Lifecycle(EditCommand):
    """Ending the meeting; undo restores the lifecycle fields.

    Agreeing minutes as final is not one of these: final minutes are undone only by an
    explicit, audited Reopen, never by Ctrl+Z (see `LiveWindow.agree_previous`).
    """

    def __init__(
        self,
        editor: Editor,
        text: str,
        meeting_id: int,
        apply: Callable[[Session, Meeting], tuple[LifecycleState, Changes]],
    ):
        super().__init__(editor, text)
        self.meeting_id, self._apply = meeting_id, apply
        self.state: LifecycleState | None = None
        self.refresh_on_error = meeting_changed(meeting_id)

    def do(self) -> None:
        self.state, _changes = self.editor.write(lambda s: self._apply(s, fetch(s, Meeting, self.meeting_id)))

    def revert(self) -> None:
        state = self.state
        assert state is not None

        # The core refuses when the minutes became final since (undo never unlocks them).
        self.editor.write(lambda s: meetings.put_lifecycle_state(s, state, self.meeting_id))
