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
from secdesk.services.minute_blocks import inline
from secdesk.services.minutes_text import escape_inline
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
    # Column within a table row (Word and text tables); None outside tables.
    cell: int | None = None
    # Which table of the document (counted from 0) and which of its rows the cell is in.
    table: int | None = None
    row: int | None = None
    # A Word paragraph's text with its bold, italic and links as a paragraph block stores
    # them (minute_blocks.inline); None when it has none.
    markup: str | None = None
    # A Word heading (a Heading style, or a short paragraph all in bold).
    heading: bool = False
    # The layout line started with spaces: where a PDF's bullet glyph was lost, the
    # space before the text is all that is left of it.
    indented: bool = False
    # An empty line came before it (text and PDF): in a file that is not double-spaced
    # throughout, that is a paragraph's end.
    blank_before: bool = False


@dataclass(frozen=True)
class _Raw:
    """A line as read, before its furniture is removed."""

    text: str
    page: int | None = None
    cell: int | None = None
    table: int | None = None
    row: int | None = None
    markup: str | None = None
    heading: bool = False
    number: int | None = None  # the file's own line number (text files)


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


def _cleaned(raw: list[_Raw], layout: Literal["paragraphs", "lines"]) -> list[Line]:
    """Numbered lines without furniture; a raw line's own number wins over its place."""
    lines = []
    blank = False
    for place, found in enumerate(raw, start=1):
        cleaned = clean_line(found.text)
        if not found.text.strip():
            blank = True
        if not cleaned:
            continue
        markup = found.markup
        if markup is not None and _marked_text(markup) != cleaned:
            markup = None  # furniture or spacing cleaned out of it: keep the plain text
        lines.append(
            Line(
                number=found.number or place,
                text=cleaned,
                page=found.page,
                cell=found.cell,
                table=found.table,
                row=found.row,
                markup=markup,
                heading=found.heading,
                indented=layout == "lines" and found.text[:1] in (" ", "\t") and found.cell is None,
                blank_before=layout == "lines" and blank,
            )
        )
        blank = False
    return lines


def _marked_text(markup: str) -> str:
    """The text a markup prints, spaces tidied as clean_line tidies them."""
    return re.sub(r"\s+", " ", "".join(piece for piece, *_marks in inline(markup))).strip()


def _text_table_cells(number: int, line: str, table: int) -> list[_Raw]:
    """'| TABASC21/03 | SECAS to ... | Action ONGOING. |' (Markdown, pandoc) -> its cells."""
    cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
    if all(re.fullmatch(r":?-{3,}:?", cell) for cell in cells):
        return []  # the rule under a header row
    return [
        _Raw(cell, cell=column, table=table, row=number, number=number)
        for column, cell in enumerate(cells)
    ]


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
    raw: list[_Raw] = []
    tables = 0
    in_table = False
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip().startswith("|") and line.strip().endswith("|") and line.count("|") >= 3:
            raw.extend(_text_table_cells(number, line, tables))
            in_table = True
        else:
            tables += in_table  # the lines of one table follow each other
            in_table = False
            raw.append(_Raw(line, number=number))
    return ExtractedText(
        source=str(path),
        lines=_cleaned(raw, "lines"),
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
    raw: list[_Raw] = []
    lists = _WordLists(document)
    tables = 0
    # Body order matters: the Actions Outstanding table sits between item 1's paragraphs.
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            text = block.text
            if not text.strip():
                raw.append(_Raw(text))
                continue
            prefix = lists.prefix(block)
            markup = _word_markup(block)
            raw.append(
                _Raw(
                    prefix + text,
                    markup=None if markup is None else prefix + markup,
                    heading=not prefix and _word_heading(block),
                )
            )
        elif isinstance(block, Table):
            for row_number, row in enumerate(block.rows):
                seen: set[int] = set()
                for column, cell in enumerate(row.cells):
                    if id(cell._tc) in seen:  # a merged cell repeats itself
                        continue
                    seen.add(id(cell._tc))
                    for paragraph in cell.paragraphs:
                        raw.append(_Raw(paragraph.text, cell=column, table=tables, row=row_number))
            tables += 1
    furniture = [
        paragraph.text
        for section in document.sections
        for part in (section.header, section.footer)
        for paragraph in part.paragraphs
    ]
    return ExtractedText(
        source=str(path),
        lines=_cleaned(raw, "paragraphs"),
        layout="paragraphs",
        classification=stated_classification(furniture + [found.text for found in raw]),
    )


def _word_markup(paragraph: Any) -> str | None:
    """The paragraph's runs as inline markup: bold (run.bold), italic (run.italic) and web
    links; None when it has none of them. A run both bold and italic is written bold."""
    from docx.text.hyperlink import Hyperlink

    pieces: list[tuple[str, str]] = []  # (text, "b" | "i" | url | "")
    for part in paragraph.iter_inner_content():
        if isinstance(part, Hyperlink):
            address = part.address or ""
            pieces.append((part.text, address if re.match(r"https?://\S+$", address) else ""))
        else:
            pieces.append((part.text, "b" if part.bold else "i" if part.italic else ""))
    if not any(mark for _text, mark in pieces):
        return None
    merged: list[list[str]] = []
    for text, mark in pieces:
        if merged and merged[-1][1] == mark and mark in ("b", "i"):
            merged[-1][0] += text
        else:
            merged.append([text, mark])
    out = []
    for text, mark in merged:
        text = re.sub(r"\s+", " ", text.replace("\u00a0", " "))
        core = text.strip()
        if not mark or not core:
            out.append(escape_inline(text))
            continue
        lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()):]
        if mark == "b":
            marked = f"**{escape_inline(core)}**"
        elif mark == "i":
            marked = f"*{escape_inline(core)}*"
        else:
            marked = f"[{escape_inline(core)}]({mark})"
        out.append(lead + marked + trail)
    return re.sub(r"\s+", " ", "".join(out)).strip()


def _word_heading(paragraph: Any) -> bool:
    """A heading style, or a short line that is bold all through and ends no sentence."""
    style = paragraph.style.name if paragraph.style is not None else ""
    if style.startswith("Heading") or style == "Title":
        return True
    text = paragraph.text.strip()
    runs = [run for run in paragraph.runs if run.text.strip()]
    return bool(
        runs
        and all(run.bold for run in runs)
        and len(text) <= 80
        and not text.endswith((".", ":", ";", ",", "!", "?"))
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
        raw: list[_Raw] = []
        for page_number, page in enumerate(reader.pages, start=1):
            raw.extend(
                _Raw(line, page=page_number) for line in (page.extract_text() or "").splitlines()
            )
    except FileNotDecryptedError:
        raise MinutesImportError(
            f"{path.name} is an encrypted PDF; import an unprotected copy."
        ) from None
    except (PdfReadError, ValueError, KeyError) as error:
        raise MinutesImportError(f"{path.name} is not a readable PDF: {error}") from None
    if not any(found.text.strip() for found in raw):
        raise MinutesImportError(
            f"{path.name} holds no text (a scanned PDF?); import the Word file or a text copy instead."
        )
    return ExtractedText(
        source=str(path),
        lines=_cleaned(raw, "lines"),
        layout="lines",
        classification=stated_classification([found.text for found in raw]),
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
