"""Responsiveness: the longest stall of the window's event loop during a scripted meeting.

The real main window, offscreen, on the demo database plus a committee with 50,000
actions. A script, paced like a fast typist (one key every 30 ms), opens a meeting,
starts it live, types a minute, raises three actions, reviews Actions Outstanding,
filters the actions log by typing and exports the White minutes. A 1 ms heartbeat
timer on the GUI thread records the longest gap between two turns of the event loop:
how long the window was frozen at worst.

After a warm-up run (each screen's first opening imports its modules), the script
runs twice: with the database as it is, and with 20 ms added to every statement (an
SQLAlchemy event that sleeps), as a team database across a network would add. The
window must not feel the difference: its database work is on the worker.
Goal: the longest stall at 20 ms latency within 50 ms, and within 1.5x the stall with
no latency.

Usage: python bench/responsiveness.py [--actions 50000] [--latency-ms 20]
The last line printed is JSON: {"bench": "responsiveness", "ratio": ..., "value": ..., ...}.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

GOAL_MS = 50.0
GOAL_RATIO = 1.5
KEY_GAP_MS = 30
WORDS = ["supplier", "review", "network", "cost", "estimate", "migration", "security", "release", "report"]


def build(path: Path, total: int) -> None:
    """The demo committees, and beside them one committee with `total` actions (Core bulk inserts)."""
    from sqlalchemy import insert, select

    from secdesk.model import Action, ActionStatus, Classification, Meeting, MeetingStatus
    from secdesk.papers.demo_files import load_demo_database
    from secdesk.services import committees
    from secdesk.store import open_store

    store = open_store(path, backup=False)
    load_demo_database(store)
    with store.write() as session:
        committee_id = committees.create_committee(session, "BIGLOG", "Committee with a long action log").id
    now = datetime.now(UTC)

    def tracked() -> dict[str, object]:
        return {"uuid": str(uuid.uuid4()), "created_at": now, "updated_at": now}

    chooser = random.Random(2026)
    with store.engine.begin() as connection:
        start = date(2016, 1, 11)
        connection.execute(insert(Meeting), [
            {"committee_id": committee_id, "number": n + 1, "date": start + timedelta(days=30 * n),
             "status": MeetingStatus.FINAL, "locked": True, **tracked()}
            for n in range(120)
        ])
        meetings = connection.execute(
            select(Meeting.id, Meeting.number, Meeting.date).where(Meeting.committee_id == committee_id)
        ).all()
        per_meeting: dict[int, int] = {}
        rows = []
        for _ in range(total):
            meeting_id, number, day = chooser.choice(meetings)
            sequence = per_meeting[meeting_id] = per_meeting.get(meeting_id, 0) + 1
            words = " ".join(chooser.choice(WORDS) for _ in range(10))
            rows.append({
                "reference": f"BIGLOG{number:02d}/{sequence:02d}", "committee_id": committee_id,
                "meeting_id": meeting_id, "owner": "SECAS", "text": f"SECAS to {words}.",
                "due_date": day + timedelta(days=60),
                "status": ActionStatus.CLOSED if chooser.random() < 0.8 else ActionStatus.OPEN,
                "classification": Classification.WHITE, **tracked(),
            })
        connection.execute(insert(Action), rows)
    store.close()


class Heartbeat:
    """A 1 ms timer on the GUI thread: the longest gap between its ticks is the longest stall."""

    def __init__(self) -> None:
        from PySide6.QtCore import Qt, QTimer

        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(1)
        self.timer.timeout.connect(self._tick)
        self.last = 0.0
        self.longest = 0.0
        self.where = ""
        self.step = "starting"
        self.stalls: list[tuple[float, str]] = []  # every gap over 20 ms, for the report

    def start(self) -> None:
        self.last = time.perf_counter()
        self.timer.start()

    def _tick(self) -> None:
        now = time.perf_counter()
        gap = (now - self.last) * 1000
        if gap > self.longest:
            self.longest, self.where = gap, self.step
        if gap > 20:
            self.stalls.append((round(gap, 1), self.step))
        self.last = now

    def stop(self) -> None:
        self.timer.stop()


Step = Iterator[Any]  # yields a pause in ms, or a condition to wait for


def run_script(script: Step, heartbeat: Heartbeat, timeout_s: float = 300.0) -> None:
    """Run the script's steps from the event loop: between steps the loop turns, as for a user."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    deadline = time.monotonic() + timeout_s
    failure: list[BaseException] = []

    def advance() -> None:
        try:
            wanted = next(script)
        except StopIteration:
            loop.quit()
            return
        except BaseException as error:  # noqa: BLE001 - reported after the loop ends
            failure.append(error)
            loop.quit()
            return
        if callable(wanted):
            wait_for(wanted)
        else:
            QTimer.singleShot(int(wanted), advance)

    def wait_for(condition: Callable[[], bool]) -> None:
        if condition():
            QTimer.singleShot(0, advance)
        elif time.monotonic() > deadline:
            failure.append(TimeoutError(f"gave up waiting during {heartbeat.step}"))
            loop.quit()
        else:
            QTimer.singleShot(5, lambda: wait_for(condition))

    QTimer.singleShot(0, advance)
    loop.exec()
    if failure:
        raise failure[0]


def typing(widget: Any, text: str) -> Step:
    from PySide6.QtTest import QTest

    for character in text:
        QTest.keyClicks(widget, character)
        yield KEY_GAP_MS


