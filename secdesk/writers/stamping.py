"""What every writer stamps the same way: when the document was issued, and which program wrote it.

A Document with `issued` set is written to the same bytes every time: final minutes are
frozen and their exports compared byte for byte. Word and Excel files are zip packages,
so their entries are dated from the issue time too, not from the moment of writing.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping
from datetime import UTC, datetime

from secdesk import __version__
from secdesk.documents.model import Document

APPLICATION = "SecDesk"
APP_PROPERTIES = "docProps/app.xml"
# The oldest and newest times a zip entry can carry (MS-DOS dates).
_ZIP_FIRST = datetime(1980, 1, 1)
_ZIP_LAST = datetime(2107, 12, 31, 23, 59, 58)


def issued_at(document: Document) -> datetime:
    """When the document was issued, else now: in UTC without a zone, to the second.

    A naive `issued` is taken as UTC, as SecDesk stores its times; OOXML properties are UTC.
    """
    when = document.issued or datetime.now(UTC)
    if when.tzinfo is not None:
        when = when.astimezone(UTC).replace(tzinfo=None)
    return when.replace(microsecond=0)


def app_version() -> str:
    """SecDesk's version as OOXML's AppVersion wants it, XX.YYYY: 1.2.3 is 01.0203."""
    numbers = [int(part) if part.isdigit() else 0 for part in __version__.split(".")[:3]]
    major, minor, patch = (numbers + [0, 0, 0])[:3]
    return f"{major:02d}.{minor:02d}{patch:02d}"


def app_properties() -> bytes:
    """docProps/app.xml naming SecDesk and nothing else: no template, company or counts left over."""
    return (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"'
        ' xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        f"<Application>{APPLICATION}</Application><AppVersion>{app_version()}</AppVersion></Properties>"
    ).encode()


def restamp_zip(data: bytes, when: datetime, replace: Mapping[str, bytes] | None = None) -> bytes:
    """The same package, its entries in the same order, each dated `when` with fixed attributes.

    zipfile dates an entry written by name with the clock, and marks it with the system
    it was written on; both would make two writes of one document differ.
    """
    replacements = replace or {}
    stamp = min(max(when, _ZIP_FIRST), _ZIP_LAST).timetuple()[:6]
    rewritten = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(rewritten, "w") as target:
        for entry in source.infolist():
            fixed = zipfile.ZipInfo(entry.filename, date_time=stamp)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.create_system = 0
            fixed.external_attr = 0
            body = replacements.get(entry.filename)
            target.writestr(fixed, source.read(entry.filename) if body is None else body)
    return rewritten.getvalue()
