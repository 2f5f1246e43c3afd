"""Undo commands of the live screen: service calls by id, like `secdesk.gui.commands`."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, ClassVar

from sqlalchemy.orm import Session

from secdesk.gui.commands import SetField
from secdesk.gui.editor import EditCommand, Editor
from secdesk.services import editing, live
from secdesk.services.changes import Changes, meeting_changed

# Typing merges into one undo step only while it flows: a pause or a long run starts a new step.
MERGE_WINDOW_S = 2.0
MERGE_MAX_COMMITS = 8


class SetLiveField(SetField):
    """A field of an item, a decision or an action; typing merges in short runs, not a whole item."""

    SETTERS: ClassVar[dict[str, tuple[Callable[..., Any], Callable[..., Changes]]]] = {
        **SetField.SETTERS,
        "decision": (live.decision_field, live.set_decision_field),
        "action": (live.action_field, live.set_action_field),
    }

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
    """A change whose undo puts back a captured state: attendance, reviews, the minutes lifecycle."""

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
    editor: Editor, row_id: int, text: str, apply: Callable[[Session], Changes], refresh: Changes
) -> Stateful:
    return Stateful(
        editor,
        text,
        lambda s: editing.attendance_state(s, row_id),
        apply,
        lambda s, state: editing.put_attendance_states(s, [row_id], [state]),
        refresh,
    )


def review_change(
    editor: Editor, meeting_id: int, action_ids: list[int], text: str, apply: Callable[[Session], Changes]
) -> Stateful:
    return Stateful(
        editor,
        text,
        lambda s: live.review_states(s, meeting_id, action_ids),
        apply,
        lambda s, states: live.put_review_states(s, meeting_id, states),
        meeting_changed(meeting_id),
    )


class Lifecycle(EditCommand):
    """Agreeing the previous minutes or ending the meeting; undo restores the lifecycle fields."""

    def __init__(
        self, editor: Editor, text: str, meeting_id: int, apply: Callable[[Session], tuple[live.MeetingState, Changes]]
    ):
        super().__init__(editor, text)
        self.meeting_id, self._apply = meeting_id, apply
        self.state: live.MeetingState | None = None
        self.refresh_on_error = meeting_changed(meeting_id)

    def do(self) -> None:
        self.state, _changes = self.editor.write(self._apply)

    def revert(self) -> None:
        state = self.state
        assert state is not None
        self.editor.write(lambda s: live.put_meeting_state(s, state, changed=self.meeting_id))
