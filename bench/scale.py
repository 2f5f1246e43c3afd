"""Benchmark: the commands a secretariat runs, on a committee of 10 meetings and of 700.

Two databases, built in this run: in each, one committee (TABASC) with 10 or N meetings
(700 by default, about thirteen years of weekly meetings) and two committees beside it
(SECP and OPSG, 120 meetings each, the same in both). Every meeting has the two standing
items and four more with minutes and a decision, one Amber item every other meeting, and
raises four actions (the one in an Amber item is Amber); each later meeting reviews the
open ones, which close after one to three reviews, so a long history holds thousands of
actions and updates but about as many open ones as a short one.

The history is built through the core services (committees, meetings, agenda, actions)
in one session, not through the package import the issue names: that would need a
package written for each of the 940 meetings first, which this benchmark does not do.

Then each command runs as a whole `secdesk` process, as a secretariat runs it, on both
databases in turn (median of --runs, after one warm-up run each): `actions` (the whole
listing and --open), `meetings`, the action log exported as xlsx, csv and docx (the open
actions, and the whole log with the closed ones), and the minutes of the latest meeting
as docx, all for TABASC. The same command is also timed inside this process
(`secdesk.cli.main.main`, no interpreter or import start-up) to show the work itself.

Goal: every command at N meetings within 1.2x its time at 10 meetings. The whole log
and the whole listing print every action ever raised (40 at 10 meetings, 2,800 at 700; the White
log drops the Amber eighth),
so they grow with the history whatever the query does; they are held to the goal all the
same, as the issue measures them.

Usage: python bench/scale.py [--meetings 700] [--runs 3]; --meetings 200 for a quick run.
The last line printed is JSON: {"bench": "scale", "ratio": worst ratio, "goal": 1.2, "ok": ...}.
"""

from __future__ import annotations

import argparse
import contextlib
import io
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
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # this checkout, as the commands below run it

GOAL = 1.2
BASELINE = 10
OTHERS = {"SECP": 120, "OPSG": 120}
MAIN = "TABASC"
PARAGRAPH = (
    "SECAS presented the paper and the members discussed its implications for the technical "
    "architecture, the costs to Users and the timetable for implementation. It was noted that "
    "further analysis would be brought to a later meeting once the consultation had closed."
)


def fill(session: Any, code: str, count: int, first_day: date) -> str:
    """`count` weekly meetings of a new committee; returns the latest meeting's identifier."""
    from secdesk.model import ActionStatus, Classification, DecisionVerb, MeetingStatus, Purpose
    from secdesk.services import actions, agenda, committees, decisions, meetings

    committee = committees.create_committee(session, code, f"{code} Sub-Committee", quorum=3)
    committees.add_standing_item(session, committee, "Minutes and Actions Outstanding")
    committees.add_standing_item(session, committee, "Any Other Business")
    open_actions: list[tuple[Any, int]] = []  # (action, reviews left before it closes)
    raised = 0
    meeting = None
    for number in range(1, count + 1):
        day = first_day + timedelta(weeks=number - 1)
        meeting = meetings.create_meeting(session, committee, day, number=number, venue="London")
        still_open = []
        for action, reviews_left in open_actions:
            closing = reviews_left <= 1
            status = ActionStatus.CLOSED if closing else ActionStatus.ONGOING
            text = "Completed; the paper was circulated." if closing else "Work continues; an update next time."
            actions.record_update(session, [action], meeting, text, status)
            if not closing:
                still_open.append((action, reviews_left - 1))
        open_actions = still_open
        for n in range(1, 5):
            secret = n == 4 and number % 2 == 0
            item = agenda.add_item(
                session,
                meeting,
                f"Agenda Topic {n}",
                purpose=Purpose.DISCUSSION,
                presenter="SECAS",
                planned_minutes=15,
                minutes=f"{PARAGRAPH}\n\n{PARAGRAPH}",
                classification=Classification.AMBER if secret else Classification.WHITE,
                public_title=f"Confidential Topic {n}" if secret else None,
            )
            decisions.add(session, item, DecisionVerb.NOTED, "the contents of the paper")
            action = actions.raise_action(
                session,
                meeting,
                f"SECAS to report back on topic {n} raised at meeting {number}.",
                owner="SECAS" if n % 2 else "The DCC",
                item=item,
                due=day + timedelta(weeks=3),
            )
            raised += 1
            open_actions.append((action, 1 + raised % 3))
        meeting.status = MeetingStatus.HELD
        session.flush()
    assert meeting is not None
    return meeting.identifier


