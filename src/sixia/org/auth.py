"""Authentication with lockout after repeated failures (等保2.0 登录失败处理).

Two counters, one message. django-axes counts failures per client address (``SIXIA_LOGIN_ADDRESS_LIMIT``
in ``SIXIA_LOCKOUT_MINUTES``: 40 usernames tried from one address are throttled) for the login form, the
Django admin and the API's token authentication. The account's own counter (``User.failed_logins`` /
``locked_until``) locks a username after ``SIXIA_LOCKOUT_THRESHOLD`` failures and also shuts its API tokens;
a username that does not exist is locked the same way from axes' per-username records, so the answer —
always ``LOCKED_MESSAGE``, whichever counter tripped — never tells whether an account exists.
"""

from __future__ import annotations

from datetime import timedelta

from axes.backends import AxesStandaloneBackend
from axes.handlers.proxy import AxesProxyHandler
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db.models import F, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sixia.core.errors import TooManyAttempts


def locked_message() -> str:
    return str(_("登录失败次数过多，已暂时锁定，请 %(minutes)s 分钟后再试 (too many failed logins, try again later)。")
               % {"minutes": settings.LOCKOUT_MINUTES})


def too_many_attempts() -> TooManyAttempts:
    minutes = settings.LOCKOUT_MINUTES
    return TooManyAttempts("too_many_attempts", f"登录失败次数过多，已暂时锁定，请 {minutes} 分钟后再试",
                           f"too many failed logins, try again in {minutes} minutes")


class LockoutModelBackend(AxesStandaloneBackend, ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is not None:  # the login form and the admin pass one (the test client's login() does not)
            # Raises PermissionDenied when the address is locked out: Django then reports a failed login.
            super().authenticate(request, username=username, password=password, **kwargs)
        if username and username_locked(username):
            return None  # counted as a failure, but the password is not even checked while locked
        return ModelBackend.authenticate(self, request, username=username, password=password, **kwargs)


def username_locked(username: str) -> bool:
    """Whether ``username`` is locked: the account's lock, or — for a name no account has — as many failures in
    the lockout window as would lock an account (axes' records), so both answer alike."""
    user = get_user_model()._default_manager.filter(username=username).first()
    if user is not None:
        return user.is_locked()
    since = timezone.now() - timedelta(minutes=settings.LOCKOUT_MINUTES)
    failures = AccessAttempt.objects.filter(username=username, attempt_time__gte=since).aggregate(
        n=Sum("failures_since_start"))["n"] or 0
    return failures >= settings.LOCKOUT_THRESHOLD


def address_allowed(request) -> bool:
    """Whether the client address of ``request`` is not locked out by axes (always, when axes is off)."""
    return not settings.AXES_ENABLED or AxesProxyHandler.is_allowed(request, {})


def may_use_api(user) -> bool:
    """A token or session opens the API only for an active account that is not locked out: deactivating a user
    or locking it after repeated failed logins shuts its existing tokens too (401)."""
    return bool(user is not None and user.is_active and not user.is_locked())


def register_failure(username: str) -> bool:
    """Count one failure; lock the account when the threshold is reached. Returns whether it is locked."""
    user_model = get_user_model()
    updated = user_model._default_manager.filter(username=username)
    if not updated.update(failed_logins=F("failed_logins") + 1):
        return False
    user = updated.first()
    if user is None:
        return False
    if user.failed_logins >= settings.LOCKOUT_THRESHOLD and not user.is_locked():
        user.locked_until = timezone.now() + timedelta(minutes=settings.LOCKOUT_MINUTES)
        user.save(update_fields=["locked_until"])
    return user.is_locked()


def register_success(user) -> None:
    if user.failed_logins or user.locked_until:
        type(user)._default_manager.filter(pk=user.pk).update(failed_logins=0, locked_until=None)
