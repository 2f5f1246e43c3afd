"""Benchmark: a meeting pack of 20 papers of 10 pages each, against a bare pypdf merge of the same PDFs.

Both run in this process on the same files. The pack also renders the agenda, the previous minutes
and the actions outstanding, draws the cover and every stamp, and writes the folder, manifest and zip.
Goal: the pack within twice the bare merge's time. Last line: a JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from pypdf import PdfWriter
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

PAPERS, PAGES, GOAL = 20, 10, 2.0


def paper_pdf(path: Path, number: int) -> Path:
    """A text-heavy paper: a title and 40 lines on each page."""
    canvas = Canvas(str(path), pagesize=A4)
    for page in range(1, PAGES + 1):
        canvas.setFont("Helvetica-Bold", 16)
        canvas.drawString(72, 780, f"Benchmark paper {number}, page {page}")
        canvas.setFont("Helvetica", 10)
        for line in range(40):
            canvas.drawString(
                72, 750 - line * 16, f"Line {line + 1}: the secretariat sets out the options and their costs."
            )
        canvas.showPage()
    canvas.save()
    return path


def bare_merge(sources: list[Path], target: Path) -> None:
    writer = PdfWriter()
    for source in sources:
        writer.append(str(source))
    with target.open("wb") as stream:
        writer.write(stream)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="secdesk-bench-pack-"))
    os.environ["SECDESK_HOME"] = str(work / "home")
    os.environ.setdefault("SECDESK_PASSPHRASE", "benchmark passphrase")
    from secdesk.model import Classification
    from secdesk.packs.build import build_pack
    from secdesk.packs.plan import PackKind
    from secdesk.papers.attach import attach
    from secdesk.services.demo import load_demo
    from secdesk.store import open_store

    store = open_store(work / "bench.sqlite", backup=False)
    with store.write() as session:
        load_demo(session)
    sources = [paper_pdf(work / f"paper{n:02d}.pdf", n) for n in range(1, PAPERS + 1)]
    for number, source in enumerate(sources, start=1):
        attach(store, "TABASC 46", (5, 7)[number % 2], source, title=f"Benchmark paper {number}")

    pack_times, merge_times = [], []
    for run in range(args.runs):
        started = time.perf_counter()
        bare_merge(sources, work / f"merged{run}.pdf")
        merge_times.append(time.perf_counter() - started)
        started = time.perf_counter()
        result = build_pack(store, "TABASC 46", PackKind.PRE, Classification.WHITE, work / f"pack{run}")
        pack_times.append(time.perf_counter() - started)
    store.close()
    pack, merge = statistics.median(pack_times), statistics.median(merge_times)
    ratio = pack / merge
    print(f"papers: {PAPERS} x {PAGES} pages; pack: {result.pages} pages, {len(result.files)} documents")
    print(f"bare pypdf merge: {merge:.2f} s (median of {args.runs})")
    print(f"pack:             {pack:.2f} s (median of {args.runs})")
    print(
        json.dumps(
            {
                "bench": "pack",
                "ratio": round(ratio, 2),
                "goal": GOAL,
                "ok": ratio <= GOAL,
                "pack_s": round(pack, 3),
                "merge_s": round(merge, 3),
                "pages": result.pages,
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
