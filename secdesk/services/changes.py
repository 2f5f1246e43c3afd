"""What an edit touched: the value every write hands back, so each view refreshes only when concerned.

Plain Python with no database import, so the window can hold it before SQLAlchemy loads.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Changes:
    """What an edit touched, so each view refreshes only when it is concerned."""

    meeting_ids: frozenset[int] = frozenset()
    committee_ids: frozenset[int] = frozenset()
    # Committees or meetings appeared, vanished or were renamed: the navigator rebuilds.
    structure: bool = False
    # The kinds of rows (table names) written; None when not said, which concerns every kind.
    kinds: frozenset[str] | None = None
    # What started the edit (the window marks its own typing, so a screen need not re-show what it sent).
    origin: object = field(default=None, compare=False)

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            self.meeting_ids | other.meeting_ids,
            self.committee_ids | other.committee_ids,
            self.structure or other.structure,
            None if self.kinds is None or other.kinds is None else self.kinds | other.kinds,
            self.origin if self.origin is other.origin else None,
        )

    def may_concern(self, *kinds: str) -> bool:
        """Whether rows of these kinds (table names) may have changed: a view showing only them asks."""
        return self.structure or self.kinds is None or not self.kinds.isdisjoint(kinds)


def meeting_changed(meeting_id: int, structure: bool = False) -> Changes:
    return Changes(meeting_ids=frozenset({meeting_id}), structure=structure)


def committee_changed(committee_id: int, structure: bool = False) -> Changes:
    return Changes(committee_ids=frozenset({committee_id}), structure=structure)
