"""Keyset (cursor) pagination: stable under inserts, O(page) at any depth (no OFFSET scans)."""

from __future__ import annotations

import base64
import json
from typing import Any

from django.db.models import QuerySet

from sixia.core.errors import InvalidInput

MAX_PAGE_SIZE = 500


def encode_cursor(value: Any) -> str:
    return base64.urlsafe_b64encode(json.dumps(value).encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> Any:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        return json.loads(base64.urlsafe_b64decode(padded.encode()))
    except ValueError:
        raise InvalidInput("invalid_cursor", "分页游标无效", "invalid cursor", field="cursor")


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
