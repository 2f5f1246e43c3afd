"""Reading the audit trail (writing it is automatic: see store/guards.py)."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from secdesk.model import AuditRecord, Meeting


@dataclass(frozen=True)
class AuditEntry:
    at: datetime
    user: str
    operation: str
    table: str
    row_uuid: str | None
    details: dict[str, Any]  # as the JSON stored it


def for_meeting(session: Session, meeting: Meeting) -> list[AuditEntry]:
    records = session.scalars(
        select(AuditRecord).where(AuditRecord.meeting_id == meeting.id).order_by(AuditRecord.id)
    )
    return [
        AuditEntry(r.at, r.user, r.operation, r.table_name, r.row_uuid, json.loads(r.details)) for r in records
    ]


def as_csv(entries: list[AuditEntry]) -> str:
    """One row per change; for confidential rows only the names of the changed fields."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["When (UTC)", "Who", "Operation", "Record", "Record UUID", "Changes"])
    for entry in entries:
        writer.writerow([
            entry.at.isoformat(timespec="seconds"),
            entry.user,
            entry.operation,
            entry.table,
            entry.row_uuid or "",
            json.dumps(entry.details, ensure_ascii=False, sort_keys=True),
        ])
    return out.getvalue()
