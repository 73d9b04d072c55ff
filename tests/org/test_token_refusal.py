"""A deactivated or locked-out user's API tokens are refused (401), by the bearer token and by the session."""

from __future__ import annotations

from datetime import timedelta

from django.test import Client
from django.utils import timezone

from sixia.org.models import User
from tests.conftest import PASSWORD


def test_it_accepts_an_active_users_token(api, colleague, token_for):
    assert api.get("/cases", headers=token_for(colleague)).status_code == 200


def test_it_refuses_a_deactivated_users_token(api, colleague, token_for):
    headers = token_for(colleague)
    User.objects.filter(pk=colleague.pk).update(is_active=False)  # deactivated by any path, tokens not revoked
    r = api.get("/cases", headers=headers)
    assert r.status_code == 401 and r.json()["code"] == "unauthorized"


def test_it_refuses_a_locked_users_token_until_the_lock_expires(api, colleague, token_for, settings):
    headers = token_for(colleague)
    for _ in range(settings.LOCKOUT_THRESHOLD):  # the real way to get locked: failed sign-ins
        Client().post("/accounts/login/", {"username": "colleague", "password": "wrong"})
    assert User.objects.get(pk=colleague.pk).is_locked()
    assert api.get("/cases", headers=headers).status_code == 401
    User.objects.filter(pk=colleague.pk).update(locked_until=timezone.now() - timedelta(seconds=1))
    assert api.get("/cases", headers=headers).status_code == 200


def test_it_refuses_a_locked_users_session(client, colleague):
    assert client.login(username="colleague", password=PASSWORD)
    assert client.get("/api/v1/cases").status_code == 200
    User.objects.filter(pk=colleague.pk).update(locked_until=timezone.now() + timedelta(minutes=5))
    assert client.get("/api/v1/cases").status_code == 401
