"""A White action log filtered by words typed from an Amber action: the words must not reach the file."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from secdesk.documents.export import action_log_document, export
from secdesk.model import Classification
from secdesk.services import actions, agenda, committees, meetings
from secdesk.services.action_filter import LogFilter

MARKER = "ZQXMARKERAMBERZQX"


@pytest.mark.parametrize("file_format", ["docx", "pdf", "csv", "xlsx"])
def test_words_searched_from_an_amber_action_stay_out_of_a_white_log(store, tmp_path: Path, file_format: str) -> None:
    with store.write() as session:
        committee = committees.create_committee(session, "TAG", "Testing")
        meeting = meetings.create_meeting(session, committee, date(2026, 11, 16))
        amber = agenda.add_item(session, meeting, "Supplier failures", classification=Classification.AMBER)
        white = agenda.add_item(session, meeting, "Release plan")
        actions.raise_action(session, meeting, f"SECAS to chase {MARKER} on its recovery plan.", owner="SECAS",
                             item=amber)
        actions.raise_action(session, meeting, f"SECAS to publish the {MARKER.lower()} timetable.", owner="SECAS",
                             item=white)
        committee_id = committee.id
    shown = LogFilter(text=MARKER, committee_id=committee_id, today=date(2026, 11, 20))

    white_log = action_log_document(store, Classification.WHITE, shown=shown)
    amber_log = action_log_document(store, Classification.AMBER, shown=shown)
    assert "matching a search" in white_log.title  # one matching action is left out: the words are not said
    assert f"matching '{MARKER}'" in amber_log.title  # every match is in the Amber log: the title says them

    written = export(white_log, file_format, tmp_path / f"log.{file_format}")
    data = written.read_bytes()
    if file_format == "docx" or file_format == "xlsx":
        import zipfile

        with zipfile.ZipFile(written) as archive:
            data = b"".join(archive.read(name) for name in archive.namelist())
    elif file_format == "pdf":
        import pypdf

        data = "".join(page.extract_text() for page in pypdf.PdfReader(str(written)).pages).encode()
        data += written.read_bytes()
    assert MARKER.encode() not in data
    assert b"recovery plan" not in data
