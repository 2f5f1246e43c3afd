"""Agenda items, their papers and the decisions recorded on them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from secdesk.model.base import (
    Base,
    Classified,
    Tracked,
    confidential_text,
    enum_column,
    public_text,
)
from secdesk.vocabulary import BlockKind, Classification, DecisionVerb, ItemKind, Purpose, Section

if TYPE_CHECKING:
    from secdesk.model.action import Action
    from secdesk.model.meeting import Meeting


class AgendaItem(Tracked, Classified, Base):
    __tablename__ = "agenda_item"

    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    position: Mapped[int] = mapped_column(Integer, default=0)
    title: Mapped[str] = confidential_text()
    public_title: Mapped[str | None] = public_text(
        String(300), "shown in White documents in place of a confidential title"
    )
    # What White minutes say of a confidential item, after its public title.
    public_summary: Mapped[str | None] = public_text(
        Text, "the paragraph White minutes print for a confidential item, written to be public"
    )
    section: Mapped[Section] = mapped_column(enum_column(Section), default=Section.MAIN)
    kind: Mapped[ItemKind] = mapped_column(enum_column(ItemKind), default=ItemKind.NORMAL)
    presenter: Mapped[str | None] = confidential_text()
    purpose: Mapped[Purpose] = mapped_column(enum_column(Purpose), default=Purpose.INFORMATION)
    planned_minutes: Mapped[int | None] = mapped_column(Integer)
    classification: Mapped[Classification] = mapped_column(
        enum_column(Classification), default=Classification.WHITE
    )
    minutes: Mapped[str] = confidential_text(default="")
    post_meeting_note: Mapped[str | None] = confidential_text()

    meeting: Mapped[Meeting] = relationship(back_populates="items")
    papers: Mapped[list[Paper]] = relationship(
        back_populates="item", order_by="Paper.position", cascade="all, delete-orphan"
    )
    decisions: Mapped[list[Decision]] = relationship(
        back_populates="item", order_by="Decision.position", cascade="all, delete-orphan"
    )
    actions: Mapped[list[Action]] = relationship(
        back_populates="item", order_by="Action.reference"
    )
    # The order the item's minutes say things in, once the secretary arranged it (an item with
    # none prints its text, decisions, actions and note in that order: services/minute_blocks.py).
    blocks: Mapped[list[MinuteBlock]] = relationship(
        back_populates="item", order_by="MinuteBlock.position", cascade="all, delete-orphan"
    )

    def meeting_for_lock(self) -> Meeting:
        return self.meeting


class Paper(Tracked, Classified, Base):
    __tablename__ = "paper"

    agenda_item_id: Mapped[int] = mapped_column(ForeignKey("agenda_item.id", ondelete="CASCADE"), index=True)
    reference: Mapped[str] = public_text(
        String(60), "the paper's reference, listed in White documents", unique=True
    )
    title: Mapped[str] = confidential_text()
    purpose: Mapped[Purpose] = mapped_column(enum_column(Purpose), default=Purpose.INFORMATION)
    classification: Mapped[Classification] = mapped_column(
        enum_column(Classification), default=Classification.WHITE
    )
    position: Mapped[int] = mapped_column(Integer, default=0)

    item: Mapped[AgendaItem] = relationship(back_populates="papers")
    files: Mapped[list[PaperFile]] = relationship(
        back_populates="paper", order_by="PaperFile.position", cascade="all, delete-orphan"
    )

    def meeting_for_lock(self) -> Meeting:
        return self.item.meeting

    def container(self) -> Classified | None:
        return self.item


class PaperFile(Tracked, Classified, Base):
    """One file of a paper (the paper itself or an appendix), classified on its own."""

    __tablename__ = "paper_file"

    paper_id: Mapped[int] = mapped_column(ForeignKey("paper.id", ondelete="CASCADE"), index=True)
    label: Mapped[str] = confidential_text()
    filename: Mapped[str] = confidential_text()
    media_type: Mapped[str | None] = public_text(String(100), "a media type, not free text")
    sha256: Mapped[str | None] = public_text(String(64), "a hash of the stored file")
    size: Mapped[int | None] = mapped_column(Integer)
    classification: Mapped[Classification] = mapped_column(
        enum_column(Classification), default=Classification.WHITE
    )
    position: Mapped[int] = mapped_column(Integer, default=0)

    paper: Mapped[Paper] = relationship(back_populates="files")

    def meeting_for_lock(self) -> Meeting:
        return self.paper.item.meeting

    def container(self) -> Classified | None:
        return self.paper


class Decision(Tracked, Classified, Base):
    __tablename__ = "decision"

    agenda_item_id: Mapped[int] = mapped_column(ForeignKey("agenda_item.id", ondelete="CASCADE"), index=True)
    verb: Mapped[DecisionVerb] = mapped_column(enum_column(DecisionVerb))
    text: Mapped[str] = confidential_text()
    classification: Mapped[Classification] = mapped_column(
        enum_column(Classification), default=Classification.WHITE
    )
    position: Mapped[int] = mapped_column(Integer, default=0)

    item: Mapped[AgendaItem] = relationship(back_populates="decisions")
    # Its place among the item's blocks, once the item's minutes were arranged.
    block: Mapped[MinuteBlock | None] = relationship(back_populates="decision", cascade="all, delete-orphan")

    def meeting_for_lock(self) -> Meeting:
        return self.item.meeting

    def container(self) -> Classified | None:
        return self.item


class MinuteBlock(Tracked, Classified, Base):
    """One block of an item's minutes in its place: text of its own (a paragraph, sub-heading,
    list or table, each classified on its own), or the place of the item's text, one of its
    decisions or actions, or its post-meeting note, which keep their own rows."""

    __tablename__ = "minute_block"

    agenda_item_id: Mapped[int] = mapped_column(ForeignKey("agenda_item.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    kind: Mapped[BlockKind] = mapped_column(enum_column(BlockKind))
    classification: Mapped[Classification] = mapped_column(
        enum_column(Classification), default=Classification.WHITE
    )
    # A paragraph or sub-heading as text (**bold**, *italic*, [links](https://...)); a list
    # as one entry per line; a table as JSON rows of cells, the first row the header.
    content: Mapped[str] = confidential_text(default="")
    # Removing the decision or action removes its place with it.
    decision_id: Mapped[int | None] = mapped_column(
        ForeignKey("decision.id", ondelete="CASCADE"), index=True, unique=True
    )
    action_id: Mapped[int | None] = mapped_column(ForeignKey("action.id", ondelete="CASCADE"), index=True, unique=True)

    item: Mapped[AgendaItem] = relationship(back_populates="blocks")
    decision: Mapped[Decision | None] = relationship(back_populates="block")
    action: Mapped[Action | None] = relationship(back_populates="block")

    def meeting_for_lock(self) -> Meeting:
        return self.item.meeting

    def container(self) -> Classified | None:
        return self.item
