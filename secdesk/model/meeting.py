"""A meeting and who attended it."""

from __future__ import annotations

import datetime
from datetime import date, time
from typing import TYPE_CHECKING

from sqlalchemy import Boolean, Column, ForeignKey, Integer, String, Table, Text, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from secdesk.model.base import Base, Tracked, enum_column
from secdesk.vocabulary import AttendanceStatus, Capacity, MeetingStatus, meeting_identifier

if TYPE_CHECKING:
    from secdesk.model.agenda import AgendaItem
    from secdesk.model.committee import Committee, Organisation, Person


class Meeting(Tracked, Base):
    __tablename__ = "meeting"
    __table_args__ = (UniqueConstraint("committee_id", "number"),)

    committee_id: Mapped[int] = mapped_column(ForeignKey("committee.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    date: Mapped[date]
    # Known only by its month ("March 2017", an older meeting's record): `date` is the 1st of it,
    # and no day is printed or put in the identifier.
    month_only: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    start_time: Mapped[time | None]
    end_time: Mapped[time | None]
    venue: Mapped[str | None] = mapped_column(Text)
    status: Mapped[MeetingStatus] = mapped_column(
        enum_column(MeetingStatus), default=MeetingStatus.PLANNED
    )
    # How the minutes became final: at a later meeting, or ex-committee on a date.
    approved_at_meeting_id: Mapped[int | None] = mapped_column(
        ForeignKey("meeting.id", ondelete="SET NULL")
    )
    # Approved ex-committee; the date when it is recorded (datetime.date: within the class,
    # `date` names the column above).
    approved_ex_committee: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    approved_ex_committee_on: Mapped[datetime.date | None]
    # Final minutes are locked; reopening clears this (and is audited).
    locked: Mapped[bool] = mapped_column(Boolean, default=False)
    # What item 1 says about the previous minutes, when it is not generated.
    previous_minutes_note: Mapped[str | None] = mapped_column(Text)

    committee: Mapped[Committee] = relationship(back_populates="meetings")
    approved_at_meeting: Mapped[Meeting | None] = relationship(remote_side="Meeting.id")
    items: Mapped[list[AgendaItem]] = relationship(
        back_populates="meeting", order_by="AgendaItem.position", cascade="all, delete-orphan"
    )
    attendance: Mapped[list[Attendance]] = relationship(
        back_populates="meeting", order_by="Attendance.position", cascade="all, delete-orphan"
    )

    @property
    def identifier(self) -> str:
        return meeting_identifier(self.committee.file_code, self.number, None if self.month_only else self.date)

    def meeting_for_lock(self) -> Meeting:
        return self


attendance_item = Table(
    "attendance_item",
    Base.metadata,
    Column("attendance_id", ForeignKey("attendance.id", ondelete="CASCADE"), primary_key=True),
    Column("agenda_item_id", ForeignKey("agenda_item.id", ondelete="CASCADE"), primary_key=True),
)


class Attendance(Tracked, Base):
    __tablename__ = "attendance"
    __table_args__ = (UniqueConstraint("meeting_id", "person_id", "capacity"),)

    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    status: Mapped[AttendanceStatus] = mapped_column(
        enum_column(AttendanceStatus), default=AttendanceStatus.PRESENT
    )
    capacity: Mapped[Capacity] = mapped_column(enum_column(Capacity), default=Capacity.MEMBER)
    # The seat category as it stood on the day (seats change over time).
    seat_category: Mapped[str | None] = mapped_column(String(100))
    is_chair: Mapped[bool] = mapped_column(Boolean, default=False)
    alternate_for_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    representing_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="SET NULL")
    )
    part: Mapped[bool] = mapped_column(Boolean, default=False)
    position: Mapped[int] = mapped_column(Integer, default=0)

    meeting: Mapped[Meeting] = relationship(back_populates="attendance")
    person: Mapped[Person] = relationship(foreign_keys=[person_id])
    alternate_for: Mapped[Person | None] = relationship(foreign_keys=[alternate_for_id])
    representing: Mapped[Organisation | None] = relationship()
    items_attended: Mapped[list[AgendaItem]] = relationship(
        secondary=attendance_item, order_by="AgendaItem.position"
    )

    def meeting_for_lock(self) -> Meeting:
        return self.meeting
