"""Render a neutral Document's main table as CSV or XLSX (the action log, for spreadsheets)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.xml.constants import ARC_CORE
from openpyxl.xml.functions import tostring

from secdesk.atomic import write_atomically
from secdesk.documents.model import Cell, Document, Table
from secdesk.text import clean_text
from secdesk.writers.stamping import APP_PROPERTIES, APPLICATION, app_properties, issued_at, restamp_zip

FLAG_FILL = "FBE3E3"
HEADER_FILL = "D9E2F3"
SHEET_TITLES = {"action_log": "Actions", "risk_register": "Risk Register", "planner": "Activity Planner"}
COLUMN_UNIT = 12  # spreadsheet characters per unit of relative width


def main_table(document: Document) -> Table:
    tables = [b for b in document.blocks if isinstance(b, Table) and b.role == "grid"]
    if not tables:
        raise ValueError(f"{document.kind} has no table to export")
    return tables[0]


def _text(cell: Cell) -> str:
    """A cell's lines on one line: spreadsheets filter and sort better without breaks.

    Cleaned again here: a database written before text was cleaned at the door may hold
    characters a spreadsheet cannot.
    """
    return " ".join(line for line in clean_text(cell.text).splitlines() if line)


def write_csv(document: Document, target: Path) -> Path:
    """Plain rows under one header row; the classification is in the file name."""
    table = main_table(document)
    text = io.StringIO(newline="")
    writer = csv.writer(text)
    writer.writerow(table.headers)
    for row in table.rows:
        writer.writerow([_text(cell) for cell in row])
    return write_atomically(target, text.getvalue().encode("utf-8-sig"))


def write_xlsx(document: Document, target: Path) -> Path:
    """One sheet: the marking, the header row (frozen, filtered), the rows; overdue rows filled."""
    table = main_table(document)
    book = Workbook()
    sheet = book.active
    sheet.title = SHEET_TITLES.get(document.kind, "Sheet1")
    marking = document.marking
    sheet.append([marking.text])
    sheet["A1"].font = Font(bold=True, color=marking.ink)
    sheet["A1"].fill = PatternFill("solid", fgColor=marking.fill)
    sheet.append([clean_text(document.title)])
    sheet.append([clean_text(header) for header in table.headers])
    header_row = 3
    edge = Side(style="thin", color="8EA9DB")
    for column, _ in enumerate(table.headers, start=1):
        cell = sheet.cell(row=header_row, column=column)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor=HEADER_FILL)
        cell.border = Border(bottom=edge)
    # Rows are written by number: asking openpyxl for max_row walks the whole sheet, row after row.
    wrapped = Alignment(wrap_text=True, vertical="top")
    columns = max([len(table.headers), *(len(row) for row in table.rows)])
    last_row = header_row
    for index, row in enumerate(table.rows):
        last_row = header_row + 1 + index
        flagged = index in table.flagged
        for column, content in enumerate(row, start=1):
            written = sheet.cell(row=last_row, column=column, value=_text(content))
            if content.fill:
                written.fill = PatternFill("solid", fgColor=content.fill)
            elif flagged:
                written.fill = PatternFill("solid", fgColor=FLAG_FILL)
        for column in range(1, columns + 1):
            sheet.cell(row=last_row, column=column).alignment = wrapped
    for column, width in enumerate(table.widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = max(10, width * COLUMN_UNIT)
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)
    last = get_column_letter(len(table.headers))
    sheet.auto_filter.ref = f"A{header_row}:{last}{last_row}"
    sheet.page_setup.orientation = "landscape"
    sheet.oddHeader.center.text = marking.text
    sheet.oddFooter.center.text = marking.text
    sheet.oddFooter.left.text = document.identifier
    sheet.oddFooter.right.text = "Page &P of &N"
    props = book.properties
    props.creator = clean_text(document.author)
    props.lastModifiedBy = APPLICATION
    props.title = clean_text(document.title)
    props.subject = clean_text(document.subject)
    props.keywords = marking.text
    props.category = f"Classification: {marking.level}"
    issued = issued_at(document)
    props.created = props.modified = issued
    # Rendered in memory: a zip file left open on a full disk would complain when collected.
    rendered = io.BytesIO()
    book.save(rendered)
    # Saving dates the workbook modified now; it is put back to the issue time, and
    # SecDesk named as the application rather than openpyxl.
    props.modified = issued
    parts = {ARC_CORE: tostring(props.to_tree()), APP_PROPERTIES: app_properties()}
    return write_atomically(target, restamp_zip(rendered.getvalue(), issued, parts))
