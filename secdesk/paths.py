"""Where SecDesk keeps its data, backups and logs.

SECDESK_HOME overrides everything (tests and portable installs use it).
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "SecDesk"
# The subfolder of the installed package that holds the db, resources and ui folders.
ASSET_PACKAGE = "_assets"


def data_dir() -> Path:
    override = os.environ.get("SECDESK_HOME")
    base = Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, False))
    base.mkdir(parents=True, exist_ok=True)
    return base


def documents_dir() -> Path:
    """Where exports and packs go unless the user chose a folder: the platform's Documents folder.

    Created if missing (a fresh account may have none), so a dialog never proposes a folder
    that the export then refuses. Under SECDESK_HOME it is SECDESK_HOME/Documents.
    """
    override = os.environ.get("SECDESK_HOME")
    base = Path(override) / "Documents" if override else Path(platformdirs.user_documents_dir())
    try:
        base.mkdir(parents=True, exist_ok=True)
    except OSError:  # a read-only or odd home: the home folder itself exists
        return Path.home()
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
    """A top-level asset folder (db, resources, ui) as a real folder: Alembic and reportlab read paths.

    Installed (wheel, --user, --target, a venv) and in the PyInstaller bundle, the folders
    sit inside the package as secdesk/_assets/<name> (pyproject.toml maps them there,
    installer/manifest.py bundles them there). Run from a checkout or an editable install,
    they are the top-level folders beside the package.
    """
    import importlib.resources  # here, not at the top: most commands never need an asset

    candidates = []
    packaged = importlib.resources.files("secdesk") / ASSET_PACKAGE / name
    if isinstance(packaged, Path):  # a zip import has no real folders to hand out
        candidates.append(packaged)
    candidates.append(Path(__file__).resolve().parent.parent / name)
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"SecDesk's {name!r} folder is missing; looked in " + ", ".join(map(str, candidates)))
