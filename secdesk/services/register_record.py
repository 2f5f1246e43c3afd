"""What the window shows of a committee's registers: plain frozen rows, levels as `Classification`.

The risk register (`risk_rows`, the heat map's `heat_grid`, the thresholds and the
impact scale), its reviews (`review_rows`, `snapshot_rows`, `review_changes`) and
the activity planner (`plan_rows`, `offered_in_month`). The rules are in `risks`
and `planner`; this module only reads.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from secdesk.model import (
    Classification,
    Committee,
    PlannedItem,
    PlanStatus,
    Purpose,
    Rag,
    Risk,
    RiskReview,
    RiskStatus,
)
from secdesk.security.fields import is_locked
from secdesk.services import planner, risks
from secdesk.services.rows import fetch


@dataclass(frozen=True)
class RiskRow:
    id: int
    number: int
    description: str
    likelihood: int
    impact: int
    severity: int
    rag: Rag  # the RAG shown: the override if set, else from the thresholds
    computed_rag: Rag
    override: Rag | None
    override_reason: str
    owner: str
    impact_category: str | None
    mitigations: tuple[tuple[str, bool], ...]  # (text, in place)
    classification: Classification
    status: RiskStatus
    locked: bool


@dataclass(frozen=True)
class Thresholds:
    amber_from: int
    red_from: int

    def rag(self, severity: int) -> Rag:
        return risks.rag_for(severity, self)


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
    purpose: Purpose
    classification: Classification
    status: PlanStatus
    meeting: str | None  # where a taken item went


# --- the risk register ---


def thresholds(session: Session, committee_id: int) -> Thresholds:
    found = risks.settings(session, fetch(session, Committee, committee_id))
    return Thresholds(found.amber_from, found.red_from)


def _risk_row(risk: Risk, limits: Thresholds) -> RiskRow:
    return RiskRow(
        id=risk.id, number=risk.number, description=risk.description, likelihood=risk.likelihood,
        impact=risk.impact, severity=risk.severity, rag=risks.rag_of(risk, limits),
        computed_rag=limits.rag(risk.severity), override=risk.rag_override,
        override_reason=risk.override_reason or "", owner=risk.owner, impact_category=risk.impact_category,
        mitigations=risks.mitigations_of(risk), classification=risk.classification, status=risk.status,
        locked=is_locked(risk) or any(is_locked(m) for m in risk.mitigations),
    )


def risk_rows(session: Session, committee_id: int, *, include_closed: bool = False) -> list[RiskRow]:
    """The register in severity order, highest first (closed risks last when shown)."""
    limits = thresholds(session, committee_id)
    rows = [_risk_row(r, limits) for r in risks.risks_of(session, committee_id, include_closed=include_closed)]
    return sorted(rows, key=lambda r: (r.status is not RiskStatus.OPEN, -r.severity, r.number))


def heat_grid(rows: list[RiskRow]) -> dict[tuple[int, int], list[int]]:
    """(likelihood, impact) -> numbers of the open risks there: what the heat map draws."""
    return risks.heat_map([r for r in rows if r.status is RiskStatus.OPEN])


def impact_scale(session: Session, committee_id: int) -> list[ScaleRow]:
    return [ScaleRow(c.name, tuple(c.descriptors()))
            for c in risks.impact_scale(session, fetch(session, Committee, committee_id))]


# --- reviews ---


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
    return [_review_row(r) for r in reversed(risks.reviews(session, fetch(session, Committee, committee_id)))]


def review_as_of(session: Session, committee_id: int, day: date) -> int | None:
    found = risks.as_of(session, fetch(session, Committee, committee_id), day)
    return found.id if found is not None else None


def _mitigation_pairs(stored: str) -> list[list[Any]]:
    try:
        pairs: list[list[Any]] = json.loads(stored)  # [text, in place] as json.dumps wrote them
        return pairs
    except ValueError:  # locked: the text cannot be read here
        return [[stored, False]]


def snapshot_rows(session: Session, review_id: int) -> list[RiskRow]:
    """The register as it stood at a review, in severity order."""
    taken = fetch(session, RiskReview, review_id)
    rows = [
        RiskRow(
            id=s.id, number=s.number, description=s.description, likelihood=s.likelihood, impact=s.impact,
            severity=s.severity, rag=s.rag, computed_rag=s.rag, override=None, override_reason="",
            owner=s.owner, impact_category=None,
            mitigations=tuple((text, bool(in_place)) for text, in_place in _mitigation_pairs(s.mitigations)),
            classification=s.classification, status=s.status, locked=is_locked(s),
        )
        for s in taken.snapshots
    ]
    return sorted(rows, key=lambda r: (-r.severity, r.number))


_FIELD_NAMES = {"description": "description", "likelihood": "likelihood", "impact": "impact", "rag": "RAG",
                "owner": "owner", "mitigations": "mitigations", "classification": "classification"}


def _describe(name: str, old: Any, new: Any) -> str:
    if name in ("likelihood", "impact", "owner"):
        return f"{_FIELD_NAMES[name]} {old or '-'} \u2192 {new or '-'}"
    if name == "rag":  # the field's name says it is a RAG: "RAG Green \u2192 Red"
        return f"{_FIELD_NAMES[name]} {old.colour} \u2192 {new.colour}"
    if name == "classification":
        return f"{_FIELD_NAMES[name]} {old.label} \u2192 {new.label}"
    return f"{_FIELD_NAMES[name]} changed"


def review_changes(session: Session, review_id: int) -> list[ChangeRow]:
    """What changed since the review before this one (everything is 'added' at the first)."""
    taken = fetch(session, RiskReview, review_id)
    earlier = [r for r in risks.reviews(session, taken.committee)
               if (r.reviewed_on, r.id) < (taken.reviewed_on, taken.id)]
    rows = []
    for change in risks.changes_between(earlier[-1] if earlier else None, taken):
        if change.kind == "changed":
            summary = "; ".join(_describe(name, old, new) for name, (old, new) in change.fields.items())
        else:
            summary = "new on the register" if change.kind == "added" else "closed or removed"
        rows.append(ChangeRow(change.number, change.kind, summary))
    return rows


# --- the activity planner ---


def _plan_row(item: PlannedItem) -> PlanRow:
    taken_at = None
    if item.agenda_item is not None:
        meeting = item.agenda_item.meeting
        taken_at = f"{meeting.committee.code} {meeting.number}"
    return PlanRow(item.id, item.month, item.title, item.owner, item.purpose, item.classification, item.status,
                   taken_at)


def plan_rows(session: Session, committee_id: int, start: date, months: int) -> list[PlanRow]:
    """Items planned or taken from `start` for `months` months (rolled and dropped ones are history)."""
    first, last = planner.month_span(start, months)
    found = planner.in_months(session, committee_id, first, last, [PlanStatus.PLANNED, PlanStatus.TAKEN])
    return [_plan_row(p) for p in found]


def offered_in_month(session: Session, committee_id: int, day: date) -> list[PlanRow]:
    """What a new meeting on `day` is offered: items planned for its month, not yet taken."""
    return [_plan_row(p) for p in planner.offered(session, committee_id, day)]
