"""GET /api/v1/quotas/compliance — one official, or a roll-up of the caller's jurisdiction."""

from __future__ import annotations

from datetime import date

import pytest

from tests.conftest import COUNTY, OTHER_COUNTY, TOWNSHIP
from tests.quotas.conftest import OTHER_TOWNSHIP, VILLAGE

pytestmark = pytest.mark.django_db
AS_OF = "2026-11-23"


def by_kind(results):
    return {(r["kind"], r["measure"]): r for r in results}


def test_it_reports_one_official_for_a_month(api, token_for, owner, leader, activities):
    activities.add(leader, "reception", date(2026, 11, 15), region=VILLAGE)
    activities.add(leader, "onsite", date(2026, 11, 10), region=TOWNSHIP)
    activities.add(leader, "research", date(2026, 11, 3), days=2, region=OTHER_TOWNSHIP, fntd=True)
    activities.add(leader, "research", date(2026, 3, 3), days=5, region=OTHER_TOWNSHIP)
    activities.add(leader, "lecture", date(2026, 11, 20), days=0.5)

    resp = api.get("/quotas/compliance", token_for(owner), official=leader.pk, period="2026-11", as_of=AS_OF)
    assert resp.status_code == 200, resp.content
    data = resp.json()
    assert data["official"]["name"] == "林副县长" and data["official"]["rank"] == "county"
    assert data["period"] == {"key": "2026-11", "kind": "month", "label": "2026年11月", "start": "2026-11-01",
                              "end": "2026-11-30"}
    results = by_kind(data["results"])
    reception = results[("reception", "count")]
    assert (reception["required"], reception["done"], reception["remaining"], reception["status"]) == (1, 1, 0, "met")
    assert reception["where"] == "linked_township" and reception["period"] == "2026-11"
    onsite = results[("onsite", "count")]  # quarterly rule: reported for the quarter
    assert (onsite["period"], onsite["required"], onsite["done"], onsite["status"]) == ("2026-Q4", 1, 1, "met")
    research = results[("research", "days")]  # yearly rule: the whole year, both trips
    assert (research["period"], research["required"], research["done"], research["remaining"]) == ("2026", 60, 7, 53)
    assert research["status"] == "behind"
    assert data["totals"]["research"] == {"count": 1, "days": 2, "four_not_two_direct": 1}
    assert data["totals"]["lecture"]["count"] == 1
    assert data["summary"].startswith("林副县长2026年11月：应到挂钩乡镇接访1次，已完成1次（已达标）")


def test_a_reception_outside_the_linked_township_does_not_count(api, token_for, owner, leader, activities):
    activities.add(leader, "reception", date(2026, 11, 15), region=OTHER_TOWNSHIP)
    data = api.get("/quotas/compliance", token_for(owner), official=leader.pk, period="2026-11",
                   as_of=AS_OF).json()
    reception = by_kind(data["results"])[("reception", "count")]
    assert (reception["done"], reception["status"]) == (0, "behind")
    assert data["totals"]["reception"]["count"] == 1  # still recorded as an activity


@pytest.mark.parametrize("period", ["2026", "2026-H2", "2026-Q4", "2026-11"])
def test_every_period_form_is_accepted(api, token_for, owner, leader, activities, period):
    resp = api.get("/quotas/compliance", token_for(owner), official=leader.pk, period=period, as_of=AS_OF)
    assert resp.status_code == 200 and resp.json()["period"]["key"] == period


def test_a_monthly_rule_is_multiplied_over_a_year(api, token_for, owner, leader, activities):
    for month in (1, 2, 3):
        activities.add(leader, "reception", date(2026, month, 15))
    data = api.get("/quotas/compliance", token_for(owner), official=leader.pk, period="2026", as_of=AS_OF).json()
    reception = by_kind(data["results"])[("reception", "count")]
    assert (reception["required"], reception["done"], reception["remaining"]) == (12, 3, 9)


