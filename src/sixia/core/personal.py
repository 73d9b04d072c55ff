"""Sealing personal values: encrypted token + blind index + mask, computed once on write.

Models keep three columns per personal value (``*_token``, ``*_index``, ``*_masked``): lists and pages show
the mask without decrypting; exact matching uses the index; only an audited "show in full" decrypts.
"""

from __future__ import annotations

from dataclasses import dataclass

from sixia.core import crypto
from sixia.core.identity import mask_id_number, mask_phone, normalize_id_number, normalize_phone


@dataclass(frozen=True)
class Sealed:
    token: str
    index: str
    masked: str


EMPTY = Sealed("", "", "")


def seal_id_number(raw: str | None) -> Sealed:
    if not raw or not raw.strip():
        return EMPTY
    value = normalize_id_number(raw)
    return Sealed(crypto.encrypt(value), crypto.blind_index("id:" + value), mask_id_number(value))


def seal_phone(raw: str | None) -> Sealed:
    if not raw or not raw.strip():
        return EMPTY
    value = normalize_phone(raw)
    return Sealed(crypto.encrypt(value), crypto.blind_index("phone:" + value), mask_phone(value))


def id_number_index(raw: str) -> str:
    return crypto.blind_index("id:" + normalize_id_number(raw))


def phone_index(raw: str) -> str:
    return crypto.blind_index("phone:" + normalize_phone(raw))


def name_address_index(name: str, address: str, *, key: str | None = None) -> str:
    """Identity key for a person without ID or phone: the same name at the same address (``key``: another
    field key than the configured one, for a rotation)."""
    value = "".join((name or "").split()) + "|" + "".join((address or "").split())
    return crypto.blind_index("name-address:" + value, key=key)
