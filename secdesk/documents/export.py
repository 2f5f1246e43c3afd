"""Exports end to end: build the document in one read session, then write it after the session closes."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from secdesk.documents.action_log import build_action_log
from secdesk.documents.agenda import build_agenda
from secdesk.documents.minutes import build_minutes
from secdesk.documents.model import Document
from secdesk.errors import ValidationError
from secdesk.model import Classification
from secdesk.services.action_filter import LogFilter
from secdesk.services.meetings import resolve_meeting
from secdesk.store import Store
from secdesk.writers import FORMATS, write

MEETING_DOCUMENTS = {"minutes": build_minutes, "agenda": build_agenda}
MEETING_FORMATS = ("docx", "pdf")


def meeting_document(store: Store, kind: str, meeting: str | list[str], level: Classification) -> Document:
    with store.read() as session:
        return MEETING_DOCUMENTS[kind](session, resolve_meeting(session, meeting), level)


def action_log_document(
    store: Store,
    level: Classification,
    *,
    committee: str | None = None,
    open_only: bool = False,
    today: date | None = None,
    shown: LogFilter | None = None,
) -> Document:
    """The action log; with `shown`, exactly the rows the window's log shows for that filter."""
    with store.read() as session:
        return build_action_log(session, level, committee=committee, open_only=open_only, today=today, shown=shown)


def target_path(document: Document, file_format: str, output: Path | None) -> Path:
    """-o may name a file, a folder, or nothing (the current folder); folders get the standard name."""
    if file_format not in FORMATS:
        raise ValidationError(f"Unknown format {file_format!r}; use one of {', '.join(FORMATS)}.")
    if output is None or output.is_dir():
        return (output or Path.cwd()) / f"{document.file_stem}.{file_format}"
    if not output.parent.is_dir():
        raise ValidationError(f"The folder {output.parent} does not exist.")
    return output


def export(document: Document, file_format: str, output: Path | None) -> Path:
    target = target_path(document, file_format, output)
    return write(document, file_format, target)
