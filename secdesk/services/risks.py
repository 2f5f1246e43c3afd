"""The risk register: severity, RAG, reviews with dated snapshots, and what changed."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from secdesk.errors import NotFoundError, ValidationError
from secdesk.model import (
    Classification,
    Committee,
    Decision,
    ImpactCategory,
    Meeting,
    Rag,
    Risk,
    RiskMitigation,
    RiskReview,
    RiskSettings,
    RiskSnapshot,
    RiskStatus,
    visible_at,
)

SCORES = range(1, 6)


@dataclass(frozen=True)
class RiskView:
    """A risk as the window and the exports show it."""

    number: int
    description: str
    likelihood: int
    impact: int
    severity: int
    rag: str
    rag_overridden: bool
    owner: str
    mitigations: tuple[tuple[str, bool], ...]  # (text, in place)
    classification: str
    status: str


@dataclass(frozen=True)
class Change:
    number: int
    kind: str  # "added", "removed", "changed"
    fields: dict[str, tuple[object, object]] = field(default_factory=dict)


def settings(session: Session, committee: Committee) -> RiskSettings:
    found = session.get(RiskSettings, committee.id)
    if found is None:
        found = RiskSettings(committee_id=committee.id, amber_from=8, red_from=15)
        session.add(found)
        session.flush()
    return found


def set_thresholds(session: Session, committee: Committee, amber_from: int, red_from: int) -> None:
    if not 1 <= amber_from < red_from <= 25:
        raise ValidationError("RAG thresholds need 1 <= Amber from < Red from <= 25 (severity is likelihood x impact).")
    chosen = settings(session, committee)
    chosen.amber_from, chosen.red_from = amber_from, red_from
    session.flush()


def rag_for(severity: int, thresholds: RiskSettings) -> Rag:
    if severity >= thresholds.red_from:
        return Rag.RED
    if severity >= thresholds.amber_from:
        return Rag.AMBER
    return Rag.GREEN


def _check_scores(likelihood: int, impact: int) -> None:
    for name, value in (("Likelihood", likelihood), ("Impact", impact)):
        if value not in SCORES:
            raise ValidationError(f"{name} must be a whole number from 1 to 5, not {value!r}.")


def _check_override(
    number: int, severity: int, override: Rag | None, reason: str | None, thresholds: RiskSettings
) -> None:
    if override is None:
        return
    computed = rag_for(severity, thresholds)
    if override is not computed and not (reason or "").strip():
        raise ValidationError(
            f"Risk {number}: severity {severity} gives {computed.label}; say why it should be {override.label} instead."
        )


def add_risk(
    session: Session,
    committee: Committee,
    description: str,
    likelihood: int,
    impact: int,
    *,
    owner: str = "",
    impact_category: str | None = None,
    mitigations: list[tuple[str, bool]] | None = None,
    classification: Classification = Classification.WHITE,
    rag_override: Rag | None = None,
    override_reason: str | None = None,
) -> Risk:
    _check_scores(likelihood, impact)
    if not description.strip():
        raise ValidationError("Describe the risk, e.g. 'There is a risk that ...'.")
    number = (session.scalar(select(func.max(Risk.number)).where(Risk.committee_id == committee.id)) or 0) + 1
    _check_override(number, likelihood * impact, rag_override, override_reason, settings(session, committee))
    risk = Risk(
        committee=committee,
        number=number,
        description=description.strip(),
        likelihood=likelihood,
        impact=impact,
        owner=owner.strip(),
        impact_category=impact_category,
        classification=classification,
        rag_override=rag_override,
        override_reason=override_reason if rag_override else None,
    )
    session.add(risk)
    for position, (text, in_place) in enumerate(mitigations or []):
        risk.mitigations.append(RiskMitigation(text=text.strip(), in_place=in_place, position=position))
    session.flush()
    return risk


def get_risk(session: Session, committee: Committee, number: int) -> Risk:
    risk = session.scalar(select(Risk).where(Risk.committee_id == committee.id, Risk.number == number))
    if risk is None:
        raise NotFoundError(f"{committee.code} has no risk {number}.")
    return risk


def update_risk(session: Session, risk: Risk, **changes: Any) -> None:
    """Change a risk's fields; scores and overrides are checked before anything is saved.

    `changes` holds values of different columns, each checked below or by its column.
    """
    allowed = {
        "description",
        "likelihood",
        "impact",
        "owner",
        "impact_category",
        "rag_override",
        "override_reason",
        "status",
        "classification",
    }
    unknown = set(changes) - allowed
    if unknown:
        raise ValidationError(f"Unknown risk fields: {', '.join(sorted(unknown))}.")
    likelihood = int(changes.get("likelihood", risk.likelihood))
    impact = int(changes.get("impact", risk.impact))
    _check_scores(likelihood, impact)
    override = changes.get("rag_override", risk.rag_override)
    reason = changes.get("override_reason", risk.override_reason)
    _check_override(risk.number, likelihood * impact, override, reason, settings(session, risk.committee))
    if override is None:
        changes["override_reason"] = None
    for name, value in changes.items():
        setattr(risk, name, value)
    session.flush()


def view(risk: Risk, thresholds: RiskSettings) -> RiskView:
    return RiskView(
        number=risk.number,
        description=risk.description,
        likelihood=risk.likelihood,
        impact=risk.impact,
        severity=risk.severity,
        rag=(risk.rag_override or rag_for(risk.severity, thresholds)).value,
        rag_overridden=risk.rag_override is not None,
        owner=risk.owner,
        mitigations=tuple((m.text, m.in_place) for m in risk.mitigations),
        classification=risk.classification.value,
        status=risk.status.value,
    )


def register(
    session: Session, committee: Committee, level: Classification = Classification.RED, *, include_closed: bool = False
) -> list[RiskView]:
    """The register in severity order (highest first), holding nothing above `level`."""
    thresholds = settings(session, committee)
    risks = session.scalars(select(Risk).where(Risk.committee_id == committee.id)).all()
    shown = [
        view(r, thresholds) for r in risks if visible_at(r, level) and (include_closed or r.status is RiskStatus.OPEN)
    ]
    return sorted(shown, key=lambda r: (-r.severity, r.number))


def heat_map(risks: list[RiskView]) -> dict[tuple[int, int], list[int]]:
    """(likelihood, impact) -> risk numbers: the picture the exports and window draw."""
    grid: dict[tuple[int, int], list[int]] = {(lk, im): [] for lk in SCORES for im in SCORES}
    for risk in risks:
        grid[(risk.likelihood, risk.impact)].append(risk.number)
    return grid


def review(
    session: Session,
    committee: Committee,
    *,
    meeting: Meeting | None = None,
    on: date | None = None,
    decision: Decision | None = None,
) -> RiskReview:
    """Keep a dated snapshot of every open risk, as the register stands now."""
    day = on or (meeting.date if meeting else date.today())
    thresholds = settings(session, committee)
    taken = RiskReview(committee=committee, meeting=meeting, reviewed_on=day, decision=decision)
    session.add(taken)
    for risk in session.scalars(select(Risk).where(Risk.committee_id == committee.id, Risk.status == RiskStatus.OPEN)):
        taken.snapshots.append(
            RiskSnapshot(
                risk_uuid=risk.uuid,
                number=risk.number,
                description=risk.description,
                likelihood=risk.likelihood,
                impact=risk.impact,
                rag=risk.rag_override or rag_for(risk.severity, thresholds),
                owner=risk.owner,
                mitigations=json.dumps([[m.text, m.in_place] for m in risk.mitigations]),
                status=risk.status,
                classification=risk.classification,
            )
        )
    session.flush()
    return taken


def reviews(session: Session, committee: Committee) -> list[RiskReview]:
    return list(
        session.scalars(
            select(RiskReview)
            .where(RiskReview.committee_id == committee.id)
            .order_by(RiskReview.reviewed_on, RiskReview.id)
        )
    )


def as_of(session: Session, committee: Committee, day: date) -> RiskReview | None:
    """The latest review on or before a day: what did the register say in April?"""
    return session.scalar(
        select(RiskReview)
        .where(RiskReview.committee_id == committee.id, RiskReview.reviewed_on <= day)
        .order_by(RiskReview.reviewed_on.desc(), RiskReview.id.desc())
        .limit(1)
    )


COMPARED = ("description", "likelihood", "impact", "rag", "owner", "mitigations", "classification")


def changes_between(before: RiskReview | None, after: RiskReview) -> list[Change]:
    """What changed from one review to the next, risk by risk."""
    old = {s.risk_uuid: s for s in (before.snapshots if before else [])}
    new = {s.risk_uuid: s for s in after.snapshots}
    found: list[Change] = []
    for key, snap in new.items():
        if key not in old:
            found.append(Change(snap.number, "added"))
            continue
        differences = {
            name: (getattr(old[key], name), getattr(snap, name))
            for name in COMPARED
            if getattr(old[key], name) != getattr(snap, name)
        }
        if differences:
            found.append(Change(snap.number, "changed", differences))
    found += [Change(snap.number, "removed") for key, snap in old.items() if key not in new]
    return sorted(found, key=lambda c: c.number)


def set_impact_category(session: Session, committee: Committee, name: str, descriptors: list[str]) -> ImpactCategory:
    """One row of the impact scale: a descriptor for each score 1 to 5."""
    if len(descriptors) != 5:
        raise ValidationError(f"The impact category {name!r} needs a descriptor for each score 1 to 5.")
    category = session.scalar(
        select(ImpactCategory).where(ImpactCategory.committee_id == committee.id, ImpactCategory.name == name)
    )
    if category is None:
        position = session.scalar(
            select(func.count(ImpactCategory.id)).where(ImpactCategory.committee_id == committee.id)
        )
        category = ImpactCategory(committee_id=committee.id, name=name, position=position or 0)
        session.add(category)
    (category.level_1, category.level_2, category.level_3, category.level_4, category.level_5) = descriptors
    session.flush()
    return category


def impact_scale(session: Session, committee: Committee) -> list[ImpactCategory]:
    return list(
        session.scalars(
            select(ImpactCategory).where(ImpactCategory.committee_id == committee.id).order_by(ImpactCategory.position)
        )
    )
