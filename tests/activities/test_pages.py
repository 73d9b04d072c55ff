"""The pages render for the owner, hide other counties' records, and the ledgers export as Excel."""

from __future__ import annotations

import io
from datetime import date, timedelta

from openpyxl import load_workbook

from tests.activities.scenario import run_scenario
from tests.conftest import PASSWORD


def test_the_pages_render(client, api, headers, owner, county_leader, units):
    r = run_scenario(api, headers, leader_id=county_leader.pk, unit_ids=[units["housing"].pk])
    client.login(username="owner", password=PASSWORD)
    home = client.get("/activities/")
    assert home.status_code == 200 and "长春镇海产品加工园区现场办公" in home.content.decode()
    day = client.get(f"/activities/{r.reception['id']}/").content.decode()
    assert "接待群众3名，受理问题3件，其中1件当场解决，其余限期一个月内办结" in day
    meeting = client.get(f"/activities/{r.onsite['id']}/").content.decode()
    assert "3项未办结" in meeting and "挂钩联系点" in meeting
    cal = client.get("/activities/reception/calendar/?month=2026-01").content.decode()
    assert "2026年1月共举办领导接待日1次" in cal
    for kind in ("onsite", "reception", "visit", "research", "lecture"):
        assert client.get(f"/activities/new/{kind}/").status_code == 200
    assert client.get(f"/activities/research/{r.topic['id']}/").status_code == 200
    assert client.get("/activities/research/").status_code == 200


def test_an_outsider_sees_no_record(client, api, headers, owner, outsider, county_leader, units):
    r = run_scenario(api, headers, leader_id=county_leader.pk, unit_ids=[units["housing"].pk])
    client.login(username="outsider", password=PASSWORD)
    assert client.get(f"/activities/{r.onsite['id']}/").status_code == 404
    assert "长春镇" not in client.get("/activities/").content.decode()
    assert client.get(f"/activities/research/{r.topic['id']}/").status_code == 404


def test_the_onsite_ledger_exports(client, api, headers, owner, county_leader, units):
    run_scenario(api, headers, leader_id=county_leader.pk, unit_ids=[units["housing"].pk])
    client.login(username="owner", password=PASSWORD)
    response = client.get("/activities/export/onsite.xlsx?year=2026")
    assert response.status_code == 200
    ws = load_workbook(io.BytesIO(response.content)).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][:3] == ("序号", "日期", "主题")
    assert rows[1][1] == "2026-01-20" and rows[1][-4:] == (4, 1, 3, 3)
    reception = load_workbook(io.BytesIO(client.get("/activities/export/reception.xlsx?year=2026").content)).active
    assert "接待群众3名" in str(list(reception.iter_rows(values_only=True))[1])


def test_the_public_page_books_without_login(client, county_leader, owner):
    from sixia.activities import services

    schedule = services.create_schedule(actor=owner, name="", region_code="350921", place="县信访局接待大厅",
                                        rota_ids=[county_leader.pk], slot_capacity=1)
    start = date.today() + timedelta(days=1)
    day = services.plan_reception_days(actor=owner, schedule=schedule, start=start, end=start + timedelta(days=45))[0]
    page = client.get("/activities/public/").content.decode()
    assert "县信访局接待大厅" in page and "陈建华" in page
    form = {"day_id": day.pk, "slot": "08:30", "name": "郑一", "phone": "13900001111", "matter": "宅基地纠纷"}
    assert "预约申请已收到" in client.post("/activities/public/", form).content.decode()
    full = client.post("/activities/public/", form)
    assert full.status_code == 422 and "已约满" in full.content.decode()


def test_intake_on_the_day_from_the_page(client, api, headers, owner, county_leader):
    made = api.post("/activities/reception-days", {"region_code": "350921101", "start_day": "2026-01-15",
                                                   "official_ids": [county_leader.pk]}, headers).json()
    client.login(username="owner", password=PASSWORD)
    response = client.post(f"/activities/{made['id']}/", {
        "p0-visitor_name": "郑一", "p0-headcount": "2", "p0-description": "村道破损", "p0-outcome": "case",
        "p0-own": "on", "p1-visitor_name": "吴二", "p1-description": "咨询医保", "p1-outcome": "solved",
        "p1-action_taken": "当场解答"})
    assert response.status_code == 302
    body = api.get(f"/activities/reception-days/{made['id']}", headers).json()
    assert body["summary"] == "接待群众3名，受理问题2件，其中1件当场解决，其余限期一个月内办结"


def test_the_home_panel_shows_the_next_reception_day(client, owner, county_leader):
    from sixia.activities import services

    schedule = services.create_schedule(actor=owner, name="", region_code="350921", place="县信访局",
                                        rota_ids=[county_leader.pk])
    start = date.today() + timedelta(days=1)
    services.plan_reception_days(actor=owner, schedule=schedule, start=start, end=start + timedelta(days=45))
    client.login(username="owner", password=PASSWORD)
    home = client.get("/").content.decode()
    assert "下一个领导接待日" in home and "陈建华" in home


def test_a_return_visit_and_a_topic_from_the_pages(client, owner, county_leader, units):
    from sixia.cases.models import Case
    from sixia.cases.services import create_case, perform_action

    case = create_case(actor=owner, channel="visit", petition_class="appeal", title="路灯不亮", content="村口路灯坏了",
                       region_code="350921101", assign_to=units["housing"])
    case = perform_action(actor=None, case=case, action="sign", args={})
    perform_action(actor=None, case=case, action="reply", args={"outcome": "supported", "text": "已修复"})
    client.login(username="owner", password=PASSWORD)
    response = client.post("/activities/new/visit/", {
        "start_day": "2026-03-10", "region_code": "350921101", "official_ids": [county_leader.pk],
        "case_no": case.tracking_no.lower(), "satisfaction": "satisfied", "resolved": "on"})
    assert response.status_code == 302
    assert Case.objects.get(pk=case.pk).state == "visited"
    missing = client.post("/activities/new/visit/", {"start_day": "2026-03-10", "region_code": "350921101",
                                                      "official_ids": [county_leader.pk], "case_no": "NOPE"})
    assert missing.status_code == 422 and "回访的诉求不存在" in missing.content.decode()
    made = client.post("/activities/research/", {"title": "民宿产业调研", "leader_id": county_leader.pk,
                                                 "region_code": "350921", "year": "2026"})
    assert made.status_code == 302 and "/activities/research/" in made["Location"]


def test_an_exchange_meeting_from_the_topic_page(client, api, headers, owner, county_leader):
    topic = api.post("/activities/research-topics", {"title": "民宿调研", "leader_id": county_leader.pk,
                                                     "region_code": "350921", "year": 2026}, headers).json()
    client.login(username="owner", password=PASSWORD)
    client.post(f"/activities/research/{topic['id']}/", {"op": "exchange", "day": "2026-07-10", "place": "县委党校"})
    page = client.get(f"/activities/research/{topic['id']}/").content.decode()
    assert "2026-07-10 县委党校" in page
