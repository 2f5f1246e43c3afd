"""Opening a SecDesk database: checks, migrations, backups, and sessions.

`open_store(target)` takes None (the default file), a path, or an SQLAlchemy URL.

`Store` and `open_store` live in `secdesk.store.opening` and load on first use:
the window imports `secdesk.store.sqlite` and `migrations` to glance at a file
with the standard library before it pays for SQLAlchemy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from secdesk.store.opening import Store, open_store

__all__ = ["Store", "open_store"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from secdesk.store import opening

        return getattr(opening, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
