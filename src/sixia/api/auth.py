"""API authentication: ``Authorization: Bearer <token>`` or the browser session (with CSRF).

``needs(code)`` is the same authentication for one write operation, followed by the right ``code`` of the one
permission model (``sixia.core.permissions``): a caller without it gets 403 before the body is even read, the
answer the service itself would give. Every write operation of the API names its right this way (a test checks).
"""

from __future__ import annotations

from django.utils import timezone
from ninja.security import HttpBearer, SessionAuth

from sixia.core import context, permissions
from sixia.org.auth import may_use_api
from sixia.org.models import ApiToken


def _bind(request, user):
    # The middleware ran before authentication; re-bind the audit context to the authenticated user.
    context.set_current(context.RequestContext(user=user, ip=request.META.get("REMOTE_ADDR", ""), channel="api"))
    request.user = user
    return user


class BearerToken(HttpBearer):
    right: str | None = None  # set by needs(): the permission this operation checks before reading the body
    named_right: str | None = None  # …and the one it names (the service may check it itself)

    def authenticate(self, request, token):
        row = (
            ApiToken.objects.select_related("user")
            .filter(digest=ApiToken.digest_of(token), revoked=False, user__is_active=True)
            .first()
        )
        if row is None or not may_use_api(row.user):
            return None
        ApiToken.objects.filter(pk=row.pk).update(last_used_at=timezone.now())
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
