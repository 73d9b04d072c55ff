"""The issue's scenario through the API: what each POST returns, and what the quotas will count."""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from sixia.activities.selectors import participations
from tests.activities.scenario import run_scenario


def test_it_runs_the_scenario_and_returns_the_created_cases(api, headers, county_leader, units):
    r = run_scenario(api, headers, leader_id=county_leader.pk, unit_ids=[units["housing"].pk, units["township"].pk])

    assert len(r.reception["cases"]) == 2
    assert all(c["tracking_no"] for c in r.reception["cases"])
    assert r.reception["summary"] == "接待群众3名，受理问题3件，其中1件当场解决，其余限期一个月内办结"
    assert r.reception["followup"] == "转办的2件中已办结0件，尚有2件在办"
    assert len(r.onsite["cases"]) == 3
    assert [p["outcome"] for p in r.onsite["problems"]] == ["solved", "case", "case", "case"]
    assert all(c["state"] == "assigned" for c in r.onsite["cases"])
    assert {c["responsible_unit_id"] for c in r.onsite["cases"]} == {units["housing"].pk, units["township"].pk}
    assert r.onsite["all_closed"] is False
    assert r.trip["cases"] == [] and r.trip["days"] == 2.0 and r.trip["four_not_two_direct"] is True
    assert r.lecture["audience"] == 120 and r.lecture["lecture_form"] == "群众大讲坛"
    # the county leader's linked township: every activity counts toward the linkage duty
    assert all(o["at_linked_place"] for x in (r.reception, r.onsite, r.trip, r.lecture) for o in x["officials"])


def test_it_reports_participations_for_quotas(api, headers, county_leader, units):
    run_scenario(api, headers, leader_id=county_leader.pk, unit_ids=[units["housing"].pk])

    rows = participations([county_leader.pk], date(2026, 1, 1), date(2026, 1, 31))
    assert [(p.kind, p.days, p.four_not_two_direct) for p in rows] == [
        ("reception", 1.0, False), ("onsite", 1.0, False), ("research", 2.0, True), ("lecture", 1.0, False)]
    assert {p.region_code for p in rows} == {"350921101"}
    assert participations([county_leader.pk], date(2026, 2, 1), date(2026, 2, 28)) == []
    assert len(participations(None, date(2026, 1, 22), date(2026, 1, 22))) == 1


def test_the_cases_own_the_reception_leader_and_cite_their_source(api, headers, county_leader, units):
    from sixia.cases.models import Case

    r = run_scenario(api, headers, leader_id=county_leader.pk, unit_ids=[units["housing"].pk])
    owned = Case.objects.get(pk=r.reception["cases"][0]["id"])
    assert owned.owner_leader_id == county_leader.pk
    assert (owned.source_type, owned.source_id, owned.channel) == ("reception_day", r.reception["id"], "visit")
    onsite = Case.objects.get(pk=r.onsite["cases"][0]["id"])
    assert onsite.channel == "onsite" and onsite.responsible_unit_id == units["housing"].pk
    assert timezone.localtime(onsite.due_at).date() == date(2026, 1, 25)


def test_an_outsider_sees_none_of_it(api, headers, county_leader, units, outsider, token_for):
    r = run_scenario(api, headers, leader_id=county_leader.pk, unit_ids=[units["housing"].pk])
    other = token_for(outsider)
    assert api.get(f"/activities/onsite-meetings/{r.onsite['id']}", other).status_code == 404
    assert api.get("/activities/lectures", other).json()["items"] == []
    refused = api.post("/activities/lectures", {"region_code": "350921101", "start_day": "2026-01-27",
                                                "official_ids": [county_leader.pk], "audience": 5}, other)
    assert refused.status_code in (403, 404)
