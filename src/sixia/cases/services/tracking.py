"""Tracking numbers (查询码): ``350921-260314-0007-KXM`` — county code, date, daily sequence, check letters.

Readable on the phone (digits and three letters from an alphabet without I/O); unguessable because the
letters are a keyed HMAC of the rest (the sequence alone would let anyone walk the numbers).
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import date

from django.conf import settings
from django.db import connection

from sixia.cases.models import TrackingSequence

ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ"  # 24 letters, no I or O


def check_letters(body: str) -> str:
    digest = hmac.new(settings.SECRET_KEY.encode(), b"tracking:" + body.encode(), hashlib.sha256).digest()
    n = int.from_bytes(digest[:8], "big")
    letters = []
    for _ in range(3):
        n, r = divmod(n, len(ALPHABET))
        letters.append(ALPHABET[r])
    return "".join(letters)


def is_valid(tracking_no: str) -> bool:
    body, _, letters = tracking_no.strip().upper().rpartition("-")
    return bool(body) and hmac.compare_digest(check_letters(body), letters)


def next_tracking_no(region_code: str, day: date) -> str:
    """Allocate the next number for the county of ``region_code`` on ``day`` (call inside a transaction, as late
    as possible: the county-day row stays locked until the transaction ends).

    One statement — an upsert that returns the new value (PostgreSQL and SQLite ≥ 3.35 both have
    ``INSERT … ON CONFLICT … DO UPDATE … RETURNING``) — instead of a get-or-create, an UPDATE and a locked
    re-read."""
    key = f"{region_code[:6]}-{day:%y%m%d}"
    table = connection.ops.quote_name(TrackingSequence._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f'INSERT INTO {table} ("key", "value") VALUES (%s, 1) '
                       f'ON CONFLICT ("key") DO UPDATE SET "value" = {table}."value" + 1 RETURNING "value"', [key])
        seq = cursor.fetchone()[0]
    body = f"{key}-{seq:04d}"
    return f"{body}-{check_letters(body)}"
