"""Command start-up: one `secdesk` process that opens the database, listing or writing.

Each sample is a fresh Python process, timed by this parent from start to exit:
`secdesk --db DB committees` (a listing) and `secdesk --db DB person add NAME` (one
small write), in turn, so every listing opens a database the write before it changed
(what a change costs the next command falls on it), then the listing once more, on a
database no command changed since (reported, not held to the goal). Before each
command the same interpreter runs `python -c "import sqlite3"`, the bare start of a
program that opens an SQLite file; ratios are medians of each command's time over the
baseline taken just before it, so drift in a shared machine's speed cancels out.

The database is the demo grown by `--filler-mb` of people rows (default 20 MB, a few
years' records), so that whatever reads or copies the whole file on every command
shows. SecDesk's modules are byte-compiled first, as an installed copy's are.

Goal (issue 16): each command within 0.4 s. The last line printed is JSON: bench, value
(the slower command's median, seconds), goal, ok, and the details.

    python bench/cli_start.py [--runs 9] [--filler-mb 20]
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOAL_S = 0.4
BASELINE = [sys.executable, "-c", "import sqlite3"]


def timed(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, env=env, check=False, capture_output=True, text=True, timeout=120)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"benchmark child failed: {' '.join(command)}\n{done.stderr}")
    return elapsed


def grow(database: Path, megabytes: int) -> None:
    """Add people (raw SQL, no audit) until the file is about `megabytes` larger.

    The bulk is in the email column, which no search index covers, so that the file's
    size is what the option says whichever indexes the schema has."""
    if megabytes <= 0:
        return
    target = database.stat().st_size + megabytes * 1024 * 1024
    connection = sqlite3.connect(database)
    try:
        columns = [row[1] for row in connection.execute("PRAGMA table_info(person)")
                   if row[1] not in ("id", "name", "uuid", "email")]
        listed = ", ".join(columns)
        batch = 0
        while database.stat().st_size + Path(f"{database}-wal").stat().st_size < target:
            with connection:
                connection.execute(
                    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000) "
                    f"INSERT INTO person (name, uuid, email, {listed}) "
                    f"SELECT 'Filler person {batch}.' || i, lower(hex(randomblob(16))), "
                    f"hex(randomblob(100)) || '@example.org', {listed} FROM n, (SELECT * FROM person LIMIT 1)"
                )
            batch += 1
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        connection.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--filler-mb", type=int, default=20)
    args = parser.parse_args()
    compileall.compile_dir(ROOT / "secdesk", quiet=1)
    with tempfile.TemporaryDirectory(prefix="secdesk-bench-") as folder:
        home = Path(folder)
        env = dict(os.environ, SECDESK_HOME=str(home), SECDESK_PASSPHRASE="benchmark-passphrase",
                   PYTHONPATH=str(ROOT))
        database = home / "bench.sqlite"
        secdesk = [sys.executable, "-m", "secdesk", "--db", str(database)]
        timed([*secdesk, "demo"], env)
        grow(database, args.filler_mb)
        size_mb = database.stat().st_size / 1024 / 1024
        listing = [*secdesk, "committees"]
        timed(BASELINE, env), timed(listing, env), timed([*secdesk, "person", "add", "Warm Up"], env)
        samples: dict[str, list[float]] = {"baseline": [], "listing": [], "write": [], "again": []}
        ratios: dict[str, list[float]] = {"listing": [], "write": [], "again": []}
        for run in range(args.runs):
            write = [*secdesk, "person", "add", f"Bench Person {run}"]
            for name, command in (("listing", listing), ("again", listing), ("write", write)):
                base = timed(BASELINE, env)
                took = timed(command, env)
                samples["baseline"].append(base)
                samples[name].append(took)
                ratios[name].append(took / base)
    median = {name: statistics.median(values) for name, values in samples.items()}
    ratio = {name: statistics.median(values) for name, values in ratios.items()}
    value = max(median["listing"], median["write"])
    print(f"Command start-up, median of {args.runs} runs (fresh processes, database {size_mb:.1f} MB)")
    print(f"  python -c 'import sqlite3'          {median['baseline']:.3f} s")
    print(f"  secdesk committees (after a write)  {median['listing']:.3f} s  ({ratio['listing']:.1f}x)")
    print(f"  secdesk committees (unchanged)      {median['again']:.3f} s  ({ratio['again']:.1f}x)")
    print(f"  secdesk person add                  {median['write']:.3f} s  ({ratio['write']:.1f}x)")
    print(f"  goal: each within {GOAL_S} s")
    print(
        json.dumps(
            {
                "bench": "cli_start",
                "value": round(value, 3),
                "goal": GOAL_S,
                "ok": value <= GOAL_S,
                "listing_s": round(median["listing"], 3),
                "write_s": round(median["write"], 3),
                "listing_unchanged_s": round(median["again"], 3),
                "baseline_s": round(median["baseline"], 3),
                "listing_ratio": round(ratio["listing"], 2),
                "write_ratio": round(ratio["write"], 2),
                "listing_unchanged_ratio": round(ratio["again"], 2),
                "database_mb": round(size_mb, 1),
                "runs": args.runs,
            }
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
