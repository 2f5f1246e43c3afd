"""Register exports (Word, PDF, Excel) built and written on the worker, never on the GUI thread."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from shiboken6 import isValid

from secdesk.errors import SecDeskError
from secdesk.model import Classification, Committee
from secdesk.services.rows import fetch

FILTERS = {"docx": "Word document (*.docx)", "pdf": "PDF document (*.pdf)", "xlsx": "Excel workbook (*.xlsx)"}


def export_on_worker(
    window: Any, kind: str, committee_id: int, level: Classification, file_format: str, suggested: str,
    start: date | None = None, months: int = 6,
) -> None:
    """Ask where, then build and write on the worker; `window.last_export` is set when it is written."""
    path = window.prompts.save_file(window, "Export", suggested, FILTERS[file_format])
    if path is None:
        return
    store = window.editor.store

    def job() -> Path:
        from secdesk.documents.export import export
        from secdesk.documents.registers import build_planner, build_risk_register

        with store.read() as session:
            committee = fetch(session, Committee, committee_id)
            if kind == "risk_register":
                document = build_risk_register(session, committee, level)
            else:
                document = build_planner(session, committee, level, start=start, months=months)
        return export(document, file_format, path)

    def done(written: Path) -> None:
        if not isValid(window):  # closed while the export ran: the file is written all the same
            return
        window.last_export = written
        window.statusBar().showMessage(f"Exported {written}", 10000)

    def failed(error: BaseException) -> None:
        if not isinstance(error, SecDeskError):
            raise error  # a bug: the crash handler logs it
        window.messages.error(window, "Export failed", str(error))

    window.worker.run(job, done, failed, "Exporting...")
