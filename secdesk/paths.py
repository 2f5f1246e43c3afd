"""Where SecDesk keeps its data, backups and logs.

SECDESK_HOME overrides everything (tests and portable installs use it).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

APP_NAME = "SecDesk"


def data_dir() -> Path:
    override = os.environ.get("SECDESK_HOME")
    base = Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, False))
    base.mkdir(parents=True, exist_ok=True)
    return base


def default_database() -> Path:
    return data_dir() / "secdesk.sqlite"


def database_file(target: str | Path | None) -> Path | None:
    """The SQLite file a `--db` value names: None means the default file; a URL gives None."""
    if target is None:
        return default_database()
    if "://" in str(target):
        return None  # an SQLAlchemy URL: the store reads it, sqlite:/// file URLs included
    return Path(target).expanduser()


def log_dir() -> Path:
    override = os.environ.get("SECDESK_HOME")
    base = Path(override) / "logs" if override else Path(platformdirs.user_log_dir(APP_NAME, False))
    base.mkdir(parents=True, exist_ok=True)
    return base


def backup_dir_for(database: Path) -> Path:
    """Backups sit beside the database they protect, in their own folder."""
    return database.with_name(database.name + "-backups")


def asset_dir(name: str) -> Path:
    """A top-level asset folder (db, resources, ui) in a checkout, a bundle or an install."""
    candidates = [Path(__file__).resolve().parent.parent / name]
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        candidates.insert(0, Path(bundle) / name)
    candidates.append(Path(sys.prefix) / "share" / "secdesk" / name)
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"SecDesk's {name!r} folder is missing; looked in " + ", ".join(map(str, candidates)))
