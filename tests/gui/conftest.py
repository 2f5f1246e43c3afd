"""GUI fixtures: a main window on the demo database, with message boxes recorded instead of shown."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from sqlalchemy.orm import Session

from secdesk.gui.messages import RecordingMessages
from secdesk.store import Store


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/gui/" in str(item.fspath).replace("\\", "/"):
            item.add_marker(pytest.mark.gui)


@pytest.fixture
def messages() -> RecordingMessages:
    return RecordingMessages()


@pytest.fixture
def make_window(qtbot: Any, messages: RecordingMessages) -> Iterator[Callable[[Store], Any]]:
    from secdesk.gui.main_window import MainWindow

    windows: list[MainWindow] = []

    def make(store: Store, fast: bool = True) -> MainWindow:
        window = MainWindow(store, messages)
        qtbot.addWidget(window)
        if fast:
            window.settings.save_delay = 100  # pages built later pick it up
            window._apply_delay(100)
        window.show()
        window.load_navigator()
        qtbot.waitUntil(lambda: window.navigator_ready, timeout=5000)
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.close()  # saves settings and stops the worker thread
    left = [t.name for t in threading.enumerate() if t.name.startswith("secdesk-worker")]
    assert not left, f"worker threads left running: {left}"


@pytest.fixture
def window(make_window: Callable[[Store], Any], demo_store: Store) -> Any:
    return make_window(demo_store)


def read(store: Store, job: Callable[[Session], Any]) -> Any:
    """Look at what is really saved, in a fresh session."""
    with store.read() as session:
        return job(session)
