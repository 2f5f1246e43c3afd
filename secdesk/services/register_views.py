"""The registers as the window edits them: plain rows, and edits addressed by id.

Each edit returns a `Changes` naming the committee (and the meeting where one is
involved), so the register screens, the meeting page and the undo commands stay
in step. Validation is the risk and planner services' own.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from secdesk.errors import NotFoundError, ValidationError
from secdesk.model import (
    AgendaItem,
    Classification,
    Committee,
    Decision,
    DecisionVerb,
    Meeting,
    PlannedItem,
    PlanStatus,
    Purpose,
    Rag,
    Risk,
    RiskMitigation,
    RiskReview,
    RiskStatus,
)
from secdesk.security.fields import is_locked
from secdesk.services import agenda, planner, risks
from secdesk.services.changes import Changes, committee_changed, meeting_changed
from secdesk.services.rows import Snapshot, delete_with_snapshot
from secdesk.vocabulary import ItemKind

RISK_FIELDS = {"description", "likelihood", "impact", "owner", "impact_category", "rag_override",
               "override_reason", "status", "classification"}
_RISK_ENUMS = {"rag_override": Rag, "status": RiskStatus, "classification": Classification}
PLAN_FIELDS = {"month", "title", "owner", "purpose", "classification", "status"}
_PLAN_ENUMS = {"purpose": Purpose, "classification": Classification, "status": PlanStatus}


@dataclass(frozen=True)
class RiskRow:
    id: int
    number: int
    description: str
    likelihood: int
    impact: int
    severity: int
    rag: str  # the RAG shown: the override if set, else from the thresholds
    computed_rag: str
    override: str | None
    override_reason: str
    owner: str
    impact_category: str | None
    mitigations: tuple[tuple[str, bool], ...]  # (text, in place)
    classification: str
    status: str
    locked: bool


@dataclass(frozen=True)
class Thresholds:
    amber_from: int
    red_from: int

    def rag(self, severity: int) -> str:
        return "red" if severity >= self.red_from else "amber" if severity >= self.amber_from else "green"


@dataclass(frozen=True)
class ScaleRow:
    name: str
    descriptors: tuple[str, ...]


@dataclass(frozen=True)
class ReviewRow:
    id: int
    reviewed_on: date
    meeting: str | None  # "TABASC 46" when reviewed at a meeting
    decision: str | None
    risk_count: int


@dataclass(frozen=True)
class ChangeRow:
    number: int
    kind: str  # added, removed, changed
    summary: str


@dataclass(frozen=True)
class PlanRow:
    id: int
    month: date
    title: str
    owner: str
    purpose: str
    classification: str
    status: str
    meeting: str | None  # where a taken item went


def _committee(session: Session, committee_id: int) -> Committee:
    committee = session.get(Committee, committee_id)
    if committee is None:
        raise NotFoundError(f"The committee (id {committee_id}) no longer exists.")
    return committee


def _get(session: Session, cls: type[Any], row_id: int) -> Any:
    row = session.get(cls, row_id)
    if row is None:
        raise NotFoundError(f"That {cls.__tablename__.replace('_', ' ')} (id {row_id}) no longer exists.")
    return row


# --- the risk register ---


def thresholds(session: Session, committee_id: int) -> Thresholds:
    found = risks.settings(session, _committee(session, committee_id))
    return Thresholds(found.amber_from, found.red_from)


def set_thresholds(session: Session, committee_id: int, amber_from: int, red_from: int) -> Changes:
    risks.set_thresholds(session, _committee(session, committee_id), amber_from, red_from)
    return committee_changed(committee_id)


def _risk_row(risk: Risk, limits: Thresholds) -> RiskRow:
    computed = limits.rag(risk.severity)
    return RiskRow(
        id=risk.id, number=risk.number, description=risk.description, likelihood=risk.likelihood,
        impact=risk.impact, severity=risk.severity, rag=risk.rag_override.value if risk.rag_override else computed,
        computed_rag=computed, override=risk.rag_override.value if risk.rag_override else None,
        override_reason=risk.override_reason or "", owner=risk.owner, impact_category=risk.impact_category,
        mitigations=tuple((m.text, m.in_place) for m in risk.mitigations),
        classification=risk.classification.value, status=risk.status.value,
        locked=is_locked(risk) or any(is_locked(m) for m in risk.mitigations),
    )


def risk_rows(session: Session, committee_id: int, *, include_closed: bool = False) -> list[RiskRow]:
    """The register in severity order, highest first (closed risks last when shown)."""
    limits = thresholds(session, committee_id)
    query = select(Risk).where(Risk.committee_id == committee_id)
    if not include_closed:
        query = query.where(Risk.status == RiskStatus.OPEN)
    rows = [_risk_row(r, limits) for r in session.scalars(query)]
    return sorted(rows, key=lambda r: (r.status != "open", -r.severity, r.number))


def risk_fields(session: Session, risk_id: int, names: tuple[str, ...]) -> dict[str, Any]:
    risk = _get(session, Risk, risk_id)
    return {name: _plain(getattr(risk, name)) for name in names}


def _plain(value: Any) -> Any:
    return value.value if hasattr(value, "value") else value


def set_risk_fields(session: Session, risk_id: int, values: dict[str, Any]) -> Changes:
    """Several fields at once (an override with its reason); checked before anything is saved."""
    unknown = set(values) - RISK_FIELDS
    if unknown:
        raise ValueError(f"not editable risk fields: {sorted(unknown)}")
    risk = _get(session, Risk, risk_id)
    converted = {
        name: (_RISK_ENUMS[name](value) if name in _RISK_ENUMS and value is not None else value)
        for name, value in values.items()
    }
    for name in ("description", "owner", "override_reason"):
        if isinstance(converted.get(name), str):
            converted[name] = converted[name].strip()
    risks.update_risk(session, risk, **converted)
    return committee_changed(risk.committee_id)


def mitigations(session: Session, risk_id: int) -> list[tuple[str, bool]]:
    return [(m.text, m.in_place) for m in _get(session, Risk, risk_id).mitigations]


def set_mitigations(session: Session, risk_id: int, wanted: list[tuple[str, bool]]) -> Changes:
    """Replace the risk's mitigations with `wanted`, in order; blank lines are dropped."""
    risk = _get(session, Risk, risk_id)
    kept = [(text.strip(), in_place) for text, in_place in wanted if text.strip()]
    current = risk.mitigations
    for position, (text, in_place) in enumerate(kept):
        if position < len(current):
            row = current[position]
            if row.text != text:
                row.text = text
            row.in_place, row.position = in_place, position
        else:
            risk.mitigations.append(RiskMitigation(text=text, in_place=in_place, position=position))
    del risk.mitigations[len(kept):]
    session.flush()
    return committee_changed(risk.committee_id)


