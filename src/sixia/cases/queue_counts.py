"""The work queue's colour counts (全部 / 正常 / 临期 / 紧急 / 超期) without counting a large jurisdiction on
every page view (issue 17 item 3).

Counting is exact whenever it is cheap: one bounded probe (``LIMIT 1 OFFSET EXACT_UP_TO`` — it reads at most
that many index entries) tells whether the filtered cases are few; if so, one grouped COUNT over at most
``EXACT_UP_TO`` rows gives the exact counts (the today list's counts equal the queue's ``data-total`` — every
county-sized list). Beyond that, a full COUNT costs tens of milliseconds per 100,000 cases (measured:
docs/scale.md), so the counts of the same user and filters are kept ``CACHE_SECONDS`` in the cache and the page
labels them with the time they were taken. Later pages carry the first page's counts in their cursor
(cases/queue_paging.py) and count nothing.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime

from django.core.cache import cache
from django.db.models import Count, QuerySet
from django.utils import timezone

EXACT_UP_TO = 10_000
CACHE_SECONDS = 120


def _grouped(qs: QuerySet) -> dict[str, int]:
    return dict(qs.order_by().values_list("warning").annotate(n=Count("id")).values_list("warning", "n"))


def cache_key(user, filters: dict) -> str:
    raw = json.dumps([user.pk, getattr(user, "jurisdiction_id", None), sorted(
        (k, str(v)) for k, v in filters.items() if v not in (None, "", False) and k not in ("warning", "sort"))])
    return "sixia:queue-counts:" + hashlib.sha256(raw.encode()).hexdigest()[:32]


def colour_counts(qs: QuerySet, user, filters: dict) -> tuple[dict[str, int], datetime | None]:
    """The counts per warning colour of ``qs`` and, when they come from the cache, when they were taken
    (``None``: exact now)."""
    key = cache_key(user, filters)
    hit = cache.get(key)  # only large sets are cached: a hit needs no probe (one statement less per view)
    if hit is not None:
        return hit["counts"], datetime.fromisoformat(hit["at"])
    if not qs.order_by()[EXACT_UP_TO:EXACT_UP_TO + 1].exists():
        return _grouped(qs), None
    now = timezone.now()
    counts = _grouped(qs)
    cache.set(key, {"counts": counts, "at": now.isoformat()}, CACHE_SECONDS)
    return counts, now