def test_a_bad_period_is_a_422_with_a_chinese_message(api, token_for, owner, leader):
    resp = api.get("/quotas/compliance", token_for(owner), official=leader.pk, period="2026-Q5")
    assert resp.status_code == 422
    assert resp.json()["code"] == "invalid_period" and "统计期" in resp.json()["message"]


def test_permissions_owner_colleague_outsider(api, token_for, owner, colleague, outsider, leader):
    for user in (owner, colleague):
        assert api.get("/quotas/compliance", token_for(user), official=leader.pk, period="2026").status_code == 200
    resp = api.get("/quotas/compliance", token_for(outsider), official=leader.pk, period="2026")
    assert resp.status_code == 404 and resp.json()["code"] == "not_found"
    assert api.get("/quotas/compliance", official=leader.pk, period="2026").status_code == 401


def test_the_roll_up_covers_the_jurisdiction_per_unit_and_region(api, token_for, owner, outsider, leader, cadre,
                                                                  units, activities):
    from sixia.org.models import Rank
    from sixia.org.services import create_official

    create_official(actor=None, name="古田干部", unit=units["other_county"], rank=Rank.COUNTY)
    activities.add(leader, "reception", date(2026, 11, 15))
    activities.add(cadre, "reception", date(2026, 11, 5), region=OTHER_TOWNSHIP + "201")
    data = api.get("/quotas/compliance", token_for(owner), period="2026-11", as_of=AS_OF).json()
    names = [row["official"]["name"] for row in data["officials"]]
    assert sorted(names) == ["林副县长", "陈镇长"]  # 古田 is outside the jurisdiction
    units_by_name = {u["name"]: u for u in data["units"]}
    assert set(units_by_name) == {"霞浦县人民政府", "牙城镇人民政府"}
    township = units_by_name["牙城镇人民政府"]
    cadre_reception = next(t for t in township["totals"] if t["kind"] == "reception")
    assert (cadre_reception["required"], cadre_reception["done"]) == (2, 1)  # 乡科级: twice a month at a village
    regions = {r["region_code"]: r for r in data["regions"]}
    assert set(regions) == {COUNTY, OTHER_TOWNSHIP}  # one level below the county; county units stay at 350921
    assert regions[OTHER_TOWNSHIP]["officials"] == 1
    assert data["summary"].startswith("2026年11月，县处级领导1人应到挂钩乡镇接访1次，已完成1次")
    assert "乡科级领导1人应到村（社区）接访2次，已完成1次" in data["summary"]

    other = api.get("/quotas/compliance", token_for(outsider), period="2026-11").json()
    assert [row["official"]["name"] for row in other["officials"]] == ["古田干部"]


def test_the_roll_up_filters_by_unit_and_region(api, token_for, owner, leader, cadre, units):
    headers = token_for(owner)
    data = api.get("/quotas/compliance", headers, period="2026-Q4", unit=units["other_township"].pk).json()
    assert [row["official"]["name"] for row in data["officials"]] == ["陈镇长"]
    data = api.get("/quotas/compliance", headers, period="2026-Q4", region_code=OTHER_TOWNSHIP).json()
    assert [row["official"]["name"] for row in data["officials"]] == ["陈镇长"]
    assert [r["region_code"] for r in data["regions"]] == [OTHER_TOWNSHIP]


def test_the_roll_up_refuses_units_and_regions_outside_the_jurisdiction(api, token_for, owner, units):
    headers = token_for(owner)
    assert api.get("/quotas/compliance", headers, period="2026", unit=units["other_county"].pk).status_code == 404
    assert api.get("/quotas/compliance", headers, period="2026", region_code=OTHER_COUNTY).status_code == 404


def test_rules_endpoint_lists_defaults(api, token_for, owner):
    rows = api.get("/quotas/rules", token_for(owner)).json()
    assert any(r["rank"] == "county" and r["kind"] == "reception" and r["where"] == "linked_township" for r in rows)
