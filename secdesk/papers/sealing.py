"""A stored paper file follows its paper's level: sealed above White, plain at White.

The file store is content-addressed, so one stored file may serve several paper
files; it is kept plain while any of them is White (its content is public) and
sealed while any is above White. A write that reclassifies an item, a paper or
a file settles the files it touches: the copy it needs is written before the
commit (a failed commit leaves only a harmless extra copy) and the copy no
longer needed is removed after it. `settle_all` (run by `purge`) does the same
for every file, so a crash between the two leaves no plaintext for long.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import event, select
from sqlalchemy.orm import Session

from secdesk.model import AgendaItem, Classification, Paper, PaperFile, effective_level
from secdesk.papers.files import FileStore, PaperFileError
from secdesk.security.fields import KEYS_INFO
from secdesk.security.keys import KeyRing

_TOUCHED = "secdesk.paper_files_touched"
_REMOVALS = "secdesk.paper_file_removals"
ORPHAN_AGE_SECONDS = 600


@dataclass
class Settlement:
    """What settling did: counts for `purge` to report."""

    sealed: int = 0
    unsealed: int = 0
    removed: list[Path] = field(default_factory=list)


def install(session_factory: Any) -> None:
    event.listen(session_factory, "before_flush", _note_touched)
    event.listen(session_factory, "before_commit", _settle_touched)
    event.listen(session_factory, "after_commit", _remove_unneeded)
    event.listen(session_factory, "after_rollback", _forget)


def _files_of(obj: Any) -> list[PaperFile]:
    if isinstance(obj, PaperFile):
        return [obj]
    if isinstance(obj, Paper):
        return list(obj.files)
    if isinstance(obj, AgendaItem):
        return [f for paper in obj.papers for f in paper.files]
    return []


def _note_touched(session: Session, _context: Any, _instances: Any) -> None:
    touched: dict[int, PaperFile] = session.info.setdefault(_TOUCHED, {})
    with session.no_autoflush:
        for obj in list(session.new) + list(session.dirty):
            touched.update((id(f), f) for f in _files_of(obj))


def _file_store(session: Session) -> FileStore | None:
    database = session.get_bind().engine.url.database  # .engine: the bind may be an Engine (itself) or a Connection
    if not database or database == ":memory:":
        return None
    return FileStore.beside(Path(database))


def _settle_touched(session: Session) -> None:
    session.flush()  # before_commit runs before the commit's own flush
    touched = session.info.pop(_TOUCHED, {})
    shas = {f.sha256 for f in touched.values() if f.sha256 and f not in session.deleted}
    store = _file_store(session) if shas else None
    if store is None:
        return
    removals = session.info.setdefault(_REMOVALS, [])
    removals += _settle(session, store, shas, Settlement())


def _remove_unneeded(session: Session) -> None:
    for path in session.info.pop(_REMOVALS, []):
        path.unlink(missing_ok=True)


def _forget(session: Session) -> None:
    session.info.pop(_TOUCHED, None)
    session.info.pop(_REMOVALS, None)


def _settle(session: Session, store: FileStore, shas: Iterable[str], done: Settlement) -> list[Path]:
    """Write the copies each file needs; return the copies no longer needed."""
    keys: KeyRing | None = session.info.get(KEYS_INFO)
    needs: dict[str, set[bool]] = {}
    rows = session.scalars(select(PaperFile).where(PaperFile.sha256.in_(sorted(shas))))
    for row in rows:
        needs.setdefault(row.sha256 or "", set()).add(effective_level(row) is not Classification.WHITE)
    unneeded: list[Path] = []
    for sha, wanted in needs.items():
        has = {sealed for sealed in (False, True) if store.path_of(sha, sealed).exists()}
        if not has:
            continue  # never stored, or missing: `check` reports it
        for sealed in wanted - has:
            _write_copy(store, keys, sha, sealed)
            if sealed:
                done.sealed += 1
            else:
                done.unsealed += 1
        unneeded += [store.path_of(sha, sealed) for sealed in has - wanted]
    return unneeded


def _write_copy(store: FileStore, keys: KeyRing | None, sha: str, sealed: bool) -> None:
    """Make the sealed (or plain) copy of a stored file from the copy that exists."""
    name = f"The stored paper file {sha[:12]}"
    if sealed:
        if keys is None:
            raise PaperFileError(f"{name} cannot be sealed: this database has no key.")
        plain = store.read(sha, None, name)
        store.put(plain, keys.cipher_for_writing())
    else:
        plain = store.read(sha, keys.cipher() if keys is not None else None, name)
        store.put(plain)


def settle_all(session: Session, store: FileStore) -> Settlement:
    """Bring every stored file in line with its papers now (for `purge`).

    Copies no paper needs any more go too, as do files of papers since deleted, once
    they are older than a few minutes (a file is stored just before its paper is saved).
    """
    done = Settlement()
    shas = {s for s in session.scalars(select(PaperFile.sha256).where(PaperFile.sha256.is_not(None))) if s}
    unneeded = _settle(session, store, shas, done)
    settled_before = time.time() - ORPHAN_AGE_SECONDS
    unneeded += [
        path for sha, _sealed, path in store.stored() if sha not in shas and path.stat().st_mtime < settled_before
    ]
    for path in unneeded:
        path.unlink(missing_ok=True)
        done.removed.append(path)
    return done
