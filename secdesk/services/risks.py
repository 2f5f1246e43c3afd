"""The risk register: severity, RAG, reviews with dated snapshots, and what changed.

Every rule about a risk is here once: the window's properties (`LIKELIHOOD`, `RAG`,
`MITIGATIONS` ...), the command line and the demo call the same typed functions.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Protocol

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from secdesk.errors import NotFoundError, ValidationError
from secdesk.model import (
    Classification,
    Committee,
    Decision,
    DecisionVerb,
    ImpactCategory,
    ItemKind,
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
from secdesk.services.properties import Property
from secdesk.services.rows import Snapshot, delete_with_snapshot

SCORES = range(1, 6)


@dataclass(frozen=True)
class RiskView:
    """A risk as the window and the exports show it."""

    number: int
    description: str
    likelihood: int
    impact: int
    severity: int
    rag: Rag
    rag_overridden: bool
    owner: str
    mitigations: tuple[tuple[str, bool], ...]  # (text, in place)
    classification: Classification
    status: RiskStatus


class Limits(Protocol):
    """RAG thresholds on severity: the stored settings or a read model's copy of them."""

    @property
    def amber_from(self) -> int: ...

    @property
    def red_from(self) -> int: ...


class Placed(Protocol):
    """Whatever the heat map places: a risk's number at its scores."""

    @property
    def number(self) -> int: ...

    @property
    def likelihood(self) -> int: ...

    @property
    def impact(self) -> int: ...


@dataclass(frozen=True)
class Override:
    """A RAG set by hand and why; `rag` None means as the severity gives it (and no reason is kept)."""

    rag: Rag | None = None
    reason: str = ""


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


def rag_for(severity: int, thresholds: Limits) -> Rag:
    if severity >= thresholds.red_from:
        return Rag.RED
    if severity >= thresholds.amber_from:
        return Rag.AMBER
    return Rag.GREEN


def _check_description(text: str) -> None:
    if not text.strip():
        raise ValidationError("Describe the risk, e.g. 'There is a risk that ...'.")


def _check_scores(likelihood: int, impact: int) -> None:
    for name, value in (("Likelihood", likelihood), ("Impact", impact)):
        if value not in SCORES:
            raise ValidationError(f"{name} must be a whole number from 1 to 5, not {value!r}.")


