"""Test-only SQLCipher 4 page decryptor (reliability.md Appendix A): proves deleted text is gone.

Not for production: it reads the whole file and checks no HMAC.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

PAGE = 4096
RESERVE = 80  # IV (16) + HMAC-SHA512 (64)


def decrypt_pages(path: Path, passphrase: str, kdf_iter: int) -> Iterator[bytes]:
    raw = path.read_bytes()
    salt = raw[:16]
    key = hashlib.pbkdf2_hmac("sha512", passphrase.encode(), salt, kdf_iter, 32)
    for i in range(len(raw) // PAGE):
        page = raw[i * PAGE : (i + 1) * PAGE]
        start = 16 if i == 0 else 0
        iv = page[PAGE - RESERVE : PAGE - RESERVE + 16]
        dec = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
        yield dec.update(page[start : PAGE - RESERVE]) + dec.finalize()


def plaintext(path: Path, passphrase: str, kdf_iter: int) -> bytes:
    """Every page decrypted and joined."""
    return b"".join(decrypt_pages(path, passphrase, kdf_iter))
