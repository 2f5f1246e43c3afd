"""Opening a SecDesk database: checks, migrations, backups, and sessions.

`open_store(target)` takes None (the default file), a path, or an SQLAlchemy URL.

`Store` and `open_store` live in `secdesk.store.opening` and load on first use:
the window imports `secdesk.store.sqlite` and `migrations` to glance at a file
with the standard library before it pays for SQLAlchemy.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from secdesk.store.opening import Store, open_store

__all__ = ["Store", "collection_paused", "open_store"]


@contextmanager
def collection_paused() -> Iterator[None]:
    """No garbage collection while SQLAlchemy, the model and its mappers load.

    They are some 100,000 objects that live until the program ends; the collector would
    walk them over and over as they are made (about a tenth of a command's start-up).
    Afterwards they are frozen, so that later collections pass them by.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.enable()


def __getattr__(name: str) -> Any:
    if name in ("Store", "open_store"):
        with collection_paused():
            from secdesk.store import opening

        return getattr(opening, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
