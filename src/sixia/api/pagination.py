"""Keyset (cursor) pagination: stable under inserts, O(page) at any depth (no OFFSET scans)."""

from __future__ import annotations

import base64
import json
from typing import Any

from django.db.models import QuerySet

from sixia.core.errors import InvalidInput
from sixia.core.validation import MAX_ID

MAX_PAGE_SIZE = 500


def encode_cursor(value: Any) -> str:
    return base64.urlsafe_b64encode(json.dumps(value).encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> int:
    """The primary key a cursor names. Anything else — not base64, not JSON, a list, null, a float, a key
    that cannot exist (below 1, beyond a 64-bit column) — is a 422 ``bad_cursor``, never a query."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        value = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
    except (ValueError, UnicodeError):  # binascii.Error and JSONDecodeError are ValueErrors
        value = None
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_ID:
        raise InvalidInput("bad_cursor", "分页游标无效", "invalid cursor", field="cursor")
    return value


def page_by_pk(qs: QuerySet, *, page_size: int, cursor: str | None, descending: bool = True):
    """Page a queryset ordered by primary key. Returns (rows, next_cursor)."""
    if page_size < 1 or page_size > MAX_PAGE_SIZE:
        raise InvalidInput("invalid_page_size", f"每页条数应在1到{MAX_PAGE_SIZE}之间",
                           f"page_size must be 1..{MAX_PAGE_SIZE}", field="page_size")
    if cursor:
        last = decode_cursor(cursor)
        qs = qs.filter(pk__lt=last) if descending else qs.filter(pk__gt=last)
    rows = list(qs.order_by("-pk" if descending else "pk")[: page_size + 1])
    next_cursor = encode_cursor(rows[page_size - 1].pk) if len(rows) > page_size else None
    return rows[:page_size], next_cursor
