"""Where a live meeting stands, kept beside the database so a crash does not reset it.

The live screen writes the meeting being minuted, the item on screen and the time spent
on each item to a small journal file as it goes (`LiveSession.save`); a clean close
removes it. Finding the journal when the meeting is opened again means SecDesk stopped
without closing it (a crash, a kill, a flat battery): the screen goes back to that item
with its timers and says so. The minutes themselves are in the database already (the
autosave); the journal holds only what the database does not.
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from secdesk.atomic import write_atomically
from secdesk.errors import SecDeskError
from secdesk.paths import data_dir

log = logging.getLogger(__name__)


@dataclass
class LiveSession:
    meeting_id: int
    item_id: int | None = None
    # Seconds spent on each item so far (its id as text: JSON keys are strings).
    seconds: dict[str, float] = field(default_factory=dict)
    saved_at: str = ""  # ISO time, UTC, of the last write

    def spent(self) -> dict[int, float]:
        return {int(item): float(seconds) for item, seconds in self.seconds.items()}

    def saved_time(self) -> datetime | None:
        try:
            return datetime.fromisoformat(self.saved_at)
        except ValueError:
            return None


def journal_path(database: str) -> Path:
    """One journal per database (its path or URL), in SecDesk's own data folder."""
    name = hashlib.sha256(database.encode("utf-8")).hexdigest()[:16]
    return data_dir() / "live" / f"{name}.json"


def save(database: str, meeting_id: int, item_id: int | None, spent: dict[int, float]) -> None:
    """Write where the live meeting stands; a disk that refuses it never stops the meeting."""
    session = LiveSession(
        meeting_id, item_id, {str(item): round(seconds, 1) for item, seconds in spent.items()},
        datetime.now(UTC).isoformat(timespec="seconds"),
    )
    path = journal_path(database)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, json.dumps(asdict(session)), mode=0o600)
    except (OSError, SecDeskError) as error:  # a full disk, say: the minutes themselves are unaffected
        log.warning("The live meeting's place could not be kept in %s: %s", path, error)


def interrupted(database: str, meeting_id: int | None = None) -> LiveSession | None:
    """The journal a live meeting left when SecDesk stopped without closing it (for `meeting_id` if given)."""
    path = journal_path(database)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        session = LiveSession(
            int(data["meeting_id"]),
            None if data.get("item_id") is None else int(data["item_id"]),
            {str(k): float(v) for k, v in dict(data.get("seconds", {})).items()},
            str(data.get("saved_at", "")),
        )
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
        log.warning("The live meeting journal %s is unreadable and is ignored: %s", path, error)
        return None
    if meeting_id is not None and session.meeting_id != meeting_id:
        return None
    return session


def finish(database: str) -> None:
    """The live screen closed as it should: nothing to recover next time."""
    try:
        journal_path(database).unlink(missing_ok=True)
    except OSError as error:
        log.warning("The live meeting journal could not be removed: %s", error)
