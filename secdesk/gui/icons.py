"""Icons from resources/icons (SVG files loaded by path; no compiled .qrc needed)."""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QIcon

from secdesk.paths import asset_dir


@cache
def icon(name: str) -> QIcon:
    """The named icon, or an empty one when the resources folder is missing (never an error)."""
    try:
        path = asset_dir("resources") / "icons" / f"{name}.svg"
    except FileNotFoundError:
        return QIcon()
    return QIcon(str(path)) if path.exists() else QIcon()
