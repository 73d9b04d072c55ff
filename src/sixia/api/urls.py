"""The REST API at ``/api/v1/``: one NinjaAPI; each app contributes a ``router`` in its ``api.py``.

Apps are discovered from INSTALLED_APPS, so adding an app's API needs no edit here.
"""

from __future__ import annotations

from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from sixia.api.auth import AUTH, docs_need_login
from sixia.core.errors import DomainError
from sixia.core.hooks import app_modules

api = NinjaAPI(
    title="四下基层工作平台 API (Sixia)",
    version="1.0.0",
    description="四下基层工作平台接口：行政区划、组织、群众、诉求案件、下基层活动。所有查询均按管辖范围限定。",
    auth=AUTH,
    urls_namespace="api-v1",
    docs_decorator=docs_need_login,
)


def _error(request, status: int, code: str, message: str, **extra):
    return api.create_response(request, {"code": code, "message": message, **extra}, status=status)


@api.exception_handler(DomainError)
def on_domain_error(request, exc: DomainError):
    return _error(request, exc.status, **exc.as_dict())


@api.exception_handler(ValidationError)
def on_validation_error(request, exc: ValidationError):
    return _error(request, 422, "invalid_input", "请求数据格式不正确 (invalid request data)", errors=exc.errors)


@api.exception_handler(AuthenticationError)
def on_auth_error(request, exc):
    return _error(request, 401, "unauthorized", "未登录或令牌无效 (not authenticated)")


@api.exception_handler(Http404)
def on_404(request, exc):
    return _error(request, 404, "not_found", "对象不存在或不在您的管辖范围内 (not found)")


@api.exception_handler(HttpError)
def on_http_error(request, exc: HttpError):
    return _error(request, exc.status_code, "http_error", str(exc))


def _register_app_routers() -> None:
    for _app, module in app_modules("api", skip="sixia.api"):
        router = getattr(module, "router", None)
        if router is not None:
            api.add_router(getattr(module, "PREFIX", ""), router)


_register_app_routers()
