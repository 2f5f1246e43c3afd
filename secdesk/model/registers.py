"""Registers a committee reviews at its meetings: risks and the activity planner."""

from __future__ import annotations

import enum
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from secdesk import glossary
from secdesk.model.base import (
    Base,
    Classified,
    Tracked,
    confidential_text,
    enum_column,
    public_text,
)
from secdesk.vocabulary import Classification, Purpose

if TYPE_CHECKING:
    from secdesk.model.agenda import AgendaItem, Decision
    from secdesk.model.committee import Committee
    from secdesk.model.meeting import Meeting


class Rag(str, enum.Enum):
    RED = "red"
    AMBER = "amber"
    GREEN = "green"

    @property
    def label(self) -> str:
        """In a sentence or a list entry, never to be read as a classification: "RAG Amber"."""
        return glossary.rag_label(self.value)

    @property
    def colour(self) -> str:
        """In a cell under a "RAG" heading: "Amber"."""
        return glossary.RAG_COLOUR[self.value]


class RiskStatus(str, enum.Enum):
    OPEN = "open"
    CLOSED = "closed"


class PlanStatus(str, enum.Enum):
    PLANNED = "planned"
    TAKEN = "taken"
    ROLLED = "rolled"
    DROPPED = "dropped"


class RiskSettings(Base):
    """Per-committee RAG thresholds on severity (likelihood x impact)."""

    __tablename__ = "risk_settings"

    committee_id: Mapped[int] = mapped_column(ForeignKey("committee.id", ondelete="CASCADE"), primary_key=True)
    amber_from: Mapped[int] = mapped_column(Integer, default=8)
    red_from: Mapped[int] = mapped_column(Integer, default=15)


class Risk(Tracked, Classified, Base):
    __tablename__ = "risk"
    __table_args__ = (UniqueConstraint("committee_id", "number"),)

    committee_id: Mapped[int] = mapped_column(ForeignKey("committee.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    description: Mapped[str] = confidential_text()  # "There is a risk that ..."
    likelihood: Mapped[int] = mapped_column(Integer)
    impact: Mapped[int] = mapped_column(Integer)
    impact_category: Mapped[str | None] = public_text(
        String(100), "the name of a row of the committee's impact scale"
    )
    rag_override: Mapped[Rag | None] = mapped_column(enum_column(Rag))
    override_reason: Mapped[str | None] = confidential_text()
    owner: Mapped[str] = confidential_text(default="")
    status: Mapped[RiskStatus] = mapped_column(enum_column(RiskStatus), default=RiskStatus.OPEN)
    classification: Mapped[Classification] = mapped_column(
        enum_column(Classification), default=Classification.WHITE
    )

    committee: Mapped[Committee] = relationship()
    mitigations: Mapped[list[RiskMitigation]] = relationship(
        back_populates="risk", order_by="RiskMitigation.position", cascade="all, delete-orphan"
    )

    @property
    def severity(self) -> int:
        return self.likelihood * self.impact


class RiskMitigation(Tracked, Classified, Base):
    __tablename__ = "risk_mitigation"

    risk_id: Mapped[int] = mapped_column(ForeignKey("risk.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = confidential_text()
    in_place: Mapped[bool] = mapped_column(Boolean, default=False)  # planned ones print in italics
    position: Mapped[int] = mapped_column(Integer, default=0)

    risk: Mapped[Risk] = relationship(back_populates="mitigations")

    def container(self) -> Classified | None:
        return self.risk


class ImpactCategory(Tracked, Base):
    """One row of the committee's impact scale: descriptors for scores 1 to 5."""

    __tablename__ = "impact_category"
    __table_args__ = (UniqueConstraint("committee_id", "name"),)

    committee_id: Mapped[int] = mapped_column(ForeignKey("committee.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(100))
    position: Mapped[int] = mapped_column(Integer, default=0)
    level_1: Mapped[str] = mapped_column(Text, default="")
    level_2: Mapped[str] = mapped_column(Text, default="")
    level_3: Mapped[str] = mapped_column(Text, default="")
    level_4: Mapped[str] = mapped_column(Text, default="")
    level_5: Mapped[str] = mapped_column(Text, default="")

    def descriptors(self) -> list[str]:
        return [self.level_1, self.level_2, self.level_3, self.level_4, self.level_5]


class RiskReview(Tracked, Base):
    """A dated review of the register, usually at a meeting, with a snapshot of every risk."""

    __tablename__ = "risk_review"

    committee_id: Mapped[int] = mapped_column(ForeignKey("committee.id", ondelete="CASCADE"), index=True)
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meeting.id", ondelete="SET NULL"), index=True)
    decision_id: Mapped[int | None] = mapped_column(ForeignKey("decision.id", ondelete="SET NULL"))
    reviewed_on: Mapped[date]

    committee: Mapped[Committee] = relationship()
    meeting: Mapped[Meeting | None] = relationship()
    decision: Mapped[Decision | None] = relationship()
    snapshots: Mapped[list[RiskSnapshot]] = relationship(
        back_populates="review", order_by="RiskSnapshot.number", cascade="all, delete-orphan"
    )


class RiskSnapshot(Tracked, Classified, Base):
    """A risk as the register stood at one review."""

    __tablename__ = "risk_snapshot"

    review_id: Mapped[int] = mapped_column(ForeignKey("risk_review.id", ondelete="CASCADE"), index=True)
    risk_uuid: Mapped[str] = public_text(String(36), "a random identifier")
    number: Mapped[int] = mapped_column(Integer)
    description: Mapped[str] = confidential_text()
    likelihood: Mapped[int] = mapped_column(Integer)
    impact: Mapped[int] = mapped_column(Integer)
    rag: Mapped[Rag] = mapped_column(enum_column(Rag))
    owner: Mapped[str] = confidential_text(default="")
    # JSON list of [text, in_place] pairs.
    mitigations: Mapped[str] = confidential_text(default="[]")
    status: Mapped[RiskStatus] = mapped_column(enum_column(RiskStatus))
    classification: Mapped[Classification] = mapped_column(enum_column(Classification))

    review: Mapped[RiskReview] = relationship(back_populates="snapshots")

    @property
    def severity(self) -> int:
        return self.likelihood * self.impact


class PlannedItem(Tracked, Classified, Base):
    """A future agenda item on the activity planner, for a committee and month."""

    __tablename__ = "planned_item"

    committee_id: Mapped[int] = mapped_column(ForeignKey("committee.id", ondelete="CASCADE"), index=True)
    month: Mapped[date]  # the first day of the month
    title: Mapped[str] = confidential_text()
    owner: Mapped[str] = confidential_text(default="")
    purpose: Mapped[Purpose] = mapped_column(enum_column(Purpose), default=Purpose.DISCUSSION)
    status: Mapped[PlanStatus] = mapped_column(enum_column(PlanStatus), default=PlanStatus.PLANNED)
    classification: Mapped[Classification] = mapped_column(
        enum_column(Classification), default=Classification.WHITE
    )
    agenda_item_id: Mapped[int | None] = mapped_column(ForeignKey("agenda_item.id", ondelete="SET NULL"), index=True)
    rolled_from_id: Mapped[int | None] = mapped_column(ForeignKey("planned_item.id", ondelete="SET NULL"))

    committee: Mapped[Committee] = relationship()
    agenda_item: Mapped[AgendaItem | None] = relationship()