def _check_override(
    number: int, severity: int, override: Rag | None, reason: str | None, thresholds: Limits
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
    _check_description(description)
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


def _rate(session: Session, risk: Risk, likelihood: int, impact: int, override: Override) -> None:
    """Scores and the RAG set by hand are checked together: a new score can make an override need its reason."""
    _check_scores(likelihood, impact)
    reason = override.reason.strip()
    _check_override(risk.number, likelihood * impact, override.rag, reason, settings(session, risk.committee))
    risk.likelihood, risk.impact = likelihood, impact
    risk.rag_override = override.rag
    risk.override_reason = (reason or None) if override.rag is not None else None
    session.flush()


def override_of(risk: Risk) -> Override:
    return Override(risk.rag_override, risk.override_reason or "")


def set_likelihood(session: Session, risk: Risk, likelihood: int) -> None:
    _rate(session, risk, likelihood, risk.impact, override_of(risk))


def set_impact(session: Session, risk: Risk, impact: int) -> None:
    _rate(session, risk, risk.likelihood, impact, override_of(risk))


def set_override(session: Session, risk: Risk, override: Override) -> None:
    """Set the RAG by hand (with the reason when it differs from the severity's), or clear it."""
    _rate(session, risk, risk.likelihood, risk.impact, override)


def set_description(session: Session, risk: Risk, text: str) -> None:
    _check_description(text)
    risk.description = text.strip()
    session.flush()


def set_owner(session: Session, risk: Risk, owner: str) -> None:
    risk.owner = owner.strip()
    session.flush()


def set_category(session: Session, risk: Risk, name: str | None) -> None:
    """The row of the impact scale the risk's impact is scored on, or none."""
    risk.impact_category = (name or "").strip() or None
    session.flush()


def set_classification(session: Session, risk: Risk, level: Classification) -> None:
    risk.classification = level
    session.flush()


def set_status(session: Session, risk: Risk, status: RiskStatus) -> None:
    """Close a risk (it leaves the register; earlier reviews keep it) or open it again."""
    risk.status = status
    session.flush()


def mitigations_of(risk: Risk) -> tuple[tuple[str, bool], ...]:
    return tuple((m.text, m.in_place) for m in risk.mitigations)


def set_mitigations(session: Session, risk: Risk, wanted: Iterable[tuple[str, bool]]) -> None:
    """Replace the risk's mitigations with `wanted`, in order; blank lines are dropped."""
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


def remove_risk(session: Session, risk: Risk) -> Snapshot:
    """Only to undo an addition: a risk that was reviewed is closed, never removed."""
    return delete_with_snapshot(session, risk)


def risks_of(session: Session, committee_id: int, *, include_closed: bool = False) -> list[Risk]:
    """A committee's risks (open ones only unless asked), in no particular order."""
    query = select(Risk).where(Risk.committee_id == committee_id)
    if not include_closed:
        query = query.where(Risk.status == RiskStatus.OPEN)
    return list(session.scalars(query))


def rag_of(risk: Risk, thresholds: Limits) -> Rag:
    """The RAG shown: the one set by hand, else the one the severity gives."""
    return risk.rag_override or rag_for(risk.severity, thresholds)


def view(risk: Risk, thresholds: Limits) -> RiskView:
    return RiskView(
        number=risk.number,
        description=risk.description,
        likelihood=risk.likelihood,
        impact=risk.impact,
        severity=risk.severity,
        rag=rag_of(risk, thresholds),
        rag_overridden=risk.rag_override is not None,
        owner=risk.owner,
        mitigations=mitigations_of(risk),
        classification=risk.classification,
        status=risk.status,
    )


def register(
    session: Session, committee: Committee, level: Classification = Classification.RED, *, include_closed: bool = False
) -> list[RiskView]:
    """The register in severity order (highest first), holding nothing above `level`."""
    thresholds = settings(session, committee)
    found = risks_of(session, committee.id, include_closed=include_closed)
    shown = [view(r, thresholds) for r in found if visible_at(r, level)]
    return sorted(shown, key=lambda r: (-r.severity, r.number))


def heat_map(risks: Sequence[Placed]) -> dict[tuple[int, int], list[int]]:
    """(likelihood, impact) -> risk numbers: the picture the exports and window draw."""
    grid: dict[tuple[int, int], list[int]] = {(lk, im): [] for lk in SCORES for im in SCORES}
    for risk in risks:
        grid[(risk.likelihood, risk.impact)].append(risk.number)
    return grid


def approving_decision(meeting: Meeting) -> Decision | None:
    """The APPROVED decision on the meeting's Risk Register item, if it has one: what a review there links to."""
    for item in meeting.items:
        if item.kind is ItemKind.RISK_REGISTER:
            for decision in item.decisions:
                if decision.verb is DecisionVerb.APPROVED:
                    return decision
    return None


def review(
    session: Session,
    committee: Committee,
    *,
    meeting: Meeting | None = None,
    on: date | None = None,
    decision: Decision | None = None,
) -> RiskReview:
    """Keep a dated snapshot of every open risk, as the register stands now.

    At a meeting the review links to the decision approving the register, unless another is given.
    """
    day = on or (meeting.date if meeting else date.today())
    if decision is None and meeting is not None:
        decision = approving_decision(meeting)
    thresholds = settings(session, committee)
    taken = RiskReview(committee=committee, meeting=meeting, reviewed_on=day, decision=decision)
    session.add(taken)
    for risk in risks_of(session, committee.id):
        taken.snapshots.append(
            RiskSnapshot(
                risk_uuid=risk.uuid,
                number=risk.number,
                description=risk.description,
                likelihood=risk.likelihood,
                impact=risk.impact,
                rag=rag_of(risk, thresholds),
                owner=risk.owner,
                mitigations=json.dumps([[m.text, m.in_place] for m in risk.mitigations]),
                status=risk.status,
                classification=risk.classification,
            )
        )
    session.flush()
    return taken


def remove_review(session: Session, taken: RiskReview) -> Snapshot:
    """Only to undo a review just taken (its snapshots go with it)."""
    return delete_with_snapshot(session, taken)


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
    name = name.strip()
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


def descriptors_of(session: Session, committee: Committee, name: str) -> list[str] | None:
    """The descriptors of one row of the impact scale, or None when the committee has no such row."""
    found = next((c for c in impact_scale(session, committee) if c.name == name.strip()), None)
    return list(found.descriptors()) if found is not None else None


# --- what the window edits field by field (the undo menu says "Edit risk 3 <label>") ---

DESCRIPTION: Property[Risk, str] = Property(Risk, "description", lambda r: r.description, set_description)
LIKELIHOOD: Property[Risk, int] = Property(Risk, "likelihood", lambda r: r.likelihood, set_likelihood)
IMPACT: Property[Risk, int] = Property(Risk, "impact", lambda r: r.impact, set_impact)
RAG: Property[Risk, Override] = Property(Risk, "RAG", override_of, set_override)
OWNER: Property[Risk, str] = Property(Risk, "owner", lambda r: r.owner, set_owner)
CATEGORY: Property[Risk, str | None] = Property(Risk, "impact category", lambda r: r.impact_category, set_category)
CLASSIFICATION: Property[Risk, Classification] = Property(
    Risk, "classification", lambda r: r.classification, set_classification
)
STATUS: Property[Risk, RiskStatus] = Property(Risk, "status", lambda r: r.status, set_status)
MITIGATIONS: Property[Risk, tuple[tuple[str, bool], ...]] = Property(
    Risk, "mitigations", mitigations_of, set_mitigations
)