def add_risk(session: Session, committee_id: int, description: str, likelihood: int, impact: int,
             owner: str = "", classification: str = "white") -> Risk:
    return risks.add_risk(session, _committee(session, committee_id), description, likelihood, impact,
                          owner=owner, classification=Classification(classification))


def remove_risk(session: Session, risk: Risk) -> Snapshot:
    """Only for undoing an addition: a risk that was reviewed is closed, never removed."""
    return delete_with_snapshot(session, risk)


def impact_scale(session: Session, committee_id: int) -> list[ScaleRow]:
    return [ScaleRow(c.name, tuple(c.descriptors()))
            for c in risks.impact_scale(session, _committee(session, committee_id))]


def set_impact_category(session: Session, committee_id: int, name: str, descriptors: list[str]) -> Changes:
    risks.set_impact_category(session, _committee(session, committee_id), name.strip(), descriptors)
    return committee_changed(committee_id)


# --- reviews ---


def register_item_decision(session: Session, meeting: Meeting) -> int | None:
    """The APPROVED decision on the meeting's Risk Register item, if it has one."""
    for item in meeting.items:
        if item.kind is ItemKind.RISK_REGISTER:
            for decision in item.decisions:
                if decision.verb is DecisionVerb.APPROVED:
                    return decision.id
    return None


def review(session: Session, committee_id: int, meeting_id: int | None, on: date | None = None) -> RiskReview:
    """A snapshot of the register, linked to the meeting and its approving decision."""
    committee = _committee(session, committee_id)
    meeting = _get(session, Meeting, meeting_id) if meeting_id is not None else None
    decision_id = register_item_decision(session, meeting) if meeting is not None else None
    decision = session.get(Decision, decision_id) if decision_id is not None else None
    return risks.review(session, committee, meeting=meeting, on=on, decision=decision)


def remove_review(session: Session, taken: RiskReview) -> Snapshot:
    return delete_with_snapshot(session, taken)


