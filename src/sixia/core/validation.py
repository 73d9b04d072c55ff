"""One validation of raw input for every face (pages, API, CLI, imports), applied before the database.

The database is not a validator: SQLite stores a 100,000-character name in a 100-character column and NUL
characters, PostgreSQL answers a lone surrogate or a NUL with an encoding error, a CHECK constraint with an
IntegrityError and year 0001 with an overflow — all of them 500s. The checks here refuse such input with an
``InvalidInput`` (422) naming the field, in Chinese and English:

- ``parse_int`` / ``parse_id`` — integers typed as ASCII decimal digits only (``"²".isdigit()`` is true and
  ``int("²")`` fails; ``int("١")`` is 1), within a range (a primary key fits a signed 64-bit column);
- ``check_text`` — no NUL, no lone surrogate (what no encoder can write), at most the column's length;
- ``check_date`` — a year between ``MIN_YEAR`` and ``MAX_YEAR`` (timezone arithmetic near year 1 or 9999
  overflows);
- ``check_number`` — finite (no NaN, no infinity) and within a range;
- ``check_model_values`` — the same for every text, integer, date and decimal field of a model instance; the
  ``pre_save`` guard (``install_model_guard``) runs it for every model of the platform, the last line before SQL.

Pydantic types for the API schemas (``Id``, ``SafeText``, ``SaneDate``, ``SaneDateTime``, ``FiniteFloat``) and the
ninja-level checks of every request live in ``sixia.api.validation`` and call these.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sixia.core.errors import InvalidInput

MIN_YEAR, MAX_YEAR = 1900, 2200
MAX_ID = 2 ** 63 - 1  # a BigAutoField
INT32 = (-(2 ** 31), 2 ** 31 - 1)
_SURROGATE = re.compile("[\ud800-\udfff]")
ASCII_INT = re.compile(r"[+-]?[0-9]+")
# A string that is an ISO date or date-time as a whole (what pydantic and Django parse into a date).
ISO_DATE = re.compile(r"(?P<year>[+-]?\d{4,})-\d{2}-\d{2}([T ][0-9:.,]+(Z|[+-]\d{2}(:?\d{2})?)?)?")


def refuse(code: str, zh: str, en: str, field: str | None) -> InvalidInput:
    return InvalidInput(code, zh, en, field=field)


def is_digits(text: str) -> bool:
    """ASCII decimal digits only — what ``int()`` reads as the number it looks like (``"²".isdigit()`` and
    ``"١".isdecimal()`` are true; ``int("²")`` fails, ``int("١")`` is 1)."""
    return text.isascii() and text.isdecimal()


def parse_int(raw: Any, *, field: str, minimum: int = INT32[0], maximum: int = INT32[1],
              default: int | None = None) -> int | None:
    """An integer from a query or form value: ASCII digits only (an optional sign), within ``minimum..maximum``.
    A blank value gives ``default``; anything else raises ``InvalidInput``."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return default
    if isinstance(raw, bool):
        raise refuse("invalid_integer", "应为整数", "must be an integer", field)
    if isinstance(raw, int):
        value = raw
    else:
        text = str(raw).strip()
        if not ASCII_INT.fullmatch(text) or len(text) > 20:
            raise refuse("invalid_integer", "应为整数", "must be an integer", field)
        value = int(text)
    if not minimum <= value <= maximum:
        raise refuse("integer_out_of_range", f"数值应在 {minimum} 到 {maximum} 之间",
                     f"must be between {minimum} and {maximum}", field)
    return value


def parse_id(raw: Any, *, field: str, default: int | None = None) -> int | None:
    """A primary key from a query or form value: a positive integer that fits the column."""
    return parse_int(raw, field=field, minimum=1, maximum=MAX_ID, default=default)


def parse_year(raw: Any, *, field: str = "year", default: int | None = None) -> int | None:
    return parse_int(raw, field=field, minimum=MIN_YEAR, maximum=MAX_YEAR, default=default)


def text_problem(value: str, max_length: int | None = None) -> tuple[str, str, str] | None:
    """What is wrong with a text, as (code, zh, en), or None."""
    if "\x00" in value:
        return "nul_character", "不能包含空字符（NUL）", "must not contain NUL characters"
    if _SURROGATE.search(value):
        return "invalid_character", "包含无效字符（孤立的代理项）", "contains an invalid character (a lone surrogate)"
    if max_length is not None and len(value) > max_length:
        return "text_too_long", f"不能超过 {max_length} 个字符", f"must be at most {max_length} characters"
    return None


