"""The issue's scenario end to end: the activities are recorded through the activities API
(tests/activities/scenario.py), then compliance for that county leader is read through the quotas API for
the month, the quarter and the year, against the seeded rules of rules.md §3.

Seeded 县处级 rules: reception 1 a month at the linked township; on-site office 1 a quarter at the linked
township; research 60 days a year anywhere. The leader is linked to 长春镇, where everything happens.
"""

from __future__ import annotations

import pytest

from tests.activities.scenario import SCENARIO_TOWNSHIP, run_scenario
from tests.conftest import TOWNSHIP

pytestmark = pytest.mark.django_db
AS_OF = "2026-01-28"  # the day after the lecture, the scenario's last activity


def results_by_kind(data):
    return {r["kind"]: r for r in data["results"]}


@pytest.fixture
def scenario(api, token_for, owner, leader, units):
    assert SCENARIO_TOWNSHIP == TOWNSHIP  # the leader fixture links 长春镇
    return run_scenario(api, token_for(owner), leader_id=leader.pk,
                        unit_ids=[units["housing"].pk, units["township"].pk])


def compliance(api, headers, **params):
    resp = api.get("/quotas/compliance", headers, as_of=AS_OF, **params)
    assert resp.status_code == 200, resp.content.decode()
    return resp.json()


def test_the_month(api, token_for, owner, leader, scenario):
    data = compliance(api, token_for(owner), official=leader.pk, period="2026-01")
    r = results_by_kind(data)
    assert set(r) == {"reception", "onsite", "research"}  # no default quota for lectures
    assert (r["reception"]["period"], r["reception"]["required"], r["reception"]["done"],
            r["reception"]["remaining"], r["reception"]["status"]) == ("2026-01", 1, 1, 0, "met")
    assert r["reception"]["activity_ids"] == [scenario.reception["id"]]
    assert (r["onsite"]["period"], r["onsite"]["required"], r["onsite"]["done"], r["onsite"]["status"]) == (
        "2026-Q1", 1, 1, "met")
    assert r["onsite"]["activity_ids"] == [scenario.onsite["id"]]
    assert (r["research"]["period"], r["research"]["measure"], r["research"]["required"], r["research"]["done"],
            r["research"]["remaining"], r["research"]["status"]) == ("2026", "days", 60, 2, 58, "behind")
    totals = data["totals"]
    assert totals["reception"] == {"count": 1, "days": 1, "four_not_two_direct": 0}
    assert totals["onsite"]["count"] == 1
    assert totals["research"] == {"count": 1, "days": 2, "four_not_two_direct": 1}
    assert totals["lecture"]["count"] == 1
    assert totals["visit"]["count"] == 0
    assert data["summary"] == (
        "林副县长2026年1月：应到挂钩乡镇接访1次，已完成1次（已达标）；"
        "应到挂钩乡镇现场办公1次（2026年第一季度），已完成1次（已达标）；"
        "应下基层调研60天（2026年），已完成2天（进度滞后）。")


def test_the_quarter(api, token_for, owner, leader, scenario):
    data = compliance(api, token_for(owner), official=leader.pk, period="2026-Q1")
    r = results_by_kind(data)
    # 1 of 3 receptions 28 days into a 90-day quarter: 1 ≥ 3 × 28/90, so on track
    assert (r["reception"]["required"], r["reception"]["done"], r["reception"]["remaining"],
            r["reception"]["status"]) == (3, 1, 2, "on_track")
    assert (r["onsite"]["required"], r["onsite"]["done"], r["onsite"]["status"]) == (1, 1, "met")
    assert (r["research"]["period"], r["research"]["done"]) == ("2026", 2)
    assert data["totals"]["research"]["days"] == 2 and data["totals"]["lecture"]["count"] == 1


def test_the_year(api, token_for, owner, leader, scenario):
    data = compliance(api, token_for(owner), official=leader.pk, period="2026")
    r = results_by_kind(data)
    assert (r["reception"]["required"], r["reception"]["done"], r["reception"]["remaining"]) == (12, 1, 11)
    assert (r["onsite"]["required"], r["onsite"]["done"], r["onsite"]["remaining"]) == (4, 1, 3)
    assert (r["research"]["required"], r["research"]["done"], r["research"]["remaining"]) == (60, 2, 58)
    # 28 days into the year: 12 × 28/365 < 1 and 4 × 28/365 < 1, but 60 × 28/365 > 2
    assert [r[k]["status"] for k in ("reception", "onsite", "research")] == ["on_track", "on_track", "behind"]
    assert data["summary"] == (
        "林副县长2026年：应到挂钩乡镇接访12次，已完成1次（进度正常）；"
        "应到挂钩乡镇现场办公4次，已完成1次（进度正常）；应下基层调研60天，已完成2天（进度滞后）。")


def test_the_roll_up_and_the_leaders_page_show_the_same_numbers(api, client, token_for, owner, leader, scenario):
    from django.urls import reverse

    from tests.conftest import PASSWORD

    data = compliance(api, token_for(owner), period="2026-01")
    row = next(o for o in data["officials"] if o["official"]["id"] == leader.pk)
    assert {r["kind"]: r["done"] for r in row["results"]} == {"reception": 1, "onsite": 1, "research": 2}
    assert data["summary"].startswith("2026年1月，县处级领导1人应到挂钩乡镇接访1次，已完成1次")
    county = next(u for u in data["units"] if u["unit_id"] == leader.unit_id)
    assert county["met"] == 2 and county["behind"] == 1

    assert client.login(username=leader.user.username, password=PASSWORD)
    html = client.get(reverse("quotas:mine"), {"year": 2026}).content.decode()
    assert "2026年1月 1/1" in html and "2026年第一季度 1/1" in html and "2026年 2/60" in html
    assert "海上养殖整治蹲点调研" in html and "长春镇海产品加工园区现场办公" in html  # each activity, by title
    assert f'href="/activities/{scenario.trip["id"]}/"' in html


def test_an_outsider_cannot_read_the_leaders_compliance(api, token_for, outsider, leader, scenario):
    resp = api.get("/quotas/compliance", token_for(outsider), official=leader.pk, period="2026-01")
    assert resp.status_code == 404
