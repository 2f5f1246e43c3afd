"""The import test corpus: house-style minutes written for SecDesk, in every format it imports.

Each `*.txt` source here is clean: one paragraph per block, tables as `| a | b |`
rows. From it this module makes what secretaries really have: a Word file, a
PDF (reportlab, or LibreOffice from the Word file) and a messy text copy with
the page furniture and wrapped table cells of a PDF extraction; the source
itself is a fifth format (text with pipe tables). Expected
findings are in `expected/<name>.json`; `score` compares a parse with them.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
import textwrap
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).parent
SOURCES = sorted(HERE.glob("*.txt"))
FORMATS = ("source.txt", "messy.txt", "docx", "numbered.docx", "reportlab.pdf", "libreoffice.pdf")

Block = tuple[str, object]  # ("p", text) or ("table", rows)


def blocks(source: Path) -> list[Block]:
    result: list[Block] = []
    for chunk in source.read_text(encoding="utf-8").split("\n\n"):
        lines = [line for line in chunk.strip().splitlines() if line.strip()]
        if not lines:
            continue
        if lines[0].startswith("|"):
            rows = [[cell.strip() for cell in line.strip().strip("|").split("|")] for line in lines]
            result.append(("table", rows))
        else:
            result.append(("p", " ".join(lines)))
    return result


def paper_reference(source: Path) -> str:
    """The identifier in the source's heading, used as the running header."""
    for kind, value in blocks(source):
        if kind == "p" and str(value).startswith("Meeting "):
            return str(value).split()[1].rstrip(",")
    return "MINUTES"


def write_docx(source: Path, target: Path, word_lists: bool = False) -> Path:
    """A Word file; with word_lists, item numbers and bullets are Word's own lists, not typed."""
    import docx

    document = docx.Document()
    document.core_properties.author = "SecDesk tests"
    for kind, value in blocks(source):
        text = str(value)
        heading = re.match(r"^\d+\.\s+(.*)$", text)
        if kind == "p" and word_lists and heading:
            document.add_paragraph(heading[1], style="List Number")
        elif kind == "p" and word_lists and text.startswith("• "):
            document.add_paragraph(text[2:], style="List Bullet")
        elif kind == "p":
            document.add_paragraph(text)
        else:
            rows = value  # type: ignore[assignment]
            table = document.add_table(rows=len(rows), cols=len(rows[0]))
            for r, row in enumerate(rows):
                for c, text in enumerate(row):
                    table.cell(r, c).text = text
    section = document.sections[0]
    section.footer.paragraphs[0].text = "This document has a Classification of White"
    document.save(str(target))
    return target


