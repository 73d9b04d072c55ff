"""Statistics (issue 16): known counts on a small county, 同比, each figure equal to the list it links to,
periods and bad input, jurisdiction and rights."""

from __future__ import annotations

import re

import pytest

from tests.conftest import COUNTY, OTHER_COUNTY

pytestmark = pytest.mark.django_db
TOTAL = re.compile(r'data-total="(\d+)"')


def stats(api, headers, **params):
    response = api.get("/reports/statistics", headers=headers, **params)
    assert response.status_code == 200, response.content
    return response.json()


def by_key(rows):
    return {row["key"]: row for row in rows}


def test_case_figures_and_rates_have_the_known_counts(county_data, api, owner, token_for):
    s = stats(api, token_for(owner), region_code=COUNTY, period="2026-11")
    cases = by_key(s["cases"])
    assert (cases["batches"]["value"], cases["persons"]["value"]) == (5, 12)
    assert cases["batches"]["last_year"] == 2 and cases["batches"]["change"] == 3
    assert cases["batches"]["change_pct"] == 150.0
    assert (cases["first"]["value"], cases["repeated"]["value"], cases["over_level"]["value"],
            cases["collective"]["value"]) == (4, 1, 1, 1)
    # one petitioner (the same ID number) in every case, registered in 2025 and 2026: 多年 → 三多
    assert (cases["three_many"]["value"], cases["three_many"]["last_year"]) == (5, 2)
    rates = by_key(s["rates"])
    assert rates["timely_acceptance"]["numerator"]["value"] == 2
    assert rates["timely_acceptance"]["denominator"]["value"] == 3
    assert rates["timely_acceptance"]["value"] == round(2 / 3, 4)
    assert rates["on_time_closing"]["value"] == 0.5
    assert rates["participation"]["value"] == 1.0
    assert rates["satisfaction"]["value"] == 0.5
    assert "÷" in rates["satisfaction"]["formula"] and s["three_rates"]["formula_text"]
    channel = {r["key"]: r["value"] for r in by_key(s["breakdowns"])["channel"]["rows"]}
    assert channel == {"visit": 4, "letter": 1}
    region = {r["key"]: r for r in by_key(s["breakdowns"])["region"]["rows"]}
    assert region["350921101"]["value"] == 4 and region["350921101"]["persons"] == 11


def test_activity_figures_and_four_visits(county_data, api, owner, token_for):
    s = stats(api, token_for(owner), region_code=COUNTY, period="2026-11")
    acts = by_key(s["activities"])
    assert acts["total_count"]["value"] == 3  # the planned lecture is not counted
    assert (acts["research_count"]["value"], acts["research_days"]["value"]) == (1, 2)
    assert (acts["received_times"]["value"], acts["received_persons"]["value"]) == (2, 5)
    assert acts["households"]["value"] == 2
    assert acts["audience"]["value"] == 0 and acts["audience"]["last_year"] == 50
    four = by_key(s["four_visits"])
    assert four["open_door"]["value"] == 1 and four["door"]["value"] == 1 and four["revisit"]["value"] == 0


def total_of(client, url: str) -> int:
    response = client.get(url)
    assert response.status_code == 200, url
    found = TOTAL.findall(response.content.decode())
    assert len(found) == 1, f"{url}: expected one data-total, found {found}"
    return int(found[0])


def test_every_figure_equals_the_length_of_the_list_it_links_to(county_data, api, owner, token_for, client):
    """As the user: each figure that counts rows opens a list whose data-total is that figure."""
    s = stats(api, token_for(owner), region_code=COUNTY, period="2026-11")
    client.force_login(owner)
    figures = [f for f in s["cases"] + s["activities"] + s["four_visits"] if f["counts_list"] and f["url"]]
    figures += [r[side] for r in s["rates"] for side in ("numerator", "denominator")]
    figures += [row for b in s["breakdowns"] for row in b["rows"] if row["url"]]
    figures += [{"key": c["region_code"], "url": c["cases_url"], "value": c["batches"]} for c in s["children"]]
    figures += [{"key": c["region_code"], "url": c["activities_url"], "value": c["activities"]} for c in s["children"]]
    assert len(figures) >= 25
    nonzero = 0
    for f in figures:
        assert total_of(client, f["url"]) == f["value"], f
        nonzero += f["value"] > 0
    assert nonzero >= 15  # the comparison is not a sea of zeros


def test_the_page_links_every_figure_and_keeps_bad_input(county_data, client, owner):
    client.force_login(owner)
    page = client.get("/reports/statistics/", {"region_code": COUNTY, "period": "2026-11"})
    assert page.status_code == 200
    html = page.content.decode()
    assert 'data-figure="batches"' in html and '<figure class="chart"' in html and 'scope="row"' in html
    bad = client.get("/reports/statistics/", {"region_code": COUNTY, "period": "2026-13"})
    assert bad.status_code == 400
    assert "月份应在1到12之间" in bad.content.decode() and 'value="2026-13"' in bad.content.decode()


