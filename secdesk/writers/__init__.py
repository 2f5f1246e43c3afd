"""Renderers of the neutral document: each takes a Document and a path, nothing else.

Writers are imported when used: each pulls in a heavy library.
"""

from __future__ import annotations

from pathlib import Path

from secdesk.documents.model import Document

FORMATS = ("docx", "pdf", "csv", "xlsx")


def write(document: Document, file_format: str, target: Path) -> Path:
    if file_format == "docx":
        from secdesk.writers.docx_writer import write_docx

        return write_docx(document, target)
    if file_format == "pdf":
        from secdesk.writers.pdf_writer import write_pdf

        return write_pdf(document, target)
    if file_format == "csv":
        from secdesk.writers.tabular import write_csv

        return write_csv(document, target)
    if file_format == "xlsx":
        from secdesk.writers.tabular import write_xlsx

        return write_xlsx(document, target)
    raise ValueError(f"unknown format {file_format!r}")
