"""The REST API at ``/api/v1/``: one NinjaAPI; each app contributes a ``router`` in its ``api.py``.

Apps are discovered from INSTALLED_APPS, so adding an app's API needs no edit here.
"""

from __future__ import annotations

import logging

from django.db import DataError, IntegrityError
from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from sixia.api.auth import AUTH, docs_need_login
from sixia.api.openapi import declare_error_responses
from sixia.api.validation import SafeParser
from sixia.core.errors import DomainError
from sixia.core.hooks import app_modules

log = logging.getLogger("sixia.api")

api = NinjaAPI(
    title="四下基层工作平台 API (Sixia)",
    version="1.0.0",
    description="四下基层工作平台接口：行政区划、组织、群众、诉求案件、下基层活动。所有查询均按管辖范围限定。",
    auth=AUTH,
    urls_namespace="api-v1",
    docs_decorator=docs_need_login,
    parser=SafeParser(),  # NUL, lone surrogates, NaN, absurd integers and dates refused for every operation
)


def _error(request, status: int, code: str, message: str, **extra):
    return api.create_response(request, {"code": code, "message": message, **extra}, status=status)


@api.exception_handler(DomainError)
def on_domain_error(request, exc: DomainError):
    return _error(request, exc.status, **exc.as_dict())


# The commonest schema refusals, said as the domain errors say them: a stable code and the field, Chinese first.
_SCHEMA_ERRORS = {
    "string_too_long": ("too_long", "{field} 过长（最多 {max_length} 个字符）", "{field} is too long (at most {max_length})"),
    "missing": ("required", "缺少 {field}", "{field} is required"),
}


def _field_of(loc) -> str:
    """The innermost named part of a pydantic location (``['body', 'payload', 'petitioners', 0, 'name']``)."""
    names = [str(part) for part in loc if isinstance(part, str) and part not in ("body", "payload", "query", "path")]
    return names[-1] if names else ""


@api.exception_handler(ValidationError)
def on_validation_error(request, exc: ValidationError):
    first = exc.errors[0] if exc.errors else {}
    field = _field_of(first.get("loc", ()))
    known = _SCHEMA_ERRORS.get(first.get("type", ""))
    if known and field:
        code, zh, en = known
        values = {"field": field, **(first.get("ctx") or {})}
        return _error(request, 422, code, f"{zh.format(**values)} ({en.format(**values)})", errors=exc.errors,
                      field=field)
    extra = {"field": field} if field else {}
    return _error(request, 422, "invalid_input", "请求数据格式不正确 (invalid request data)", errors=exc.errors,
                  **extra)


@api.exception_handler(AuthenticationError)
def on_auth_error(request, exc):
    return _error(request, 401, "unauthorized", "未登录或令牌无效 (not authenticated)")


@api.exception_handler(Http404)
def on_404(request, exc):
    return _error(request, 404, "not_found", "对象不存在或不在您的管辖范围内 (not found)")


@api.exception_handler(HttpError)
def on_http_error(request, exc: HttpError):
    if isinstance(exc.__cause__, DomainError):  # the parser refused the body (ninja wraps what it raises)
        return on_domain_error(request, exc.__cause__)
    return _error(request, exc.status_code, "http_error", str(exc))


# The last line only: input is validated before the database (sixia.api.validation, sixia.core.validation).
# What still reaches it is a gap in that validation, answered 4xx rather than 500 and logged to be closed.

@api.exception_handler(IntegrityError)
def on_integrity_error(request, exc: IntegrityError):
    log.warning("integrity error reached the API handler: %s %s: %s", request.method, request.path, exc)
    return _error(request, 409, "conflict", "数据与现有记录冲突或不符合约束 (the data conflicts with a constraint)")


@api.exception_handler(DataError)
def on_data_error(request, exc: DataError):
    log.warning("data error reached the API handler: %s %s: %s", request.method, request.path, exc)
    return _error(request, 422, "invalid_input", "数据超出字段允许的范围 (a value does not fit its field)")


@api.exception_handler(OverflowError)
def on_overflow(request, exc: OverflowError):
    log.warning("overflow reached the API handler: %s %s: %s", request.method, request.path, exc)
    return _error(request, 422, "invalid_input", "数值或日期超出范围 (a number or date is out of range)")


def _register_app_routers() -> None:
    for _app, module in app_modules("api", skip="sixia.api"):
        router = getattr(module, "router", None)
        if router is not None:
            api.add_router(getattr(module, "PREFIX", ""), router)


_register_app_routers()
declare_error_responses(api)