@pytest.mark.parametrize(("params", "field"), [
    ({"period": "2026-Q5"}, "period"), ({"period": "yesterday"}, "period"),
    ({"from": "2026-11-30", "to": "2026-11-01"}, "to"), ({"from": "2026-11-01"}, "to"),
    ({"period": "2026-11", "from": "2026-11-01", "to": "2026-11-30"}, "period"), ({"from": "2026-02-30", "to": "2026-03-01"}, "from"),
])
def test_bad_periods_are_422_with_a_clear_message(county_data, api, owner, token_for, params, field):
    response = api.get("/reports/statistics", headers=token_for(owner), region_code=COUNTY, **params)
    assert response.status_code == 422, response.content
    body = response.json()
    assert body["code"] == "invalid_period" and body.get("field") == field


def test_custom_span_and_the_same_span_last_year(county_data, api, owner, token_for):
    s = stats(api, token_for(owner), region_code=COUNTY, **{"from": "2026-11-01", "to": "2026-11-05"})
    assert s["period"]["kind"] == "custom" and s["last_year_period"]["from"] == "2025-11-01"
    assert by_key(s["cases"])["batches"]["value"] == 3 and s["quotas"] == []


def test_jurisdiction_and_rights(county_data, api, owner, outsider, colleague, token_for, client):
    assert api.get("/reports/statistics", headers=token_for(outsider), region_code=COUNTY).status_code == 404
    assert api.get("/reports/statistics", headers=token_for(owner), region_code="3509xx").status_code == 422
    assert api.get("/reports/statistics", headers=token_for(colleague), region_code=COUNTY).status_code == 403
    client.force_login(outsider)
    assert client.get("/reports/statistics/", {"region_code": COUNTY}).status_code == 404
    assert client.get("/reports/statistics.xlsx", {"region_code": COUNTY}).status_code == 404
    assert client.get("/reports/work-report.docx", {"region_code": COUNTY}).status_code == 404
    own = stats(api, token_for(outsider), region_code=OTHER_COUNTY, period="2026-11")
    assert by_key(own["cases"])["batches"]["value"] == 0


def test_a_city_user_sees_its_counties_side_by_side(county_data, api, make_user, units, token_for):
    city = make_user("city", ["leader"], "3509", units["county_gov"])
    s = stats(api, token_for(city), period="2026-11")
    children = {c["region_code"]: c for c in s["children"]}
    assert children[COUNTY]["batches"] == 5 and children[OTHER_COUNTY]["batches"] == 0
    assert by_key(s["cases"])["batches"]["value"] == 5


def test_a_case_records_its_headcount(frozen, api, owner, token_for, case_payload):
    made = api.post("/cases", case_payload | {"headcount": 30, "title": "集体反映征地补偿"}, headers=token_for(owner))
    assert made.status_code == 201, made.content
    plain = api.post("/cases", case_payload | {"title": "一个人的诉求", "content": "另一件事"}, headers=token_for(owner))
    bad = api.post("/cases", case_payload | {"headcount": 0, "title": "零人"}, headers=token_for(owner))
    from sixia.cases.models import Case

    assert Case.objects.get(pk=made.json()["id"]).headcount == 30
    assert Case.objects.get(pk=plain.json()["id"]).headcount == 1  # at least the petitioners listed
    assert bad.status_code == 422


def test_statistics_cost_does_not_grow_with_the_child_regions(county_data, make_user, units):
    """One grouped query per figure family: a city (its counties) costs what a county (its townships) costs."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from sixia.reports.statistics import service

    city = make_user("city", ["leader"], "3509", units["county_gov"])
    county = make_user("countyleader", ["leader"], COUNTY, units["county_gov"])
    counts = []
    for user in (city, county):
        with CaptureQueriesContext(connection) as q:
            service.statistics(user, period="2026-11")
        counts.append(len(q.captured_queries))
    assert counts[0] == counts[1] and counts[0] < 60


def test_the_statistics_page_in_english(county_data, client, owner):
    from tests.conftest import PASSWORD, to_english

    assert client.login(username="owner", password=PASSWORD)
    to_english(client)
    html = client.get("/reports/statistics/", {"region_code": COUNTY, "period": "2026-11"}).content.decode()
    for text in ("<h1>Statistics", "Same period last year", "Timely acceptance rate", "Batches", "By Channel",
                 "Households visited", "Child regions side by side"):
        assert text in html, text
    assert "及时受理率" not in html and "去年同期" not in html
    bad = client.get("/reports/statistics/", {"region_code": COUNTY, "period": "2026-13"}).content.decode()
    assert "month must be 1..12" in bad
