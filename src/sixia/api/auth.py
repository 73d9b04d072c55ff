"""API authentication: ``Authorization: Bearer <token>`` or the browser session (with CSRF)."""

from __future__ import annotations

from django.utils import timezone
from ninja.security import HttpBearer, SessionAuth

from sixia.core import context
from sixia.org.auth import may_use_api
from sixia.org.models import ApiToken


def _bind(request, user):
    # The middleware ran before authentication; re-bind the audit context to the authenticated user.
    context.set_current(context.RequestContext(user=user, ip=request.META.get("REMOTE_ADDR", ""), channel="api"))
    request.user = user
    return user


class BearerToken(HttpBearer):
    def authenticate(self, request, token):
        row = (
            ApiToken.objects.select_related("user")
            .filter(digest=ApiToken.digest_of(token), revoked=False, user__is_active=True)
            .first()
        )
        if row is None or not may_use_api(row.user):
            return None
        ApiToken.objects.filter(pk=row.pk).update(last_used_at=timezone.now())
        return _bind(request, row.user)


class Session(SessionAuth):
    def authenticate(self, request, key):
        user = super().authenticate(request, key)
        return _bind(request, user) if user and may_use_api(user) else None


AUTH = [BearerToken(), Session()]
