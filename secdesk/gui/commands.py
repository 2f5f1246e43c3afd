"""Undo commands: each calls `secdesk.services.editing` functions by id, nothing else, on the worker."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, time
from typing import Any, ClassVar

from sqlalchemy.orm import Session

from secdesk.gui.editor import EditCommand, Editor
from secdesk.services import editing
from secdesk.services.changes import Changes
from secdesk.services.editing import Snapshot

# Merge ids: consecutive edits of the same field become one undo step.
MERGE_FIELD = 1


class SetField(EditCommand):
    """One field of one row: an item, a meeting, a committee, a membership, a standing item."""

    SETTERS: ClassVar[dict[str, tuple[Callable[..., Any], Callable[..., Changes]]]] = {
        "item": (editing.item_field, editing.set_item_field),
        "meeting": (editing.meeting_field, editing.set_meeting_field),
        "committee": (editing.committee_field, editing.set_committee_field),
        "membership": (editing.membership_field, editing.set_membership_field),
        "standing": (editing.standing_field, editing.set_standing_field),
    }

    def __init__(self, editor: Editor, kind: str, row_id: int, name: str, value: Any, label: str, refresh: Changes):
        super().__init__(editor, f"Edit {label}")
        self.kind, self.row_id, self.name, self.new = kind, row_id, name, value
        self.old: Any = None
        self.refresh_on_error = refresh

    def capture(self) -> None:
        getter, _setter = self.SETTERS[self.kind]
        self.old = self.editor.read(lambda s: getter(s, self.row_id, self.name))

    def first_do(self) -> None:
        if not self.captured:
            self.capture()
            self.captured = True
        if self.old == self.new:
            self.unchanged = True
            return
        self.do()

    def _set(self, value: Any) -> None:
        _getter, setter = self.SETTERS[self.kind]
        self.editor.write(lambda s: setter(s, self.row_id, self.name, value))

    def do(self) -> None:
        self._set(self.new)

    def revert(self) -> None:
        self._set(self.old)

    def id(self) -> int:
        return MERGE_FIELD if isinstance(self.new, str) else -1

    def mergeWith(self, other: EditCommand) -> bool:
        if not isinstance(other, SetField) or (other.kind, other.row_id, other.name) != (
            self.kind,
            self.row_id,
            self.name,
        ):
            return False
        self.new = other.new
        return True


class Create(EditCommand):
    """Something new: undo removes it with a snapshot, redo restores it with the same id."""

    def __init__(
        self,
        editor: Editor,
        text: str,
        create: Callable[[Session], tuple[int, Changes]],
        remove: Callable[[Session, int], tuple[Snapshot, Changes]],
    ):
        super().__init__(editor, text)
        self._create, self._remove = create, remove
        self.row_id: int | None = None
        self._snapshot: Snapshot | None = None
        self._changes = Changes()

    def do(self) -> None:
        if self._snapshot is None:
            self.row_id, self._changes = self.editor.write(self._create)
        else:
            snapshot, changes = self._snapshot, self._changes
            self.editor.write(lambda s: editing.restore_row(s, snapshot, changes))

    def revert(self) -> None:
        row_id = self.row_id
        self._snapshot, self._changes = self.editor.write(lambda s: self._remove(s, row_id))


class Remove(EditCommand):
    """Removal: undo restores the row and everything it owned, ids unchanged."""

    def __init__(
        self, editor: Editor, text: str, row_id: int, remove: Callable[[Session, int], tuple[Snapshot, Changes]]
    ):
        super().__init__(editor, text)
        self.row_id, self._remove = row_id, remove
        self._snapshot: Snapshot | None = None
        self._changes = Changes()

    def do(self) -> None:
        self._snapshot, self._changes = self.editor.write(lambda s: self._remove(s, self.row_id))

    def revert(self) -> None:
        snapshot, changes = self._snapshot, self._changes
        assert snapshot is not None
        self.editor.write(lambda s: editing.restore_row(s, snapshot, changes))


class RemoveItem(Remove):
    def __init__(self, editor: Editor, item_id: int, title: str):
        super().__init__(editor, f"Remove item {title!r}", item_id, editing.remove_item)


class MoveItem(EditCommand):
    def __init__(self, editor: Editor, item_id: int, new_position: int, title: str):
        super().__init__(editor, f"Move item {title!r}")
        self.item_id, self.new_position = item_id, new_position
        self.old_position, self.old_section = 0, ""

    def capture(self) -> None:
        self.old_position, self.old_section = self.editor.read(lambda s: editing.item_state(s, self.item_id))

    def do(self) -> None:
        self.editor.write(lambda s: editing.move_item(s, self.item_id, self.new_position))

    def revert(self) -> None:
        self.editor.write(lambda s: editing.put_item(s, self.item_id, self.old_position, self.old_section))


class SetAttendance(EditCommand):
    """Present / apologies / absent for one or several rows, as one step."""

    def __init__(self, editor: Editor, row_ids: list[int], status: str, label: str):
        super().__init__(editor, f"Mark {label} {status}")
        self.row_ids, self.status = list(row_ids), status
        self.old: list[editing.AttendanceState] = []

    def capture(self) -> None:
        self.old = self.editor.read(lambda s: [editing.attendance_state(s, r) for r in self.row_ids])

    def do(self) -> None:
        self.editor.write(lambda s: editing.set_attendance_statuses(s, self.row_ids, self.status))

    def revert(self) -> None:
        self.editor.write(lambda s: editing.put_attendance_states(s, self.row_ids, self.old))


class MoveStandingItem(EditCommand):
    def __init__(self, editor: Editor, standing_id: int, new_index: int):
        super().__init__(editor, "Move standing item")
        self.standing_id, self.new_index = standing_id, new_index
        self.old_index = 0

    def do(self) -> None:
        self.old_index, _ = self.editor.write(lambda s: editing.move_standing_item(s, self.standing_id, self.new_index))

    def revert(self) -> None:
        self.editor.write(lambda s: editing.move_standing_item(s, self.standing_id, self.old_index))


def new_meeting(
    editor: Editor, committee_id: int, day: date, number: int, venue: str, start: time | None, end: time | None
) -> Create:
    return Create(
        editor,
        f"New meeting {number}",
        lambda s: editing.create_meeting(s, committee_id, day, number=number, venue=venue, start=start, end=end),
        editing.delete_meeting,
    )
