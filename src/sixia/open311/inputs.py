"""What an anonymous Open311 caller may send, and how it is made harmless before it goes anywhere.

Every text is bounded, must be valid Unicode without control characters (NUL, lone surrogates → 400), and is
neutralised for the places it travels to after intake: a cell starting with ``= + - @`` would run as an Excel
formula in the ledger exports, and ``< >`` could become markup in a report or a notice, so those characters
are turned into their full-width forms (＝ ＋ － ＠ ＜ ＞), which read the same to a person and to nothing else.
"""

from __future__ import annotations

import math
import re
from datetime import datetime

from django.utils import timezone

from sixia.core.errors import InvalidInput

# Upper bounds (characters) of what is accepted; the spec bounds ``description`` at 4000.
MAX = {"description": 4000, "address_string": 200, "address_id": 64, "first_name": 30, "last_name": 30,
       "phone": 20, "email": 254, "device_id": 64, "account_id": 64, "media_url": 500, "service_code": 60,
       "api_key": 128, "jurisdiction_id": 100, "attribute": 60, "service_request_id": 32, "date": 40,
       "status": 20, "ids": 2000, "codes": 2000}
MAX_BODY_BYTES = 64 * 1024  # a request body above this is refused before Django parses it

# C0/C1 controls (but tab and line breaks in multi-line text), lone surrogates, non-characters
_BAD = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_BAD_ONE_LINE = re.compile(r"[\t\n\r]")
_FORMULA_START = re.compile(r"^([=+\-@])", re.MULTILINE)
_FULL_WIDTH = {"=": "＝", "+": "＋", "-": "－", "@": "＠", "<": "＜", ">": "＞"}
_CODE = re.compile(r"^[A-Za-z0-9_.\-]+$")


def invalid(field: str, zh: str, en: str) -> InvalidInput:
    return InvalidInput(f"invalid_{field}", zh, en, field=field)


def text(value: str | None, field: str, *, multiline: bool = False) -> str:
    """A bounded, printable, neutralised text; empty when absent (the spec: empty equals absent)."""
    value = (value or "").strip()
    limit = MAX[field]
    if len(value) > limit:
        raise invalid(field, f"{field} 过长（最多 {limit} 字）", f"{field} is too long (at most {limit} characters)")
    if _BAD.search(value) or (not multiline and _BAD_ONE_LINE.search(value)):
        raise invalid(field, f"{field} 含有不允许的控制字符", f"{field} contains control characters")
    value = _FORMULA_START.sub(lambda m: _FULL_WIDTH[m.group(1)], value)
    return value.replace("<", _FULL_WIDTH["<"]).replace(">", _FULL_WIDTH[">"])


def code(value: str | None, field: str) -> str:
    """An identifier (service code, attribute value): letters, digits, ``_ . -`` only."""
    value = (value or "").strip()
    if not value:
        return ""
    if len(value) > MAX.get(field, 60) or not _CODE.match(value):
        raise invalid(field, f"{field} 格式无效", f"{field} is malformed")
    return value


def codes(value: str | None, field: str) -> list[str]:
    """A comma-separated list of identifiers (``service_code=a,b``); empty items are dropped."""
    value = (value or "").strip()
    if len(value) > MAX["codes"]:
        raise invalid(field, f"{field} 过长", f"{field} is too long")
    return [code(v, field) for v in value.split(",") if v.strip()]


def coordinate(value: str | None, field: str, bound: float) -> float | None:
    """WGS84 decimal degrees within ±bound, or None when absent."""
    value = (value or "").strip()
    if not value:
        return None
    try:
        number = float(value) if len(value) <= 32 else math.nan
    except ValueError:
        number = math.nan
    if not math.isfinite(number) or abs(number) > bound:
        raise invalid(field, f"{field} 不是有效的经纬度", f"{field} is not a valid WGS84 coordinate")
    return number


def date_time(value: str | None, field: str) -> datetime | None:
    """A W3C date-time with its zone (``2010-01-01T00:00:00Z``); a zone-less or malformed value is refused."""
    value = (value or "").strip()
    if not value:
        return None
    try:
        if len(value) > MAX["date"]:
            raise ValueError(value)
        parsed = datetime.fromisoformat(value[:-1] + "+00:00" if value.endswith(("Z", "z")) else value)
    except ValueError:
        parsed = None
    if parsed is None or timezone.is_naive(parsed):
        raise invalid(field, f"{field} 须为带时区的 ISO 8601 时间", f"{field} must be an ISO 8601 date-time with a zone")
    return parsed
