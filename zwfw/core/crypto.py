"""Personal data at rest: SM4-GCM encryption and a keyed SM3 digest for exact lookup.

GB/T 39786-2021 (信息系统密码应用基本要求) asks for national algorithms for the confidentiality of
important data; SM4 encrypts, HMAC-SM3 lets us find a person by ID number without decrypting.
Ciphertext layout: "sm4gcm1:" + base64(nonce[12] + ciphertext + tag[16]).
"""

from __future__ import annotations

import base64
import os
from functools import cache

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, hmac
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

PREFIX = "sm4gcm1:"


class DecryptionError(Exception):
    """Ciphertext was altered or the key is wrong."""


@cache
def _key(setting: str) -> bytes:
    raw = getattr(settings, setting)
    try:
        key = bytes.fromhex(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{setting} must be 32 hex characters") from exc
    if len(key) != 16:
        raise ImproperlyConfigured(f"{setting} must be 32 hex characters (128 bits)")
    return key


def encrypt(plaintext: str) -> str:
    nonce = os.urandom(12)
    encryptor = Cipher(algorithms.SM4(_key("ZWFW_DATA_KEY")), modes.GCM(nonce)).encryptor()
    body = encryptor.update(plaintext.encode("utf-8")) + encryptor.finalize()
    return PREFIX + base64.b64encode(nonce + body + encryptor.tag).decode("ascii")


def decrypt(token: str) -> str:
    if not token.startswith(PREFIX):
        raise DecryptionError("unknown ciphertext format")
    raw = base64.b64decode(token[len(PREFIX) :])
    nonce, body, tag = raw[:12], raw[12:-16], raw[-16:]
    decryptor = Cipher(algorithms.SM4(_key("ZWFW_DATA_KEY")), modes.GCM(nonce, tag)).decryptor()
    try:
        return (decryptor.update(body) + decryptor.finalize()).decode("utf-8")
    except InvalidTag as exc:
        raise DecryptionError("ciphertext failed authentication") from exc


def digest(value: str, *, purpose: str) -> str:
    """Keyed SM3 digest (hex, 64 chars) of a normalised value; `purpose` separates domains."""
    mac = hmac.HMAC(_key("ZWFW_DIGEST_KEY"), hashes.SM3())
    mac.update(purpose.encode("ascii") + b"\x00" + value.encode("utf-8"))
    return mac.finalize().hex()


def sm3_hex(data: bytes) -> str:
    h = hashes.Hash(hashes.SM3())
    h.update(data)
    return h.finalize().hex()
