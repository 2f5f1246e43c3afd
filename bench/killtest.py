"""Kill SecDesk at random moments while it types minutes; report the worst loss and clean reopenings.

Usage: python bench/killtest.py [--trials 50] [--seed 7]
The last line printed is JSON: {"bench": "killtest", "value": worst loss in seconds, ...}.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import tempfile
from pathlib import Path

from secdesk.gui.live.kill_drill import prepare_database, run_trial

GOAL_SECONDS = 1.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--trials", type=int, default=50)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    chooser = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as folder:
        os.environ.setdefault("SECDESK_HOME", str(Path(folder) / "home"))
        os.environ.setdefault("SECDESK_PASSPHRASE", "kill drill passphrase")
        Path(os.environ["SECDESK_HOME"]).mkdir(parents=True, exist_ok=True)
        database = Path(folder) / "drill.sqlite"
        item_id = prepare_database(database)
        trials = []
        for number in range(args.trials):
            after = chooser.uniform(0.2, 3.0)
            trial = run_trial(database, item_id, Path(folder) / "typed.log", seed=number, kill_after=after)
            trials.append(trial)
            print(f"trial {number + 1:2d}: killed after {after:.2f} s, typed {trial.typed_chars}, "
                  f"saved {trial.saved_chars}, lost {trial.lost_seconds:.3f} s, clean={trial.clean}, "
                  f"prefix={trial.prefix_ok}", flush=True)
    worst = max(t.lost_seconds for t in trials)
    clean = sum(t.clean and t.prefix_ok for t in trials)
    result = {
        "bench": "killtest",
        "value": worst,
        "unit": "seconds of typing lost (worst)",
        "clean_reopenings": clean,
        "trials": len(trials),
        "mean_lost": round(sum(t.lost_seconds for t in trials) / len(trials), 3),
        "goal": f"all clean, worst loss <= {GOAL_SECONDS} s",
        "ok": clean == len(trials) and worst <= GOAL_SECONDS,
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
