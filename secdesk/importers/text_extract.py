"""Minutes files (.docx, .pdf, .txt) -> numbered lines with the page furniture removed.

Pure: reads the file, writes nothing. Line numbers are what the secretary can
find again: the file's own line numbers for text, the paragraph (and table
cell) order for Word, the running line count over the pages for PDF.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from secdesk.importers import MinutesImportError
from secdesk.text import clean_text

SUPPORTED_SUFFIXES = (".docx", ".pdf", ".txt")

# Page furniture that PDF extraction drops into the middle of paragraphs, with the paper
# reference (TABASC_46_1909_20) that running headers and footers print beside it.
_PAPER_REFERENCE = r"[A-Z][A-Z0-9]*_\d+_\d{4}(?:_\d+)?"
_BESIDE = rf"(?:{_PAPER_REFERENCE}\s+)?"
_FURNITURE = [
    re.compile(rf"{_BESIDE}\bPage\s+\d+\s+of\s+\d+\b(?:\s+{_PAPER_REFERENCE})?", re.IGNORECASE),
    re.compile(
        rf"{_BESIDE}This document has a Classification of\s+(?:White|Green|Amber|Red)\b\.?(?:\s+{_PAPER_REFERENCE})?",
        re.IGNORECASE,
    ),
]
# A paper reference on its own line is a running header or footer.
_PAPER_REFERENCE_ONLY = re.compile(rf"^{_PAPER_REFERENCE}$")
# Bullets as they come out of Word and PDF fonts: Symbol and Wingdings live in the private-use area.
_BULLET = re.compile(
    r"^[\u2219\uf0b7\uf0a7\uf076\uf0d8\uf0fc\uf0a8\u2022\u25cf\u25aa\u25a0\u25e6\u00b7\u2023\u2043]\s*"
)

# pypdf reads the base-14 fonts' bullet as DEL, and cp1252's bullet read as Latin-1 is U+0095:
# control characters everywhere else, bullets at the start of a line.
_CONTROL_BULLET = re.compile(r"^\s*[\x7f\x95]")


@dataclass(frozen=True)
class Line:
    number: int
    text: str
    page: int | None = None
    # Column within a table row (Word tables only); None outside tables.
    cell: int | None = None


@dataclass(frozen=True)
class ExtractedText:
    source: str
    lines: list[Line]
    # "paragraphs": each line is a whole paragraph (Word); "lines": layout lines (PDF, text).
    layout: Literal["paragraphs", "lines"]
    # The most restrictive level the document states of itself ("white" ... "red"), if any.
    classification: str | None = None


_STATED = re.compile(
    r"\bClassification\s+of\s+(White|Green|Amber|Red)\b|\bclassified\s+as\s+(White|Green|Amber|Red)\b",
    re.IGNORECASE,
)
_LEVELS = ("white", "green", "amber", "red")


def stated_classification(texts: list[str]) -> str | None:
    """'This document has a Classification of Amber' anywhere (before the furniture is removed)."""
    found = {(m[1] or m[2]).lower() for text in texts for m in _STATED.finditer(text)}
    return max(found, key=_LEVELS.index) if found else None


def clean_line(text: str) -> str:
    """One line without furniture or control characters, bullets normalised to '• ', spaces tidied.

    Control characters go first, so that numbering and references are found in the text
    as it will be stored.
    """
    text = clean_text(_CONTROL_BULLET.sub("\u2022", text))
    text = text.replace("\u00a0", " ").replace("\t", " ")
    for pattern in _FURNITURE:
        text = pattern.sub(" ", text)
    text = re.sub(r"\s+", " ", text).strip()
    if _PAPER_REFERENCE_ONLY.match(text):
        return ""
    if _BULLET.match(text):
        text = "• " + _BULLET.sub("", text)
    return text


def _numbered(raw: list[tuple[str, int | None, int | None]]) -> list[Line]:
    return _cleaned(
        (number, text, page, cell) for number, (text, page, cell) in enumerate(raw, start=1)
    )


def _cleaned(raw) -> list[Line]:
    lines = []
    for number, text, page, cell in raw:
        cleaned = clean_line(text)
        if cleaned:
            lines.append(Line(number=number, text=cleaned, page=page, cell=cell))
    return lines


def _text_table_cells(number: int, line: str) -> list[tuple[int, str, None, int]]:
    """'| TABASC21/03 | SECAS to ... | Action ONGOING. |' (Markdown, pandoc) -> its cells."""
    cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
    if all(re.fullmatch(r":?-{3,}:?", cell) for cell in cells):
        return []  # the rule under a header row
    return [(number, cell, None, column) for column, cell in enumerate(cells)]


def _read_text(path: Path) -> ExtractedText:
    data = path.read_bytes()
    if b"\x00" in data[:4096]:
        raise MinutesImportError(f"{path.name} is not a text file (it holds binary data).")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # cp1252 leaves only a few bytes undefined; still, say so plainly
        raise MinutesImportError(f"{path.name} is not readable text (unknown encoding).")
    raw: list[tuple[int, str, None, int | None]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip().startswith("|") and line.strip().endswith("|") and line.count("|") >= 3:
            raw.extend(_text_table_cells(number, line))
        else:
            raw.append((number, line, None, None))
    return ExtractedText(
        source=str(path),
        lines=_cleaned(raw),
        layout="lines",
        classification=stated_classification(text.splitlines()),
    )


class _WordLists:
    """The numbers and bullets Word draws itself: python-docx gives a list paragraph's text only."""

    def __init__(self, document: Any) -> None:
        try:
            self.numbering = document.part.numbering_part.element
        except (KeyError, NotImplementedError):  # no lists in this document
            self.numbering = None
        self.counters: dict[tuple[str, str], int] = {}

    @staticmethod
    def _numbering_of(paragraph: Any) -> tuple[str, str] | None:
        """(numId, level) from the paragraph, or from its style and the styles that style is based on."""
        p_pr = paragraph._p.pPr
        candidates = [p_pr.numPr if p_pr is not None else None]
        style = paragraph.style
        while style is not None:
            style_p_pr = style.element.pPr
            candidates.append(style_p_pr.numPr if style_p_pr is not None else None)
            style = style.base_style
        for num_pr in candidates:
            if num_pr is not None and num_pr.numId is not None:
                level = num_pr.ilvl.val if num_pr.ilvl is not None else 0
                return str(num_pr.numId.val), str(level)
        return None

    def prefix(self, paragraph: Any) -> str:
        numbering = self._numbering_of(paragraph)
        if numbering is None or self.numbering is None:
            return ""
        num_id, level = numbering
        abstract = self.numbering.xpath(f"./w:num[@w:numId='{num_id}']/w:abstractNumId/@w:val")
        if not abstract:
            return ""
        definition = f"./w:abstractNum[@w:abstractNumId='{abstract[0]}']/w:lvl[@w:ilvl='{level}']"
        number_format = self.numbering.xpath(f"{definition}/w:numFmt/@w:val")
        if number_format == ["bullet"]:
            return "• "
        if number_format != ["decimal"] or level != "0":
            return ""
        start = self.numbering.xpath(f"{definition}/w:start/@w:val")
        key = (num_id, level)
        self.counters[key] = self.counters.get(key, int(start[0]) - 1 if start else 0) + 1
        return f"{self.counters[key]}. "


