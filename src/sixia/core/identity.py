"""Validation, normalisation and masking of ID numbers and phone numbers (身份证号码、电话号码).

Pure functions: they never touch the database. ``normalize_*`` returns the canonical form used for the
blind index and for encryption, or raises :class:`InvalidInput` with a message in Chinese and English.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from sixia.core.errors import InvalidInput

# GB 11643-1999: weights for the 17 body digits and the check-character table (mod 11).
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK_CHARS = "10X98765432"
MOBILE_RE = re.compile(r"^1[3-9]\d{9}$")
LANDLINE_RE = re.compile(r"^0\d{2,3}-?[2-9]\d{6,7}(-\d{1,6})?$")
SERVICE_RE = re.compile(r"^(400|800)\d{7}$")


def _clean(value: str) -> str:
    return unicodedata.normalize("NFKC", value or "").strip().replace(" ", "")


def id_check_char(body17: str) -> str:
    total = sum(int(d) * w for d, w in zip(body17, ID_WEIGHTS, strict=True))
    return ID_CHECK_CHARS[total % 11]


def normalize_id_number(value: str) -> str:
    """Validate a resident ID number (居民身份证号码, GB 11643) and return it upper-cased."""
    raw = _clean(value).upper()
    if not re.fullmatch(r"\d{17}[\dX]", raw):
        raise InvalidInput(
            "invalid_id_number",
            "身份证号码应为18位，前17位为数字，最后一位为数字或X",
            "an ID number has 18 characters: 17 digits and a digit or X",
            field="id_number",
        )
    try:
        date(int(raw[6:10]), int(raw[10:12]), int(raw[12:14]))
    except ValueError:
        raise InvalidInput(
            "invalid_id_number", "身份证号码中的出生日期无效", "the birth date in the ID number is invalid",
            field="id_number",
        )
    if id_check_char(raw[:17]) != raw[17]:
        raise InvalidInput(
            "invalid_id_number", "身份证号码校验位错误", "the ID number's check digit is wrong", field="id_number"
        )
    return raw


def normalize_phone(value: str) -> str:
    """Validate a mainland mobile (11 digits), landline (区号-号码[-分机]) or 400/800 number."""
    raw = _clean(value).replace("（", "(").replace("）", ")")
    raw = re.sub(r"^\+?86-?", "", raw)
    raw = re.sub(r"^\((0\d{2,3})\)", r"\1-", raw)
    digits_only = raw.replace("-", "")
    if MOBILE_RE.match(digits_only):
        return digits_only
    if SERVICE_RE.match(digits_only):
        return digits_only
    if LANDLINE_RE.match(raw):
        if "-" not in raw:  # split area code by the national convention: 3 digits for 010/02x, else 4
            area = 3 if raw[1] in "12" else 4
            raw = f"{raw[:area]}-{raw[area:]}"
        return raw
    raise InvalidInput(
        "invalid_phone",
        "电话号码格式不正确：手机号为11位（1开头），座机为“区号-号码”",
        "phone number format is wrong: 11-digit mobile or area code + number",
        field="phone",
    )


def mask_id_number(value: str) -> str:
    """``350921199001011234`` → ``350921********1234``."""
    if len(value) < 10:
        return "*" * len(value)
    return value[:6] + "*" * (len(value) - 10) + value[-4:]


def mask_phone(value: str) -> str:
    """``13812345678`` → ``138****5678``; ``0593-1234567`` → ``0593-***4567``."""
    if MOBILE_RE.match(value):
        return value[:3] + "****" + value[-4:]
    if "-" in value:
        area, _, rest = value.partition("-")
        return f"{area}-" + "*" * max(len(rest) - 4, 0) + rest[-4:]
    return value[:3] + "*" * max(len(value) - 7, 0) + value[-4:]


def mask_name(value: str) -> str:
    """``张三丰`` → ``张**``: for public pages, where even a name is personal data."""
    return value[:1] + "*" * (len(value) - 1) if value else value
