"""Startup: process start to the main window painted with the demo database open.

Compared with a bare PySide6 QMainWindow shown the same way in the same run.
Each sample is a fresh Python process; the parent notes the time just before
starting it and the child reports how long after that it saw its first paint
(and, for SecDesk, when the navigator was filled and when the store was open
with the editors usable). SecDesk's child runs the real entry point,
`secdesk.cli.main.main(["--db", DB])`, on a QApplication it made first so it can
watch for the paint. SecDesk's modules are byte-compiled first, as an installed
copy's are (pip and the bundle compile them); with PYTHONDONTWRITEBYTECODE set, as
on some build machines, they would otherwise be compiled from source at every
start. Ratios are medians of
each SecDesk sample over the bare sample taken just before it.
Goals: first paint within 1.5x the bare window, the navigator within 3x.
The last line printed is JSON: bench, ratio (first paint), goal, ok and details.

    python bench/startup.py [--runs 7]
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PAINT_GOAL = 1.5
NAVIGATOR_GOAL = 3.0

# The child's common part: the first paint of a main window, seen by a filter on that window alone
# (installed by its show()), then removed. An application-wide filter would cost a Python call for
# every event of every widget, penalising a window in proportion to how much it has in it.
PAINT_WATCH = r"""
import json, os, sys, time
T0 = float(os.environ["BENCH_T0"])
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
class FirstPaint(QObject):
    at = None
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Paint:
            self.at = time.time() - T0
            watched.removeEventFilter(self)
        return False
watch = FirstPaint()
_show = QMainWindow.show
def show(window):
    window.installEventFilter(watch)
    _show(window)
QMainWindow.show = show
app = QApplication(sys.argv[:1])
"""

BARE = PAINT_WATCH + r"""
window = QMainWindow()
window.resize(1280, 800)
window.show()
def done():
    if watch.at is None:
        QTimer.singleShot(5, done); return
    print(json.dumps({"paint": watch.at})); app.quit()
QTimer.singleShot(0, done)
app.exec()
"""

# The real `secdesk --db DB`: the command line's own entry point, on the QApplication made above.
SECDESK = PAINT_WATCH + r"""
result = {}
def poll():
    window = next((w for w in app.topLevelWidgets() if hasattr(w, "navigator_ready")), None)
    if watch.at is not None:
        result.setdefault("paint", watch.at)
    if window is not None and window.navigator_ready:
        result.setdefault("navigator", time.time() - T0)
    if window is not None and window.store is not None:
        result.setdefault("store", time.time() - T0)
    if len(result) == 3:
        window.close()
    else:
        QTimer.singleShot(2, poll)
QTimer.singleShot(0, poll)
from secdesk.cli.main import main
code = main(["--db", os.environ["BENCH_DB"]])
print(json.dumps(dict(result, code=code)))
"""


def sample(script: str, env: dict[str, str]) -> dict[str, float]:
    env = dict(env, BENCH_T0=repr(time.time()))
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, check=False, capture_output=True, text=True, timeout=120
    )
    if done.returncode != 0:
        raise SystemExit(f"benchmark child failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def make_demo(home: Path, env: dict[str, str]) -> Path:
    database = home / "demo.sqlite"
    subprocess.run(
        [sys.executable, "-m", "secdesk", "--db", str(database), "demo"],
        env=env,
        check=True,
        capture_output=True,
        timeout=300,
    )
    return database


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    compileall.compile_dir(Path(__file__).resolve().parent.parent / "secdesk", quiet=1)
    with tempfile.TemporaryDirectory(prefix="secdesk-bench-") as folder:
        home = Path(folder)
        env = dict(os.environ, SECDESK_HOME=str(home), SECDESK_PASSPHRASE="benchmark-passphrase")
        if not env.get("DISPLAY"):
            env.setdefault("QT_QPA_PLATFORM", "offscreen")
        env["BENCH_DB"] = str(make_demo(home, env))
        sample(BARE, env), sample(SECDESK, env)  # warm the file cache
        bare, ours = [], []
        for _ in range(args.runs):
            bare.append(sample(BARE, env)["paint"])
            ours.append(sample(SECDESK, env))
    bare_paint = statistics.median(bare)
    paint, navigator, store = (statistics.median(o[key] for o in ours) for key in ("paint", "navigator", "store"))
    # Each SecDesk sample is compared with the bare sample taken just before it, so drift in the
    # machine's speed during the run (a shared machine) cancels out; the median of those ratios.
    paint_ratio, navigator_ratio, store_ratio = (
        statistics.median(o[key] / b for o, b in zip(ours, bare)) for key in ("paint", "navigator", "store")
    )
    print(f"Startup, median of {args.runs} runs (fresh processes, {env.get('QT_QPA_PLATFORM', 'display')})")
    print(f"  bare QMainWindow first paint        {bare_paint:.3f} s")
    print(f"  SecDesk first paint                 {paint:.3f} s  ({paint_ratio:.2f}x, goal {PAINT_GOAL}x)")
    print(f"  SecDesk navigator filled            {navigator:.3f} s  ({navigator_ratio:.2f}x, goal {NAVIGATOR_GOAL}x)")
    print(f"  SecDesk store open, editors usable  {store:.3f} s  ({store_ratio:.2f}x, no goal)")
    print(
        json.dumps(
            {
                "bench": "startup",
                "ratio": round(paint_ratio, 3),
                "goal": PAINT_GOAL,
                "ok": paint_ratio <= PAINT_GOAL and navigator_ratio <= NAVIGATOR_GOAL,
                "navigator_ratio": round(navigator_ratio, 3),
                "navigator_goal": NAVIGATOR_GOAL,
                "store_ratio": round(store_ratio, 3),
                "bare_paint_s": round(bare_paint, 3),
                "paint_s": round(paint, 3),
                "navigator_s": round(navigator, 3),
                "store_s": round(store, 3),
            }
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