def _review_row(taken: RiskReview) -> ReviewRow:
    meeting = taken.meeting
    return ReviewRow(
        id=taken.id, reviewed_on=taken.reviewed_on,
        meeting=f"{meeting.committee.code} {meeting.number}" if meeting is not None else None,
        decision=f"{taken.decision.verb.value} {taken.decision.text}" if taken.decision is not None else None,
        risk_count=len(taken.snapshots),
    )


def review_rows(session: Session, committee_id: int) -> list[ReviewRow]:
    """Reviews newest first."""
    return [_review_row(r) for r in reversed(risks.reviews(session, _committee(session, committee_id)))]


def review_as_of(session: Session, committee_id: int, day: date) -> int | None:
    found = risks.as_of(session, _committee(session, committee_id), day)
    return found.id if found is not None else None


def snapshot_rows(session: Session, review_id: int) -> list[RiskRow]:
    """The register as it stood at a review, in severity order."""
    taken = _get(session, RiskReview, review_id)
    rows = [
        RiskRow(
            id=s.id, number=s.number, description=s.description, likelihood=s.likelihood, impact=s.impact,
            severity=s.severity, rag=s.rag.value, computed_rag=s.rag.value, override=None, override_reason="",
            owner=s.owner, impact_category=None,
            mitigations=tuple((text, bool(in_place)) for text, in_place in _mitigation_pairs(s.mitigations)),
            classification=s.classification.value, status=s.status.value, locked=is_locked(s),
        )
        for s in taken.snapshots
    ]
    return sorted(rows, key=lambda r: (-r.severity, r.number))


def _mitigation_pairs(stored: str) -> list[list[Any]]:
    try:
        pairs: list[list[Any]] = json.loads(stored)  # [text, in place] as json.dumps wrote them
        return pairs
    except ValueError:  # locked: the text cannot be read here
        return [[stored, False]]


_FIELD_NAMES = {"description": "description", "likelihood": "likelihood", "impact": "impact", "rag": "RAG",
                "owner": "owner", "mitigations": "mitigations", "classification": "classification"}


def _describe(name: str, old: Any, new: Any) -> str:
    if name in ("likelihood", "impact", "owner"):
        return f"{_FIELD_NAMES[name]} {old or '-'} \u2192 {new or '-'}"
    if name in ("rag", "classification"):
        return f"{_FIELD_NAMES[name]} {_plain(old).capitalize()} \u2192 {_plain(new).capitalize()}"
    return f"{_FIELD_NAMES[name]} changed"


def review_changes(session: Session, review_id: int) -> list[ChangeRow]:
    """What changed since the review before this one (everything is 'added' at the first)."""
    taken = _get(session, RiskReview, review_id)
    earlier = [r for r in risks.reviews(session, taken.committee)
               if (r.reviewed_on, r.id) < (taken.reviewed_on, taken.id)]
    found = risks.changes_between(earlier[-1] if earlier else None, taken)
    rows = []
    for change in found:
        if change.kind == "changed":
            summary = "; ".join(_describe(name, old, new) for name, (old, new) in change.fields.items())
        else:
            summary = "new on the register" if change.kind == "added" else "closed or removed"
        rows.append(ChangeRow(change.number, change.kind, summary))
    return rows


# --- the activity planner ---


def plan_rows(session: Session, committee_id: int, start: date, months: int) -> list[PlanRow]:
    """Items planned or taken from `start` for `months` months (rolled and dropped ones are history)."""
    first = planner.first_of_month(start)
    last = first
    for _ in range(months - 1):
        last = planner.next_month(last)
    query = (
        select(PlannedItem)
        .where(PlannedItem.committee_id == committee_id, PlannedItem.month >= first, PlannedItem.month <= last,
               PlannedItem.status.in_([PlanStatus.PLANNED, PlanStatus.TAKEN]))
        .order_by(PlannedItem.month, PlannedItem.id)
    )
    return [_plan_row(p) for p in session.scalars(query)]


def _plan_row(item: PlannedItem) -> PlanRow:
    taken_at = None
    if item.agenda_item is not None:
        meeting = item.agenda_item.meeting
        taken_at = f"{meeting.committee.code} {meeting.number}"
    return PlanRow(item.id, item.month, item.title, item.owner, item.purpose.value, item.classification.value,
                   item.status.value, taken_at)


def offered_in_month(session: Session, committee_id: int, day: date) -> list[PlanRow]:
    """What a new meeting on `day` is offered: items planned for its month, not yet taken."""
    query = (
        select(PlannedItem)
        .where(PlannedItem.committee_id == committee_id, PlannedItem.month == planner.first_of_month(day),
               PlannedItem.status == PlanStatus.PLANNED)
        .order_by(PlannedItem.id)
    )
    return [_plan_row(p) for p in session.scalars(query)]


