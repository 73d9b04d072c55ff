"""Authentication with lockout after repeated failures (等保2.0 登录失败处理)."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db.models import F
from django.utils import timezone


class LockoutModelBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        user_model = get_user_model()
        user = user_model._default_manager.filter(username=username).first() if username else None
        if user is not None and user.is_locked():
            # Counted as a failure but the password is not even checked while locked.
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


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
