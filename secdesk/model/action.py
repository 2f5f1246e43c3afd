"""Actions, their reviews at later meetings, and the reference counters."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from secdesk.model.base import (
    Base,
    Classified,
    Tracked,
    confidential_text,
    enum_column,
    public_text,
)
from secdesk.vocabulary import ActionStatus, Classification

if TYPE_CHECKING:
    from secdesk.model.agenda import AgendaItem, MinuteBlock
    from secdesk.model.committee import Committee, Organisation, Person
    from secdesk.model.meeting import Meeting

# Fields that belong to the minutes of the meeting that raised the action; its
# status and closure belong to the action log and change at later meetings.
MINUTED_ACTION_FIELDS = (
    "reference", "text", "owner", "classification", "agenda_item_id", "due_date", "due_text", "due_meeting",
)


class Action(Tracked, Classified, Base):
    __tablename__ = "action"

    reference: Mapped[str] = public_text(
        String(40), "the action's reference, which White documents may cite", unique=True
    )
    committee_id: Mapped[int] = mapped_column(ForeignKey("committee.id", ondelete="CASCADE"), index=True)
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meeting.id", ondelete="SET NULL"), index=True)
    agenda_item_id: Mapped[int | None] = mapped_column(
        ForeignKey("agenda_item.id", ondelete="SET NULL"), index=True
    )
    # Usually an organisation ("SECAS") or a group ("The TABASC Members").
    owner: Mapped[str] = confidential_text(default="")
    owner_organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="SET NULL")
    )
    owner_person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    text: Mapped[str] = confidential_text()
    due_date: Mapped[date | None]
    # Due at a meeting rather than by a date: the words as written ("the April 2017 SEC Panel
    # meeting") and what they name, "next" or a month "2017-04"; due_date is that meeting's
    # date once it is scheduled (services/actions.py keeps it so).
    due_text: Mapped[str | None] = confidential_text()
    due_meeting: Mapped[str | None] = public_text(String(7), "'next' or a month, not free text")
    status: Mapped[ActionStatus] = mapped_column(enum_column(ActionStatus), default=ActionStatus.OPEN)
    classification: Mapped[Classification] = mapped_column(
        enum_column(Classification), default=Classification.WHITE
    )
    closed_at_meeting_id: Mapped[int | None] = mapped_column(
        ForeignKey("meeting.id", ondelete="SET NULL"), index=True
    )

    committee: Mapped[Committee] = relationship()
    meeting: Mapped[Meeting | None] = relationship(foreign_keys=[meeting_id])
    item: Mapped[AgendaItem | None] = relationship(back_populates="actions")
    owner_organisation: Mapped[Organisation | None] = relationship()
    owner_person: Mapped[Person | None] = relationship()
    closed_at_meeting: Mapped[Meeting | None] = relationship(foreign_keys=[closed_at_meeting_id])
    updates: Mapped[list[ActionUpdate]] = relationship(
        back_populates="action", cascade="all, delete-orphan", order_by="ActionUpdate.id"
    )
    # Its place among its item's blocks, once the item's minutes were arranged.
    block: Mapped[MinuteBlock | None] = relationship(back_populates="action", cascade="all, delete-orphan")

    def meeting_for_lock(self) -> Meeting | None:
        return self.meeting

    def container(self) -> Classified | None:
        return self.item


class ActionUpdate(Tracked, Classified, Base):
    """What was said about an action when a later meeting reviewed it."""

    __tablename__ = "action_update"
    __table_args__ = (UniqueConstraint("action_id", "meeting_id"),)

    action_id: Mapped[int] = mapped_column(ForeignKey("action.id", ondelete="CASCADE"))
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = confidential_text(default="")
    # None: the row states no status (some committees' tables have none); the action's stays as it was.
    status_after: Mapped[ActionStatus | None] = mapped_column(enum_column(ActionStatus))
    # The row's place in the meeting's Actions Outstanding table, as the secretary ordered it.
    position: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # Several actions can share one update ("SECP20/04, 23/08 & 28/06").
    shared_group: Mapped[str | None] = public_text(String(36), "a random identifier")

    action: Mapped[Action] = relationship(back_populates="updates")
    meeting: Mapped[Meeting] = relationship()

    def meeting_for_lock(self) -> Meeting:
        return self.meeting

    def container(self) -> Classified | None:
        return self.action


class ReferenceCounter(Base):
    """The last sequence number handed out per meeting; numbers are never reused."""

    __tablename__ = "reference_counter"

    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meeting.id", ondelete="CASCADE"), primary_key=True
    )
    last_sequence: Mapped[int] = mapped_column(Integer, default=0)
