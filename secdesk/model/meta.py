"""Facts about the database itself (its UUID, the fingerprint of its key)."""

from __future__ import annotations

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from secdesk.model.base import Base

DATABASE_UUID = "database_uuid"
KEY_ID = "key_id"


class DatabaseSetting(Base):
    __tablename__ = "database_setting"

    name: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
