"""A sealed backup: the JSON backup encrypted with a passphrase, for carrying data between
machines (a USB stick, a mail to yourself) without carrying it in the clear.

AES-256-GCM (authenticated: a wrong passphrase and a changed byte are both refused) with a
key derived by scrypt, a deliberately slow and memory-hard function, so guessing
passphrases offline is expensive. Both come from the ``cryptography`` library. The file is:

    TRKRSEAL | version (1 byte) | scrypt log2(n), r, p (1 byte each) | salt (16) | nonce (12)
    | ciphertext with its 16-byte tag

and everything before the ciphertext is authenticated too, so the parameters cannot be
swapped. docs/backup-format.md describes it.
"""

from __future__ import annotations

import os
import struct

from trackrecord.core.errors import ValidationError
from trackrecord.core.transfer.import_base import ImportFileError

MAGIC = b"TRKRSEAL"
VERSION = 1
# scrypt's cost: n = 2**17, r = 8 takes 128 MiB and about half a second on a laptop.
LOG2_N, R, P = 17, 8, 1
SALT_BYTES, NONCE_BYTES, TAG_BYTES = 16, 12, 16
_HEADER = struct.Struct(">8sBBBB")
HEADER_BYTES = _HEADER.size + SALT_BYTES + NONCE_BYTES
MIN_PASSPHRASE = 8
# The largest costs a file may ask for: a damaged or hostile header must not make the app
# allocate gigabytes.
MAX_LOG2_N, MAX_R, MAX_P = 20, 16, 4


class SealError(ImportFileError):
    """The sealed file cannot be opened: a sentence fit to show, and nothing was changed."""


class PassphraseNeeded(SealError):
    """The file is sealed and no passphrase was given: ask for one, then try again."""


def is_sealed(data: bytes) -> bool:
    return data.startswith(MAGIC)


def check_passphrase(passphrase: str) -> None:
    if len(passphrase) < MIN_PASSPHRASE:
        raise ValidationError(f"choose a passphrase of at least {MIN_PASSPHRASE} characters")


def _key(passphrase: str, salt: bytes, log2_n: int, r: int, p: int) -> bytes:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    return Scrypt(salt=salt, length=32, n=2**log2_n, r=r, p=p).derive(
        passphrase.encode("utf-8", "surrogatepass"))


def seal(plain: bytes, passphrase: str) -> bytes:
    """``plain`` encrypted under ``passphrase``, with a fresh salt and nonce."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    check_passphrase(passphrase)
    salt, nonce = os.urandom(SALT_BYTES), os.urandom(NONCE_BYTES)
    header = _HEADER.pack(MAGIC, VERSION, LOG2_N, R, P) + salt + nonce
    key = _key(passphrase, salt, LOG2_N, R, P)
    return header + AESGCM(key).encrypt(nonce, plain, header)


def unseal(data: bytes, passphrase: str | None, source: str = "the file") -> bytes:
    """The plain bytes, or a SealError saying why not (PassphraseNeeded when none given)."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    if not is_sealed(data):
        raise SealError(f"{source} is not a sealed Track Record backup")
    if len(data) < HEADER_BYTES + TAG_BYTES:
        raise SealError(f"{source} is cut short: it is not a whole sealed backup")
    _magic, version, log2_n, r, p = _HEADER.unpack_from(data)
    if version != VERSION:
        raise SealError(f"{source} was sealed by a newer Track Record (format {version}); "
                        "update Track Record to open it")
    if not (10 <= log2_n <= MAX_LOG2_N and 1 <= r <= MAX_R and 1 <= p <= MAX_P):
        raise SealError(f"{source} is damaged: its header asks for impossible settings")
    if passphrase is None:
        raise PassphraseNeeded(f"{source} is sealed with a passphrase")
    salt = data[_HEADER.size:_HEADER.size + SALT_BYTES]
    nonce = data[_HEADER.size + SALT_BYTES:HEADER_BYTES]
    key = _key(passphrase, salt, log2_n, r, p)
    try:
        return AESGCM(key).decrypt(nonce, data[HEADER_BYTES:], data[:HEADER_BYTES])
    except InvalidTag:
        raise SealError(f"{source} could not be opened: the passphrase is wrong, or the file "
                        "was changed after it was sealed. Nothing was imported.") from None
