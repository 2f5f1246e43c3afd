"""Window settings in one place: an INI file in SecDesk's data folder (SECDESK_HOME in tests)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from secdesk.paths import data_dir, documents_dir

DEFAULT_DELAY_MS = 500  # typing is saved after this pause (Preferences: 100 to 1000)


class Settings:
    """Typed access to the window's QSettings; the keys live only here."""

    def __init__(self) -> None:
        self.qt = QSettings(str(data_dir() / "window.ini"), QSettings.IniFormat)

    def _bool(self, key: str, default: bool) -> bool:
        value = self.qt.value(key, default)
        return value if isinstance(value, bool) else str(value).lower() == "true"

    def _int(self, key: str, default: int) -> int:
        try:
            return int(self.qt.value(key, default))
        except (TypeError, ValueError):
            return default

    def _bytes(self, key: str) -> QByteArray | None:
        value = self.qt.value(key)
        return value if isinstance(value, QByteArray) else None

    geometry = property(
        lambda self: self._bytes("window/geometry"), lambda self, v: self.qt.setValue("window/geometry", v)
    )
    window_state = property(
        lambda self: self._bytes("window/state"), lambda self, v: self.qt.setValue("window/state", v)
    )
    splitter = property(
        lambda self: self._bytes("window/splitter"), lambda self, v: self.qt.setValue("window/splitter", v)
    )
    agenda_splitter = property(
        lambda self: self._bytes("window/agendaSplitter"), lambda self, v: self.qt.setValue("window/agendaSplitter", v)
    )
    last_meeting = property(
        lambda self: self._int("session/lastMeeting", 0) or None,
        lambda self, v: self.qt.setValue("session/lastMeeting", v or 0),
    )
    reopen_last = property(
        lambda self: self._bool("preferences/reopenLast", True),
        lambda self, v: self.qt.setValue("preferences/reopenLast", v),
    )
    confirm_removals = property(
        lambda self: self._bool("preferences/confirmRemovals", True),
        lambda self, v: self.qt.setValue("preferences/confirmRemovals", v),
    )
    save_delay = property(
        lambda self: max(100, min(1000, self._int("preferences/saveDelayMs", DEFAULT_DELAY_MS))),
        lambda self, v: self.qt.setValue("preferences/saveDelayMs", v),
    )

    def export_folder(self, committee_code: str) -> Path:
        """The folder this committee's exports and packs last went to, if it still exists; else Documents."""
        value = self.qt.value(f"exports/{committee_code}")
        if value:
            folder = Path(str(value))
            if folder.is_dir():
                return folder
        return documents_dir()

    def set_export_folder(self, committee_code: str, folder: Path) -> None:
        self.qt.setValue(f"exports/{committee_code}", str(folder))

    def copies_previous(self, committee_code: str) -> bool:
        """Whether this committee's last new meeting copied the previous one's agenda and attendance."""
        return self._bool(f"newMeeting/{committee_code}/copyPrevious", False)

    def set_copies_previous(self, committee_code: str, value: bool) -> None:
        self.qt.setValue(f"newMeeting/{committee_code}/copyPrevious", value)

    def sync(self) -> None:
        self.qt.sync()