def check_text(value: str | None, *, field: str, max_length: int | None = None, label: str = "") -> str | None:
    if value is None:
        return None
    problem = text_problem(str(value), max_length)
    if problem:
        code, zh, en = problem
        raise refuse(code, f"{label or field}{zh}", f"{field} {en}", field)
    return value


def year_problem(year: int) -> bool:
    return not MIN_YEAR <= year <= MAX_YEAR


def check_date(value: date | datetime | None, *, field: str) -> date | datetime | None:
    """A date or time within ``MIN_YEAR..MAX_YEAR`` (the statistics' plausibility rules are stricter:
    ``sixia.core.plausibility``)."""
    if value is not None and year_problem(value.year):
        raise refuse("date_out_of_range", f"日期应在 {MIN_YEAR} 年到 {MAX_YEAR} 年之间",
                     f"{field}: the date must lie between the years {MIN_YEAR} and {MAX_YEAR}", field)
    return value


def check_number(value: float | int | Decimal | None, *, field: str, minimum: float | None = None,
                 maximum: float | None = None) -> float | int | Decimal | None:
    """A finite number (no NaN, no infinity) within the optional range."""
    if value is None:
        return None
    finite = value.is_finite() if isinstance(value, Decimal) else math.isfinite(value)
    if not finite:
        raise refuse("number_not_finite", "数值无效（非有限数）", f"{field} must be a finite number", field)
    if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
        raise refuse("number_out_of_range", f"数值应在 {minimum} 到 {maximum} 之间",
                     f"{field} must be between {minimum} and {maximum}", field)
    return value


# ---- the model guard: every save of every model of the platform ----

def _int_range(field) -> tuple[int | None, int | None]:
    from django.db import connection

    low, high = connection.ops.integer_field_range(field.get_internal_type())
    if getattr(field, "_sixia_positive", None) is None:
        field._sixia_positive = field.get_internal_type().startswith("Positive")
    if field._sixia_positive:
        low = 0
    return low, high


def check_model_values(instance) -> None:
    """Every concrete text, integer, decimal, float and date field of ``instance`` against the rules above.

    The field's verbose name is the label of the message; the field's name is the error's ``field``."""
    from django.db import models

    for field in instance._meta.concrete_fields:
        value = getattr(instance, field.attname, None)
        if value is None:
            continue
        label = str(field.verbose_name)
        if isinstance(value, str) and isinstance(field, (models.CharField, models.TextField)):
            check_text(value, field=field.name, max_length=field.max_length, label=label)
        elif isinstance(field, (models.IntegerField, models.BigIntegerField)) and isinstance(value, int) \
                and not isinstance(value, bool):
            low, high = _int_range(field)
            if (low is not None and value < low) or (high is not None and value > high):
                raise refuse("integer_out_of_range", f"{label}的数值超出范围", f"{field.name} is out of range",
                             field.name)
        elif isinstance(value, (float, Decimal)):
            check_number(value, field=field.name)
        elif isinstance(value, (date, datetime)) and isinstance(field, models.DateField):
            check_date(value, field=field.name)


def _guard(sender, instance, raw=False, **kwargs) -> None:
    if not raw and sender.__module__.startswith("sixia."):  # fixtures (loaddata) are trusted
        check_model_values(instance)


def install_model_guard() -> None:
    """Connect the guard to ``pre_save`` of the platform's own models (``sixia.*``)."""
    from django.db.models.signals import pre_save

    pre_save.connect(_guard, dispatch_uid="sixia.core.validation.guard")


class SaneInputMixin:
    """For Django forms: the same rules for what a page typed — no NUL or lone surrogate in a text, dates within
    ``MIN_YEAR..MAX_YEAR``, finite numbers — as a field error in the page's language, so the form is shown
    again with everything typed instead of a 500 from the database. Put it first among the bases."""

    cleaned_data: dict[str, Any]

    def clean(self):
        from sixia.core.errors import error_text

        cleaned = super().clean()  # type: ignore[misc]
        for name, value in list((cleaned or self.cleaned_data).items()):
            try:
                if isinstance(value, str):
                    check_text(value, field=name)
                elif isinstance(value, (date, datetime)):
                    check_date(value, field=name)
                elif isinstance(value, (float, Decimal)):
                    check_number(value, field=name)
            except InvalidInput as exc:
                self.add_error(name, error_text(exc))  # type: ignore[attr-defined]
        return cleaned