def write_reportlab_pdf(source: Path, target: Path) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.pdfgen import canvas as pdf_canvas
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    reference = paper_reference(source)
    styles = getSampleStyleSheet()
    body = styles["BodyText"]

    class FurnishedCanvas(pdf_canvas.Canvas):
        """Every page states its number of the total, its classification and the paper reference."""

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self):
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                self.setFont("Helvetica", 8)
                self.drawString(40, 810, reference)
                self.drawString(40, 30, f"Page {number} of {len(self._pages)}")
                self.drawRightString(555, 30, "This document has a Classification of White")
                super().showPage()
            super().save()

    story = []
    for kind, value in blocks(source):
        if kind == "p":
            story.append(Paragraph(str(value).replace("&", "&amp;"), body))
        else:
            rows = [[Paragraph(cell.replace("&", "&amp;"), body) for cell in row] for row in value]  # type: ignore[union-attr]
            widths = [90, 150, 190, 70][: len(rows[0])] if len(rows[0]) > 2 else [170, 300]
            table = Table(rows, colWidths=widths)
            table.setStyle(
                TableStyle(
                    [("GRID", (0, 0), (-1, -1), 0.5, "grey"), ("VALIGN", (0, 0), (-1, -1), "TOP")]
                )
            )
            story.append(table)
        story.append(Spacer(1, 4))
    SimpleDocTemplate(str(target), pagesize=A4).build(story, canvasmaker=FurnishedCanvas)
    return target


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def write_libreoffice_pdf(source: Path, target: Path) -> Path:
    program = soffice()
    if program is None:
        raise FileNotFoundError("soffice")
    word = write_docx(source, target.with_suffix(".docx"))
    with tempfile.TemporaryDirectory(prefix="secdesk-lo-") as profile:
        subprocess.run(
            [
                program,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(target.parent),
                str(word),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
    produced = target.parent / (word.stem + ".pdf")
    if produced != target:
        os.replace(produced, target)
    return target


def write_messy_text(
    source: Path, target: Path, width: int = 92, cell_width: int = 34, page_lines: int = 38
) -> Path:
    """What copying text out of a PDF gives: wrapped lines, cells one after another, furniture inside paragraphs."""
    reference = paper_reference(source)
    lines: list[str] = []
    for kind, value in blocks(source):
        if kind == "p":
            text = str(value).replace("• ", "\uf0b7 ")
            lines.extend(textwrap.wrap(text, width) or [""])
        else:
            for row in value:  # type: ignore[union-attr]
                if len(row) <= 2:
                    lines.append(" ".join(row))  # narrow tables flatten onto one line
                    continue
                lines.extend(textwrap.wrap(row[0], 14))
                for cell in row[1:]:
                    lines.extend(textwrap.wrap(cell, cell_width))
        lines.append("")
    furnished: list[str] = []
    pages = len(lines) // page_lines + 1
    for index, line in enumerate(lines, start=1):
        furnished.append(line)
        if index % page_lines == 0:  # a page break, wherever it falls
            page = index // page_lines
            furnished.extend(
                [
                    f"{reference} Page {page} of {pages}",
                    "This document has a Classification of White",
                ]
            )
    target.write_text("\n".join(furnished) + "\n", encoding="utf-8")
    return target


def copy_source(source: Path, target: Path) -> Path:
    """The source itself: text with pipe tables, as Markdown or pandoc would give."""
    shutil.copyfile(source, target)
    return target


def write_numbered_docx(source: Path, target: Path) -> Path:
    return write_docx(source, target, word_lists=True)


WRITERS = {
    "source.txt": copy_source,
    "numbered.docx": write_numbered_docx,
    "messy.txt": write_messy_text,
    "docx": write_docx,
    "reportlab.pdf": write_reportlab_pdf,
    "libreoffice.pdf": write_libreoffice_pdf,
}


def render(source: Path, fmt: str, folder: Path) -> Path:
    suffix = "." + fmt.split(".")[-1]
    return WRITERS[fmt](source, folder / f"{source.stem}.{fmt.split('.')[0]}{suffix}")


def expected(source: Path) -> dict:
    return json.loads((HERE / "expected" / f"{source.stem}.json").read_text(encoding="utf-8"))


@dataclass
class Score:
    true_positives: int = 0
    found: int = 0
    wanted: int = 0

    def add(self, found: set, wanted: set) -> None:
        self.true_positives += len(found & wanted)
        self.found += len(found)
        self.wanted += len(wanted)

    @property
    def precision(self) -> float:
        return self.true_positives / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.wanted if self.wanted else 1.0


def findings(parsed) -> dict[str, set]:
    """The facts the accuracy report counts, as comparable tuples."""
    return {
        "action references": {a.reference for a in parsed.actions},
        "action owners": {(a.reference, a.owner) for a in parsed.actions},
        "outstanding statuses": {(ref, r.status) for r in parsed.reviews for ref in r.references},
        "decision verbs": _counted(
            (item.number, d.verb) for item in parsed.items for d in item.decisions
        ),
    }


def wanted_findings(expectation: dict) -> dict[str, set]:
    return {
        "action references": {a["reference"] for a in expectation["actions"]},
        "action owners": {(a["reference"], a["owner"]) for a in expectation["actions"]},
        "outstanding statuses": {(r["reference"], r["status"]) for r in expectation["outstanding"]},
        "decision verbs": _counted((d["item"], d["verb"]) for d in expectation["decisions"]),
    }


def _counted(pairs) -> set:
    """(item, verb) pairs made distinct by their occurrence, so two NOTED on one item count twice."""
    seen: dict = {}
    result = set()
    for pair in pairs:
        seen[pair] = seen.get(pair, 0) + 1
        result.add((*pair, seen[pair]))
    return result


def score(parsed, expectation: dict, scores: dict[str, Score] | None = None) -> dict[str, Score]:
    scores = scores if scores is not None else {}
    wanted = wanted_findings(expectation)
    for name, found in findings(parsed).items():
        scores.setdefault(name, Score()).add(found, wanted[name])
    return scores
