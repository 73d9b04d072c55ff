"""GeoReport v2 at ``/open311/v2/`` (docs/open311.md). Thin: parse with ``inputs``, read with ``selectors``, write
with ``services``, answer with ``formats``. Every refusal is the spec's error array with its HTTP status (400, 403,
404) in the requested format; nothing a caller sends can produce a 500 page."""

from __future__ import annotations

import functools
import logging

from django.conf import settings
from django.core.exceptions import BadRequest, RequestDataTooBig, SuspiciousOperation
from django.urls import reverse
from django.utils.module_loading import import_string
from django.views.decorators.csrf import csrf_exempt

from sixia.core import throttle
from sixia.core.errors import DomainError, Forbidden, NotFound, TooManyRequests, error_text
from sixia.open311 import inputs, payloads, selectors, services
from sixia.open311.formats import errors, respond

log = logging.getLogger(__name__)
STATUSES = {"open", "closed"}


def _status_of(exc: DomainError) -> int:
    # the spec knows 403 (key), 404 (no such resource) and 400 (anything else)
    return 403 if isinstance(exc, Forbidden) else 404 if isinstance(exc, NotFound) else 400


def refusal(fmt: str, status: int, zh: str, en: str):
    """An error array whose description is in the caller's language (Accept-Language), Chinese by default."""
    return errors(fmt, status, error_text(DomainError("open311", zh, en)))


def allowed_by_rate_limit(request, kind: str) -> bool:
    """The rate-limit hook: ``SIXIA_OPEN311_RATE_LIMIT`` may name ``f(request, kind) -> bool`` (kind is ``read``
    or ``write``); unset, the platform's own limit per client address applies (``core.throttle``, scope
    ``open311``, ``SIXIA_THROTTLE_OPEN311``)."""
    path = settings.OPEN311_RATE_LIMIT
    if path:
        return bool(import_string(path)(request, kind))
    try:
        throttle.limit(request, scope="open311", key="ip")  # throttle: open311
    except TooManyRequests:
        return False
    return True


def endpoint(*methods: str):
    def wrap(view):
        @csrf_exempt  # a machine API: no cookies are read, writes authenticate with api_key
        @functools.wraps(view)
        def run(request, *args, fmt: str = "json", **kwargs):
            if request.method not in methods:
                return refusal(fmt, 400, f"此处不支持 {request.method} 方法", f"method {request.method} not supported here")
            if not allowed_by_rate_limit(request, "write" if request.method == "POST" else "read"):
                return refusal(fmt, 429, "请求过于频繁，请稍后再试", "too many requests")
            try:
                inputs.text(request.GET.get("jurisdiction_id"), "jurisdiction_id")  # one jurisdiction: ignored
                return view(request, *args, fmt=fmt, **kwargs)
            except DomainError as exc:
                return errors(fmt, _status_of(exc), error_text(exc))
            except (RequestDataTooBig, SuspiciousOperation, BadRequest, UnicodeError, ValueError) as exc:
                log.info("open311: refused a malformed request: %s", type(exc).__name__)
                return refusal(fmt, 400, "请求格式无效", "malformed request")
        return run
    return wrap


@endpoint("GET")
def discovery(request, fmt):
    return respond(fmt, "discovery", payloads.discovery(request.build_absolute_uri(reverse("open311:root"))))


@endpoint("GET")
def service_list(request, fmt):
    return respond(fmt, "services", [payloads.service(c) for c in selectors.services()])


@endpoint("GET")
def service_definition(request, code, fmt):
    category = selectors.service(inputs.code(code, "service_code"))
    if category is None:
        return refusal(fmt, 404, f"服务代码不存在：{code}", f"service_code {code} not found")
    return respond(fmt, "service_definition", payloads.definition(category))


@endpoint("GET", "POST")
def request_list(request, fmt):
    if request.method == "POST":
        return _create(request, fmt)
    q = request.GET
    ids = inputs.codes(q.get("service_request_id"), "service_request_id")
    statuses = [s.lower() for s in inputs.codes(q.get("status"), "status")]
    if set(statuses) - STATUSES:
        return refusal(fmt, 400, "status 只能是 open、closed 或两者", "status must be open, closed or both")
    start, end = inputs.date_time(q.get("start_date"), "start_date"), inputs.date_time(q.get("end_date"), "end_date")
    if start and end and not (start <= end <= start + selectors.WINDOW):
        return refusal(fmt, 400, "start_date 须早于 end_date，且相隔不超过90天",
                       "start_date must precede end_date by at most 90 days")
    rows = selectors.requests(ids=ids, service_codes=inputs.codes(q.get("service_code"), "service_code"),
                              statuses=statuses, start=start, end=end)
    return respond(fmt, "service_requests", [payloads.request(c) for c in rows])


@endpoint("GET")
def request_detail(request, request_id, fmt):
    case = selectors.request(inputs.code(request_id, "service_request_id"))
    if case is None:
        return refusal(fmt, 404, f"服务请求不存在：{request_id}", f"service request {request_id} not found")
    return respond(fmt, "service_requests", [payloads.request(case)])


def _create(request, fmt):
    if int(request.META.get("CONTENT_LENGTH") or 0) > inputs.MAX_BODY_BYTES:
        return refusal(fmt, 400, "请求体过大", "request body too large")
    if request.content_type not in ("application/x-www-form-urlencoded", ""):
        return refusal(fmt, 400, "请求体须为 application/x-www-form-urlencoded",
                       "the body must be application/x-www-form-urlencoded")
    form = request.POST
    key = form.get("api_key") or request.GET.get("api_key") or ""
    client = services.authenticate(key) if len(key) <= inputs.MAX["api_key"] else None
    if client is None:
        return refusal(fmt, 403, "api_key 缺失或无效", "api_key missing or invalid")
    code = inputs.code(form.get("service_code"), "service_code")
    if not code:
        return refusal(fmt, 400, "service_code 不能为空", "service_code is required")
    inputs.text(form.get("jurisdiction_id"), "jurisdiction_id")
    for name in ("email", "device_id", "account_id"):  # accepted by the spec, bounded, not kept (privacy)
        inputs.text(form.get(name), name)
    sub = services.Submission(
        service_code=code, description=inputs.text(form.get("description"), "description", multiline=True),
        lat=inputs.coordinate(form.get("lat"), "lat", 90), long=inputs.coordinate(form.get("long"), "long", 180),
        address_string=inputs.text(form.get("address_string"), "address_string"),
        address_id=inputs.text(form.get("address_id"), "address_id"),
        region_code=inputs.code(form.get(f"attribute[{payloads.REGION_ATTRIBUTE}]"), "attribute"),
        first_name=inputs.text(form.get("first_name"), "first_name"),
        last_name=inputs.text(form.get("last_name"), "last_name"),
        phone=inputs.text(form.get("phone"), "phone"), media_url=_media_url(form.get("media_url")))
    case = services.submit_request(client=client, submission=sub)
    return respond(fmt, "service_requests", [payloads.created(case)])


def _media_url(value: str | None) -> str:
    url = inputs.text(value, "media_url")
    if url and not url.lower().startswith(("https://", "http://")):
        raise inputs.invalid("media_url", "media_url 须为 http(s) 链接", "media_url must be an http(s) URL")
    return url


def not_found(request, rest: str = ""):
    fmt = "xml" if rest.endswith(".xml") else "json"
    return refusal(fmt, 404, "没有这个资源，见 discovery.json", "no such resource; see discovery.json")
