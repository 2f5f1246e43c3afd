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
import binascii
import hashlib
import json
import logging
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from secdesk.atomic import write_atomically
from secdesk.errors import SecDeskError
from secdesk.paths import data_dir
from secdesk.security.cipher import KEY_BYTES, NONCE_BYTES, FieldCipher, key_id, new_key

KEYRING_SERVICE = "SecDesk database key"
RECOVERY_FORMAT = "secdesk-key-recovery"
RECOVERY_VERSION = 1
# scrypt cost: ~0.1 s and 16 MiB here; slows guessing of a stolen recovery file.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
# What a key or recovery file may ask of scrypt, checked before anything is derived: a
# file with absurd parameters (n = 2**40, r = 1000...) is refused instead of allocating
# gigabytes. scrypt needs 128 * n * r bytes.
SCRYPT_N_RANGE = (2**14, 2**20)
SCRYPT_R_RANGE = (1, 16)
SCRYPT_P_RANGE = (1, 4)
SCRYPT_MAX_MEMORY = 256 * 2**20
SALT_BYTES_RANGE = (16, 64)
SALT_BYTES = 16
# Key and recovery files are a few hundred bytes; a bigger one is not ours.
MAX_FILE_BYTES = 64 * 1024
# Files are written 0600 in a 0700 folder: only the user can read them.
FILE_MODE = 0o600
WRAPPED_BYTES = KEY_BYTES + 16  # AES-GCM adds a 16-byte tag
RECOVER_HINT = (
    "To recover, import the database's recovery file: secdesk key import FILE "
    "(in the window: Unlock with recovery file...)."
)

_log = logging.getLogger("secdesk.security")


class KeyUnavailableError(SecDeskError):
    """Confidential content cannot be read or written without the database's key."""


class WrongPassphraseError(SecDeskError):
    pass


class KeyFileDamagedError(KeyUnavailableError):
    """This computer's key file cannot be used; the message names it and says how to recover."""


class RecoveryFileError(KeyUnavailableError):
    """A recovery file that is damaged, foreign, or asks for absurd scrypt parameters."""


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
        except (OSError, UnicodeDecodeError) as error:
            reason = error.strerror if isinstance(error, OSError) else "it is not UTF-8 text"
            raise KeyUnavailableError(
                f"SECDESK_PASSPHRASE_FILE names {named}, which cannot be read: {reason}."
            ) from error
    return None


# -- the sealed-key format (key files and recovery files) ------------------------


class _Invalid(ValueError):
    """Why a document is not a usable sealed key (the reason is the message)."""


@dataclass(frozen=True)
class SealedKey:
    """A key wrapped under a passphrase, as read from a key or recovery file, checked."""

    database_uuid: str
    key_id: str
    salt: bytes
    n: int
    r: int
    p: int
    nonce: bytes
    wrapped: bytes

    def open(self, passphrase: str, wrong: str) -> bytes:
        """The key; `wrong` is the message when the passphrase does not open it."""
        from cryptography.exceptions import InvalidTag
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        derived = _scrypt(self.salt, self.n, self.r, self.p).derive(passphrase.encode("utf-8"))
        try:
            key = AESGCM(derived).decrypt(self.nonce, self.wrapped, self.database_uuid.encode())
        except InvalidTag:
            raise WrongPassphraseError(wrong) from None
        return key


def __getattr__(name: str) -> Any:
    # cryptography loads when a passphrase is first used, not for every command that opens a
    # database (see cipher.py); `keys.Scrypt` still names the KDF, as tests that watch it expect.
    if name == "Scrypt":
        from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

        globals()["Scrypt"] = Scrypt
        return Scrypt
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _scrypt(salt: bytes, n: int, r: int, p: int) -> Any:
    kdf = globals().get("Scrypt") or __getattr__("Scrypt")
    return kdf(salt=salt, length=KEY_BYTES, n=n, r=r, p=p)


