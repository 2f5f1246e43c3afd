"""Final minutes as agreed: one kept document per version and level, never changed afterwards."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import DateTime, ForeignKey, Integer, String, UniqueConstraint, event, inspect
from sqlalchemy.orm import Mapped, mapped_column, relationship

from secdesk.errors import MinutesLockedError
from secdesk.model.base import Base, Classified, Tracked, confidential_text, enum_column, public_text
from secdesk.vocabulary import Classification

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection
    from sqlalchemy.orm import Mapper

    from secdesk.model.meeting import Meeting


class MinutesRecord(Tracked, Classified, Base):
    """The minutes document at `level` as it stood when version `version` was agreed.

    `classification` is what the kept document holds: `level` when it says more than the
    White one does, else White, so a record is sealed exactly when it carries confidential
    text (and a meeting with none needs no key to become final).
    """

    __tablename__ = "minutes_record"
    __table_args__ = (UniqueConstraint("meeting_id", "version", "level"),)

    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    level: Mapped[Classification] = mapped_column(enum_column(Classification))
    classification: Mapped[Classification] = mapped_column(
        enum_column(Classification), default=Classification.WHITE
    )
    # The document as canonical JSON (secdesk/documents/record.py); audited by its hash, not copied.
    content: Mapped[str] = confidential_text(audited_by_length=True)
    sha256: Mapped[str] = public_text(String(64), "a hash of the kept document, not its text")
    agreed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    # No back-reference: a meeting's rows do not load its records, and removing a meeting
    # removes them in the database (ON DELETE CASCADE), the one way a record goes.
    meeting: Mapped[Meeting] = relationship()

    def meeting_for_lock(self) -> Meeting:
        return self.meeting


class RecordImmutableError(MinutesLockedError):
    pass


def _refuse(what: str) -> Any:
    def refuse(mapper: Mapper[Any], _connection: Connection, target: MinutesRecord) -> None:
        state = inspect(target)
        if what == "changed" and not any(state.attrs[a.key].history.has_changes() for a in mapper.column_attrs):
            return  # marked dirty with nothing to write: no UPDATE is sent
        raise RecordImmutableError(
            f"Version {target.version} of the agreed minutes is a frozen record: it cannot be {what}. "
            "Reopen the minutes and agree them again to make a new version."
        )

    return refuse


# Once written a record stays as agreed, whatever the meeting's lock says: reopening and
# agreeing again adds a version beside it.
event.listen(MinutesRecord, "before_update", _refuse("changed"))
event.listen(MinutesRecord, "before_delete", _refuse("deleted"))