def meeting_script(window: Any, heartbeat: Heartbeat, export_to: Path) -> Step:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from secdesk.gui.live import open_actions_log, open_live
    from secdesk.model import Classification

    editor = window.editor
    heartbeat.step = "open a meeting"
    meeting = window.navigator_model.find("meeting", 3)  # TABASC 46, whose actions are outstanding
    window.navigator.setCurrentIndex(meeting)
    yield lambda: window.meeting_page.meeting is not None and editor.worker.idle()

    heartbeat.step = "start it live"
    live = open_live(window)
    yield lambda: live.meeting is not None and editor.worker.idle()
    live.choose_path = lambda *_args: export_to

    heartbeat.step = "type a minute"
    live.minutes.setFocus()
    yield from typing(live.minutes, "The TABASC discussed the supplier report and its timetable.")

    heartbeat.step = "raise three actions"
    for number in range(1, 4):
        heartbeat.step = "raise an action: open the composer"
        live.outcomes.new_action()
        yield lambda: live.outcomes.action_box.isVisible()
        heartbeat.step = "raise an action: type its owner (the completer offers names)"
        yield from typing(live.outcomes.owner, "SECAS")
        heartbeat.step = "raise an action: type its text (the due date is read from it)"
        yield from typing(live.outcomes.action_text, f"SECAS to circulate revision {number} by 31 March 2027.")
        heartbeat.step = "raise an action: close the composer"
        live.outcomes.finish()
        yield 50

    heartbeat.step = "review actions outstanding: go to item 1"
    live.review.focus_table()
    yield 50
    for key in (Qt.Key.Key_O, Qt.Key.Key_Down, Qt.Key.Key_C):
        heartbeat.step = f"review actions outstanding: {key.name}"
        QTest.keyClick(live.review.table, key)
        yield 100

    heartbeat.step = "open the actions log"
    log = open_actions_log(window)
    yield lambda: editor.worker.idle()
    log.status.setCurrentIndex(log.status.findData(None))
    yield lambda: editor.worker.idle()
    heartbeat.step = "filter the actions log by typing"
    yield from typing(log.text, "supplier cost")
    yield lambda: editor.worker.idle()

    heartbeat.step = "export the White minutes"
    live.export_minutes(Classification.WHITE, "docx")
    yield lambda: export_to.exists() and editor.worker.idle()
    heartbeat.step = "done"
    log.close()
    live.close()


def measure(source: Path, latency_ms: float) -> dict[str, Any]:
    """One run of the script on a fresh copy of the database."""
    import shutil

    from PySide6.QtWidgets import QApplication
    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    from secdesk.gui.main_window import MainWindow
    from secdesk.gui.messages import RecordingMessages
    from secdesk.store import open_store

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "run.sqlite"
        shutil.copyfile(source, path)
        statements = {"count": 0}

        def slow(*_args: Any) -> None:
            statements["count"] += 1
            time.sleep(latency_ms / 1000)

        if latency_ms:
            event.listen(Engine, "before_cursor_execute", slow)
        try:
            store = open_store(path, backup=False)
            window = MainWindow(store, RecordingMessages())
            window.resize(1280, 800)
            window.show()
            window.load_navigator()
            while not window.navigator_ready:
                app.processEvents()
            window.editor.settle(60)
            heartbeat = Heartbeat()
            heartbeat.start()
            started = time.perf_counter()
            run_script(meeting_script(window, heartbeat, Path(folder) / "minutes.docx"), heartbeat)
            elapsed = time.perf_counter() - started
            heartbeat.stop()
            window.editor.settle(60)
            window.close()
            store.close()
        finally:
            if latency_ms:
                event.remove(Engine, "before_cursor_execute", slow)
    return {
        "latency_ms": latency_ms,
        "longest_stall_ms": round(heartbeat.longest, 1),
        "during": heartbeat.where,
        "script_s": round(elapsed, 1),
        "statements_slowed": statements["count"],
        "worst": sorted(heartbeat.stalls, reverse=True)[:5],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--actions", type=int, default=50_000)
    parser.add_argument("--latency-ms", type=float, default=20.0)
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory() as folder:
        os.environ.setdefault("SECDESK_HOME", str(Path(folder) / "home"))
        os.environ.setdefault("SECDESK_PASSPHRASE", "responsiveness bench passphrase")
        Path(os.environ["SECDESK_HOME"]).mkdir(parents=True, exist_ok=True)
        database = Path(folder) / "bench.sqlite"
        built = time.perf_counter()
        build(database, args.actions)
        print(f"built the demo and {args.actions} actions in {time.perf_counter() - built:.1f} s", flush=True)
        measure(database, 0.0)  # warm-up: each screen's first opening imports its modules
        bare = measure(database, 0.0)
        print(f"no added latency: longest stall {bare['longest_stall_ms']} ms ({bare['during']}), "
              f"script {bare['script_s']} s; worst {bare['worst']}", flush=True)
        slow = measure(database, args.latency_ms)
        print(f"{args.latency_ms:g} ms per statement: longest stall {slow['longest_stall_ms']} ms "
              f"({slow['during']}), script {slow['script_s']} s, {slow['statements_slowed']} statements slowed; "
              f"worst {slow['worst']}",
              flush=True)
    ratio = slow["longest_stall_ms"] / max(bare["longest_stall_ms"], 1.0)
    ok = slow["longest_stall_ms"] <= GOAL_MS and ratio <= GOAL_RATIO
    print(json.dumps({
        "bench": "responsiveness", "ratio": round(ratio, 2), "value": slow["longest_stall_ms"],
        "unit": f"ms, longest GUI-thread stall with {args.latency_ms:g} ms per statement",
        "bare_ms": bare["longest_stall_ms"], "actions": args.actions,
        "goal": f"stall <= {GOAL_MS:g} ms at {args.latency_ms:g} ms latency and <= {GOAL_RATIO}x the stall without",
        "ok": ok,
    }))


if __name__ == "__main__":
    main()
