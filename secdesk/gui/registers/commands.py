"""Undo commands for the registers: each fetches its rows by id on the worker and calls `risks` or `planner`.

A field edit names a typed property those modules declare (`risks.LIKELIHOOD`,
`risks.RAG`, `planner.DETAILS` ...); the rest hand back what the rows they touched
concern (`rows.concerns`). No command touches a widget.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from secdesk.gui.commands import Create, SetField, removal
from secdesk.gui.editor import EditCommand, Editor
from secdesk.model import Classification, Committee, Meeting, PlannedItem, Risk, RiskReview
from secdesk.model.agenda import AgendaItem
from secdesk.services import planner, risks
from secdesk.services.changes import Changes, committee_changed
from secdesk.services.planner import PlanDetails
from secdesk.services.properties import Property
from secdesk.services.rows import concerns, fetch


class SetRiskField(SetField):
    """One property of one risk; the undo menu names the risk: "Edit risk 3 description"."""

    def __init__(
        self, editor: Editor, prop: Property[Risk, Any], risk_id: int, number: int, value: Any,
        refresh: Changes | None,
    ):
        super().__init__(editor, prop, risk_id, value, refresh or Changes())
        self.setText(f"Edit risk {number} {prop.label}")
        # None: a refusal leaves the fields as typed, with the problem beside them (an override's reason).
        self.refresh_on_error = refresh


class SetPlannedField(SetField):
    """A planned item's details or status, with the undo text the planner gives it ("Drop 'Annual plan'")."""

    def __init__(
        self, editor: Editor, prop: Property[PlannedItem, Any], planned_id: int, value: Any, text: str,
        refresh: Changes,
    ):
        super().__init__(editor, prop, planned_id, value, refresh)
        self.setText(text)


class SetThresholds(EditCommand):
    def __init__(self, editor: Editor, committee_id: int, amber_from: int, red_from: int):
        super().__init__(editor, "Change RAG thresholds")
        self.committee_id, self.new = committee_id, (amber_from, red_from)
        self.old = self.new

    def capture(self) -> None:
        def job(session: Session) -> tuple[int, int]:
            found = risks.settings(session, fetch(session, Committee, self.committee_id))
            return found.amber_from, found.red_from

        self.old = self.editor.read(job)

    def _set(self, limits: tuple[int, int]) -> None:
        def job(session: Session) -> Changes:
            committee = fetch(session, Committee, self.committee_id)
            risks.set_thresholds(session, committee, *limits)
            return concerns(risks.settings(session, committee))

        self.editor.write(job)

    def do(self) -> None:
        self._set(self.new)

    def revert(self) -> None:
        self._set(self.old)


class SetImpactCategory(EditCommand):
    def __init__(self, editor: Editor, committee_id: int, name: str, descriptors: list[str]):
        super().__init__(editor, f"Edit impact category {name}")
        self.committee_id, self.name, self.new = committee_id, name, list(descriptors)
        self.old: list[str] | None = None

    def capture(self) -> None:
        self.old = self.editor.read(
            lambda s: risks.descriptors_of(s, fetch(s, Committee, self.committee_id), self.name)
        )

    def _set(self, descriptors: list[str]) -> None:
        def job(session: Session) -> Changes:
            committee = fetch(session, Committee, self.committee_id)
            return concerns(risks.set_impact_category(session, committee, self.name, descriptors))

        self.editor.write(job)

    def do(self) -> None:
        self._set(self.new)

    def revert(self) -> None:
        # A new category stays, emptied: the scale has no removal.
        self._set(self.old if self.old is not None else [""] * 5)


def _concerning(found: list[Any]) -> Changes:
    changes = Changes()
    for row in found:
        changes |= concerns(row)
    return changes