def build(path: Path, meetings: int) -> str:
    from secdesk.store import open_store

    store = open_store(path, backup=False)
    with store.write() as session:
        identifier = fill(session, MAIN, meetings, date(2026, 11, 4) - timedelta(weeks=meetings - 1))
        for code, count in OTHERS.items():
            fill(session, code, count, date(2026, 11, 5) - timedelta(weeks=count - 1))
    store.close()
    return identifier


def commands(latest: str, out: Path) -> dict[str, list[str]]:
    log = ["action-log", "--committee", MAIN, "--today", "2026-11-20", "-o", str(out)]
    return {
        "actions": ["actions", "--committee", MAIN],
        "actions --open": ["actions", "--committee", MAIN, "--open"],
        "meetings": ["meetings", "--committee", MAIN],
        **{f"open log {fmt}": [*log, "--open", "--format", fmt] for fmt in ("xlsx", "csv", "docx")},
        **{f"whole log {fmt}": [*log, "--format", fmt] for fmt in ("xlsx", "csv", "docx")},
        "latest minutes docx": ["minutes", latest, "--format", "docx", "-o", str(out)],
    }


def as_process(database: Path, argv: list[str]) -> float:
    started = time.perf_counter()
    environment = {**os.environ, "PYTHONPATH": str(ROOT)}
    subprocess.run(
        [sys.executable, "-m", "secdesk", "--db", str(database), *argv],
        check=True,
        capture_output=True,
        env=environment,
    )
    return time.perf_counter() - started


def in_process(database: Path, argv: list[str]) -> float:
    from secdesk.cli.main import main

    started = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()):
        code = main(["--db", str(database), *argv])
    elapsed = time.perf_counter() - started
    if code != 0:
        raise RuntimeError(f"secdesk {' '.join(argv)} failed ({code})")
    return elapsed


def measure(databases: dict[int, tuple[Path, str]], out: Path, runs: int) -> dict[str, dict[int, dict[str, float]]]:
    """Per command, per size: median seconds as a process and inside this one."""
    figures: dict[str, dict[int, dict[str, list[float]]]] = {}
    for size, (database, latest) in databases.items():
        for name, argv in commands(latest, out).items():
            as_process(database, argv)  # warm the file cache
            in_process(database, argv)  # and this process's imports
            figures.setdefault(name, {})[size] = {"process": [], "in_process": []}
    for _ in range(runs):
        # Sizes alternate command by command, so a busy moment of the machine falls on both.
        for name in figures:
            for size, (database, latest) in databases.items():
                argv = commands(latest, out)[name]
                figures[name][size]["process"].append(as_process(database, argv))
                figures[name][size]["in_process"].append(in_process(database, argv))
    return {
        name: {
            size: {kind: statistics.median(values) for kind, values in kinds.items()} for size, kinds in sizes.items()
        }
        for name, sizes in figures.items()
    }


def counts(database: Path) -> dict[str, int]:
    import sqlite3

    with contextlib.closing(sqlite3.connect(database)) as connection:
        return {
            table: connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("meeting", "agenda_item", "action", "action_update")
        }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--meetings", type=int, default=700, help="meetings of the long committee (default 700)")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="secdesk-bench-scale-"))
    try:
        os.environ["SECDESK_HOME"] = str(work / "home")
        # Amber text is encrypted; headless, the key needs a passphrase.
        os.environ.setdefault("SECDESK_PASSPHRASE", "benchmark passphrase")
        out = work / "out"
        out.mkdir()
        databases: dict[int, tuple[Path, str]] = {}
        for size in (BASELINE, args.meetings):
            started = time.perf_counter()
            database = work / f"scale{size}.sqlite"
            databases[size] = (database, build(database, size))
            print(f"{size} meetings: built in {time.perf_counter() - started:.1f} s, {counts(database)}")
        results = measure(databases, out, args.runs)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    ratios = {}
    print(f"median of {args.runs} runs; seconds as a process (inside this process)")
    print(f"  {'command':<22} {BASELINE:>5} meetings  {args.meetings:>5} meetings  ratio")
    for name, sizes in results.items():
        short, long = sizes[BASELINE], sizes[args.meetings]
        ratios[name] = long["process"] / short["process"]
        print(
            f"  {name:<22} {short['process']:6.3f} ({short['in_process']:.3f})"
            f"  {long['process']:6.3f} ({long['in_process']:.3f})  {ratios[name]:5.2f}"
        )
    worst = max(ratios, key=ratios.__getitem__)
    print(
        json.dumps(
            {
                "bench": "scale",
                "ratio": round(ratios[worst], 3),
                "goal": GOAL,
                "ok": ratios[worst] <= GOAL,
                "worst": worst,
                "meetings": args.meetings,
                "ratios": {name: round(value, 3) for name, value in ratios.items()},
                "seconds": {
                    name: {str(size): round(value["process"], 3) for size, value in sizes.items()}
                    for name, sizes in results.items()
                },
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
