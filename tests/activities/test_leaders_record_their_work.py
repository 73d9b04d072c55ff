"""Leaders record their own work (issue 12): a leader saving a 现场办公, 宣讲, 调研 or 走访 gets its problems
registered, and those handed to a unit on the spot are accepted and assigned (现场交办) with the leader recorded
as the one who assigned them; without a unit the case goes to the desk. Supervisors and auditors only read."""

from __future__ import annotations

import pytest

from tests.conftest import COUNTY


@pytest.fixture
def leader_user(make_user, units, county_leader):
    return make_user("leader", ["leader"], COUNTY, units["county_gov"], official=county_leader)


def test_a_leader_hands_a_problem_to_a_unit_on_the_spot(api, token_for, leader_user, county_leader, units):
    from sixia.cases.models import Case, CaseEvent

    made = api.post("/activities/onsite-meetings", {
        "title": "长春镇污水管网现场办公", "region_code": "350921101", "start_day": "2026-05-20",
        "official_ids": [county_leader.pk],
        "problems": [{"outcome": "case", "unit_id": units["housing"].pk, "description": "排污管网未接通，雨天倒灌", "own": True},
                     {"outcome": "case", "description": "村道路灯不亮"}]}, token_for(leader_user))
    assert made.status_code == 201, made.content
    handed, to_desk = Case.objects.filter(source_id=made.json()["id"]).order_by("pk")
    assert handed.state == "assigned" and handed.responsible_unit_id == units["housing"].pk
    assert handed.owner_leader_id == county_leader.pk and handed.due_at is not None
    events = {e.action: e for e in CaseEvent.objects.filter(case=handed)}
    assert events["assign"].actor_id == leader_user.pk and events["assign"].data["on_site"] is True
    assert events["accept"].actor_id == leader_user.pk
    assert to_desk.state == "registered" and to_desk.responsible_unit_id is None


@pytest.mark.parametrize("path, problems_key", [("/activities/lectures", "questions"),
                                                 ("/activities/research-trips", "findings"),
                                                 ("/activities/visits", "findings")])
def test_every_activity_a_leader_records_registers_its_problems(api, token_for, leader_user, county_leader, units,
                                                                path, problems_key):
    from sixia.cases.models import Case

    made = api.post(path, {"title": "下基层", "region_code": "350921101", "start_day": "2026-05-21",
                           "official_ids": [county_leader.pk],
                           problems_key: [{"outcome": "case", "unit_id": units["housing"].pk,
                                           "description": "老旧小区屋面渗漏"}]}, token_for(leader_user))
    assert made.status_code == 201, made.content
    case = Case.objects.get(source_id=made.json()["id"])
    assert case.state == "assigned" and case.responsible_unit_id == units["housing"].pk


def test_supervisors_and_auditors_record_nothing(api, token_for, make_user, units, county_leader):
    from sixia.activities.models import Activity

    for role in ("supervisor", "auditor"):
        user = make_user(role, [role], COUNTY, units["county_gov"])
        answer = api.post("/activities/lectures", {"title": "宣讲", "region_code": "350921101", "start_day": "2026-05-21",
                                                   "official_ids": [county_leader.pk], "audience": 50},
                          token_for(user))
        assert answer.status_code == 403, (role, answer.content)
    assert not Activity.objects.exists()


def test_a_handler_records_a_visit_but_cannot_hand_out_on_the_spot(api, token_for, make_user, units,
                                                                   county_leader):
    from sixia.activities.models import Activity
    from sixia.cases.models import Case

    handler = make_user("handler", ["handler"], COUNTY, units["housing"])
    visit = {"title": "走访", "region_code": "350921101", "start_day": "2026-05-21", "official_ids": [county_leader.pk],
             "findings": [{"outcome": "case", "description": "危房需排查"}]}
    made = api.post("/activities/visits", visit, token_for(handler))
    assert made.status_code == 201, made.content
    assert Case.objects.get(source_id=made.json()["id"]).state == "registered"  # to the desk
    refused = api.post("/activities/visits", visit | {"findings": [{"outcome": "case", "description": "危房需排查",
                                                                     "unit_id": units["housing"].pk}]},
                       token_for(handler))
    assert refused.status_code == 403 and Activity.objects.count() == 1  # all or nothing
