"""The leaders' dashboard (驾驶舱): its charts are tables with the counts, jurisdiction applies, the statements
are pinned (one grouped query per chart of reports/dashboard.py, no N+1)."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 11, 16, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


@pytest.fixture
def cases(new_case, act, owner, units):
    from sixia.cases.models import Case

    made = []
    with time_machine.travel(datetime(2026, 9, 3, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False):
        made.append(new_case(channel="letter"))
    with time_machine.travel(NOW, tick=False):
        made.append(new_case())
        c = new_case(channel="phone", region_code="350921102")
        Case.objects.filter(pk=c.pk).update(is_collective=True)
        made.append(c)
        made.append(new_case(region_code="350921"))
    return made


def charts_of(d):
    return {c.key: c for c in d.charts}


def test_the_dashboard_counts_by_month_channel_and_category(owner, cases):
    from sixia.reports.dashboard import dashboard

    with time_machine.travel(NOW, tick=False):
        d = dashboard(owner, region_code="350921", period="2026-Q4")
    charts = charts_of(d)
    assert set(charts) >= {"trend", "channels", "categories", "rates", "overdue", "map", "quotas"}
    trend = {r.label: r.cells[0].text for r in charts["trend"].rows}
    months = list(trend)
    assert len(months) == 12 and months[-1] == "2026-12" and months[0] == "2026-01"
    assert trend["2026-09"] == "1" and trend["2026-11"] == "3" and trend["2026-10"] == "0"
    assert {r.label: r.cells[1].text for r in charts["trend"].rows}["2026-11"] == "1"  # the collective one
    channels = {r.label: r.cells[0].text for r in charts["channels"].rows}
    assert channels == {"走访": "2", "电话": "1"}  # the letter of September lies outside Q4
    assert sum(int(r.cells[0].text) for r in charts["categories"].rows) == 3
    tiles = {r.label: r for r in charts["map"].rows}
    assert "长春镇" in tiles and tiles["长春镇"].url.endswith("/regions/350921101/")


def test_the_page_shows_each_chart_as_a_table(client, owner, cases):
    client.force_login(owner)
    with time_machine.travel(NOW, tick=False):
        response = client.get("/reports/dashboard/", {"region_code": "350921", "period": "2026-Q4"})
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('<figure class="chart"') >= 6
    assert html.count('<th scope="row">') >= 12
    assert "/static/vendor/echarts/echarts.min.js" in html and "/static/web/charts.js" in html


def test_a_region_outside_the_jurisdiction_is_not_found(client, outsider, owner, cases):
    client.force_login(outsider)
    assert client.get("/reports/dashboard/", {"region_code": "350921"}).status_code == 404
    client.force_login(owner)
    assert client.get("/reports/dashboard/", {"region_code": "350922"}).status_code == 404
    assert client.get("/reports/dashboard/", {"region_code": "35x"}).status_code == 400
    assert client.get("/reports/dashboard/", {"period": "2026-Q9"}).status_code == 400


def test_the_outsider_sees_none_of_the_countys_cases(outsider, cases):
    from sixia.reports.dashboard import dashboard

    with time_machine.travel(NOW, tick=False):
        d = dashboard(outsider, period="2026-Q4")
    charts = charts_of(d)
    assert all(r.cells[0].text == "0" for r in charts["trend"].rows)
    assert charts["channels"].rows == [] and charts["overdue"].rows == []


def test_the_dashboard_costs_a_fixed_number_of_statements(owner, new_case):
    from sixia.reports.dashboard import dashboard

    def statements() -> int:
        with time_machine.travel(NOW, tick=False), CaptureQueriesContext(connection) as ctx:
            dashboard(owner, region_code="350921", period="2026-Q4")
        return len(ctx.captured_queries)

    with time_machine.travel(NOW, tick=False):
        new_case()
    few = statements()
    with time_machine.travel(NOW, tick=False):
        for i in range(4):
            new_case(region_code="350921102", channel="phone" if i % 2 else "letter")
    assert statements() == few  # more cases, channels, townships: the same statements
    # measured: 18 (session-free; the page adds its nav and session reads); the 三率 read which months are rolled
    # up (cases/rollup.py) before counting: one small statement
    assert few <= 18, few


def test_the_nav_shows_the_dashboard_to_leaders_and_not_to_handlers(client, owner, colleague):
    client.force_login(owner)
    assert 'href="/reports/dashboard/"' in client.get("/").content.decode()
    client.force_login(colleague)
    assert 'href="/reports/dashboard/"' not in client.get("/").content.decode()
    # nor does the address open it: the handler reads its unit's cases, not the county's (reports.statistics)
    assert client.get("/reports/dashboard/").status_code == 403


def test_the_region_page_draws_its_children_from_the_same_numbers(client, owner, cases):
    client.force_login(owner)
    html = client.get("/regions/350921/").content.decode()
    assert 'data-chart="bar"' in html and 'data-testid="chart-children"' in html
    assert '<th scope="row"><a href="/regions/350921101/">长春镇</a></th><td class="num">2</td>' in html
    assert "/static/web/charts.js" in html


def test_the_quota_page_draws_activities_against_the_quota(client, owner, units):
    from sixia.org.models import Rank
    from sixia.org.services import create_official

    create_official(actor=None, name="林副县长", unit=units["county_gov"], rank=Rank.COUNTY, title="副县长",
                    is_leader=True)
    client.force_login(owner)
    with time_machine.travel(NOW, tick=False):
        html = client.get("/quotas/", {"period": "2026-Q4"}).content.decode()
    assert 'data-testid="chart-quotas"' in html and "/static/web/charts.js" in html


def test_an_overdue_bar_links_to_the_queue_with_as_many_cases(client, owner, new_case, units):
    from sixia.cases.models import Case
    from sixia.reports.dashboard import dashboard

    with time_machine.travel(NOW, tick=False):
        late = [new_case(), new_case()]
        Case.objects.filter(pk__in=[c.pk for c in late]).update(
            due_at=NOW - timedelta(days=1), responsible_unit=units["housing"], state="handling")
        d = dashboard(owner, region_code="350921", period="2026-Q4")
        row = next(r for r in {c.key: c for c in d.charts}["overdue"].rows if r.label == "霞浦县住建局")
        assert row.cells[0].text == "2"
        client.force_login(owner)
        html = client.get(row.url).content.decode()
    assert 'data-total="2"' in html, row.url


def test_the_dashboard_in_english(client, owner, cases, units):
    from sixia.org.models import Rank
    from sixia.org.services import create_official
    from tests.conftest import to_english

    create_official(actor=None, name="林副县长", unit=units["county_gov"], rank=Rank.COUNTY, title="副县长",
                    is_leader=True)
    client.force_login(owner)
    to_english(client)
    with time_machine.travel(NOW, tick=False):
        html = client.get("/reports/dashboard/", {"period": "2026-Q4"}).content.decode()
    assert "Cases in the last 12 months" in html and "Cases by channel" in html and "Data table" in html
    assert "近12个月诉求量" not in html and "（次）" not in html


def test_the_reports_subnav_links_only_what_the_user_may_open(client, owner, colleague):
    client.force_login(owner)  # administrator and dispatcher
    html = client.get("/reports/rates/").content.decode()
    assert all(f'href="/reports/{p}/"' in html for p in ("dashboard", "statistics", "rates", "ledger", "import"))
    client.force_login(colleague)  # a handler: the 三率 and the ledger of its unit, no more
    html = client.get("/reports/rates/").content.decode()
    assert 'href="/reports/rates/"' in html and 'href="/reports/ledger/"' in html
    for page in ("dashboard", "statistics", "import", "assessment"):
        assert f'href="/reports/{page}/"' not in html
        assert client.get(f"/reports/{page}/").status_code in (403, 404), page
