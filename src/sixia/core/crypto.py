"""Encryption of personal data at rest (个人信息加密存储) and keyed blind indexes.

Values are encrypted with AES-256-GCM (``cryptography``) — or SM4-CTR with an SM3 tag (商用密码, GB/T 39786)
when ``SIXIA_FIELD_CIPHER=sm4`` — under a key derived from ``SIXIA_FIELD_KEY``. A blind index (HMAC-SHA256
under a second derived key, truncated) lets the database find exact matches (same ID number, same phone)
without ever decrypting in bulk.

Token format: ``v1:<alg>:<base64(nonce || ciphertext+tag)>``. The algorithm travels with the token so a
deployment can switch ciphers and still read old rows.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
from functools import lru_cache

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings

TOKEN_PREFIX = "v1"
NONCE_BYTES = 12
BLIND_INDEX_HEX = 32  # 128 bits: collisions are negligible, the column stays small


class DecryptionError(ValueError):
    """A stored token could not be decrypted (wrong key or tampered data)."""


def _derive(label: bytes) -> bytes:
    secret = settings.FIELD_KEY.encode("utf-8")
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=b"sixia-field-key", info=label).derive(secret)


@lru_cache(maxsize=4)
def _keys(field_key: str) -> tuple[bytes, bytes, bytes]:
    del field_key  # part of the cache key only: tests may change the setting
    return _derive(b"aes-gcm"), _derive(b"sm4")[:16], _derive(b"blind-index")


def _current_keys() -> tuple[bytes, bytes, bytes]:
    return _keys(settings.FIELD_KEY)


def encrypt(plaintext: str) -> str:
    aes_key, sm4_key, _ = _current_keys()
    nonce = os.urandom(NONCE_BYTES)
    data = plaintext.encode("utf-8")
    alg = settings.FIELD_CIPHER
    if alg == "sm4":
        sealed = _sm4_seal(sm4_key, nonce, data)
    else:
        alg = "aes-gcm"
        sealed = AESGCM(aes_key).encrypt(nonce, data, None)
    return f"{TOKEN_PREFIX}:{alg}:{base64.b64encode(nonce + sealed).decode('ascii')}"


def decrypt(token: str) -> str:
    aes_key, sm4_key, _ = _current_keys()
    try:
        prefix, alg, payload = token.split(":", 2)
        raw = base64.b64decode(payload)
    except ValueError as exc:
        raise DecryptionError("malformed token") from exc
    if prefix != TOKEN_PREFIX:
        raise DecryptionError("unknown token version")
    nonce, sealed = raw[:NONCE_BYTES], raw[NONCE_BYTES:]
    try:
        if alg == "sm4":
            data = _sm4_open(sm4_key, nonce, sealed)
        else:
            data = AESGCM(aes_key).decrypt(nonce, sealed, None)
    except Exception as exc:  # InvalidTag and friends
        raise DecryptionError("cannot decrypt field") from exc
    return data.decode("utf-8")


def blind_index(value: str) -> str:
    """Keyed, deterministic digest of a normalised value: equal inputs give equal indexes."""
    _, _, index_key = _current_keys()
    return hmac.new(index_key, value.encode("utf-8"), hashlib.sha256).hexdigest()[:BLIND_INDEX_HEX]


def sm3_hex(data: bytes) -> str:
    """SM3 digest (国密杂凑), for deployments that must use commercial cryptography."""
    from gmssl import func, sm3

    return sm3.sm3_hash(func.bytes_to_list(data))


# gmssl offers SM4 in ECB/CBC only; SM4 in CTR mode with an SM3-based tag (encrypt-then-MAC) gives
# authenticated encryption like GCM with the primitives at hand.
def _sm4_ctr(key: bytes, nonce: bytes, data: bytes) -> bytes:
    from gmssl.sm4 import SM4_ENCRYPT, CryptSM4

    cipher = CryptSM4()
    cipher.set_key(key, SM4_ENCRYPT)
    out = bytearray()
    for block_no in range((len(data) + 15) // 16):
        counter = nonce + block_no.to_bytes(4, "big")
        stream = cipher.crypt_ecb(counter)[:16]
        chunk = data[block_no * 16 : block_no * 16 + 16]
        out.extend(b ^ s for b, s in zip(chunk, stream, strict=False))
    return bytes(out)


def _sm4_tag(key: bytes, nonce: bytes, ciphertext: bytes) -> bytes:
    mac_key = hashlib.sha256(b"sm4-mac" + key).digest()
    return bytes.fromhex(sm3_hex(mac_key + nonce + ciphertext))[:16]


def _sm4_seal(key: bytes, nonce: bytes, data: bytes) -> bytes:
    ciphertext = _sm4_ctr(key, nonce, data)
    return ciphertext + _sm4_tag(key, nonce, ciphertext)


def _sm4_open(key: bytes, nonce: bytes, sealed: bytes) -> bytes:
    ciphertext, tag = sealed[:-16], sealed[-16:]
    if not hmac.compare_digest(tag, _sm4_tag(key, nonce, ciphertext)):
        raise DecryptionError("SM4 tag mismatch")
    return _sm4_ctr(key, nonce, ciphertext)
