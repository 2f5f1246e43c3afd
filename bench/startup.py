"""Startup: process start to the main window painted with the demo database open.

Compared with a bare PySide6 QMainWindow shown the same way in the same run.
Each sample is a fresh Python process; the parent notes the time just before
starting it and the child reports how long after that it saw its first paint
(and, for SecDesk, when the navigator was filled). Medians of several runs.
Goals: first paint within 1.5x the bare window, the navigator within 3x.
The last line printed is JSON: bench, ratio (first paint), goal, ok and details.

    python bench/startup.py [--runs 7]
"""

from __future__ import annotations

import argparse
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

# The child's common part: a filter that notes the first paint of the main window.
PAINT_WATCH = r"""
import json, os, sys, time
T0 = float(os.environ["BENCH_T0"])
from PySide6.QtCore import QEvent, QObject, QTimer
class FirstPaint(QObject):
    def __init__(self, window):
        super().__init__()
        self.window, self.at = window, None
    def eventFilter(self, watched, event):
        if self.at is None and event.type() == QEvent.Paint and getattr(watched, "window", None) and watched.window() is self.window:
            self.at = time.time() - T0
        return False
"""

BARE = PAINT_WATCH + r"""
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.resize(1280, 800)
watch = FirstPaint(window)
app.installEventFilter(watch)
window.show()
def done():
    if watch.at is None:
        QTimer.singleShot(5, done); return
    print(json.dumps({"paint": watch.at})); app.quit()
QTimer.singleShot(0, done)
app.exec()
"""

# Mirrors secdesk.gui.app.run after `secdesk --db DB` has parsed its arguments and opened the store.
SECDESK = PAINT_WATCH + r"""
from secdesk.cli import main as cli_main  # noqa: F401  (the command line is imported at start too)
from secdesk.store import open_store
store = open_store(os.environ["BENCH_DB"], backup=False)
result = {"store_open": time.time() - T0}  # where the command line calls secdesk.gui.app.run(store)
from PySide6.QtWidgets import QApplication
from secdesk.gui.main_window import MainWindow
app = QApplication(sys.argv[:1])
window = MainWindow(store)
watch = FirstPaint(window)
app.installEventFilter(watch)
window.show()
window.load_navigator()
def done():
    if watch.at is not None and "paint" not in result:
        result["paint"] = watch.at
    if window.navigator_ready and "navigator" not in result:
        result["navigator"] = time.time() - T0
    if len(result) < 3:
        QTimer.singleShot(2, done); return
    print(json.dumps(result)); window.close(); app.quit()
QTimer.singleShot(0, done)
app.exec()
"""


def sample(script: str, env: dict[str, str]) -> dict[str, float]:
    env = dict(env, BENCH_T0=repr(time.time()))
    done = subprocess.run([sys.executable, "-c", script], env=env, check=False, capture_output=True, text=True, timeout=120)
    if done.returncode != 0:
        raise SystemExit(f"benchmark child failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def make_demo(home: Path, env: dict[str, str]) -> Path:
    database = home / "demo.sqlite"
    subprocess.run([sys.executable, "-m", "secdesk", "--db", str(database), "demo"], env=env, check=True,
                   capture_output=True, timeout=300)
    return database


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
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
    paint = statistics.median(o["paint"] for o in ours)
    navigator = statistics.median(o["navigator"] for o in ours)
    store_open = statistics.median(o["store_open"] for o in ours)
    window_part = statistics.median(o["paint"] - o["store_open"] for o in ours)
    paint_ratio, navigator_ratio = paint / bare_paint, navigator / bare_paint
    print(f"Startup, median of {args.runs} runs (fresh processes, {env.get('QT_QPA_PLATFORM', 'display')})")
    print(f"  bare QMainWindow first paint   {bare_paint:.3f} s")
    print(f"  SecDesk first paint            {paint:.3f} s  ({paint_ratio:.2f}x, goal {PAINT_GOAL}x)")
    print(f"  SecDesk navigator filled       {navigator:.3f} s  ({navigator_ratio:.2f}x, goal {NAVIGATOR_GOAL}x)")
    print(f"  of which: command line imported and store open at {store_open:.3f} s;")
    print(f"            run(store) to first paint {window_part:.3f} s ({window_part / bare_paint:.2f}x the bare window)")
    print(json.dumps({
        "bench": "startup",
        "ratio": round(paint_ratio, 3),
        "goal": PAINT_GOAL,
        "ok": paint_ratio <= PAINT_GOAL and navigator_ratio <= NAVIGATOR_GOAL,
        "navigator_ratio": round(navigator_ratio, 3),
        "navigator_goal": NAVIGATOR_GOAL,
        "bare_paint_s": round(bare_paint, 3),
        "paint_s": round(paint, 3),
        "navigator_s": round(navigator, 3),
        "store_open_s": round(store_open, 3),
        "window_part_s": round(window_part, 3),
    }))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
