"""Where a database's key lives: the operating system's keyring, or a passphrase.

The key is per database (named by the database's UUID), created on first use,
and never written to the database, settings, logs or exports. Without a
working keyring SecDesk says so and uses a passphrase (SECDESK_PASSPHRASE or a
file named by SECDESK_PASSPHRASE_FILE for scripts): the key is then kept in a
passphrase-protected key file in the data folder. It never falls back to
plaintext, nor to a plaintext keyring.
"""

from __future__ import annotations

import base64
import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from secdesk.errors import SecDeskError
from secdesk.paths import data_dir
from secdesk.security.cipher import FieldCipher, key_id, new_key

KEYRING_SERVICE = "SecDesk database key"
RECOVERY_FORMAT = "secdesk-key-recovery"
# scrypt cost: ~0.1 s and 16 MiB here; slows guessing of a stolen recovery file.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1


class KeyUnavailableError(SecDeskError):
    """Confidential content cannot be read or written without the database's key."""


class WrongPassphraseError(SecDeskError):
    pass


class KeyringUnavailable(Exception):
    """No trustworthy keyring on this system (the reason is the message)."""


def _keyring_backend():
    import keyring
    from keyring.backends import fail

    backend = keyring.get_keyring()
    module = type(backend).__module__
    if isinstance(backend, fail.Keyring) or getattr(backend, "priority", 0) <= 0:
        raise KeyringUnavailable("no keyring service is running (for example a headless Linux session)")
    if module.startswith("keyrings.alt"):
        raise KeyringUnavailable(f"the only keyring available ({type(backend).__name__}) stores secrets in plaintext")
    return backend


def passphrase_from_environment() -> str | None:
    if os.environ.get("SECDESK_PASSPHRASE"):
        return os.environ["SECDESK_PASSPHRASE"]
    named = os.environ.get("SECDESK_PASSPHRASE_FILE")
    if named:
        try:
            return Path(named).read_text(encoding="utf-8").rstrip("\r\n")
        except OSError as error:
            raise KeyUnavailableError(f"SECDESK_PASSPHRASE_FILE names {named}, which cannot be read: {error.strerror}.") from error
    return None


def _derive(passphrase: str, salt: bytes) -> bytes:
    return Scrypt(salt=salt, length=32, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P).derive(passphrase.encode("utf-8"))


def seal_key(key: bytes, database_uuid: str, passphrase: str) -> dict[str, object]:
    """A recovery document: the key wrapped under a passphrase (scrypt + AES-GCM)."""
    if len(passphrase) < 8:
        raise WrongPassphraseError("Choose a passphrase of at least 8 characters for the recovery file.")
    salt, nonce = os.urandom(16), os.urandom(12)
    wrapped = AESGCM(_derive(passphrase, salt)).encrypt(nonce, key, database_uuid.encode())
    return {
        "format": RECOVERY_FORMAT,
        "version": 1,
        "database_uuid": database_uuid,
        "key_id": key_id(key),
        "kdf": {"name": "scrypt", "n": SCRYPT_N, "r": SCRYPT_R, "p": SCRYPT_P, "salt": base64.b64encode(salt).decode()},
        "cipher": "AES-256-GCM",
        "nonce": base64.b64encode(nonce).decode(),
        "wrapped_key": base64.b64encode(wrapped).decode(),
    }


def open_sealed(document: dict, passphrase: str, source: str) -> tuple[str, bytes]:
    """(database UUID, key) from a recovery document."""
    try:
        if document.get("format") != RECOVERY_FORMAT or document.get("version") != 1:
            raise ValueError("not a SecDesk recovery file")
        kdf = document["kdf"]
        derived = Scrypt(
            salt=base64.b64decode(kdf["salt"]), length=32, n=int(kdf["n"]), r=int(kdf["r"]), p=int(kdf["p"])
        ).derive(passphrase.encode("utf-8"))
        database_uuid = str(document["database_uuid"])
        nonce = base64.b64decode(document["nonce"])
        wrapped = base64.b64decode(document["wrapped_key"])
    except (KeyError, TypeError, ValueError) as error:
        raise KeyUnavailableError(f"{source} is not a SecDesk key recovery file ({error}).") from error
    try:
        key = AESGCM(derived).decrypt(nonce, wrapped, database_uuid.encode())
    except InvalidTag:
        raise WrongPassphraseError(f"The passphrase does not open {source}.") from None
    return database_uuid, key


