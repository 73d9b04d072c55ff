"""The audit trail's hash chain: every entry stores the hash of the one before it and its own.

``hash = H(prev_hash ‖ canonical JSON of the entry)`` where H is SHA-256 (default) or SM3 (国密, setting
``SIXIA_AUDIT_HASH=sm3``). A stored hash names its algorithm (``sha256:…`` / ``sm3:…``) so that a deployment
may switch algorithms without breaking the chain it already has. Appends are serialised by locking the one
``AuditChainHead`` row (PostgreSQL: ``SELECT … FOR UPDATE``; SQLite: the database's write lock, taken at the
start of every transaction since the project opens them IMMEDIATE), so ids and the chain have one order.

``verify`` walks the chain in id order, in batches, and returns the id of the first entry whose stored hash
or link does not match what its fields give (an entry edited, inserted or deleted behind the application's
back), or ``None``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from cryptography.hazmat.primitives import hashes
from django.conf import settings

ALGORITHMS = {"sha256": hashes.SHA256, "sm3": hashes.SM3}
# The fields a hash covers, in this order (the JSON is sorted anyway; the tuple documents the contract).
HASHED_FIELDS = ("at", "actor_id", "actor_name", "action", "object_type", "object_id", "summary", "changes",
                 "ip", "channel", "success", "region_code")
BATCH = 2000


def algorithm() -> str:
    name = getattr(settings, "AUDIT_HASH", "sha256")
    if name not in ALGORITHMS:
        raise ValueError(f"unknown audit hash {name!r}; use one of {sorted(ALGORITHMS)}")
    return name


def canonical_at(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def canonical(fields: dict[str, Any]) -> bytes:
    """The entry as sorted compact JSON (UTF-8): what a database round trip cannot change."""
    data = {name: fields.get(name) for name in HASHED_FIELDS}
    data["at"] = canonical_at(fields["at"])
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def digest(prev_hash: str, fields: dict[str, Any], name: str | None = None) -> str:
    name = name or algorithm()
    h = hashes.Hash(ALGORITHMS[name]())
    h.update(prev_hash.encode() + b"\n" + canonical(fields))
    return f"{name}:{h.finalize().hex()}"


def normalise_changes(changes: dict | None) -> dict:
    """What a JSON column gives back (tuples become lists, keys strings), so the hash survives the round trip."""
    return json.loads(json.dumps(changes or {}, ensure_ascii=False, default=str))


def _rows(start_after: int = 0) -> Iterator[dict[str, Any]]:
    from sixia.core.models import AuditEntry

    last = start_after
    while True:
        batch = list(AuditEntry.objects.filter(id__gt=last).order_by("id")
                     .values("id", "prev_hash", "hash", *HASHED_FIELDS)[:BATCH])
        if not batch:
            return
        yield from batch
        last = batch[-1]["id"]


@dataclass(frozen=True)
class Verdict:
    ok: bool
    checked: int
    broken_id: int | None = None
    reason: str = ""


def verify() -> Verdict:
    from sixia.core.models import AuditChainHead

    prev, checked, last_id = "", 0, 0
    for row in _rows():
        stored = row["hash"]
        if row["prev_hash"] != prev:
            return Verdict(False, checked, row["id"], "link to the previous entry does not match")
        name = stored.split(":", 1)[0] if ":" in stored else ""
        if name not in ALGORITHMS or digest(prev, row, name) != stored:
            return Verdict(False, checked, row["id"], "the entry's content does not match its hash")
        prev, last_id, checked = stored, row["id"], checked + 1
    head = AuditChainHead.objects.filter(pk=1).first()
    if head is not None and (head.hash, head.last_id) != (prev, last_id):
        return Verdict(False, checked, head.last_id or None,
                       "the chain head names another last entry (entries deleted at the end?)")
    return Verdict(True, checked)
