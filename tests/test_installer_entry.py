"""The bundle's entry point and the smoke-test quit switch (secdesk/smoke.py)."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

import pytest

from secdesk import smoke
from secdesk.errors import ValidationError

ENTRY = Path(__file__).resolve().parent.parent / "installer" / "secdesk_entry.py"


@pytest.fixture
def entry() -> Any:
    spec = importlib.util.spec_from_file_location("secdesk_entry", ENTRY)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    ("value", "delay"), [(None, None), ("", None), ("  ", None), ("1500", 1500), ("0", 0)]
)
def test_quit_delay_comes_from_the_environment(value: str | None, delay: int | None) -> None:
    environ = {} if value is None else {smoke.QUIT_AFTER_VARIABLE: value}
    assert smoke.quit_delay_ms(environ) == delay


@pytest.mark.parametrize("value", ["1.5s", "-1", "soon"])
def test_a_delay_that_is_not_milliseconds_is_refused_by_name(value: str) -> None:
    with pytest.raises(ValidationError, match=smoke.QUIT_AFTER_VARIABLE):
        smoke.quit_delay_ms({smoke.QUIT_AFTER_VARIABLE: value})


def test_without_the_variable_nothing_is_scheduled(
    qapp: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(smoke.QUIT_AFTER_VARIABLE, raising=False)
    assert smoke.maybe_schedule_quit(qapp) is False


class FakeApp:
    """Records what maybe_schedule_quit asks of a QApplication."""

    def __init__(self) -> None:
        self.properties: dict[str, object] = {}

    def property(self, name: str) -> object:
        return self.properties.get(name)

    def setProperty(self, name: str, value: object) -> None:
        self.properties[name] = value

    def quit(self) -> None:
        pass


def test_a_second_call_schedules_no_second_quit(qapp: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(smoke.QUIT_AFTER_VARIABLE, "60000")
    app = FakeApp()
    assert smoke.maybe_schedule_quit(app) is True
    assert smoke.maybe_schedule_quit(app) is False


def test_the_running_application_quits_by_itself(
    qapp: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtCore import QTimer

    monkeypatch.setenv(smoke.QUIT_AFTER_VARIABLE, "10")
    guard = QTimer()  # if the switch failed, end the loop with a code the test rejects
    guard.setSingleShot(True)
    guard.timeout.connect(lambda: qapp.exit(99))
    guard.start(5000)
    try:
        assert smoke.maybe_schedule_quit(qapp) is True
        assert qapp.exec() == 0
    finally:
        guard.stop()
        qapp.setProperty("secdeskSmokeQuitScheduled", False)


def test_a_lone_meeting_package_is_opened(entry: Any, tmp_path: Path) -> None:
    package = tmp_path / "TABASC_46.SDMP"
    package.write_text("{}")
    assert entry.opened_package([str(package)]) == str(package)
    assert entry.opened_package([str(tmp_path / "missing.sdmp")]) is None
    assert entry.opened_package(["import-meeting", str(package)]) is None
    assert entry.opened_package(["--db", str(package)]) is None


def test_opening_a_package_imports_it_then_starts_the_window(
    entry: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[list[str]] = []
    monkeypatch.setattr(entry, "main", lambda argv: calls.append(argv) or 0)
    monkeypatch.setattr(
        entry, "_show_problem", lambda text: pytest.fail(f"no problem expected: {text}")
    )
    assert entry.import_then_open("m.sdmp") == 0
    assert calls == [["import-meeting", "m.sdmp"], []]


def test_a_package_that_cannot_be_imported_is_explained(
    entry: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    def main(argv: list[str]) -> int:
        if argv:
            print("secdesk: m.sdmp: not a meeting package", file=sys.stderr)
            return 1
        return 0

    shown: list[str] = []
    monkeypatch.setattr(entry, "main", main)
    monkeypatch.setattr(entry, "_show_problem", shown.append)
    assert entry.import_then_open("m.sdmp") == 0  # the window still opens
    assert shown == ["secdesk: m.sdmp: not a meeting package"]


def test_the_entry_runs_other_arguments_as_the_secdesk_command(
    entry: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(smoke.QUIT_AFTER_VARIABLE, raising=False)
    calls: list[list[str]] = []
    monkeypatch.setattr(entry, "main", lambda argv: calls.append(argv) or 3)
    assert entry.run(["--db", "x.sqlite", "meetings"]) == 3
    assert calls == [["--db", "x.sqlite", "meetings"]]


def test_the_watchdog_quits_a_window_that_ignores_the_switch(
    entry: Any, qapp: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtCore import QTimer

    monkeypatch.setattr(entry, "WATCHDOG_GRACE_MS", 0)
    guard = QTimer()
    guard.setSingleShot(True)
    guard.timeout.connect(lambda: qapp.exit(99))
    guard.start(5000)
    try:
        entry.start_quit_watchdog(10)
        assert qapp.exec() == 0
    finally:
        guard.stop()


def test_a_bad_switch_value_stops_the_program_with_a_message(
    entry: Any, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv(smoke.QUIT_AFTER_VARIABLE, "soon")
    monkeypatch.setattr(entry, "main", lambda argv: pytest.fail("must not run"))
    assert entry.run([]) == 2
    assert smoke.QUIT_AFTER_VARIABLE in capsys.readouterr().err
