"""Authenticated encryption of single text fields (AES-256-GCM).

A stored value looks like `sdenc1:<base64 of nonce + ciphertext + tag>`. The
associated data names the table, column and row UUID, so a ciphertext moved to
another field or row no longer decrypts.
"""

from __future__ import annotations

import base64
import hashlib
import os

# cryptography loads when a key is first used, not for every command that opens a database.

PREFIX = "sdenc1:"
NONCE_BYTES = 12
KEY_BYTES = 32


class DecryptionFailed(Exception):
    """The key is wrong for this value or the value was tampered with."""


def new_key() -> bytes:
    return os.urandom(KEY_BYTES)  # what AESGCM.generate_key returns, without loading it


def key_id(key: bytes) -> str:
    """A public fingerprint of a key, safe to store beside the data (the key is random)."""
    return hashlib.sha256(b"secdesk-key-id:" + key).hexdigest()[:32]


def is_encrypted(value: object) -> bool:
    return isinstance(value, str) and value.startswith(PREFIX)


class FieldCipher:
    def __init__(self, key: bytes):
        if len(key) != KEY_BYTES:
            raise ValueError("a SecDesk key is 32 bytes")
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        self._aead = AESGCM(key)
        self.key_id = key_id(key)

    def encrypt(self, plaintext: str, where: str) -> str:
        nonce = os.urandom(NONCE_BYTES)
        sealed = self._aead.encrypt(nonce, plaintext.encode("utf-8"), where.encode("utf-8"))
        return PREFIX + base64.b64encode(nonce + sealed).decode("ascii")

    def decrypt(self, token: str, where: str) -> str:
        from cryptography.exceptions import InvalidTag

        raw = base64.b64decode(token[len(PREFIX):])
        try:
            plain = self._aead.decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:], where.encode("utf-8"))
        except InvalidTag as error:
            raise DecryptionFailed(where) from error
        return plain.decode("utf-8")

    def encrypt_bytes(self, data: bytes, where: str) -> bytes:
        """Nonce + ciphertext + tag of a whole file (stored paper files)."""
        nonce = os.urandom(NONCE_BYTES)
        return nonce + self._aead.encrypt(nonce, data, where.encode("utf-8"))

    def decrypt_bytes(self, sealed: bytes, where: str) -> bytes:
        from cryptography.exceptions import InvalidTag

        try:
            return self._aead.decrypt(sealed[:NONCE_BYTES], sealed[NONCE_BYTES:], where.encode("utf-8"))
        except InvalidTag as error:
            raise DecryptionFailed(where) from error