@dataclass
class KeyRing:
    """Finds, creates and stores one database's key."""

    database_uuid: str
    expected_key_id: Callable[[], str | None]
    prompt_passphrase: Callable[[str], str | None] | None = None
    _cipher: FieldCipher | None = None
    _looked: bool = False
    keyring_problem: str | None = None

    @property
    def key_file(self) -> Path:
        return data_dir() / "keys" / f"{self.database_uuid}.key.json"

    @property
    def unlocked(self) -> bool:
        """True once the key has been found here (looking for it is left to `cipher`)."""
        return self._cipher is not None

    def cipher(self) -> FieldCipher | None:
        """The key if this computer has it; None when confidential content stays locked."""
        if not self._looked:
            self._looked = True
            key = self._find()
            if key is not None:
                self._accept(key)
        return self._cipher

    def cipher_for_writing(self) -> FieldCipher:
        """The key, created now if the database has none yet."""
        existing = self.cipher()
        if existing is not None:
            return existing
        if self.expected_key_id() is not None:
            raise KeyUnavailableError(
                "This database's confidential content is locked on this computer: its key is not here. "
                "Import the database's recovery file (secdesk key import FILE) to unlock it."
            )
        key = new_key()
        self._store(key)
        self._cipher = FieldCipher(key)
        return self._cipher

    def install(self, database_uuid: str, key: bytes) -> None:
        """Keep a key recovered from a recovery file, after checking it fits this database."""
        if database_uuid != self.database_uuid:
            raise KeyUnavailableError("That recovery file belongs to another database.")
        expected = self.expected_key_id()
        if expected is not None and key_id(key) != expected:
            raise KeyUnavailableError("That recovery file's key does not fit this database.")
        self._store(key)
        self._cipher = FieldCipher(key)
        self._looked = True

    def current_key(self) -> bytes:
        key = self._find()
        if key is None:
            raise KeyUnavailableError("This computer does not hold the database's key.")
        return key

    def where(self) -> str:
        try:
            backend = _keyring_backend()
            return f"the system keyring ({type(backend).__name__})"
        except KeyringUnavailable as reason:
            return f"a passphrase-protected key file, {self.key_file}, because {reason}"

    # -- storage ---------------------------------------------------------------

    def _accept(self, key: bytes) -> None:
        expected = self.expected_key_id()
        if expected is not None and key_id(key) != expected:
            self.keyring_problem = "the stored key does not fit this database"
            return
        self._cipher = FieldCipher(key)

    def _find(self) -> bytes | None:
        try:
            backend = _keyring_backend()
            stored = backend.get_password(KEYRING_SERVICE, self.database_uuid)
            if stored:
                return base64.b64decode(stored)
        except KeyringUnavailable as reason:
            self.keyring_problem = str(reason)
        except Exception as error:  # a keyring that fails at run time (locked, D-Bus down)
            self.keyring_problem = f"the keyring failed: {error}"
        if self.key_file.exists():
            passphrase = self._passphrase("Passphrase for this database's key")
            if passphrase is not None:
                document = json.loads(self.key_file.read_text(encoding="utf-8"))
                return open_sealed(document, passphrase, str(self.key_file))[1]
        return None

    def _store(self, key: bytes) -> None:
        try:
            backend = _keyring_backend()
            backend.set_password(KEYRING_SERVICE, self.database_uuid, base64.b64encode(key).decode())
            return
        except KeyringUnavailable as reason:
            self.keyring_problem = str(reason)
        except Exception as error:
            self.keyring_problem = f"the keyring failed: {error}"
        passphrase = self._passphrase("Choose a passphrase to protect this database's key")
        if passphrase is None:
            raise KeyUnavailableError(
                f"Confidential content needs a key, and no keyring can hold it: {self.keyring_problem}. "
                "Set SECDESK_PASSPHRASE (or SECDESK_PASSPHRASE_FILE) to protect the key with a passphrase instead."
            )
        self.key_file.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.key_file.with_suffix(".partial")
        temporary.write_text(json.dumps(seal_key(key, self.database_uuid, passphrase), indent=2), encoding="utf-8")
        os.replace(temporary, self.key_file)

    def _passphrase(self, question: str) -> str | None:
        found = passphrase_from_environment()
        if found is None and self.prompt_passphrase is not None:
            found = self.prompt_passphrase(question)
        return found
