"""``Idempotency-Key`` of ``POST /api/v1/cases``: a client that retries (a timeout, a lost answer) with the same
key gets the case its first request created, never a second one.

The key row is inserted *before* the case, in the same transaction, under a unique (user, key) constraint: of
two requests racing with one key, the second blocks on the first's insert (PostgreSQL) or fails it, rolls back
everything it did and answers the first one's case. Keys live ``KEEP`` (24 h): the lookup ignores older rows
and ``purge_expired`` (a Huey job of ``cases.tasks``) deletes them.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from sixia.cases.models import Case, IdempotencyKey
from sixia.core.errors import InvalidInput

KEEP = timedelta(hours=24)


def fingerprint(body: dict) -> str:
    """sha256 of the request body as canonical JSON (sorted keys), so the key's replay can be told from misuse."""
    text = json.dumps(body, sort_keys=True, ensure_ascii=False, default=str, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def check_key(key: str) -> str:
    key = (key or "").strip()
    if not key or len(key) > IdempotencyKey.MAX_LENGTH or not key.isascii() or not key.isprintable():
        raise InvalidInput("invalid_idempotency_key",
                           f"Idempotency-Key 应为 1 至 {IdempotencyKey.MAX_LENGTH} 个可打印 ASCII 字符",
                           f"Idempotency-Key must be 1 to {IdempotencyKey.MAX_LENGTH} printable ASCII characters",
                           field="Idempotency-Key")
    return key


def _earlier(actor, key: str, digest: str, now: datetime) -> Case | None:
    row = (IdempotencyKey.objects.select_related("case")
           .filter(user=actor, key=key, created_at__gte=now - KEEP, case__isnull=False).first())
    if row is None:
        return None
    if row.fingerprint != digest:
        raise InvalidInput("idempotency_mismatch", "该 Idempotency-Key 已用于内容不同的请求",
                           "this Idempotency-Key was already used with a different request body",
                           field="Idempotency-Key")
    return row.case


def create_once(*, actor, key: str, body: dict, create: Callable[[], Case],
                now: datetime | None = None) -> tuple[Case, bool]:
    """``create()`` under the key: returns (case, created). A repeat of the key with the same body returns the
    first case and ``False``; with a different body it raises ``idempotency_mismatch`` (422). ``create`` is
    the ordinary service call (it checks the rights and writes the audit entry); nothing is written here
    before it runs except the key row, which rolls back with it."""
    key, digest, now = check_key(key), fingerprint(body), now or timezone.now()
    earlier = _earlier(actor, key, digest, now)
    if earlier is not None:
        return earlier, False
    IdempotencyKey.objects.filter(user=actor, key=key, created_at__lt=now - KEEP).delete()  # expired: free it
    try:
        with transaction.atomic():
            row = IdempotencyKey.objects.create(user=actor, key=key, fingerprint=digest, created_at=now)
            case = create()
            IdempotencyKey.objects.filter(pk=row.pk).update(case=case)
    except IntegrityError:
        earlier = _earlier(actor, key, digest, now)
        if earlier is None:  # not our constraint (or the other request failed): let the caller see it
            raise
        return earlier, False
    return case, True


def purge_expired(now: datetime | None = None) -> int:
    return IdempotencyKey.objects.filter(created_at__lt=(now or timezone.now()) - KEEP).delete()[0]
