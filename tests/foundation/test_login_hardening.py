"""Login hardening: one lockout message whether the username exists or not, throttling per client address
(login form and API tokens), HTTPS settings, the Content Security Policy, API docs behind a login."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client, override_settings

from tests.conftest import PASSWORD

LOCKED = "登录失败次数过多"


def _fail(client, username, times, addr="192.0.2.1"):
    return [client.post("/accounts/login/", {"username": username, "password": "wrong"}, REMOTE_ADDR=addr)
            for _ in range(times)]


@override_settings(LOCKOUT_THRESHOLD=3)
def test_the_lockout_message_is_the_same_for_an_existing_and_an_unknown_user(owner):
    answers = {}
    for username, addr in (("owner", "192.0.2.1"), ("no-such-user", "192.0.2.2")):
        client = Client()
        before = _fail(client, username, 3, addr)
        assert all(LOCKED not in r.content.decode() for r in before)
        locked = client.post("/accounts/login/", {"username": username, "password": "x"}, REMOTE_ADDR=addr)
        text = re.sub(r"\s+", " ", locked.content.decode())
        answers[username] = (locked.status_code, re.search(r'role="alert">([^<]*)<', text).group(1))
    assert answers["owner"] == answers["no-such-user"] and LOCKED in answers["owner"][1]


@override_settings(AXES_FAILURE_LIMIT=5)
def test_many_usernames_from_one_address_are_throttled(owner):
    client = Client()
    for i in range(5):
        client.post("/accounts/login/", {"username": f"user{i}", "password": "wrong"}, REMOTE_ADDR="192.0.2.50")
    # Even the right password of a real account is refused from that address now, with the same message.
    r = client.post("/accounts/login/", {"username": "owner", "password": PASSWORD}, REMOTE_ADDR="192.0.2.50")
    assert r.status_code == 429 and LOCKED in r.content.decode()
    assert "_auth_user_id" not in client.session
    other = Client().post("/accounts/login/", {"username": "owner", "password": PASSWORD}, REMOTE_ADDR="192.0.2.51")
    assert other.status_code == 302  # another address is not affected


@override_settings(AXES_FAILURE_LIMIT=3)
def test_api_token_failures_are_throttled_per_address(colleague, token_for):
    client = Client()
    good = token_for(colleague)
    answers = [client.get("/api/v1/cases", headers={"Authorization": "Bearer guess"}).status_code
               for _ in range(3)]
    assert answers == [401, 401, 429]  # the failure that reaches the limit is answered as locked already
    r = client.get("/api/v1/cases", headers={"Authorization": "Bearer another-guess"})
    assert r.status_code == 429 and r.json()["code"] == "too_many_attempts"
    # A valid token is not a guess (256 random bits): it still works, and costs no lookup of the counter.
    assert client.get("/api/v1/cases", headers=good).status_code == 200


def test_api_docs_need_a_login(client, colleague, token_for):
    for path in ("/api/v1/openapi.json", "/api/v1/docs"):
        assert client.get(path).status_code in (302, 401)
    assert client.get("/api/v1/openapi.json", headers=token_for(colleague)).status_code == 200
    client.force_login(colleague)
    assert client.get("/api/v1/docs").status_code == 200
    assert client.get("/api/v1/openapi.json").json()["info"]["version"]


def test_pages_carry_a_content_security_policy_without_inline_script(client, colleague):
    client.force_login(colleague)
    policy = client.get("/").headers["Content-Security-Policy"]
    script = re.search(r"script-src ([^;]*)", policy).group(1)
    assert "'self'" in script and "unsafe-inline" not in script and "unsafe-eval" not in script


def test_no_template_has_an_inline_script_or_event_handler():
    root = Path(__file__).resolve().parents[2] / "src" / "sixia"
    offenders = []
    for template in root.glob("*/templates/**/*.html"):
        text = template.read_text(encoding="utf-8")
        if re.search(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", text) \
                or re.search(r"\son[a-z]+\s*=", text) or "javascript:" in text:
            offenders.append(str(template.relative_to(root)))
    assert offenders == []


def _settings_with(env: dict[str, str]) -> str:
    code = ("import django.conf as c, sixia.settings as s; print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, "
            "getattr(s, 'SECURE_HSTS_SECONDS', 0), getattr(s, 'SECURE_SSL_REDIRECT', False), "
            "getattr(s, 'SECURE_PROXY_SSL_HEADER', None))")
    import os

    out = subprocess.run([sys.executable, "-c", code], env={**os.environ, **env}, capture_output=True, text=True)
    return out.stdout.strip() or out.stderr


def test_sixia_https_turns_on_secure_cookies_hsts_and_the_redirect():
    assert _settings_with({"SIXIA_HTTPS": "false"}) == "False False 0 False None"
    assert _settings_with({"SIXIA_HTTPS": "true", "SIXIA_TRUST_X_FORWARDED_PROTO": "true"}) == \
        "True True 31536000 True ('HTTP_X_FORWARDED_PROTO', 'https')"


@pytest.mark.parametrize("days", ["30", "182"])
def test_audit_retention_below_six_months_is_refused(days):
    assert "SIXIA_AUDIT_RETENTION_DAYS must be at least 183" in _settings_with({"SIXIA_AUDIT_RETENTION_DAYS": days})
