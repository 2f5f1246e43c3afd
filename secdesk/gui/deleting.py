"""Deleting a meeting or a committee chosen on the left: asked first, undoable, audited by the core.

The core decides what may go (`meetings.remove_meeting` refuses a meeting whose actions
stand, `committees.remove_committee` one with meetings); a refusal is a message naming why.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from secdesk.gui import commands
from secdesk.gui.models import KeyRole
from secdesk.model import Committee, Meeting
from secdesk.services import committees, meetings

if TYPE_CHECKING:
    from secdesk.gui.main_window import MainWindow

MEETING_WARNING = ("Its agenda, papers, attendance, minutes and decisions go with it. Ctrl+Z brings it back. "
                   "A meeting at which actions were raised cannot be deleted: their references stand.")
COMMITTEE_WARNING = ("Its members, seats and standing items go with it. Ctrl+Z brings it back. "
                     "A committee with meetings cannot be deleted: delete its meetings first.")


def delete_chosen(window: MainWindow) -> None:
    index = window.navigator.currentIndex()
    key = window.navigator_model.data(index, KeyRole) if index.isValid() else None
    if window.store is None or key is None or key[0] not in ("meeting", "committee"):
        window.messages.info(window, "Delete", "Choose the meeting or committee to delete on the left first.")
        return
    kind, row_id = key
    name = str(index.data()).split("  \u00b7  ")[0]
    warning = MEETING_WARNING if kind == "meeting" else COMMITTEE_WARNING
    if not window.messages.confirm(window, f"Delete {kind}", f"Delete {kind} {name}?\n\n{warning}"):
        return
    window.flush()
    if kind == "meeting":
        removal = commands.removal(Meeting, meetings.remove_meeting)
    else:
        removal = commands.removal(Committee, committees.remove_committee)
    window.editor.push(commands.Remove(window.editor, f"Delete {kind} {name}", row_id, removal))
