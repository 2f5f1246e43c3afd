"""One editable property of one kind of row, changed only through the domain rule that guards it.

The domain modules declare their properties (`agenda.TITLE`, `meetings.VENUE`);
the window's undoable field edit names one of them and a typed value, so there
is no table of field names to dispatch on and no string to convert back.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from sqlalchemy.orm import Session

from secdesk.model.base import Base
from secdesk.services.changes import Changes
from secdesk.services.rows import concerns, fetch

R = TypeVar("R", bound=Base)
V = TypeVar("V")


@dataclass(frozen=True, eq=False)
class Property(Generic[R, V]):
    row: type[R]
    label: str  # what the undo menu says: "Undo Edit title"
    read: Callable[[R], V]
    write: Callable[[Session, R, V], None]
    # A change renames something the navigator lists (a meeting's date, a committee's code).
    structure: bool = False

    def get(self, session: Session, row_id: int) -> V:
        return self.read(fetch(session, self.row, row_id))

    def set(self, session: Session, row_id: int, value: V) -> Changes:
        row = fetch(session, self.row, row_id)
        self.write(session, row, value)
        return concerns(row, structure=self.structure)
