"""Domain errors carry a stable code and a message in Chinese and English.

Faces translate them: the API into ``{code, message}`` JSON, pages into a form error.
"""

from __future__ import annotations


class DomainError(Exception):
    """A rule refused an input or an action. Nothing was changed."""

    status = 400

    def __init__(self, code: str, message_zh: str, message_en: str = "", *, field: str | None = None):
        super().__init__(message_zh)
        self.code = code
        self.message_zh = message_zh
        self.message_en = message_en or message_zh
        self.field = field

    @property
    def message(self) -> str:
        """Bilingual message, Chinese first: ``身份证号码校验位错误 (ID number check digit is wrong)``."""
        if self.message_en and self.message_en != self.message_zh:
            return f"{self.message_zh} ({self.message_en})"
        return self.message_zh

    def as_dict(self) -> dict[str, str]:
        data = {"code": self.code, "message": self.message}
        if self.field:
            data["field"] = self.field
        return data


class InvalidInput(DomainError):
    status = 422


class NotFound(DomainError):
    status = 404


class Forbidden(DomainError):
    status = 403


class Conflict(DomainError):
    status = 409


class TooManyAttempts(DomainError):
    """Too many failed logins (from one address, or for one username): try again later."""

    status = 429


class TooManyRequests(DomainError):
    """An anonymous client (one address, or one phone) asked too often: 429, nothing was done."""

    status = 429

    def __init__(self, code: str = "too_many_requests", message_zh: str = "操作过于频繁，请稍后再试",
                 message_en: str = "too many requests; please try again later", *, field: str | None = None):
        super().__init__(code, message_zh, message_en, field=field)


def error_text(exc: DomainError) -> str:
    """A refusal in the language of the page being rendered: the English text alone in English, otherwise the
    bilingual message (Chinese first) pages have always shown."""
    from django.utils.translation import get_language

    if (get_language() or "").startswith("en") and exc.message_en:
        return exc.message_en
    return exc.message


def page_status(exc: DomainError, invalid: int = 422) -> int:
    """The status of a form page that shows a refusal: 403 when the rule refused the user, else ``invalid`` —
    a query code or id typed into the form that names nothing is an input error on a page that exists; 429 when
    the client asked too often."""
    return exc.status if isinstance(exc, Forbidden | TooManyRequests | TooManyAttempts) else invalid


def page_text(exc: DomainError) -> str:
    """A refusal in the page's language only (English, else Chinese): for public pages, which must not mix."""
    from django.utils.translation import get_language

    if (get_language() or "").startswith("en") and exc.message_en:
        return exc.message_en
    return exc.message_zh
