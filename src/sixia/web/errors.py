"""A domain error's text for the page being rendered: in English the English text alone, otherwise the bilingual
message (Chinese first) that pages have always shown."""

from __future__ import annotations

from django.utils.translation import get_language

from sixia.core.errors import DomainError


def error_text(exc: DomainError) -> str:
    if (get_language() or "").startswith("en") and exc.message_en:
        return exc.message_en
    return exc.message
