"""Shared fixtures: every test gets its own SECDESK_HOME and real SQLite files under tmp_path."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import keyring
import keyring.backend
import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from secdesk.store import Store, open_store


class MemoryKeyring(keyring.backend.KeyringBackend):
    """A keyring that lives as long as the test process, like a desktop's would."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.secrets.pop((service, username), None)


MEMORY_KEYRING = MemoryKeyring()


@pytest.fixture(autouse=True)
def secdesk_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("SECDESK_HOME", str(home))
    # Commands run in subprocesses have no keyring here: they protect the key with this.
    monkeypatch.setenv("SECDESK_PASSPHRASE", "test passphrase for subprocesses")
    monkeypatch.delenv("SECDESK_PASSPHRASE_FILE", raising=False)
    return home


@pytest.fixture(autouse=True, scope="session")
def memory_keyring():
    previous = keyring.get_keyring()
    keyring.set_keyring(MEMORY_KEYRING)
    yield MEMORY_KEYRING
    keyring.set_keyring(previous)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "secdesk.sqlite"


@pytest.fixture
def store(db_path: Path):
    opened = open_store(db_path)
    yield opened
    opened.close()


@pytest.fixture(scope="session")
def _demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from secdesk.services.demo import load_demo

    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    template = open_store(path, backup=False)
    with template.write() as session:
        load_demo(session)
    template.close()
    return path


@pytest.fixture
def demo_file(_demo_template: Path, tmp_path: Path) -> Path:
    """A fresh copy of the demo database file, not opened."""
    path = tmp_path / "demo.sqlite"
    shutil.copyfile(_demo_template, path)
    return path


@pytest.fixture
def demo_store(_demo_template: Path, tmp_path: Path):
    """A fresh copy of the demo database (built once per test session)."""
    path = tmp_path / "demo.sqlite"
    shutil.copyfile(_demo_template, path)
    opened: Store = open_store(path, backup=False)
    yield opened
    opened.close()
