"""Benchmark: Word and PDF minutes of a 25-item meeting against LibreOffice converting the same .docx.

Also a large meeting (100 items, about 60 pages, with a table and a numbered list of the
items' own in every item, issue 17): both files written inside a running process, against
LibreOffice converting its .docx. Goal: within a tenth of LibreOffice's time.

The headline figure is a whole process: one `secdesk minutes ... --format docx,pdf`
(start-up, opening the database, building, writing both files). Also printed: the two
formats as separate processes, and the export as the window does it, inside a running
process (open the store, build, write both files). LibreOffice runs with a warmed-up
profile of its own. Medians of several runs. Goal: our two files together in under a
fifth of LibreOffice's time. The last line printed is JSON.

    python bench/export.py [--runs 5]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

GOAL = 0.2
ITEMS = 25
LARGE_ITEMS = 100
LARGE_GOAL = 0.1


def build_database(path: Path, items: int = ITEMS, blocks: bool = False) -> str:
    """A committee with a held meeting of `items` items, decisions, actions and reviewed actions;
    with `blocks`, each item also holds a timescale table and a numbered list of its own."""
    from secdesk.model import ActionStatus, BlockKind, Classification, DecisionVerb, MeetingStatus, Purpose
    from secdesk.services import actions, agenda, committees, decisions, meetings, minute_blocks
    from secdesk.store import open_store

    store = open_store(path, backup=False)
    paragraph = (
        "SECAS presented the paper and the members discussed its implications for the technical "
        "architecture, the costs to Users and the timetable for implementation. It was noted that "
        "further analysis would be brought to a later meeting once the consultation had closed."
    )
    with store.write() as session:
        committee = committees.create_committee(session, "BENCH", "Benchmark Sub-Committee", "The BENCH")
        earlier = meetings.create_meeting(session, committee, date(2026, 9, 1), number=1, venue="London")
        raised = [
            actions.raise_action(session, earlier, f"SECAS to follow up point {n} from the September meeting.",
                                 owner="SECAS")
            for n in range(1, 9)
        ]
        earlier.status = MeetingStatus.HELD
        meeting = meetings.create_meeting(session, committee, date(2026, 10, 1), number=2, venue="London")
        for n in range(1, items + 1):
            item = agenda.add_item(
                session, meeting, f"Agenda Topic {n}", purpose=Purpose.DISCUSSION, presenter="SECAS",
                planned_minutes=10, minutes=f"{paragraph}\n\n{paragraph}",
                classification=Classification.AMBER if n % 8 == 0 else Classification.WHITE,
                public_title=f"Confidential Topic {n}",
            )
            agenda.add_paper(session, item, f"Paper on topic {n}")
            decisions.add(session, item, DecisionVerb.NOTED, "the contents of the paper")
            if n % 2:
                decisions.add(session, item, DecisionVerb.AGREED, "the proposed next steps")
            actions.raise_action(session, meeting, f"SECAS to report back on topic {n}.", owner="SECAS", item=item,
                                 due=meeting.date + timedelta(days=30))
            if blocks:
                stages = "\n".join(f"Stage {k} | Month {k} | SECAS" for k in range(1, 7))
                minute_blocks.add_block(session, item, BlockKind.TABLE, f"Stage | By | Owner\n{stages}", at=2)
                minute_blocks.add_block(session, item, BlockKind.NUMBERED,
                                        "\n".join(f"Point {k} raised on topic {n}." for k in range(1, 5)), at=3)
        meeting.status = MeetingStatus.HELD
        session.flush()
        for n, action in enumerate(raised):
            status = ActionStatus.CLOSED if n % 2 else ActionStatus.ONGOING
            actions.record_update(session, [action], meeting, "An update was provided under the item.", status)
        identifier = meeting.identifier
    store.close()
    return identifier


def secdesk_command() -> list[str]:
    script = shutil.which("secdesk")
    return [script] if script else [sys.executable, "-m", "secdesk"]


def timed(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, env=env, capture_output=True)
    return time.perf_counter() - start


def in_process(database: Path, identifier: str, out: Path) -> float:
    """The export as the running window does it: no interpreter or import start-up."""
    from secdesk.documents.export import export, meeting_document
    from secdesk.model import Classification
    from secdesk.store import open_store

    start = time.perf_counter()
    store = open_store(database, backup=False)
    document = meeting_document(store, "minutes", identifier, Classification.WHITE)
    store.close()
    export(document, "docx", out)
    export(document, "pdf", out)
    return time.perf_counter() - start


def large_meeting(work: Path, env: dict[str, str], runs: int) -> dict[str, float]:
    """Medians for the large meeting: both files in a running process, and LibreOffice's conversion."""
    from pypdf import PdfReader

    database = work / "large.sqlite"
    identifier = build_database(database, LARGE_ITEMS, blocks=True)
    out = work / "large-out"
    out.mkdir()
    in_process(database, identifier, out)
    docx_file = out / f"{identifier}_Draft_Minutes_WHITE.docx"
    libreoffice = [
        "soffice", f"-env:UserInstallation=file://{work / 'lo-profile'}", "--headless",
        "--convert-to", "pdf", "--outdir", str(work / "large-lo"), str(docx_file),
    ]
    ours = [in_process(database, identifier, out) for _ in range(runs)]
    theirs = [timed(libreoffice, env) for _ in range(runs)]
    pages = len(PdfReader(str(out / f"{identifier}_Draft_Minutes_WHITE.pdf")).pages)
    return {"in-process": statistics.median(ours), "libreoffice": statistics.median(theirs), "pages": pages}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    if shutil.which("soffice") is None:
        print("soffice is not installed; nothing to compare against", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="secdesk-bench-") as folder:
        work = Path(folder)
        # A throwaway home; confidential fields are encrypted, so the key needs a passphrase headless.
        os.environ["SECDESK_HOME"] = str(work / "home")
        os.environ.setdefault("SECDESK_PASSPHRASE", "benchmark passphrase")
        env = dict(os.environ)
        database = work / "bench.sqlite"
        identifier = build_database(database)
        out = work / "out"
        out.mkdir()
        base = [*secdesk_command(), "--db", str(database), "minutes", identifier, "--classification", "white"]
        ours = {fmt: [*base, "--format", fmt, "-o", str(out)] for fmt in ("docx", "pdf", "docx,pdf")}
        docx_file = out / f"{identifier}_Draft_Minutes_WHITE.docx"
        libreoffice = [
            "soffice", f"-env:UserInstallation=file://{work / 'lo-profile'}", "--headless",
            "--convert-to", "pdf", "--outdir", str(work / "lo"), str(docx_file),
        ]
        for command in (*ours.values(), libreoffice):  # warm caches and LibreOffice's new profile
            timed(command, env)
        in_process(database, identifier, out)  # imports, as a running window has them
        figures: dict[str, list[float]] = {"docx": [], "pdf": [], "docx,pdf": [], "in-process": [], "libreoffice": []}
        for _ in range(args.runs):
            for fmt in ("docx", "pdf", "docx,pdf"):
                figures[fmt].append(timed(ours[fmt], env))
            figures["in-process"].append(in_process(database, identifier, out))
            figures["libreoffice"].append(timed(libreoffice, env))
        large = large_meeting(work, env, args.runs)
    median = {name: statistics.median(values) for name, values in figures.items()}
    libreoffice_s = median["libreoffice"]
    ratio = median["docx,pdf"] / libreoffice_s
    separate = (median["docx"] + median["pdf"]) / libreoffice_s
    warm = median["in-process"] / libreoffice_s
    print(f"25-item minutes, median of {args.runs} runs")
    for name, values in figures.items():
        print(f"  {name:<12} median {median[name]:.3f} s  (min {min(values):.3f}, max {max(values):.3f})")
    print(f"  one process writing both files / LibreOffice: {ratio:.2f}")
    print(f"  two processes (docx, then pdf) / LibreOffice: {separate:.2f}")
    print(f"  inside a running process (the window)  / LibreOffice: {warm:.2f}")
    large_ratio = large["in-process"] / large["libreoffice"]
    print(f"  {LARGE_ITEMS}-item minutes with tables and lists ({large['pages']} pages): in a running process "
          f"{large['in-process']:.3f} s, LibreOffice {large['libreoffice']:.3f} s: {large_ratio:.3f} "
          f"(goal {LARGE_GOAL})")
    print(json.dumps({
        "bench": "export",
        "ratio": round(ratio, 3),
        "goal": GOAL,
        "ok": ratio < GOAL and large_ratio < LARGE_GOAL,
        "large_in_process_ratio": round(large_ratio, 3),
        "large_goal": LARGE_GOAL,
        "large_pages": large["pages"],
        "two_processes_ratio": round(separate, 3),
        "in_process_ratio": round(warm, 3),
        "libreoffice_s": round(libreoffice_s, 3),
    }))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
