"""Writing an output file so that a crash or a full disk never leaves a half-written one.

Every file SecDesk writes (exports, packages, backups, keys, recovery files, stored
papers) goes through `write_atomically` or `atomic_path`: the bytes go to a hidden
temporary file in the same folder, are flushed to the disk, and only then take the
final name. Whatever goes wrong, the temporary file is removed and a file already
under the final name is left as it was.
"""

from __future__ import annotations

import errno
import glob
import os
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from secdesk.errors import SecDeskError


class DiskFullError(SecDeskError):
    """The disk (or the user's quota) has no room for what was being written."""


class OutputError(SecDeskError):
    """An output file could not be written (permissions, a missing folder...)."""


_FULL = {errno.ENOSPC, errno.EDQUOT}
# A temporary file untouched for this long belongs to a writer that was killed: a running
# one (even a backup of a large database) writes to it far more often.
STALE_SECONDS = 600


def describe_os_error(error: OSError, path: Path) -> SecDeskError:
    """A clear message for an error met while writing `path`."""
    if error.errno in _FULL:
        return DiskFullError(
            f"The disk is full: {path} could not be written. Nothing was left behind under that "
            "name; free some space and try again."
        )
    reason = error.strerror or str(error)
    return OutputError(f"{path} could not be written: {reason}.")


@contextmanager
def atomic_path(path: Path | str, *, mode: int = 0o644) -> Iterator[Path]:
    """A temporary path beside `path`; when the block ends without error it becomes `path`.

    For writers that want a file name (a library that saves to a path). The file
    written there is fsynced and renamed; on any error it is removed.
    """
    final = Path(path)
    folder = final.parent
    remove_stale_partials(folder, final.name)
    try:
        handle, name = tempfile.mkstemp(prefix=f".{final.name}.", suffix=".partial", dir=folder)
    except OSError as error:
        raise describe_os_error(error, final) from error
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
        _finish(temporary, final, mode)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise describe_os_error(error, final) from error
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def write_atomically(path: Path | str, data: bytes | str | Callable[[Path], None], *, mode: int = 0o644) -> Path:
    """Write `data` (bytes, text as UTF-8, or a function that writes a given path) to `path`."""
    final = Path(path)
    with atomic_path(final, mode=mode) as temporary:
        if callable(data):
            data(temporary)
        else:
            payload = data.encode("utf-8") if isinstance(data, str) else data
            with temporary.open("wb") as stream:
                stream.write(payload)
    return final


def remove_stale_partials(folder: Path, name_prefix: str) -> None:
    """Remove what killed writers of files named `name_prefix...` left in `folder`.

    Their temporary files (and SQLite's journal beside a backup's) are hidden
    `.name....partial` files; only stale ones go, so a writer still at work is left alone.
    """
    cutoff = time.time() - STALE_SECONDS
    try:
        left = [p for p in folder.glob(f".{glob.escape(name_prefix)}*.partial*") if p.stat().st_mtime < cutoff]
        for path in left:
            path.unlink(missing_ok=True)
    except OSError:
        pass  # tidying up is never a reason to fail the write itself


def _finish(temporary: Path, final: Path, mode: int) -> None:
    os.chmod(temporary, mode)
    with temporary.open("rb+") as stream:
        os.fsync(stream.fileno())
    os.replace(temporary, final)
    _sync_folder(final.parent)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX; Windows has no directory handles)."""
    if os.name != "posix":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
