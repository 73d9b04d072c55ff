"""The TOTP second factor: required roles enrol on first login and give a code on every later one; others are
not asked unless they enrolled; a wrong code counts like a wrong password and is audited."""

from __future__ import annotations

import pytest
from django.test import Client, override_settings
from django_otp.plugins.otp_totp.models import TOTPDevice

from sixia.core.models import AuditEntry
from tests.conftest import PASSWORD, enrol_totp, totp_token

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("otp_on")]


@pytest.fixture
def otp_on():
    with override_settings(OTP_REQUIRED_ROLES=frozenset({"admin", "organization_dept", "auditor"})):
        yield


def _login(username: str) -> tuple[Client, str]:
    client = Client()
    r = client.post("/accounts/login/", {"username": username, "password": PASSWORD})
    assert r.status_code == 302
    return client, r["Location"]


def test_an_auditor_enrols_on_first_login_then_gets_in(auditor):
    client, _ = _login("auditor")
    r = client.get("/audit/")
    assert r.status_code == 302 and r["Location"].startswith("/accounts/otp/setup/")
    page = client.get(r["Location"])
    assert page.status_code == 200 and b"<svg" in page.content and b"otpauth://totp/" in page.content
    device = TOTPDevice.objects.get(user=auditor, confirmed=False)
    assert page.context["secret"] in page.content.decode()
    r = client.post("/accounts/otp/setup/", {"token": totp_token(device), "next": "/audit/"})
    assert r.status_code == 302 and r["Location"] == "/audit/"
    assert client.get("/audit/").status_code == 200
    assert TOTPDevice.objects.get(user=auditor).confirmed
    assert AuditEntry.objects.filter(actor=auditor, object_type="otp_totp.totpdevice", action="create").exists()


def test_a_later_login_asks_for_the_code_and_a_wrong_one_is_counted(auditor):
    device = enrol_totp(auditor)
    client, _ = _login("auditor")
    assert client.get("/").headers["Location"].startswith("/accounts/otp/?next=")
    r = client.post("/accounts/otp/", {"token": "000000" if totp_token(device) != "000000" else "111111"})
    assert r.status_code == 422
    auditor.refresh_from_db()
    assert auditor.failed_logins == 1
    assert AuditEntry.objects.filter(action="login_failed", object_id="auditor", summary="双因素验证码错误").exists()
    # django-otp backs off after a wrong code (1 s, doubling): the test does not wait for it.
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_count=0, throttling_failure_timestamp=None)
    r = client.post("/accounts/otp/", {"token": totp_token(device), "next": "/"})
    assert r.status_code == 302 and client.get("/").status_code == 200


def test_the_api_session_of_an_unverified_admin_is_refused_but_its_token_works(owner, token_for):
    client, _ = _login("owner")
    assert client.get("/api/v1/cases").status_code == 401
    assert Client().get("/api/v1/cases", headers=token_for(owner)).status_code == 200


def test_a_handler_is_not_asked_but_may_enrol(colleague):
    client, _ = _login("colleague")
    assert client.get("/").status_code == 200
    assert client.get("/accounts/otp/setup/").status_code == 200
    with override_settings(OTP_OPTIONAL=False):
        assert client.get("/accounts/otp/setup/").status_code == 404


def test_a_handler_who_enrolled_must_give_the_code(colleague):
    enrol_totp(colleague)
    client, _ = _login("colleague")
    assert client.get("/").status_code == 302
