"""Undo commands for the registers: each calls `register_views` by id on the worker and touches no widget."""

from __future__ import annotations

from typing import Any

from secdesk.gui.commands import MERGE_FIELD, Create, removal
from secdesk.gui.editor import EditCommand, Editor
from secdesk.model import PlannedItem, Risk, RiskReview
from secdesk.services import register_views
from secdesk.services.changes import Changes


class SetRiskFields(EditCommand):
    """One or more fields of one risk (an override goes with its reason)."""

    def __init__(self, editor: Editor, risk_id: int, number: int, values: dict[str, Any], label: str, refresh: Changes):
        super().__init__(editor, f"Edit risk {number} {label}")
        self.risk_id, self.new = risk_id, dict(values)
        self.old: dict[str, Any] = {}
        self.refresh_on_error = refresh

    def capture(self) -> None:
        self.old = self.editor.read(lambda s: register_views.risk_fields(s, self.risk_id, tuple(self.new)))

    def _set(self, values: dict[str, Any]) -> None:
        self.editor.write(lambda s: register_views.set_risk_fields(s, self.risk_id, values))

    def do(self) -> None:
        self._set(self.new)

    def revert(self) -> None:
        self._set(self.old)

    def id(self) -> int:
        # Typing in one text field merges into one undo step.
        return MERGE_FIELD if len(self.new) == 1 and isinstance(next(iter(self.new.values())), str) else -1

    def mergeWith(self, other: EditCommand) -> bool:
        if not isinstance(other, SetRiskFields) or other.risk_id != self.risk_id or set(other.new) != set(self.new):
            return False
        self.new = other.new
        return True


class SetMitigations(EditCommand):
    def __init__(self, editor: Editor, risk_id: int, number: int, wanted: list[tuple[str, bool]], refresh: Changes):
        super().__init__(editor, f"Edit risk {number} mitigations")
        self.risk_id, self.new = risk_id, list(wanted)
        self.old: list[tuple[str, bool]] = []
        self.refresh_on_error = refresh

    def capture(self) -> None:
        self.old = self.editor.read(lambda s: register_views.mitigations(s, self.risk_id))

    def do(self) -> None:
        self.editor.write(lambda s: register_views.set_mitigations(s, self.risk_id, self.new))

    def revert(self) -> None:
        self.editor.write(lambda s: register_views.set_mitigations(s, self.risk_id, self.old))


class SetPlannedFields(EditCommand):
    def __init__(self, editor: Editor, planned_id: int, values: dict[str, Any], text: str, refresh: Changes):
        super().__init__(editor, text)
        self.planned_id, self.new = planned_id, dict(values)
        self.old: dict[str, Any] = {}
        self.refresh_on_error = refresh

    def capture(self) -> None:
        self.old = self.editor.read(lambda s: register_views.planned_fields(s, self.planned_id, tuple(self.new)))

    def do(self) -> None:
        self.editor.write(lambda s: register_views.set_planned_fields(s, self.planned_id, self.new))

    def revert(self) -> None:
        self.editor.write(lambda s: register_views.set_planned_fields(s, self.planned_id, self.old))


class SetThresholds(EditCommand):
    def __init__(self, editor: Editor, committee_id: int, amber_from: int, red_from: int):
        super().__init__(editor, "Change RAG thresholds")
        self.committee_id, self.new = committee_id, (amber_from, red_from)
        self.old = self.new

    def capture(self) -> None:
        old = self.editor.read(lambda s: register_views.thresholds(s, self.committee_id))
        self.old = (old.amber_from, old.red_from)

    def do(self) -> None:
        self.editor.write(lambda s: register_views.set_thresholds(s, self.committee_id, *self.new))

    def revert(self) -> None:
        self.editor.write(lambda s: register_views.set_thresholds(s, self.committee_id, *self.old))


class SetImpactCategory(EditCommand):
    def __init__(self, editor: Editor, committee_id: int, name: str, descriptors: list[str]):
        super().__init__(editor, f"Edit impact category {name}")
        self.committee_id, self.name, self.new = committee_id, name, list(descriptors)
        self.old: list[str] | None = None

    def capture(self) -> None:
        scale = self.editor.read(lambda s: register_views.impact_scale(s, self.committee_id))
        self.old = next((list(row.descriptors) for row in scale if row.name == self.name), None)

    def do(self) -> None:
        self.editor.write(lambda s: register_views.set_impact_category(s, self.committee_id, self.name, self.new))

    def revert(self) -> None:
        if self.old is not None:  # a new category stays, emptied: the scale has no removal
            self.editor.write(lambda s: register_views.set_impact_category(s, self.committee_id, self.name, self.old))
        else:
            self.editor.write(lambda s: register_views.set_impact_category(s, self.committee_id, self.name, [""] * 5))


class RollForward(EditCommand):
    """Planned items to the next month: one item, or a meeting's untaken ones."""

    def __init__(
        self, editor: Editor, text: str, *, planned_ids: list[int] | None = None, meeting_id: int | None = None
    ):
        super().__init__(editor, text)
        self.planned_ids, self.meeting_id = list(planned_ids or []), meeting_id
        self.moved: list[int] = []

    def do(self) -> None:
        if self.meeting_id is not None:
            self.planned_ids, self.moved, _ = self.editor.write(
                lambda s: register_views.roll_untaken(s, self.meeting_id)
            )
        else:
            self.moved, _ = self.editor.write(lambda s: register_views.roll_forward(s, self.planned_ids))

    def revert(self) -> None:
        self.editor.write(lambda s: register_views.unroll(s, self.planned_ids, self.moved))


class TakePlanned(EditCommand):
    """Planned items onto a meeting's agenda."""

    def __init__(self, editor: Editor, meeting_id: int, planned_ids: list[int]):
        count = len(planned_ids)
        super().__init__(editor, f"Take {count} planned item{'s' if count != 1 else ''} onto the agenda")
        self.meeting_id, self.planned_ids = meeting_id, list(planned_ids)
        self.item_ids: list[int] = []

    def do(self) -> None:
        self.item_ids, _ = self.editor.write(lambda s: register_views.take(s, self.meeting_id, self.planned_ids))

    def revert(self) -> None:
        self.editor.write(lambda s: register_views.untake(s, self.meeting_id, self.planned_ids, self.item_ids))


def add_risk(
    editor: Editor, committee_id: int, description: str, likelihood: int, impact: int, owner: str, classification: str
) -> Create:
    return Create(
        editor,
        "Add risk",
        lambda s: register_views.add_risk(s, committee_id, description, likelihood, impact, owner, classification),
        removal(Risk, register_views.remove_risk),
    )


def review(editor: Editor, committee_id: int, meeting_id: int | None) -> Create:
    return Create(
        editor,
        "Review the risk register",
        lambda s: register_views.review(s, committee_id, meeting_id),
        removal(RiskReview, register_views.remove_review),
    )


def add_planned(editor: Editor, committee_id: int, values: dict[str, Any]) -> Create:
    return Create(
        editor,
        f"Plan {values['title']!r}",
        lambda s: register_views.add_planned(s, committee_id, **values),
        removal(PlannedItem, register_views.remove_planned),
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
