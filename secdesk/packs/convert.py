"""Turning a paper's file into PDF pages for the combined pack.

PDFs are checked (not encrypted, readable); images are placed on an A4 page;
Word and spreadsheet files go through LibreOffice when it is installed. Without
it, `None` says the file cannot be shown in the combined PDF.
"""

from __future__ import annotations

import getpass
import shutil
import subprocess
import tempfile
from io import BytesIO
from pathlib import Path

from pypdf import PdfReader
from pypdf.errors import PyPdfError
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from secdesk.packs.errors import PaperProblem

OFFICE_SUFFIXES = {".docx", ".doc", ".xlsx", ".xls", ".pptx", ".odt", ".ods"}
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg"}
CONVERSION_TIMEOUT_S = 180


def office_converter() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def checked_pdf(data: bytes, reference: str, name: str) -> PdfReader:
    """A readable, unencrypted PDF, or a PaperProblem naming the paper and saying why."""
    try:
        reader = PdfReader(BytesIO(data))
        if reader.is_encrypted:
            raise PaperProblem(reference, f"{name} is a password-protected (encrypted) PDF; attach an unprotected copy")
        if len(reader.pages) == 0:
            raise PaperProblem(reference, f"{name} is a PDF with no pages")
        for page in reader.pages:
            _ = page.mediabox
    except PaperProblem:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError) as error:
        raise PaperProblem(reference, f"{name} is not a readable PDF ({error or type(error).__name__})") from error
    return reader


def to_pdf(data: bytes, name: str, reference: str, work: Path) -> bytes | None:
    suffix = Path(name).suffix.lower()
    if suffix == ".pdf":
        return data
    if suffix in IMAGE_SUFFIXES:
        return _image_page(data, name, reference)
    if suffix in OFFICE_SUFFIXES:
        converter = office_converter()
        return _libreoffice(converter, data, name, reference, work) if converter else None
    return None


def _image_page(data: bytes, name: str, reference: str) -> bytes:
    try:
        image = ImageReader(BytesIO(data))
        width, height = image.getSize()
    except Exception as error:  # reportlab/PIL raise assorted errors for a damaged picture
        raise PaperProblem(reference, f"{name} is not a readable picture ({error})") from error
    page = landscape(A4) if width > height else A4
    room_w, room_h = page[0] - 40 * mm, page[1] - 56 * mm
    scale = min(room_w / width, room_h / height)
    buffer = BytesIO()
    canvas = Canvas(buffer, pagesize=page)
    drawn_w, drawn_h = width * scale, height * scale
    canvas.drawImage(image, (page[0] - drawn_w) / 2, (page[1] - drawn_h) / 2, drawn_w, drawn_h)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _profile() -> Path:
    """LibreOffice's own profile for SecDesk, kept between runs (a new one costs seconds)."""
    return Path(tempfile.gettempdir()) / f"secdesk-libreoffice-{getpass.getuser()}"


def _libreoffice(converter: str, data: bytes, name: str, reference: str, work: Path) -> bytes:
    folder = Path(tempfile.mkdtemp(prefix="convert-", dir=work))
    source = folder / ("paper" + Path(name).suffix.lower())
    source.write_bytes(data)
    command = [
        converter, "--headless", "--norestore", f"-env:UserInstallation={_profile().as_uri()}",
        "--convert-to", "pdf", "--outdir", str(folder), str(source),
    ]
    try:
        subprocess.run(command, capture_output=True, timeout=CONVERSION_TIMEOUT_S, check=False)
    except subprocess.TimeoutExpired:
        raise PaperProblem(reference, f"LibreOffice took too long to convert {name}") from None
    result = source.with_suffix(".pdf")
    if not result.exists():
        raise PaperProblem(reference, f"LibreOffice could not convert {name} to PDF (is the file damaged?)")
    return result.read_bytes()
