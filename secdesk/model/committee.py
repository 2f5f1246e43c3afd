"""Committees, the people and organisations who sit on them, and their standing agenda."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from secdesk import vocabulary
from secdesk.model.base import Base, Tracked, enum_column
from secdesk.vocabulary import ItemKind, MemberRole, Purpose, Section

if TYPE_CHECKING:
    from secdesk.model.meeting import Meeting


class Organisation(Tracked, Base):
    __tablename__ = "organisation"

    name: Mapped[str] = mapped_column(String(200), unique=True)
    short_name: Mapped[str | None] = mapped_column(String(60))


class Person(Tracked, Base):
    __tablename__ = "person"

    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(200))
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id", ondelete="SET NULL"))

    organisation: Mapped[Organisation | None] = relationship()


class Committee(Tracked, Base):
    __tablename__ = "committee"

    code: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    voice: Mapped[str] = mapped_column(String(100))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("committee.id", ondelete="SET NULL"))
    quorum: Mapped[int] = mapped_column(Integer, default=0)
    secretariat: Mapped[str] = mapped_column(String(100), default="SECAS")
    default_venue: Mapped[str | None] = mapped_column(Text)
    # How the minutes name the committee ("SEC Panel" for SECP: "SEC Panel Meeting 30",
    # "SEC Panel Members"); None: the code. The code stays in identifiers and references.
    minutes_name: Mapped[str | None] = mapped_column(String(100))
    # The seat category the chair is listed under ("SEC Panel Chair"); None: "(Chair)" after the name.
    chair_category: Mapped[str | None] = mapped_column(String(100))
    # The committee's own wording of the line White minutes print for a confidential item.
    confidential_notice: Mapped[str | None] = mapped_column(Text)

    parent: Mapped[Committee | None] = relationship(remote_side="Committee.id")
    seat_categories: Mapped[list[SeatCategory]] = relationship(
        back_populates="committee", order_by="SeatCategory.position", cascade="all, delete-orphan"
    )
    memberships: Mapped[list[Membership]] = relationship(
        back_populates="committee", cascade="all, delete-orphan"
    )
    standing_items: Mapped[list[StandingItem]] = relationship(
        back_populates="committee", order_by="StandingItem.position", cascade="all, delete-orphan"
    )
    meetings: Mapped[list[Meeting]] = relationship(
        back_populates="committee", order_by="Meeting.number", cascade="all, delete-orphan"
    )

    @property
    def written_name(self) -> str:
        """The committee as its minutes write it: "SEC Panel", or its code."""
        return self.minutes_name or self.code

    @property
    def file_code(self) -> str:
        """The code as it appears in identifiers and references (no spaces)."""
        return vocabulary.file_code(self.code)


class SeatCategory(Tracked, Base):
    __tablename__ = "seat_category"
    __table_args__ = (UniqueConstraint("committee_id", "name"),)

    committee_id: Mapped[int] = mapped_column(ForeignKey("committee.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(100))
    seats: Mapped[int] = mapped_column(Integer, default=1)
    position: Mapped[int] = mapped_column(Integer, default=0)

    committee: Mapped[Committee] = relationship(back_populates="seat_categories")


class Membership(Tracked, Base):
    __tablename__ = "membership"

    committee_id: Mapped[int] = mapped_column(ForeignKey("committee.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    seat_category_id: Mapped[int | None] = mapped_column(
        ForeignKey("seat_category.id", ondelete="SET NULL")
    )
    role: Mapped[MemberRole] = mapped_column(enum_column(MemberRole), default=MemberRole.MEMBER)
    alternate_for_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    start_date: Mapped[date | None]
    end_date: Mapped[date | None]

    committee: Mapped[Committee] = relationship(back_populates="memberships")
    person: Mapped[Person] = relationship(foreign_keys=[person_id])
    alternate_for: Mapped[Person | None] = relationship(foreign_keys=[alternate_for_id])
    seat_category: Mapped[SeatCategory | None] = relationship()

    def current_on(self, day: date) -> bool:
        started = self.start_date is None or self.start_date <= day
        ended = self.end_date is not None and self.end_date < day
        return started and not ended


class StandingItem(Tracked, Base):
    """The template a new meeting's agenda starts from."""

    __tablename__ = "standing_item"

    committee_id: Mapped[int] = mapped_column(ForeignKey("committee.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(300))
    section: Mapped[Section] = mapped_column(enum_column(Section), default=Section.MAIN)
    purpose: Mapped[Purpose] = mapped_column(enum_column(Purpose), default=Purpose.INFORMATION)
    kind: Mapped[ItemKind] = mapped_column(enum_column(ItemKind), default=ItemKind.NORMAL)
    presenter: Mapped[str | None] = mapped_column(String(200))
    planned_minutes: Mapped[int | None] = mapped_column(Integer)
    position: Mapped[int] = mapped_column(Integer, default=0)

    committee: Mapped[Committee] = relationship(back_populates="standing_items")
