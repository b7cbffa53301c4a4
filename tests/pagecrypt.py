"""Test-only SQLCipher 4 page decryptor (reliability.md Appendix A): proves deleted text is gone.

Independent of sqlcipher3: PBKDF2-HMAC-SHA512 over the 16-byte salt at the start of the file,
AES-256-CBC per 4096-byte page with its IV in the 80 reserved bytes at the page's end, and
(with `check_hmac`) each page's HMAC-SHA512 verified as SQLCipher 4 computes it (key from
the encryption key over the salt XOR 0x3a, 2 iterations; over ciphertext + IV + the page
number, little-endian), so a page that would not decrypt can never pass as "no marker".
Not for production: it reads the whole file.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterator
from pathlib import Path

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

PAGE = 4096
IV = 16
RESERVE = 80  # IV (16) + HMAC-SHA512 (64)


class PageHmacError(AssertionError):
    """A page's HMAC does not match: wrong key, or a page this decryptor misread."""


def decrypt_pages(
    path: Path, passphrase: str, kdf_iter: int, *, check_hmac: bool = False
) -> Iterator[bytes]:
    raw = path.read_bytes()
    salt = raw[:16]
    key = hashlib.pbkdf2_hmac("sha512", passphrase.encode(), salt, kdf_iter, 32)
    mac_key = hashlib.pbkdf2_hmac("sha512", key, bytes(b ^ 0x3A for b in salt), 2, 32)
    for i in range(len(raw) // PAGE):
        page = raw[i * PAGE : (i + 1) * PAGE]
        start = 16 if i == 0 else 0
        iv = page[PAGE - RESERVE : PAGE - RESERVE + IV]
        if check_hmac:
            signed = page[start : PAGE - RESERVE + IV] + (i + 1).to_bytes(4, "little")
            want = page[PAGE - RESERVE + IV : PAGE - RESERVE + IV + 64]
            if not hmac.compare_digest(hmac.new(mac_key, signed, "sha512").digest(), want):
                raise PageHmacError(f"page {i + 1}: HMAC mismatch")
        dec = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
        yield dec.update(page[start : PAGE - RESERVE]) + dec.finalize()


def plaintext(path: Path, passphrase: str, kdf_iter: int, *, check_hmac: bool = False) -> bytes:
    """Every page decrypted and joined."""
    return b"".join(decrypt_pages(path, passphrase, kdf_iter, check_hmac=check_hmac))