def add_planned(session: Session, committee_id: int, month: date, title: str, owner: str = "",
                purpose: str = "discussion", classification: str = "white") -> PlannedItem:
    return planner.plan(session, _committee(session, committee_id), month, title, owner=owner,
                        purpose=Purpose(purpose), classification=Classification(classification))


def remove_planned(session: Session, item: PlannedItem) -> Snapshot:
    return delete_with_snapshot(session, item)


def planned_fields(session: Session, planned_id: int, names: tuple[str, ...]) -> dict[str, Any]:
    item = _get(session, PlannedItem, planned_id)
    return {name: _plain(getattr(item, name)) for name in names}


def set_planned_fields(session: Session, planned_id: int, values: dict[str, Any]) -> Changes:
    unknown = set(values) - PLAN_FIELDS
    if unknown:
        raise ValueError(f"not editable planned item fields: {sorted(unknown)}")
    item = _get(session, PlannedItem, planned_id)
    if "title" in values and not str(values["title"]).strip():
        raise ValidationError("A planned item needs a title.")
    for name, value in values.items():
        if name in _PLAN_ENUMS:
            value = _PLAN_ENUMS[name](value)
        elif name == "month":
            value = planner.first_of_month(value)
            if value < planner.first_of_month(date.today()) and value != item.month:
                raise ValidationError(f"{value:%B %Y} is in the past; plan items for this month or later.")
        elif isinstance(value, str):
            value = value.strip()
        setattr(item, name, value)
    session.flush()
    return committee_changed(item.committee_id)


def roll_forward(session: Session, planned_ids: list[int]) -> tuple[list[int], Changes]:
    """Move planned items to the next month; returns the new rows' ids (undo removes them)."""
    moved = [planner.roll_forward(session, _get(session, PlannedItem, i)) for i in planned_ids]
    changes = Changes()
    for row in moved:
        changes = changes | committee_changed(row.committee_id)
    return [row.id for row in moved], changes


def roll_untaken(session: Session, meeting_id: int) -> tuple[list[int], list[int], Changes]:
    """After a meeting: (original ids, moved ids) of its month's items not taken."""
    meeting = _get(session, Meeting, meeting_id)
    originals = [p.id for p in planner.offered_for(session, meeting)]
    moved, changes = roll_forward(session, originals)
    return originals, moved, changes | committee_changed(meeting.committee_id)


def unroll(session: Session, original_ids: list[int], moved_ids: list[int]) -> Changes:
    """Undo of a roll forward: the moved copies go, the originals are planned again."""
    changes = Changes()
    for moved_id in moved_ids:
        row = _get(session, PlannedItem, moved_id)
        changes = changes | committee_changed(row.committee_id)
        session.delete(row)
    for original_id in original_ids:
        _get(session, PlannedItem, original_id).status = PlanStatus.PLANNED
    session.flush()
    return changes


def take(session: Session, meeting_id: int, planned_ids: list[int]) -> tuple[list[int], Changes]:
    """Put planned items on a meeting's agenda; returns the new agenda items' ids."""
    meeting = _get(session, Meeting, meeting_id)
    items = [planner.take(session, _get(session, PlannedItem, i), meeting) for i in planned_ids]
    return [i.id for i in items], meeting_changed(meeting_id) | committee_changed(meeting.committee_id)


def untake(session: Session, meeting_id: int, planned_ids: list[int], item_ids: list[int]) -> Changes:
    """Undo of `take`: the agenda items go and the planned items are planned again."""
    meeting = _get(session, Meeting, meeting_id)
    for planned_id in planned_ids:
        planned = _get(session, PlannedItem, planned_id)
        planned.status, planned.agenda_item = PlanStatus.PLANNED, None
    session.flush()
    for item_id in item_ids:
        agenda.remove_item(session, _get(session, AgendaItem, item_id))
    session.flush()
    return meeting_changed(meeting_id) | committee_changed(meeting.committee_id)


def heat_grid(rows: list[RiskRow]) -> dict[tuple[int, int], list[int]]:
    """(likelihood, impact) -> numbers of the open risks there: what the heat map draws."""
    grid: dict[tuple[int, int], list[int]] = {(lk, im): [] for lk in risks.SCORES for im in risks.SCORES}
    for row in rows:
        if row.status == "open":
            grid[(row.likelihood, row.impact)].append(row.number)
    return grid
