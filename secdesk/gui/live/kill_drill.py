"""The kill drill: type into the live screen, kill the process without warning, count what was lost.

`python -m secdesk.gui.live.kill_drill child --db F --item ID --log L [--screen S]`
opens a screen offscreen on item ID (the live screen, or the main window's
meeting page) and types words into the item's minutes box on a timer,
appending "time length" to L after each word. `run_trial` starts
that child, kills it (SIGKILL) at a moment of its choosing, reopens the
database and reports whether it opened cleanly and how many seconds of
typing were lost. Used by tests/test_killtest.py and bench/killtest.py.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

WORDS = [
    "the",
    "panel",
    "noted",
    "that",
    "the",
    "proposal",
    "would",
    "reduce",
    "the",
    "cost",
    "of",
    "supporting",
    "two",
    "interface",
    "versions",
    "and",
    "asked",
    "the",
    "secretariat",
    "to",
    "consult",
    "parties",
    "on",
    "the",
    "timetable",
    "before",
    "the",
    "next",
    "meeting",
]
WORD_INTERVAL_MS = 60


def typed_text(words: int, seed: int) -> str:
    """The text the child types, word by word: the same for the same seed."""
    chooser = random.Random(seed)
    return "".join(chooser.choice(WORDS) + " " for _ in range(words))


def prepare_database(path: Path) -> int:
    """A small committee with one meeting; returns the id of the item the drill types into."""
    from secdesk.services import agenda, committees, meetings
    from secdesk.store import open_store

    store = open_store(path, backup=False)
    try:
        with store.write() as session:
            committee = committees.create_committee(session, "TAG", "Testing Advisory Group")
            meeting = meetings.create_meeting(session, committee, date(2026, 12, 7))
            agenda.add_item(session, meeting, "Minutes and Actions Outstanding")
            item = agenda.add_item(session, meeting, "Test Strategy")
            return item.id
    finally:
        store.close()


SCREENS = ("live", "meeting")


def _live_screen(store: Any, messages: Any, meeting_id: int, item_id: int) -> tuple[Any, Any]:
    from secdesk.gui.editor import Editor
    from secdesk.gui.live.live_window import LiveWindow

    editor = Editor(store, messages)
    window = LiveWindow(editor, editor.worker, messages, meeting_id)
    window.show()
    window.go_to(item_id)
    editor.settle()
    return window, window.minutes


def _meeting_page(store: Any, messages: Any, meeting_id: int, item_id: int) -> tuple[Any, Any]:
    from PySide6.QtWidgets import QApplication

    from secdesk.gui.main_window import MainWindow

    window = MainWindow(store, messages)
    window.show()
    window.load_navigator()
    deadline = time.monotonic() + 20
    while not window.navigator_ready and time.monotonic() < deadline:
        QApplication.processEvents()
        time.sleep(0.01)
    window.open_place(meeting_id, item_id)
    window.editor.settle()
    return window, window.meeting_page.details.ui.minutes


def child(db: Path, item_id: int, log: Path, seed: int, screen: str = "live") -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from secdesk.gui.messages import RecordingMessages
    from secdesk.model import AgendaItem
    from secdesk.store import open_store

    app = QApplication([])
    store = open_store(db, backup=False)
    with store.read() as session:
        meeting_id = session.get(AgendaItem, item_id).meeting_id
    opener = _live_screen if screen == "live" else _meeting_page
    # The window must outlive this call: the box belongs to it.
    _window, box = opener(store, RecordingMessages(), meeting_id, item_id)
    box.setFocus()
    text = typed_text(100_000, seed)
    handle = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_APPEND)
    position = 0

    def type_word() -> None:
        nonlocal position
        end = text.index(" ", position) + 1
        QTest.keyClicks(box, text[position:end])
        position = end
        # The page cache outlives a killed process: no fsync needed for this side file.
        os.write(handle, f"{time.time():.4f} {position}\n".encode())

    os.write(handle, f"{time.time():.4f} 0\n".encode())
    timer = QTimer()
    timer.setInterval(WORD_INTERVAL_MS)
    timer.timeout.connect(type_word)
    timer.start()
    app.exec()


@dataclass(frozen=True)
class Trial:
    clean: bool
    problems: list[str]
    typed_chars: int
    saved_chars: int
    lost_seconds: float
    prefix_ok: bool


def run_trial(
    db: Path, item_id: int, log: Path, seed: int, kill_after: float, startup_timeout: float = 30.0, screen: str = "live"
) -> Trial:
    """Type for `kill_after` seconds into `screen`, SIGKILL the child, reopen and measure."""
    from secdesk.model import AgendaItem
    from secdesk.store import open_store

    log.unlink(missing_ok=True)
    store = open_store(db, backup=False)
    try:
        with store.write() as session:  # each trial types into an empty item
            session.get(AgendaItem, item_id).minutes = ""
    finally:
        store.close()
    command = [
        sys.executable,
        "-m",
        "secdesk.gui.live.kill_drill",
        "child",
        "--db",
        str(db),
        "--item",
        str(item_id),
        "--log",
        str(log),
        "--seed",
        str(seed),
        "--screen",
        screen,
    ]
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    process = subprocess.Popen(command, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + startup_timeout
        while not (log.exists() and log.stat().st_size > 0):
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the typing child did not start (exit {process.poll()})")
            time.sleep(0.02)
        time.sleep(kill_after)
        killed_at = time.time()
        process.send_signal(signal.SIGKILL)
    finally:
        process.wait()
    entries = [(float(t), int(n)) for t, n in (line.split() for line in log.read_text().splitlines() if line.strip())]
    store = open_store(db, backup=False)
    try:
        problems = store.integrity_problems()
        with store.read() as session:
            saved = session.get(AgendaItem, item_id).minutes
    finally:
        store.close()
    typed = entries[-1][1]
    full = typed_text(typed // 2 + 10, seed)
    unsaved = [t for t, length in entries if length > len(saved)]
    lost = killed_at - unsaved[0] if unsaved else 0.0
    return Trial(
        clean=not problems,
        problems=problems,
        typed_chars=typed,
        saved_chars=len(saved),
        lost_seconds=round(max(lost, 0.0), 3),
        prefix_ok=full.startswith(saved),
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    typing = commands.add_parser("child", help="type into a screen until killed")
    typing.add_argument("--db", type=Path, required=True)
    typing.add_argument("--item", type=int, required=True)
    typing.add_argument("--log", type=Path, required=True)
    typing.add_argument("--seed", type=int, default=1)
    typing.add_argument("--screen", choices=SCREENS, default="live")
    args = parser.parse_args(argv)
    child(args.db, args.item, args.log, args.seed, args.screen)


if __name__ == "__main__":
    main()
