"""API authentication: ``Authorization: Bearer <token>`` or the browser session (with CSRF).

``needs(code)`` is the same authentication for one write operation, followed by the right ``code`` of the one
permission model (``sixia.core.permissions``): a caller without it gets 403 before the body is even read, the
answer the service itself would give. Every write operation of the API names its right this way (a test checks).
"""

from __future__ import annotations

from datetime import timedelta
from functools import wraps

from django.contrib.auth.models import Group
from django.contrib.auth.signals import user_login_failed
from django.contrib.auth.views import redirect_to_login
from django.db.models import OuterRef, StringAgg, Subquery, Value
from django.http import JsonResponse
from django.utils import timezone
from ninja.security import HttpBearer, SessionAuth

from sixia.core import context, permissions
from sixia.core.middleware import client_ip
from sixia.org.auth import address_allowed, may_use_api, too_many_attempts
from sixia.org.models import ApiToken

# The user's role names (Django groups) as one comma-separated text: role codes have no commas.
ROLE_NAMES = Subquery(Group.objects.filter(user=OuterRef("user_id")).order_by()
                      .values("user").annotate(names=StringAgg("name", Value(","))).values("names")[:1])
LAST_USE_RESOLUTION = timedelta(minutes=1)  # how precisely a token's last use is recorded


def _bind(request, user):
    # The middleware ran before authentication; re-bind the audit context to the authenticated user.
    context.set_current(context.RequestContext(user=user, ip=client_ip(request), channel="api"))
    request.user = user
    return user


class BearerToken(HttpBearer):
    right: str | None = None  # set by needs(): the permission this operation checks before reading the body
    named_right: str | None = None  # …and the one it names (the service may check it itself)

    def authenticate(self, request, token):
        row = (
            ApiToken.objects.select_related("user__unit", "user__official")  # the unit and name every write records
            .annotate(role_names=ROLE_NAMES)  # the roles every right is checked against, in the same statement
            .filter(digest=ApiToken.digest_of(token), revoked=False)
            .first()
        )
        if row is not None:
            row.user.__dict__["roles"] = frozenset(filter(None, (row.role_names or "").split(",")))
        if row is None or not may_use_api(row.user):
            # The address counter is read on failures only: a token is 256 random bits, so the throttle is
            # against noise and scanning, not guessing — and valid calls pay no extra statement for it.
            if not address_allowed(request):  # too many failures from this address (axes): 429
                raise too_many_attempts()
            # Unknown, revoked, or its user deactivated/locked: a failed login, audited with the client address
            # and counted per address like a wrong password (never per account: a token is not a password).
            user_login_failed.send(sender=__name__, request=request, credentials={
                "username": "", "api_token": row.user.username if row else "unknown"})
            return None
        now = timezone.now()
        if row.last_used_at is None or now - row.last_used_at >= LAST_USE_RESOLUTION:
            # at most once a minute: a busy client would otherwise pay an UPDATE (and a row lock) per call
            ApiToken.objects.filter(pk=row.pk).update(last_used_at=now)
        return _gate(self.right, _bind(request, row.user))


class Session(SessionAuth):
    right: str | None = None
    named_right: str | None = None

    def authenticate(self, request, key):
        user = super().authenticate(request, key)
        return _gate(self.right, _bind(request, user)) if user and may_use_api(user) else None


def _gate(right: str | None, user):
    if right is not None:
        permissions.require(user, right)  # Forbidden → 403 through the API's DomainError handler
    return user


AUTH = [BearerToken(), Session()]


def needs(right: str, *, early: bool = True) -> list:
    """``auth=`` of a write operation: authenticate as AUTH does, then require ``right``.

    ``early=False`` names the right without checking it here, for a service that must record a refusal itself
    (revealing personal data is audited whether allowed or not)."""
    permissions.right(right)  # an unknown code fails when the URLs load, not on a request
    bearer, session = BearerToken(), Session()
    for auth in (bearer, session):
        auth.right = right if early else None
        auth.named_right = right
    return [bearer, session]


def docs_need_login(view):
    """``docs_decorator`` of the API: the interactive docs and ``openapi.json`` describe every operation, so they
    are for signed-in officials (a session — verified when it needs a second factor — or a bearer token)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        user = request.user if request.user.is_authenticated and may_use_api(request.user) else None
        if user is None and request.headers.get("Authorization", "").startswith("Bearer "):
            row = ApiToken.objects.select_related("user").filter(
                digest=ApiToken.digest_of(request.headers["Authorization"][7:].strip()), revoked=False).first()
            user = row.user if row is not None and may_use_api(row.user) else None
        if user is None:
            if request.path.endswith("/docs"):
                return redirect_to_login(request.get_full_path())
            return JsonResponse({"code": "unauthorized", "message": "请先登录 (authentication required)"}, status=401)
        return view(request, *args, **kwargs)

    return wrapped
