"""Checks on what the public types: bounded, no NUL or lone surrogates, and never an Excel formula.

Markup is no risk here (templates autoescape); a leading ``= + - @`` (or tab / CR) would become a formula when
an official exports the case to a spreadsheet, so such text is kept but prefixed with an apostrophe.
"""

from __future__ import annotations

from sixia.core.errors import InvalidInput

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def clean(value: object, *, field: str, label_zh: str, label_en: str, limit: int, required: bool = True) -> str:
    text = "" if value is None else str(value)
    if "\x00" in text or any(0xD800 <= ord(ch) <= 0xDFFF for ch in text):
        raise InvalidInput("invalid_characters", f"{label_zh}含有无效字符", f"{label_en} contains invalid characters",
                           field=field)
    text = text.strip()
    if required and not text:
        raise InvalidInput(f"{field}_required", f"{label_zh}不能为空", f"{label_en} is required", field=field)
    if len(text) > limit:
        raise InvalidInput(f"{field}_too_long", f"{label_zh}不能超过{limit}个字", f"{label_en} is longer than {limit}",
                           field=field)
    return defuse(text)


def defuse(text: str) -> str:
    """Keep the text, but never let a spreadsheet read it as a formula."""
    return "'" + text if text.startswith(FORMULA_START) else text
