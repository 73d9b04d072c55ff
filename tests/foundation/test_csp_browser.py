"""The Content Security Policy in a real browser: the main page of every app loads with no CSP violation (no
inline script, no handler attribute, nothing from another origin); the shared script's confirmations work; the
`login` fixture passes the TOTP step of a role that needs it."""

from __future__ import annotations

import pytest
from django.test import override_settings
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = ["/", "/units/", "/officials/", "/persons/", "/persons/new/", "/audit/", "/rules/", "/regions/",
         "/cases/", "/cases/new/", "/cases/inbox/", "/activities/", "/activities/public/", "/quotas/",
         "/insight/hotspots/", "/reports/rates/", "/reports/ledger/", "/reports/statistics/", "/reports/dashboard/",
         "/topics/", "/documents/templates/", "/public/", "/public/topics/", "/org/", "/org/users/",
         "/accounts/otp/setup/", "/api/v1/docs"]


def _violations(page) -> list[str]:
    seen: list[str] = []
    page.on("console", lambda msg: seen.append(msg.text) if "Content Security Policy" in msg.text else None)
    return seen


def test_the_main_pages_load_without_a_csp_violation(page, login, owner):
    page.set_default_timeout(60000)  # twenty pages on a shared machine
    login("owner")
    seen = _violations(page)
    page.add_init_script("document.addEventListener('securitypolicyviolation', e => "
                         "console.error('Content Security Policy: ' + e.violatedDirective + ' ' + e.blockedURI))")
    visited = []
    for path in PAGES:
        response = page.goto(path)
        page.wait_for_load_state("load")
        visited.append((path, response.status if response else None))
        assert response is not None and response.status < 400, path
    assert seen == [], seen


def test_the_rates_period_select_and_the_language_switch_run_from_static_scripts(login, owner):
    page = login("owner")
    page.goto("/reports/rates/")
    page.select_option("[data-testid=period-form] [name=kind]", "quarter")
    assert page.locator("[data-testid=period-form] [name=n] option").count() == 5  # — and four quarters
    page.select_option("select[name=language]", "en")
    expect(page.locator("html")).to_have_attribute("lang", "en")  # waits for the reload the script submits


@override_settings(OTP_REQUIRED_ROLES=frozenset({"auditor"}))
def test_the_login_fixture_passes_the_second_factor_of_an_auditor(login, auditor):
    page = login("auditor")
    assert "/accounts/otp/" not in page.url
    page.goto("/audit/")
    assert page.locator("h1").first.inner_text() == "审计日志"
