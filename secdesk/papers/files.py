"""The content-addressed file store: `<database>.files/<sha[:2]>/<sha>`.

A file is named by the SHA-256 of its plaintext, so the same file attached
twice is stored once and a changed file cannot pass for the original: the hash
is checked on every read. Confidential files are sealed with the database key
(AES-256-GCM, the hash as associated data) and named `<sha>.sealed`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from secdesk.atomic import write_atomically
from secdesk.errors import SecDeskError
from secdesk.security.cipher import DecryptionFailed, FieldCipher

SEALED_SUFFIX = ".sealed"

MEDIA_TYPES = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".doc": "application/msword",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".xls": "application/vnd.ms-excel",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".ods": "application/vnd.oasis.opendocument.spreadsheet",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
}


class PaperFileError(SecDeskError):
    """A paper's file is missing, damaged, of a kind SecDesk cannot use, or locked."""


def media_type_of(filename: str) -> str:
    suffix = Path(filename).suffix.lower()
    if suffix not in MEDIA_TYPES:
        kinds = ", ".join(sorted(MEDIA_TYPES))
        raise PaperFileError(
            f"{filename}: SecDesk keeps papers as {kinds} files, not {suffix or 'files without an extension'}."
        )
    return MEDIA_TYPES[suffix]


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class StoredFile:
    sha256: str
    size: int
    sealed: bool


class FileStore:
    def __init__(self, root: Path):
        self.root = root

    @classmethod
    def beside(cls, database: Path | None) -> FileStore:
        if database is None:
            raise PaperFileError("Paper files are kept beside a database file; this database is not a file.")
        return cls(database.with_name(database.name + ".files"))

    def path_of(self, sha256: str, sealed: bool) -> Path:
        return self.root / sha256[:2] / (sha256 + (SEALED_SUFFIX if sealed else ""))

    def put(self, data: bytes, cipher: FieldCipher | None = None) -> StoredFile:
        """Keep `data` (sealed when a cipher is given); a file already held is not written again."""
        sha = sha256_of(data)
        sealed = cipher is not None
        target = self.path_of(sha, sealed)
        if not target.exists():
            payload = cipher.encrypt_bytes(data, sha) if cipher is not None else data
            target.parent.mkdir(parents=True, exist_ok=True)
            # A crash never leaves a truncated file under the hash.
            write_atomically(target, payload, mode=0o600)
        return StoredFile(sha, len(data), sealed)

    def stored(self) -> Iterator[tuple[str, bool, Path]]:
        """Every stored copy: (sha256, sealed, path)."""
        if not self.root.is_dir():
            return
        for path in sorted(self.root.glob("??/*")):
            sealed = path.name.endswith(SEALED_SUFFIX)
            sha = path.name.removesuffix(SEALED_SUFFIX)
            if len(sha) == 64 and path.is_file():
                yield sha, sealed, path

    def read(self, sha256: str, cipher: FieldCipher | None, name: str) -> bytes:
        """The file's bytes, checked against its hash; `name` says which file in any error."""
        plain_path, sealed_path = self.path_of(sha256, False), self.path_of(sha256, True)
        try:
            if plain_path.exists():
                data = plain_path.read_bytes()
            elif sealed_path.exists():
                if cipher is None:
                    raise PaperFileError(f"{name} is confidential and this computer does not hold the database key.")
                data = cipher.decrypt_bytes(sealed_path.read_bytes(), sha256)
            else:
                raise PaperFileError(f"{name} is missing from {self.root} (it should be {plain_path.name}).")
        except OSError as error:
            raise PaperFileError(f"{name} cannot be read: {error.strerror}.") from error
        except DecryptionFailed:
            raise PaperFileError(
                f"{name} does not decrypt with this database's key: it was damaged or replaced."
            ) from None
        if sha256_of(data) != sha256:
            raise PaperFileError(f"{name} has changed since it was attached (its SHA-256 no longer matches).")
        return data
