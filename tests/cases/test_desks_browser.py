"""In Chromium: the supervisor urges a case from the case page and finds the 催办 on its timeline; the
responsible unit sees the form to answer it."""

from __future__ import annotations

import pytest
from django.utils import timezone

from sixia.cases.models import Supervision
from tests.conftest import COUNTY

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_supervisor_urges_from_the_case_page(page, login, handling_case, make_user, units):
    make_user("sup", ["supervisor"], COUNTY, units["county_gov"])
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    login("sup")
    page.goto(f"/cases/{handling_case.pk}/")
    box = page.locator("details[data-action=urge]")
    box.locator("summary").click()
    box.locator("textarea[name=urge-reason]").fill("群众多次来电，请三日内答复")
    assert box.locator("input[name=urge-reply_by]").input_value() == (
        timezone.localdate() + timezone.timedelta(days=7)).isoformat()  # a week by default
    with page.expect_navigation():
        box.locator("button[type=submit]").click()
    last = page.locator("[data-testid=timeline] li").last
    assert last.get_attribute("data-action") == "urge"
    assert "催办" in last.inner_text() and "群众多次来电，请三日内答复" in last.inner_text()
    assert "内部" in last.inner_text()  # not shown to the petitioner
    assert "未答复" in page.get_by_test_id("case-supervisions").inner_text()
    assert Supervision.objects.get().unit == units["housing"]
    assert not errors