def _derive(passphrase: str, salt: bytes) -> bytes:
    return bytes(_scrypt(salt, SCRYPT_N, SCRYPT_R, SCRYPT_P).derive(passphrase.encode("utf-8")))


def _checksum(document: dict) -> str:
    """A digest of every other field: a flipped bit reads as damage, not as a wrong passphrase."""
    rest = {name: value for name, value in document.items() if name != "checksum"}
    canonical = json.dumps(rest, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return "sha256:" + hashlib.sha256(canonical.encode("ascii")).hexdigest()


def seal_key(
    key: bytes, database_uuid: str, passphrase: str, *, protects: str = "the recovery file"
) -> dict[str, object]:
    """A sealed-key document: the key wrapped under a passphrase (scrypt + AES-GCM).

    `protects` names what the passphrase is for, for the message when it is too short.
    """
    if len(passphrase) < 8:
        raise WrongPassphraseError(f"Choose a passphrase of at least 8 characters for {protects}.")
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    salt, nonce = os.urandom(SALT_BYTES), os.urandom(NONCE_BYTES)
    wrapped = AESGCM(_derive(passphrase, salt)).encrypt(nonce, key, database_uuid.encode())
    document: dict[str, object] = {
        "format": RECOVERY_FORMAT,
        "version": RECOVERY_VERSION,
        "database_uuid": database_uuid,
        "key_id": key_id(key),
        "kdf": {"name": "scrypt", "n": SCRYPT_N, "r": SCRYPT_R, "p": SCRYPT_P, "salt": base64.b64encode(salt).decode()},
        "cipher": "AES-256-GCM",
        "nonce": base64.b64encode(nonce).decode(),
        "wrapped_key": base64.b64encode(wrapped).decode(),
    }
    document["checksum"] = _checksum(document)
    return document


def _whole(value: object, name: str, bounds: tuple[int, int], shown: str = "") -> int:
    if type(value) is not int:  # bool is an int too, and not a parameter
        raise _Invalid(f"its scrypt parameter {name} is missing or not a whole number")
    low, high = bounds
    if not low <= value <= high:
        raise _Invalid(
            f"its scrypt parameter {name} = {value} is outside what SecDesk accepts ({shown or f'{low} to {high}'}); "
            "it was refused before deriving anything"
        )
    return value


def _bytes(value: object, name: str, sizes: tuple[int, int]) -> bytes:
    low, high = sizes
    # base64 is 4 characters per 3 bytes: a longer string is refused before it is decoded
    if not isinstance(value, str) or not value or len(value) > 4 * ((high + 2) // 3):
        raise _Invalid(f"its {name} is missing or not base64 of {low}-{high} bytes")
    try:
        decoded = base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        raise _Invalid(f"its {name} is not valid base64") from None
    if not low <= len(decoded) <= high:
        raise _Invalid(f"its {name} is {len(decoded)} bytes, not {low if low == high else f'{low}-{high}'}")
    return decoded


_N_SHOWN = f"a power of two from 2**{SCRYPT_N_RANGE[0].bit_length() - 1} to 2**{SCRYPT_N_RANGE[1].bit_length() - 1}"
_KEY_ID = re.compile(r"[0-9a-f]{32}")
_UUID = re.compile(r"[0-9A-Za-z-]{1,64}")


def check_sealed(document: object) -> SealedKey:
    """The one schema of the sealed-key format that key files and recovery files share.

    Every field is checked for presence, type and size, the checksum (when the file has
    one: files written before it was added have none) against the other fields, and the
    scrypt parameters against bounds, before any allocation or derivation. Raises
    `_Invalid` with the reason.
    """
    if not isinstance(document, dict):
        raise _Invalid("it is not a JSON object")
    if document.get("format") != RECOVERY_FORMAT:
        raise _Invalid(f'its "format" is not "{RECOVERY_FORMAT}"')
    version = document.get("version")
    if type(version) is not int:
        raise _Invalid('its "version" is missing or not a whole number')
    if version != RECOVERY_VERSION:
        newer = " (a newer SecDesk wrote it; update SecDesk to read it)" if version > RECOVERY_VERSION else ""
        raise _Invalid(f"it is format version {version}, and this SecDesk reads version {RECOVERY_VERSION}{newer}")
    if "checksum" in document:
        try:
            expected = _checksum(document)
        except (ValueError, RecursionError):
            raise _Invalid("it holds values that are not JSON data") from None
        if document["checksum"] != expected:
            raise _Invalid("its checksum does not match its content (a changed or flipped byte)")
    database_uuid = document.get("database_uuid")
    if not isinstance(database_uuid, str) or not _UUID.fullmatch(database_uuid):
        raise _Invalid('its "database_uuid" is missing or not a database UUID')
    fingerprint = document.get("key_id")
    if not isinstance(fingerprint, str) or not _KEY_ID.fullmatch(fingerprint):
        raise _Invalid('its "key_id" is missing or not a key fingerprint')
    if document.get("cipher") != "AES-256-GCM":
        raise _Invalid('its "cipher" is not "AES-256-GCM"')
    kdf = document.get("kdf")
    if not isinstance(kdf, dict) or kdf.get("name") != "scrypt":
        raise _Invalid('its "kdf" is missing or not scrypt')
    if kdf.get("length", KEY_BYTES) != KEY_BYTES or type(kdf.get("length", KEY_BYTES)) is not int:
        raise _Invalid(f"its scrypt key length is not {KEY_BYTES}")
    n = _whole(kdf.get("n"), "n", SCRYPT_N_RANGE, _N_SHOWN)
    if n & (n - 1):
        raise _Invalid(f"its scrypt parameter n = {n} is not a power of two")
    r = _whole(kdf.get("r"), "r", SCRYPT_R_RANGE)
    p = _whole(kdf.get("p"), "p", SCRYPT_P_RANGE)
    if 128 * n * r > SCRYPT_MAX_MEMORY:
        raise _Invalid(
            f"its scrypt parameters would need {128 * n * r // 2**20} MiB of memory, more than the "
            f"{SCRYPT_MAX_MEMORY // 2**20} MiB SecDesk allows; it was refused before deriving anything"
        )
    return SealedKey(
        database_uuid=database_uuid,
        key_id=fingerprint,
        salt=_bytes(kdf.get("salt"), "scrypt salt", SALT_BYTES_RANGE),
        n=n,
        r=r,
        p=p,
        nonce=_bytes(document.get("nonce"), "nonce", (NONCE_BYTES, NONCE_BYTES)),
        wrapped=_bytes(document.get("wrapped_key"), "wrapped key", (WRAPPED_BYTES, WRAPPED_BYTES)),
    )


def _load_json(path: Path) -> object:
    """The JSON in a small file; raises _Invalid (or OSError) with the reason."""
    with path.open("rb") as stream:
        data = stream.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise _Invalid(f"it is larger than {MAX_FILE_BYTES // 1024} KiB")
    if not data.strip():
        raise _Invalid("it is empty")
    try:
        return json.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise _Invalid("it is not UTF-8 text") from None
    except (ValueError, RecursionError) as error:  # JSONDecodeError is a ValueError
        raise _Invalid(f"it is not valid JSON ({str(error)[:80]})") from None


def read_key_file(path: Path, database_uuid: str) -> SealedKey:
    """This computer's key file for `database_uuid`, checked; KeyFileDamagedError says how to recover."""
    try:
        sealed = check_sealed(_load_json(path))
        if sealed.database_uuid != database_uuid:
            raise _Invalid(f"it holds the key of another database ({sealed.database_uuid})")
    except _Invalid as reason:
        raise KeyFileDamagedError(_damaged(path, str(reason))) from None
    except OSError as error:
        raise KeyFileDamagedError(_damaged(path, f"it cannot be read: {error.strerror or error}")) from None
    return sealed


def read_recovery_file(path: Path) -> SealedKey:
    """A recovery file, checked before its passphrase is asked for or anything is derived."""
    try:
        return check_sealed(_load_json(path))
    except _Invalid as reason:
        raise RecoveryFileError(
            f"{path} is not a usable SecDesk key recovery file: {reason}. Nothing was changed. Use another "
            "copy of the recovery file, or write a new one on a computer that holds the key "
            "(secdesk key export -o FILE)."
        ) from None
    except OSError as error:
        raise RecoveryFileError(f"{path} cannot be read: {error.strerror or error}.") from None


def open_sealed(document: dict, passphrase: str, source: str) -> tuple[str, bytes]:
    """(database UUID, key) from a recovery document already read as JSON."""
    try:
        sealed = check_sealed(document)
    except _Invalid as reason:
        raise RecoveryFileError(f"{source} is not a SecDesk key recovery file ({reason}).") from None
    return sealed.database_uuid, sealed.open(passphrase, f"The passphrase does not open {source}.")


def _damaged(path: Path, reason: str) -> str:
    return (
        f"The key file {path} is damaged ({reason}), so confidential content stays locked on this "
        f"computer; White work goes on. {RECOVER_HINT}"
    )


@dataclass
class KeyRing:
    """Finds, creates and stores one database's key."""

    database_uuid: str
    expected_key_id: Callable[[], str | None]
    prompt_passphrase: Callable[[str], str | None] | None = None
    # Told once when the key file is damaged (the content then stays locked and White work
    # goes on); by default a warning on the "secdesk.security" logger, which reaches
    # stderr when nothing else handles it.
    report: Callable[[str], None] | None = None
    _cipher: FieldCipher | None = None
    _looked: bool = False
    keyring_problem: str | None = None
    key_file_problem: str | None = None
    # The database's key id as read on the window's worker: looking for the key on the GUI
    # thread (where a passphrase can be asked) then runs no SQL.
    _known_key_id: str | None = None
    _knows_key_id: bool = False

    @property
    def key_file(self) -> Path:
        return data_dir() / "keys" / f"{self.database_uuid}.key.json"

    @property
    def unlocked(self) -> bool:
        """True once the key has been found here (looking for it is left to `cipher`)."""
        return self._cipher is not None

    def know_key_id(self, key_id: str | None) -> None:
        """Remember the key id the database records, read elsewhere (the window reads it on its worker)."""
        self._known_key_id, self._knows_key_id = key_id, True

    def database_key_id(self) -> str | None:
        """The id of the key the database's confidential content needs; None before any is saved."""
        return self._known_key_id if self._knows_key_id else self.expected_key_id()

    def cipher(self) -> FieldCipher | None:
        """The key if this computer has it; None when confidential content stays locked.

        A damaged key file never raises here: the content stays locked, `key_file_problem`
        says why and how to recover, and `report` is told.
        """
        if not self._looked:
            self._looked = True
            key = self._find()
            if key is not None:
                self._accept(key)
        return self._cipher

    def look_again(self) -> FieldCipher | None:
        """Look for the key once more: after its passphrase prompt was cancelled, the user unlocks later."""
        if self._cipher is None:
            self._looked = False
        return self.cipher()

    def cipher_for_writing(self) -> FieldCipher:
        """The key, created now if the database has none yet."""
        existing = self.cipher()
        if existing is not None:
            return existing
        if self.database_key_id() is not None:
            if self.key_file_problem:
                raise KeyFileDamagedError(self.key_file_problem)
            raise KeyUnavailableError(
                "This database's confidential content is locked on this computer: its key is not here. "
                "Import the database's recovery file (secdesk key import FILE) to unlock it."
            )
        key = new_key()
        self._store(key)
        self._cipher = FieldCipher(key)
        if self._knows_key_id:
            self._known_key_id = self._cipher.key_id  # recorded with the first confidential write
        return self._cipher

    def install(self, database_uuid: str, key: bytes) -> None:
        """Keep a key recovered from a recovery file, after checking it fits this database.

        This replaces a damaged key file: importing the recovery file is how one recovers.
        """
        if database_uuid != self.database_uuid:
            raise KeyUnavailableError("That recovery file belongs to another database.")
        expected = self.database_key_id()
        if len(key) != KEY_BYTES or (expected is not None and key_id(key) != expected):
            raise KeyUnavailableError("That recovery file's key does not fit this database.")
        self._store(key, replace_damaged=True)
        self._cipher = FieldCipher(key)
        self._looked = True
        self.key_file_problem = None

    def current_key(self) -> bytes:
        key = self._find()
        if key is None:
            if self.key_file_problem:
                raise KeyFileDamagedError(self.key_file_problem)
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
        expected = self.database_key_id()
        if len(key) != KEY_BYTES:
            self.keyring_problem = "the key stored in the keyring is not a SecDesk key"
            return
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
        except Exception as error:  # noqa: BLE001 - a keyring that fails at run time (locked, D-Bus down)
            self.keyring_problem = f"the keyring failed: {error}"
        sealed = self._read_key_file()
        if sealed is None:
            return None
        passphrase = self._passphrase("Passphrase for this database's key")
        if passphrase is None:
            return None
        return sealed.open(
            passphrase,
            f"The passphrase does not open this database's key file, {self.key_file}. Check the passphrase "
            f"(SECDESK_PASSPHRASE or SECDESK_PASSPHRASE_FILE for scripts); if it is right, the file is damaged. "
            f"{RECOVER_HINT}",
        )

    def _read_key_file(self) -> SealedKey | None:
        """The key file, checked before any passphrase is asked for; None if absent or damaged."""
        try:
            present = self.key_file.exists()
        except OSError:
            present = True  # an unreadable folder: reading the file says so
        if not present:
            return None
        try:
            sealed = read_key_file(self.key_file, self.database_uuid)
        except KeyFileDamagedError as error:
            if self.key_file_problem is None:
                (self.report or _log.warning)(str(error))
            self.key_file_problem = str(error)
            return None
        self.key_file_problem = None
        return sealed

    def _store(self, key: bytes, *, replace_damaged: bool = False) -> None:
        try:
            backend = _keyring_backend()
            backend.set_password(KEYRING_SERVICE, self.database_uuid, base64.b64encode(key).decode())
            return
        except KeyringUnavailable as reason:
            self.keyring_problem = str(reason)
        except Exception as error:  # noqa: BLE001 - as in _find
            self.keyring_problem = f"the keyring failed: {error}"
        if not replace_damaged and self._read_key_file() is None and self.key_file_problem:
            # a file we cannot read is left as it is: it may be a newer SecDesk's
            raise KeyFileDamagedError(
                f"{self.key_file_problem} The damaged key file was left as it is; move it aside to start a new key."
            )
        passphrase = self._passphrase("Choose a passphrase to protect this database's key")
        if passphrase is None:
            raise KeyUnavailableError(
                f"Confidential content needs a key, and no keyring can hold it: {self.keyring_problem}. "
                "Set SECDESK_PASSPHRASE (or SECDESK_PASSPHRASE_FILE) to protect the key with a passphrase instead."
            )
        document = seal_key(
            key,
            self.database_uuid,
            passphrase,
            protects="this database's key on this computer (SECDESK_PASSPHRASE, SECDESK_PASSPHRASE_FILE or the "
            "passphrase asked for), which no keyring can hold here",
        )
        folder = self.key_file.parent
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        write_atomically(self.key_file, json.dumps(document, indent=2), mode=FILE_MODE)

    def _passphrase(self, question: str) -> str | None:
        found = passphrase_from_environment()
        if found is None and self.prompt_passphrase is not None:
            found = self.prompt_passphrase(question)
        return found
