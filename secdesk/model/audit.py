"""The audit trail: who changed what, when."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from secdesk.model.base import Base, utcnow


class AuditRecord(Base):
    __tablename__ = "audit_record"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    user: Mapped[str] = mapped_column(String(100))
    operation: Mapped[str] = mapped_column(String(20))  # insert, update, delete, reopen ...
    table_name: Mapped[str] = mapped_column(String(60))
    row_uuid: Mapped[str | None] = mapped_column(String(36), index=True)
    meeting_id: Mapped[int | None] = mapped_column(Integer, index=True)
    # JSON: {"field": [old, new]} for updates, field values for inserts.
    details: Mapped[str] = mapped_column(Text, default="{}")
