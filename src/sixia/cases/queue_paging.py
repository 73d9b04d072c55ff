"""Keyset (cursor) paging of the staff work queue: "next" / "previous" by the last / first row's sort key, never
OFFSET — a page costs the same at any depth (the API pages the same way, api/pagination.py).

The queue sorts by deadline (``due_at`` ascending, cases without a clock last, then newest id first) or by
registration (``registered_at`` descending, then id descending). A cursor names the boundary row's key and the
direction, plus the colour counts of the first page (``t``), so later pages show the counts without counting
the jurisdiction again (labelled "counted on the first page"). A cursor is opaque base64 JSON; a cursor that
does not decode, or names a key of the wrong shape, is ignored (the first page), as the queue ignores any bad
filter value.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db.models import F, Q, QuerySet

from sixia.core.validation import MAX_ID

SORTS = {"due": "due_at", "new": "registered_at"}


@dataclass
class Cursor:
    value: datetime | None  # the boundary row's sort value (due_at may be null)
    pk: int
    before: bool = False  # True: the page before the boundary row ("previous")
    counts: dict[str, int] = field(default_factory=dict)


@dataclass
class QueuePage:
    rows: list
    next_cursor: str | None
    previous_cursor: str | None
    counts: dict[str, int] | None  # carried from the first page; None on the first page (count there)


def encode(value: datetime | None, pk: int, *, before: bool, counts: dict[str, int]) -> str:
    raw = {"v": value.isoformat() if value else None, "i": pk, "t": counts}
    if before:
        raw["b"] = 1
    return base64.urlsafe_b64encode(json.dumps(raw, separators=(",", ":")).encode()).decode().rstrip("=")


def decode(cursor: str | None) -> Cursor | None:
    """The cursor's content, or ``None`` when it is absent or not one this module wrote."""
    if not cursor or len(cursor) > 1000:
        return None
    try:
        raw = json.loads(base64.urlsafe_b64decode((cursor + "=" * (-len(cursor) % 4)).encode("ascii")))
        pk, value, counts = raw["i"], raw["v"], raw.get("t") or {}
        if isinstance(pk, bool) or not isinstance(pk, int) or not 1 <= pk <= MAX_ID:
            return None
        when = datetime.fromisoformat(value) if value is not None else None
        if when is not None and when.tzinfo is None:
            return None
        if not isinstance(counts, dict) or not all(
                isinstance(k, str) and len(k) <= 20 and isinstance(n, int) and not isinstance(n, bool) and n >= 0
                for k, n in counts.items()):
            return None
        return Cursor(value=when, pk=pk, before=bool(raw.get("b")), counts=counts)
    except (ValueError, UnicodeError, TypeError, KeyError, AttributeError):
        return None


def _ordering(sort: str, reverse: bool) -> list:
    if sort == "new":
        return ["registered_at", "id"] if reverse else ["-registered_at", "-id"]
    if reverse:
        return [F("due_at").desc(nulls_first=True), "id"]
    return [F("due_at").asc(nulls_last=True), "-id"]


def _after(sort: str, value: datetime | None, pk: int) -> Q:
    """Rows strictly after the boundary (value, pk) in the queue's forward order."""
    if sort == "new":
        return Q(registered_at__lt=value) | Q(registered_at=value, pk__lt=pk)
    if value is None:  # among the clockless rows, which come last
        return Q(due_at__isnull=True, pk__lt=pk)
    return Q(due_at__gt=value) | Q(due_at=value, pk__lt=pk) | Q(due_at__isnull=True)


def _before(sort: str, value: datetime | None, pk: int) -> Q:
    """Rows strictly before the boundary in the forward order."""
    if sort == "new":
        return Q(registered_at__gt=value) | Q(registered_at=value, pk__gt=pk)
    if value is None:
        return Q(due_at__isnull=False) | Q(due_at__isnull=True, pk__gt=pk)
    return Q(due_at__lt=value) | Q(due_at=value, pk__gt=pk)


def page(qs: QuerySet, *, sort: str, cursor: Cursor | None, size: int, counts: dict[str, int]) -> QueuePage:
    """One page of ``qs`` in the queue's order from ``cursor``: ``size + 1`` rows read, no OFFSET, no COUNT.
    ``counts`` are the colour counts to carry in the cursors (the first page's)."""
    sort = sort if sort in SORTS else "due"
    attr = SORTS[sort]
    if cursor is not None and sort == "new" and cursor.value is None:
        cursor = None  # a registration-order cursor always has a value; this one is from the other sort
    if cursor is None or not cursor.before:
        if cursor is not None:
            qs = qs.filter(_after(sort, cursor.value, cursor.pk))
        rows = list(qs.order_by(*_ordering(sort, False))[: size + 1])
        more, rows = len(rows) > size, rows[:size]
        has_next, has_previous = more, cursor is not None
    else:
        rows = list(qs.filter(_before(sort, cursor.value, cursor.pk)).order_by(*_ordering(sort, True))[: size + 1])
        more, rows = len(rows) > size, rows[:size][::-1]
        has_next, has_previous = True, more

    def at(row: Any, before: bool) -> str:
        return encode(getattr(row, attr), row.pk, before=before, counts=counts)

    return QueuePage(rows=rows, next_cursor=at(rows[-1], False) if rows and has_next else None,
                     previous_cursor=at(rows[0], True) if rows and has_previous else None,
                     counts=cursor.counts if cursor is not None and cursor.counts else None)
