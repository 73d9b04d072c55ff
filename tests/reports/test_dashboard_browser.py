"""The dashboard in real headless Chromium: at least six charts drawn (an svg or canvas inside each figure), no
console error, and no request leaving 127.0.0.1 (ECharts is served by the platform itself)."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_dashboard_draws_its_charts_from_the_platform_alone(page, login, owner, new_case, units, tmp_path):
    from sixia.cases.models import Case

    for i in range(5):
        case = new_case(channel="phone" if i % 2 else "visit", region_code="350921102" if i % 3 else "350921101")
    Case.objects.filter(pk=case.pk).update(due_at=case.registered_at)  # one overdue case for the unit bars
    _a_visit_and_an_official(case, units)
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    login("owner")  # (the login page's favicon.ico answers 404: listen to the console from here)
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto("/reports/dashboard/?region_code=350921")
    page.wait_for_selector("figure.chart.drawn")
    page.wait_for_load_state("networkidle")
    figures = page.locator("figure.chart")
    drawn = page.locator("figure.chart.drawn")
    assert figures.count() >= 6
    pictures = page.locator("figure.chart .chart-canvas svg, figure.chart .chart-canvas canvas")
    assert drawn.count() >= 6 and pictures.count() >= 6, (drawn.count(), pictures.count())
    page.screenshot(path=str(tmp_path / "dashboard.png"), full_page=True)  # kept in pytest's basetemp to look at
    # the numbers stay reachable: the table is in the page, and the button shows it
    first = page.locator("figure.chart.drawn").first
    first.locator(".chart-toggle").click()
    assert first.locator("table").is_visible()
    page.set_viewport_size({"width": 390, "height": 844})  # a phone: one column, full width
    page.wait_for_timeout(300)
    box = page.locator("figure.chart.drawn .chart-canvas").first.bounding_box()
    assert box is not None and box["width"] > 300
    page.emulate_media(media="print")
    assert page.locator("figure.chart .chart-canvas").first.is_hidden()
    assert page.locator("figure.chart.drawn table").nth(1).is_visible()
    assert errors == [], errors
    hosts = {urlsplit(u).hostname for u in requests if not u.startswith(("data:", "blob:"))}
    assert hosts == {"127.0.0.1"} or hosts == {"localhost"}, hosts


def _a_visit_and_an_official(case, units) -> None:
    """A rated return visit (the 三率 bars) and a county leader whom the quotas count (the activity bars)."""
    from sixia.cases.models import ReturnVisit
    from sixia.org.models import Rank
    from sixia.org.services import create_official

    ReturnVisit.objects.create(case=case, at=case.registered_at, unit=units["housing"], method="phone",
                               contacted=True, resolved=True, satisfaction=ReturnVisit.Satisfaction.SATISFIED)
    create_official(actor=None, name="林副县长", unit=units["county_gov"], rank=Rank.COUNTY, title="副县长",
                    is_leader=True)
