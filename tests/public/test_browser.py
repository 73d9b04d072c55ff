"""Headless Chromium on the portal: submit → redirected to the query code (a reload submits nothing) → track it
with the phone."""

from __future__ import annotations

import pytest

from .conftest import PHONE

pytestmark = pytest.mark.django_db(transaction=True)


def test_submit_then_track_in_a_browser(page, regions, submission):
    page.goto("/public/")
    page.click("[data-testid=go-submit]")
    page.fill("input[name=name]", submission["name"])
    page.fill("input[name=phone]", PHONE)
    page.fill("input[name=region]", submission["region"])
    page.fill("textarea[name=text]", submission["text"])
    page.click("[data-testid=submit-form] button[type=submit]")
    code = page.inner_text("[data-testid=code]").strip()
    assert code.startswith("350921-") and page.url.endswith("/public/submitted/")
    page.reload()  # POST → redirect → GET: a reload shows the code again and submits nothing
    assert page.inner_text("[data-testid=code]").strip() == code

    from sixia.cases.models import Case

    assert Case.objects.count() == 1

    other = page.context.browser.new_context(locale="zh-CN", base_url=page.url.split("/public/")[0])
    fresh = other.new_page()
    fresh.goto("/public/track/")
    fresh.fill("input[name=code]", code)
    fresh.fill("input[name=phone]", "13900009999")
    fresh.click("[data-testid=track-form] button[type=submit]")
    assert "查询码或联系电话不正确" in fresh.inner_text("[data-testid=error]")
    fresh.fill("input[name=phone]", PHONE)
    fresh.click("[data-testid=track-form] button[type=submit]")
    assert fresh.inner_text("[data-testid=state]") == "已登记"
    assert "登记" in fresh.inner_text("[data-testid=timeline]")
    other.close()
