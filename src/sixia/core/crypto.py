"""Encryption of personal data at rest (个人信息加密存储) and keyed blind indexes, all from ``cryptography``.

Values are encrypted with AES-256-GCM — or SM4-GCM (商用密码, GB/T 39786) when ``SIXIA_FIELD_CIPHER=sm4`` —
under a key derived from ``SIXIA_FIELD_KEY``. A blind index (HMAC-SHA256, or HMAC-SM3 with
``SIXIA_BLIND_INDEX=hmac-sm3``, under a second derived key, truncated) lets the database find exact matches
(same ID number, same phone) without ever decrypting in bulk.

Token format: ``v1:<alg>:<base64(nonce || ciphertext+tag)>`` with ``alg`` one of ``aes-gcm``, ``sm4-gcm`` and
the legacy, read-only ``sm4`` (SM4-CTR with an SM3 tag, written before 2026-12). The algorithm travels with the
token so a deployment can switch ciphers and still read old rows; ``sixia rotate-field-key`` rewrites them all.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
from dataclasses import dataclass
from functools import lru_cache

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives import hmac as crypto_hmac
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings

TOKEN_PREFIX = "v1"
NONCE_BYTES = 12
TAG_BYTES = 16
BLIND_INDEX_HEX = 32  # 128 bits: collisions are negligible, the column stays small
AES_GCM, SM4_GCM, SM4_LEGACY = "aes-gcm", "sm4-gcm", "sm4"


class DecryptionError(ValueError):
    """A stored token could not be decrypted (wrong key or tampered data)."""


@dataclass(frozen=True)
class Keyring:
    """The keys derived from one field key (HKDF-SHA256, one label each)."""

    aes: bytes
    sm4: bytes
    sm4_legacy: bytes
    index: bytes


def _derive(secret: bytes, label: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=b"sixia-field-key", info=label).derive(secret)


@lru_cache(maxsize=8)
def keyring(field_key: str) -> Keyring:
    secret = field_key.encode("utf-8")
    # "sm4" is the legacy CTR key's label; SM4-GCM gets its own so the two modes never share a key.
    return Keyring(aes=_derive(secret, b"aes-gcm"), sm4=_derive(secret, b"sm4-gcm")[:16],
                   sm4_legacy=_derive(secret, b"sm4")[:16], index=_derive(secret, b"blind-index"))


def encrypt(plaintext: str, *, key: str | None = None) -> str:
    """Seal under ``key`` (default: the configured field key) with the configured cipher."""
    ring = keyring(key if key is not None else settings.FIELD_KEY)
    nonce = os.urandom(NONCE_BYTES)
    data = plaintext.encode("utf-8")
    if settings.FIELD_CIPHER == "sm4":
        alg, sealed = SM4_GCM, _sm4_gcm_seal(ring.sm4, nonce, data)
    else:
        alg, sealed = AES_GCM, AESGCM(ring.aes).encrypt(nonce, data, None)
    return f"{TOKEN_PREFIX}:{alg}:{base64.b64encode(nonce + sealed).decode('ascii')}"


def decrypt(token: str, *, key: str | None = None) -> str:
    """Open a token with ``key``; by default the configured key, then ``SIXIA_FIELD_KEY_OLD`` during a rotation."""
    if key is not None:
        return _open(token, keyring(key))
    try:
        return _open(token, keyring(settings.FIELD_KEY))
    except DecryptionError:
        if not settings.FIELD_KEY_OLD:
            raise
        return _open(token, keyring(settings.FIELD_KEY_OLD))


def _open(token: str, ring: Keyring) -> str:
    try:
        prefix, alg, payload = token.split(":", 2)
        raw = base64.b64decode(payload, validate=True)
    except ValueError as exc:
        raise DecryptionError("malformed token") from exc
    if prefix != TOKEN_PREFIX:
        raise DecryptionError("unknown token version")
    nonce, sealed = raw[:NONCE_BYTES], raw[NONCE_BYTES:]
    try:
        if alg == AES_GCM:
            data = AESGCM(ring.aes).decrypt(nonce, sealed, None)
        elif alg == SM4_GCM:
            data = _sm4_gcm_open(ring.sm4, nonce, sealed)
        elif alg == SM4_LEGACY:
            data = _legacy_sm4_open(ring.sm4_legacy, nonce, sealed)
        else:
            raise DecryptionError(f"unknown algorithm {alg!r}")
    except DecryptionError:
        raise
    except Exception as exc:  # InvalidTag and friends
        raise DecryptionError("cannot decrypt field") from exc
    return data.decode("utf-8")


def blind_index(value: str, *, key: str | None = None, algorithm: str | None = None) -> str:
    """Keyed, deterministic digest of a normalised value: equal inputs give equal indexes."""
    index_key = keyring(key if key is not None else settings.FIELD_KEY).index
    if (algorithm or settings.BLIND_INDEX) == "hmac-sm3":
        mac = crypto_hmac.HMAC(index_key, hashes.SM3())
        mac.update(value.encode("utf-8"))
        return mac.finalize().hex()[:BLIND_INDEX_HEX]
    return hmac.new(index_key, value.encode("utf-8"), hashlib.sha256).hexdigest()[:BLIND_INDEX_HEX]


def sm3_hex(data: bytes) -> str:
    """SM3 digest (国密杂凑), for deployments that must use commercial cryptography."""
    digest = hashes.Hash(hashes.SM3())
    digest.update(data)
    return digest.finalize().hex()


def _sm4_gcm_seal(key: bytes, nonce: bytes, data: bytes) -> bytes:
    encryptor = Cipher(algorithms.SM4(key), modes.GCM(nonce)).encryptor()
    return encryptor.update(data) + encryptor.finalize() + encryptor.tag


def _sm4_gcm_open(key: bytes, nonce: bytes, sealed: bytes) -> bytes:
    ciphertext, tag = sealed[:-TAG_BYTES], sealed[-TAG_BYTES:]
    decryptor = Cipher(algorithms.SM4(key), modes.GCM(nonce, tag)).decryptor()
    return decryptor.update(ciphertext) + decryptor.finalize()


# ---- legacy, read only: tokens "v1:sm4:" written by the gmssl-based code until 2026-12 ----
# That code ran SM4 in counter mode by hand (counter block = 12-byte nonce || 4-byte big-endian block number,
# i.e. standard CTR from nonce||0) and appended an SM3 tag over mac_key || nonce || ciphertext, with
# mac_key = SHA-256("sm4-mac" || key). The same bytes come out of cryptography's SM4-CTR; test vectors in
# tests/foundation/test_crypto.py were produced by the old code. New tokens use SM4-GCM.
def _legacy_sm4_open(key: bytes, nonce: bytes, sealed: bytes) -> bytes:
    ciphertext, tag = sealed[:-TAG_BYTES], sealed[-TAG_BYTES:]
    mac_key = hashlib.sha256(b"sm4-mac" + key).digest()
    if not hmac.compare_digest(tag, bytes.fromhex(sm3_hex(mac_key + nonce + ciphertext))[:TAG_BYTES]):
        raise DecryptionError("SM4 tag mismatch")
    decryptor = Cipher(algorithms.SM4(key), modes.CTR(nonce + bytes(4))).decryptor()
    return decryptor.update(ciphertext) + decryptor.finalize()
