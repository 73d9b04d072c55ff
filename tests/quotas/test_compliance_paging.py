"""The compliance page pages its officials' table (50 a page), keeps the filters in the page links, and still
shows the summary sentence and the roll-ups over the whole jurisdiction, not over the page."""

from __future__ import annotations

import re
from datetime import date
from html import unescape

import pytest
from django.urls import reverse

from sixia.quotas import compliance
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

TOTAL = 62  # one full page of 50 and 12 on the second
PERIOD = "2026-11"


@pytest.fixture
def many(units):
    """62 乡科级 cadres of 长春镇, 干部01 … 干部62 (the page's order within one unit and rank is by name)."""
    from sixia.org.models import Official, Rank

    unit = units["township"]
    Official.objects.bulk_create([Official(name=f"干部{i:02d}", unit=unit, rank=Rank.TOWNSHIP, title="科员")
                                 for i in range(1, TOTAL + 1)])
    return {o.name: o for o in Official.objects.filter(unit=unit)}


def page(client, owner, **params):
    assert client.login(username=owner.username, password=PASSWORD)
    resp = client.get(reverse("quotas:compliance"), {"period": PERIOD, **params})
    assert resp.status_code == 200
    return resp.content.decode()


def official_names(html: str) -> list[str]:
    body = re.search(r'data-testid="quota-officials">.*?<tbody>(.*?)</tbody>', html, re.S).group(1)
    return re.findall(r"<a href=\"/[^\"]*\">(干部\d+)</a>", body)


def pager_links(html: str) -> list[str]:
    nav = re.search(r'<nav class="pager">(.*?)</nav>', html, re.S)
    if not nav:
        return []
    hrefs = re.findall(r'href="([^"]*)"', nav.group(1))
    # The pager escapes its separators: a bare "&region=" would be read as the entity &reg; by strict parsers.
    assert all("&" not in h.replace("&amp;", "") for h in hrefs), hrefs
    return [unescape(h) for h in hrefs]


def test_the_first_page_has_fifty_officials_and_the_second_the_rest(client, owner, many):
    first = official_names(page(client, owner))
    assert first == [f"干部{i:02d}" for i in range(1, 51)]
    second = official_names(page(client, owner, page=2))
    assert second == [f"干部{i:02d}" for i in range(51, TOTAL + 1)]


def test_the_page_links_keep_the_period_and_the_filters(client, owner, many, units):
    unit = units["township"].pk
    html = page(client, owner, unit=unit, region="350921")
    links = pager_links(html)
    assert len(links) == 1, links  # page 1: only "next"
    params = dict(p.split("=", 1) for p in links[0].lstrip("?").split("&"))
    assert params == {"period": PERIOD, "unit": str(unit), "region": "350921", "page": "2"}
    assert "第 1 / 2 页，共 62 条" in html

    html = page(client, owner, unit=unit, region="350921", page=2)
    assert official_names(html)[0] == "干部51"
    (previous,) = pager_links(html)
    params = dict(p.split("=", 1) for p in previous.lstrip("?").split("&"))
    assert params == {"period": PERIOD, "unit": str(unit), "region": "350921", "page": "1"}


def test_the_summary_and_roll_ups_count_every_official_on_every_page(client, owner, many, activities):
    for name in ("干部55", "干部60", "干部61"):  # activity only on the second page
        activities.add(many[name], "reception", date(2026, 11, 10))
    report = compliance.rollup(owner, period=PERIOD)
    assert len(report.rows) == TOTAL
    whole = report.summary
    first_page_only = compliance.period_summary(report.period, report.rows[:50])
    assert whole != first_page_only  # else the test could not tell them apart

    for number in (1, 2):
        html = unescape(page(client, owner, page=number))
        summary = re.search(r'data-testid="quota-summary">(.*?)</p>', html, re.S).group(1)
        assert summary == whole
        units_table = re.search(r'data-testid="quota-units">(.*?)</table>', html, re.S).group(1)
        row = re.search(r"<td>长春镇人民政府</td><td class=\"num\">(\d+)</td>", units_table)
        assert row and int(row.group(1)) == TOTAL


@pytest.mark.parametrize("asked, shown", [("99", "干部51"), ("abc", "干部01"), ("0", "干部51"), ("-1", "干部51")])
def test_a_page_out_of_range_or_not_a_number_shows_a_real_page(client, owner, many, asked, shown):
    names = official_names(page(client, owner, page=asked))
    assert names and names[0] == shown


def test_a_small_jurisdiction_has_no_pager_links(client, owner, leader, cadre):
    html = page(client, owner)
    assert pager_links(html) == [] and "林副县长" in html and "共 2 条" in html