class RollForward(EditCommand):
    """Planned items to the next month: one item, or a meeting's untaken ones."""

    def __init__(
        self, editor: Editor, text: str, *, planned_ids: list[int] | None = None, meeting_id: int | None = None
    ):
        super().__init__(editor, text)
        self.planned_ids, self.meeting_id = list(planned_ids or []), meeting_id
        self.moved: list[int] = []

    def do(self) -> None:
        def job(session: Session) -> tuple[list[int], list[int], Changes]:
            if self.meeting_id is not None:
                meeting = fetch(session, Meeting, self.meeting_id)
                moved = planner.roll_untaken(session, meeting)
                originals = [row.rolled_from_id for row in moved if row.rolled_from_id is not None]
                changes = committee_changed(meeting.committee_id)
            else:
                moved = [planner.roll_forward(session, fetch(session, PlannedItem, i)) for i in self.planned_ids]
                originals, changes = list(self.planned_ids), Changes()
            return originals, [row.id for row in moved], changes | _concerning(moved)

        self.planned_ids, self.moved, _changes = self.editor.write(job)

    def revert(self) -> None:
        def job(session: Session) -> Changes:
            originals = [fetch(session, PlannedItem, i) for i in self.planned_ids]
            moved = [fetch(session, PlannedItem, i) for i in self.moved]
            changes = _concerning(originals + moved)
            planner.unroll(session, originals, moved)
            return changes

        self.editor.write(job)


class TakePlanned(EditCommand):
    """Planned items onto a meeting's agenda."""

    def __init__(self, editor: Editor, meeting_id: int, planned_ids: list[int]):
        count = len(planned_ids)
        super().__init__(editor, f"Take {count} planned item{'s' if count != 1 else ''} onto the agenda")
        self.meeting_id, self.planned_ids = meeting_id, list(planned_ids)
        self.item_ids: list[int] = []

    def _concerns(self, meeting: Meeting) -> Changes:
        return concerns(meeting) | committee_changed(meeting.committee_id)

    def do(self) -> None:
        def job(session: Session) -> tuple[list[int], Changes]:
            meeting = fetch(session, Meeting, self.meeting_id)
            taken = [planner.take(session, fetch(session, PlannedItem, i), meeting) for i in self.planned_ids]
            return [item.id for item in taken], self._concerns(meeting)

        self.item_ids, _changes = self.editor.write(job)

    def revert(self) -> None:
        def job(session: Session) -> Changes:
            meeting = fetch(session, Meeting, self.meeting_id)
            planned = [fetch(session, PlannedItem, i) for i in self.planned_ids]
            planner.untake(session, planned, [fetch(session, AgendaItem, i) for i in self.item_ids])
            return self._concerns(meeting)

        self.editor.write(job)


def add_risk(
    editor: Editor, committee_id: int, description: str, likelihood: int, impact: int, owner: str,
    classification: Classification,
) -> Create:
    return Create(
        editor,
        "Add risk",
        lambda s: risks.add_risk(
            s, fetch(s, Committee, committee_id), description, likelihood, impact, owner=owner,
            classification=classification,
        ),
        removal(Risk, risks.remove_risk),
    )


def review(editor: Editor, committee_id: int, meeting_id: int | None) -> Create:
    return Create(
        editor,
        "Review the risk register",
        lambda s: risks.review(
            s, fetch(s, Committee, committee_id),
            meeting=fetch(s, Meeting, meeting_id) if meeting_id is not None else None,
        ),
        removal(RiskReview, risks.remove_review),
    )


def add_planned(editor: Editor, committee_id: int, details: PlanDetails) -> Create:
    return Create(
        editor,
        f"Plan {details.title!r}",
        lambda s: planner.plan(
            s, fetch(s, Committee, committee_id), details.month, details.title, owner=details.owner,
            purpose=details.purpose, classification=details.classification,
        ),
        removal(PlannedItem, planner.remove),
    )


class NewMeetingWithPlanned(EditCommand):
    """A new meeting and the planned items ticked for it, as one undo step."""

    def __init__(self, create: Create, planned_ids: list[int]):
        super().__init__(create.editor, create.text())
        self.create, self.planned_ids = create, list(planned_ids)
        self.take: TakePlanned | None = None

    @property
    def row_id(self) -> int | None:
        return self.create.row_id

    def do(self) -> None:
        self.create.do()
        assert self.create.row_id is not None
        if self.take is None:
            self.take = TakePlanned(self.editor, self.create.row_id, self.planned_ids)
        try:
            self.take.do()
        except Exception:
            self.create.revert()  # all or nothing: no meeting without the items asked for
            raise

    def revert(self) -> None:
        assert self.take is not None
        self.take.revert()
        self.create.revert()