def _read_docx(path: Path) -> ExtractedText:
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError) as error:
        raise MinutesImportError(
            f"{path.name} is not a readable Word (.docx) file: {error}"
        ) from None
    except Exception as error:  # python-docx raises zipfile/lxml errors for damaged files
        if type(error).__module__.split(".")[0] in ("zipfile", "lxml"):
            raise MinutesImportError(f"{path.name} is a damaged Word file: {error}") from None
        raise
    raw: list[tuple[str, int | None, int | None]] = []
    lists = _WordLists(document)
    # Body order matters: the Actions Outstanding table sits between item 1's paragraphs.
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            text = block.text
            raw.append((lists.prefix(block) + text if text.strip() else text, None, None))
        elif isinstance(block, Table):
            for row in block.rows:
                seen: set[int] = set()
                for column, cell in enumerate(row.cells):
                    if id(cell._tc) in seen:  # a merged cell repeats itself
                        continue
                    seen.add(id(cell._tc))
                    for paragraph in cell.paragraphs:
                        raw.append((paragraph.text, None, column))
    furniture = [
        paragraph.text
        for section in document.sections
        for part in (section.header, section.footer)
        for paragraph in part.paragraphs
    ]
    return ExtractedText(
        source=str(path),
        lines=_numbered(raw),
        layout="paragraphs",
        classification=stated_classification(furniture + [text for text, _page, _cell in raw]),
    )


def _read_pdf(path: Path) -> ExtractedText:
    from pypdf import PdfReader
    from pypdf.errors import FileNotDecryptedError, PdfReadError

    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted and not reader.decrypt(""):
            raise MinutesImportError(
                f"{path.name} is an encrypted PDF; open it with its password, save an unprotected copy, "
                "and import that."
            )
        raw: list[tuple[str, int | None, int | None]] = []
        for page_number, page in enumerate(reader.pages, start=1):
            raw.extend(
                (line, page_number, None) for line in (page.extract_text() or "").splitlines()
            )
    except FileNotDecryptedError:
        raise MinutesImportError(
            f"{path.name} is an encrypted PDF; import an unprotected copy."
        ) from None
    except (PdfReadError, ValueError, KeyError) as error:
        raise MinutesImportError(f"{path.name} is not a readable PDF: {error}") from None
    if not any(text.strip() for text, _page, _cell in raw):
        raise MinutesImportError(
            f"{path.name} holds no text (a scanned PDF?); import the Word file or a text copy instead."
        )
    return ExtractedText(
        source=str(path),
        lines=_numbered(raw),
        layout="lines",
        classification=stated_classification([text for text, _page, _cell in raw]),
    )


def extract(path: str | Path) -> ExtractedText:
    """The file's text as numbered lines; raises MinutesImportError for what cannot be read."""
    path = Path(path)
    if not path.is_file():
        raise MinutesImportError(f"{path} does not exist or is not a file.")
    suffix = path.suffix.lower()
    if suffix == ".doc":
        raise MinutesImportError(
            f"{path.name} is an old Word (.doc) file; save it as .docx and import that."
        )
    if suffix not in SUPPORTED_SUFFIXES:
        raise MinutesImportError(
            f"{path.name}: SecDesk imports minutes from {', '.join(SUPPORTED_SUFFIXES)} files."
        )
    try:
        reader = {".docx": _read_docx, ".pdf": _read_pdf, ".txt": _read_text}[suffix]
        return reader(path)
    except PermissionError:
        raise MinutesImportError(f"{path.name} cannot be read (permission denied).") from None
