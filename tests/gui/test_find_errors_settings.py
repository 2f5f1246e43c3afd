"""Find, errors a user can cause, crashes, remembered settings and the worker."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, Qt, QThread, QTimer

from secdesk.gui.crash import CrashHandler
from secdesk.gui.worker import PROGRESS_DELAY_MS, Worker
from secdesk.model import AgendaItem
from tests.gui.conftest import read, settle
from tests.gui.test_agenda import open_meeting

pytestmark = pytest.mark.gui


def test_find_by_reference_groups_results_and_enter_opens_the_place(window: Any, qtbot: Any) -> None:
    reference, meeting_id, item_id = _first_action(window.store)
    qtbot.keyClick(window, Qt.Key_F, Qt.ControlModifier)
    dialog = window.dialog
    assert dialog.isVisible()
    qtbot.keyClicks(dialog.ui.query, reference)
    qtbot.waitUntil(lambda: dialog.ui.summary.text().endswith("found"), timeout=3000)
    tree = dialog.ui.results
    groups = [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]
    assert groups and groups[0].startswith("Actions")
    assert tree.currentItem().text(0).startswith(reference)
    qtbot.keyClick(dialog.ui.query, Qt.Key_Return)
    assert not dialog.isVisible()
    settle()
    assert window.meeting_page.meeting.id == meeting_id
    assert window.meeting_page.selected_item_id() == item_id


def _first_action(store: Any) -> tuple[str, int, int]:
    from sqlalchemy import select

    from secdesk.model import Action

    return read(
        store,
        lambda s: next(
            (a.reference, a.meeting_id, a.agenda_item_id)
            for a in s.scalars(select(Action).order_by(Action.reference))
            if a.agenda_item_id is not None
        ),
    )


def test_find_by_words_across_items(window: Any, qtbot: Any) -> None:
    window.find()
    dialog = window.dialog
    dialog.ui.query.setText("risk register")
    dialog.search()
    qtbot.waitUntil(lambda: dialog.ui.summary.text().endswith("found"), timeout=3000)
    hits = dialog.hits
    assert {h.group for h in hits} >= {"Agenda items"}
    assert {h.meeting_identifier for h in hits if h.group == "Agenda items"} >= {"TABASC_46_1910", "TABASC_45_2109"}
    dialog.ui.query.setText("zzzz nothing like this")
    dialog.search()
    qtbot.waitUntil(lambda: dialog.ui.summary.text() == "0 found", timeout=3000)
    assert dialog.ui.results.topLevelItemCount() == 0
    dialog.reject()


def test_editing_final_minutes_is_refused_clearly_and_nothing_is_lost(window: Any, qtbot: Any) -> None:
    meeting_id = open_meeting(window, "TABASC 45")
    page = window.meeting_page
    assert page.meeting.locked and page.ui.lockBanner.isVisibleTo(page)
    item_id = page.meeting.items[1].id
    page.select_item(item_id)
    saved = read(window.store, lambda s: s.get(AgendaItem, item_id).title)
    page.details.ui.title.selectAll()
    qtbot.keyClicks(page.details.ui.title, "Changed after the fact")
    page.details.flush()
    settle()
    assert window.messages.kinds() == ["error"]
    assert "final and locked" in window.messages.shown[0][2]
    assert read(window.store, lambda s: s.get(AgendaItem, item_id).title) == saved
    assert page.details.ui.title.text() == saved  # the field shows what is really saved
    assert not window.undo_action.isEnabled()
    qtbot.keyClick(page.ui.attendance, Qt.Key_A)  # no row selected: nothing happens
    page.ui.attendance.selectRow(0)
    qtbot.keyClick(page.ui.attendance, Qt.Key_A)
    assert window.messages.kinds() == ["error", "error"]
    assert meeting_id == page.meeting.id


def test_a_locked_database_gets_a_clear_message(window: Any, qtbot: Any) -> None:
    open_meeting(window)
    page = window.meeting_page
    item_id = page.meeting.items[1].id
    page.select_item(item_id)
    saved = read(window.store, lambda s: s.get(AgendaItem, item_id).title)
    blocker = sqlite3.connect(window.store.path, timeout=0)
    blocker.execute("BEGIN IMMEDIATE")
    try:
        window.store.engine.dispose()
        import secdesk.store.sqlite as sqlite_module

        original = sqlite_module.BUSY_TIMEOUT_MS
        sqlite_module.BUSY_TIMEOUT_MS = 50
        try:
            page.details.ui.title.selectAll()
            qtbot.keyClicks(page.details.ui.title, "Blocked")
            page.details.flush()
            settle()
        finally:
            sqlite_module.BUSY_TIMEOUT_MS = original
    finally:
        blocker.rollback()
        blocker.close()
    assert window.messages.kinds() == ["error"] and "locked" in window.messages.shown[0][2]
    assert read(window.store, lambda s: s.get(AgendaItem, item_id).title) == saved


def test_unexpected_errors_are_logged_and_shown_never_silent(secdesk_home: Path) -> None:
    shown: list[tuple[str, Path | None]] = []
    handler = CrashHandler(lambda error, path: shown.append((str(error), path)), dialogs=True)
    try:
        raise RuntimeError("boom in a slot")
    except RuntimeError as error:
        handler.handle(RuntimeError, error, error.__traceback__)
    assert len(shown) == 1 and shown[0][1] is not None
    log = shown[0][1].read_text()
    assert "RuntimeError: boom in a slot" in log and shown[0][1].parent == secdesk_home / "logs"

    quiet = CrashHandler(lambda error, path: shown.append((str(error), path)), dialogs=False)
    try:
        raise ValueError("second")
    except ValueError as error:
        quiet.handle(ValueError, error, error.__traceback__)
    assert len(shown) == 1 and len(quiet.crashes) == 1  # logged, no dialog in tests


def test_geometry_splitter_and_last_meeting_are_remembered(
    make_window: Any, demo_store: Any, qtbot: Any, messages: Any
) -> None:
    from secdesk.gui.main_window import MainWindow

    first = make_window(demo_store)
    meeting_id = open_meeting(first, "TABASC 45")
    first.resize(1280, 800)
    settle()
    first.splitter.setSizes([350, 930])
    sizes = first.splitter.sizes()
    first.close()
    geometry = first.saveGeometry()
    second = make_window(demo_store)
    assert second.meeting_page.meeting is not None and second.meeting_page.meeting.id == meeting_id
    # The offscreen screen clamps window sizes, so compare what was saved and restored.
    assert second.settings.geometry == geometry
    # The navigator's width, as a window shows it before any page asks for room: this small
    # offscreen screen (800 px) cannot hold 350 px beside the meeting page's own minimum.
    bare = MainWindow(demo_store, messages)
    qtbot.addWidget(bare)
    bare.show()
    assert bare.splitter.sizes()[0] == sizes[0] == 350  # the navigator keeps its width
    bare.close()
    assert (Path(first.settings.qt.fileName()).parent) == (demo_store.path.parent / "home")


def test_worker_delivers_on_the_gui_thread_and_shows_progress_only_when_slow(qtbot: Any) -> None:
    worker = Worker()
    busy: list[bool] = []
    worker.busy.connect(lambda shown, _label: busy.append(shown))
    results: list[tuple[Any, bool]] = []
    gui_thread = QCoreApplication.instance().thread()
    worker.run(lambda: 41 + 1, lambda r: results.append((r, QThread.currentThread() is gui_thread)))
    qtbot.waitUntil(lambda: len(results) == 1, timeout=2000)
    assert results == [(42, True)]
    qtbot.wait(PROGRESS_DELAY_MS + 50)
    assert busy == []  # quick work shows no progress

    worker.run(lambda: time.sleep(PROGRESS_DELAY_MS / 1000 + 0.3) or "slow", lambda r: results.append((r, True)))
    qtbot.waitUntil(lambda: len(results) == 2, timeout=5000)
    assert busy == [True, False]

    errors: list[BaseException] = []
    worker.run(lambda: 1 / 0, lambda r: None, errors.append)
    qtbot.waitUntil(lambda: len(errors) == 1, timeout=2000)
    assert isinstance(errors[0], ZeroDivisionError)
    worker.shutdown()


@pytest.mark.qt_no_exception_capture
def test_a_bug_in_a_slot_reaches_the_crash_dialog_and_the_log(window: Any, qtbot: Any, secdesk_home: Path) -> None:
    shown: list[Path | None] = []
    handler = CrashHandler(lambda _error, path: shown.append(path), dialogs=True)
    handler.install()
    try:
        def broken() -> None:
            raise RuntimeError("a bug in a slot")

        QTimer.singleShot(0, broken)
        qtbot.waitUntil(lambda: bool(shown), timeout=2000)
    finally:
        handler.uninstall()
    assert shown[0] is not None and "a bug in a slot" in shown[0].read_text()
    assert window.isVisible()  # never a silent exit


def test_preferences_about_and_import_minutes(window: Any, qtbot: Any) -> None:
    window.preferences_action.trigger()
    dialog = window.dialog
    dialog.ui.confirmRemove.setChecked(False)
    dialog.ui.saveDelay.setValue(300)
    dialog.accept()
    assert window.settings.confirm_removals is False and window.settings.save_delay == 300
    assert window.meeting_page.confirm_removals is False
    window.about_action.trigger()
    assert window.messages.kinds() == ["about"]
    assert window.import_action.isEnabled()  # secdesk.gui.import_dialog exists
    window.import_action.trigger()
    assert type(window.dialog).__name__ == "ImportMinutesDialog" and window.dialog.isVisible()
    window.dialog.reject()


def test_standard_shortcuts(window: Any) -> None:
    from PySide6.QtGui import QKeySequence

    expected = {
        window.new_meeting_action: QKeySequence.New,
        window.undo_action: QKeySequence.Undo,
        window.redo_action: QKeySequence.Redo,
        window.find_action: QKeySequence.Find,
        window.quit_action: QKeySequence.Quit,
    }
    for action, key in expected.items():
        assert action.shortcut() == QKeySequence(key), action.text()
