"""Appointments, visits and return visits, on-site rules, lecture questions, research measures, linkages."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from sixia.core.errors import Conflict, InvalidInput


@pytest.fixture
def planned_days(county_leader, owner):
    """Reception days planned for the 45 days after today: one or two, by where the month's day falls."""
    from sixia.activities import services

    schedule = services.create_schedule(actor=owner, name="长春镇领导接待日", region_code="350921101", place="镇便民服务中心",
                                        rota_ids=[county_leader.pk], start_time="09:00", end_time="10:00",
                                        slot_minutes=30, slot_capacity=2)
    start = date.today() + timedelta(days=1)  # the public sees days from today on
    return services.plan_reception_days(actor=owner, schedule=schedule, start=start,
                                        end=start + timedelta(days=45))


@pytest.fixture
def published_day(planned_days):
    return planned_days[0]


def test_appointments_fill_a_slot_then_are_refused(published_day):
    payload = {"slot": "09:00", "name": "郑一", "phone": "13900001111", "matter": "反映宅基地纠纷"}
    from sixia.activities import services

    today = published_day.start_day
    for n in range(2):  # one phone may hold one slot per day (test_appointment_cancel.py): two callers
        services.book_appointment(activity=published_day, today=today, **(payload | {"phone": f"1390000222{n}"}))
    with pytest.raises(Conflict) as err:
        services.book_appointment(activity=published_day, today=today, **payload)
    assert "已约满" in err.value.message and err.value.code == "slot_full"
    ok = services.book_appointment(activity=published_day, today=today, **(payload | {"slot": "09:30"}))
    assert ok.phone_masked and "13900001111" not in ok.phone_masked
    with pytest.raises(InvalidInput):
        services.book_appointment(activity=published_day, today=today, **(payload | {"slot": "10:00"}))
    assert [(s.strftime("%H:%M"), c, n) for s, c, n in services.slots_of(published_day)] == [
        ("09:00", 2, 2), ("09:30", 2, 1)]
    with pytest.raises(Conflict):
        services.book_appointment(activity=published_day, today=today + timedelta(days=1), **payload)


def test_the_public_api_lists_and_books_without_login(planned_days, published_day, api):
    listed = api.get("/activities/public/reception-days")
    assert listed.status_code == 200
    assert [d["id"] for d in listed.json()] == [day.pk for day in planned_days]
    assert listed.json()[0]["leaders"] == ["陈建华（县长）"]
    booked = api.post(f"/activities/public/reception-days/{published_day.pk}/appointments",
                      {"slot": "09:00", "name": "郑一", "phone": "13900001111", "matter": "宅基地纠纷"})
    assert booked.status_code == 202 and booked.json()["status"] == "received"  # the code goes by SMS
    from sixia.activities.models import Appointment

    assert Appointment.objects.get(activity=published_day).slot.strftime("%H:%M") == "09:00"


def test_a_door_to_door_visit_with_households_and_a_finding(api, headers, township_leader, units):
    made = api.post("/activities/visits", {
        "region_code": "350921101", "start_day": "2026-03-03", "official_ids": [township_leader.pk],
        "households": [{"name": "郑大伯", "address": "长春镇渔洋垾村3号", "situation": "独居老人"}],
        "findings": [{"description": "房屋漏雨需修缮", "unit_id": units["township"].pk}]}, headers)
    assert made.status_code == 201, made.content
    body = made.json()
    assert body["visit_type"] == "door_to_door" and body["days"] == 0.5
    assert len(body["cases"]) == 1 and body["households"][0]["name"] == "郑大伯"
    assert body["officials"][0]["at_linked_place"] is False  # no linkage for this official


def test_a_return_visit_counts_as_the_cases_return_visit(api, headers, county_leader, owner, units):
    from sixia.cases.models import Case, ReturnVisit
    from sixia.cases.services import create_case, perform_action

    case = create_case(actor=owner, channel="visit", petition_class="appeal", title="路灯不亮", content="村口路灯坏了",
                       region_code="350921101", assign_to=units["housing"])
    case = perform_action(actor=None, case=case, action="sign", args={})
    case = perform_action(actor=None, case=case, action="reply", args={"outcome": "supported", "text": "已修复"})
    made = api.post("/activities/return-visits", {"case_id": case.pk, "official_ids": [county_leader.pk],
                                                  "start_day": "2026-03-10", "satisfaction": "satisfied"}, headers)
    assert made.status_code == 201, made.content
    assert Case.objects.get(pk=case.pk).state == "visited"
    visit = ReturnVisit.objects.get(case=case)
    assert visit.method == "in_person" and visit.satisfaction == "satisfied"
    assert made.json()["visit_type"] == "return" and made.json()["case_id"] == case.pk
    # a case not waiting for a return visit: refused, and nothing recorded
    again = api.post("/activities/return-visits", {"case_id": case.pk, "official_ids": [county_leader.pk],
                                                   "start_day": "2026-03-11", "satisfaction": "satisfied"}, headers)
    assert again.status_code == 409
    from sixia.activities.models import Activity

    assert Activity.objects.filter(kind="visit").count() == 1


def test_an_onsite_problem_without_a_unit_goes_to_the_desk(api, headers, county_leader):
    from sixia.cases.models import Case

    made = api.post("/activities/onsite-meetings", {
        "region_code": "350921101", "start_day": "2026-01-20", "official_ids": [county_leader.pk],
        "problems": [{"description": "排污管网未接通", "outcome": "case"}]}, headers)
    assert made.status_code == 201, made.content
    case = Case.objects.get(source_id=made.json()["id"])
    assert case.state == "registered" and case.responsible_unit_id is None  # the desk's to accept and dispatch
    solved_without_note = api.post("/activities/onsite-meetings", {
        "region_code": "350921101", "start_day": "2026-01-20", "official_ids": [county_leader.pk],
        "problems": [{"description": "照明不足", "outcome": "solved"}]}, headers)
    assert solved_without_note.json()["code"] == "action_required"


def test_lecture_questions_become_cases(api, headers, county_leader):
    made = api.post("/activities/lectures", {
        "region_code": "350921101", "start_day": "2026-04-02", "official_ids": [county_leader.pk],
        "lecture_form": "bench", "audience": 60, "team": "理论宣讲轻骑兵",
        "questions": [{"description": "新农合缴费标准为何上涨", "outcome": "explained", "action_taken": "现场解释"},
                      {"visitor_name": "黄阿姨", "description": "村里自来水压力不足"}]}, headers).json()
    assert made["lecture_form"] == "村头板凳会" and len(made["cases"]) == 1
    from sixia.cases.models import Case

    assert Case.objects.get(pk=made["cases"][0]["id"]).channel == "lecture"
    bad = api.post("/activities/lectures", {"region_code": "350921101", "start_day": "2026-04-02",
                                            "official_ids": [county_leader.pk], "lecture_form": "nope"}, headers)
    assert bad.status_code == 422 and bad.json()["code"] == "invalid_form"


def test_research_measures_roll_up_and_exchange_meetings(api, headers, county_leader):
    topic = api.post("/activities/research-topics", {"title": "民宿产业发展调研", "leader_id": county_leader.pk,
                                                     "region_code": "350921", "year": 2026}, headers).json()
    tid = topic["id"]
    parent = api.post(f"/activities/research-topics/{tid}/measures", {"title": "完善民宿扶持政策"}, headers).json()["id"]
    a = api.post(f"/activities/research-topics/{tid}/measures",
                 {"title": "出台管理办法", "parent_id": parent, "progress": 100, "due_date": "2026-06-30"},
                 headers).json()["id"]
    b = api.post(f"/activities/research-topics/{tid}/measures",
                 {"title": "设立专项资金", "parent_id": parent, "progress": 20}, headers).json()["id"]
    api.post(f"/activities/research-topics/{tid}/measures", {"title": "培训从业人员", "progress": 50}, headers)
    body = api.get(f"/activities/research-topics/{tid}", headers).json()
    rows = {m["id"]: m for m in body["measures"]}
    assert rows[parent]["progress"] == 60 and rows[parent]["status"] == "active" and rows[a]["status"] == "done"
    assert [m["depth"] for m in body["measures"]] == [0, 1, 1, 0]
    assert body["progress"] == 55
    updated = api.post(f"/activities/measures/{b}/progress", {"progress": 100}, headers).json()
    assert {m["id"]: m for m in updated["measures"]}[parent]["status"] == "done"
    refused = api.post(f"/activities/measures/{parent}/progress", {"progress": 10}, headers)
    assert refused.status_code == 422 and refused.json()["code"] == "parent_progress"
    assert api.post(f"/activities/measures/{b}/progress", {"progress": 140}, headers).status_code == 422
    report = api.post(f"/activities/research-topics/{tid}/report", {"summary": "形成调研报告一份"}, headers).json()
    assert report["status"] == "reported"
    meeting = api.post("/activities/exchange-meetings", {"day": "2026-07-10", "region_code": "350921",
                                                         "topic_ids": [tid], "place": "县委党校"}, headers)
    assert meeting.status_code == 201
    assert api.get(f"/activities/research-topics/{tid}", headers).json()["exchange_meetings"][0]["day"] == "2026-07-10"


def test_a_research_finding_becomes_a_case_and_a_trip_counts_days(api, headers, county_leader, units):
    made = api.post("/activities/research-trips", {
        "region_code": "350921102", "start_day": "2026-05-11", "days": 1.5, "official_ids": [county_leader.pk],
        "people_met": 12, "findings": [{"description": "渔港码头年久失修", "unit_id": units["housing"].pk,
                                        "due_date": "2026-06-30"}]}, headers).json()
    assert made["days"] == 1.5 and len(made["cases"]) == 1 and made["four_not_two_direct"] is False
    assert made["officials"][0]["at_linked_place"] is False  # 牙城镇 is not his linked township
    bad = api.post("/activities/research-trips", {"region_code": "350921102", "start_day": "2026-05-11",
                                                  "days": 0.3, "official_ids": [county_leader.pk]}, headers)
    assert bad.status_code == 422 and bad.json()["code"] == "invalid_days"


def test_a_problem_solved_later(api, headers, county_leader):
    made = api.post("/activities/onsite-meetings", {
        "region_code": "350921101", "start_day": "2026-01-20", "official_ids": [county_leader.pk],
        "problems": [{"description": "研究园区扩区", "outcome": "open"}]}, headers).json()
    assert made["all_closed"] is False
    pid = made["problems"][0]["id"]
    done = api.post(f"/activities/problems/{pid}", {"outcome": "solved", "action_taken": "已纳入规划"}, headers).json()
    assert done["all_closed"] is True


def test_unknown_ids_are_not_found(api, headers, outsider, token_for, published_day):
    assert api.post("/activities/reception-schedules/999999/plan", {"start": "2026-01-01", "end": "2026-02-01"},
                    headers).status_code == 404
    assert api.post("/activities/public/reception-days/999999/appointments",
                    {"slot": "09:00", "name": "郑一", "phone": "13900001111", "matter": "事项"}).status_code == 404
    assert api.post("/activities/measures/999999/progress", {"progress": 10}, headers).status_code == 404
    schedule_id = published_day.schedule_id
    assert api.post(f"/activities/reception-schedules/{schedule_id}/plan", {"start": "2026-01-01",
                                                                            "end": "2026-02-01"},
                    token_for(outsider)).status_code == 404


def test_a_booked_visitor_is_received_on_the_day(published_day, api, headers, client, owner):
    from sixia.activities import services
    from sixia.activities.models import Appointment
    from sixia.cases.models import Case
    from tests.conftest import PASSWORD

    today = published_day.start_day
    first = services.book_appointment(activity=published_day, slot="09:00", name="郑一", phone="13900001111",
                                      matter="宅基地纠纷", today=today)
    second = services.book_appointment(activity=published_day, slot="09:30", name="吴二", phone="13900002222",
                                       matter="咨询医保", today=today)
    # receiving records the day as held, so it happens on the day (not before: a held day cannot lie ahead)
    early = api.post(f"/activities/appointments/{first.pk}/receive", {"outcome": "case"}, headers)
    assert early.status_code == 422 and early.json()["code"] == "date_in_future"
    with time_machine.travel(datetime.combine(today, time(9, 5), tzinfo=ZoneInfo("Asia/Shanghai")), tick=False):
        made = api.post(f"/activities/appointments/{first.pk}/receive", {"outcome": "case"}, headers)
        assert made.status_code == 201, made.content
        case = Case.objects.get(pk=made.json()["cases"][0]["id"])
        assert case.title == "宅基地纠纷" and case.owner_leader_id is not None
        assert case.petitioners.get().person.name == "郑一"
        assert api.post(f"/activities/appointments/{first.pk}/receive", {"outcome": "case"}, headers).status_code == 409
        client.login(username="owner", password=PASSWORD)
        client.post(f"/activities/appointments/{second.pk}/receive/", {"outcome": "solved", "action_taken": "当场解答"})
        assert Appointment.objects.get(pk=second.pk).status == "received"
        body = api.get(f"/activities/reception-days/{published_day.pk}", headers).json()
        assert body["summary"] == "接待群众2名，受理问题2件，其中1件当场解决，其余限期一个月内办结"
        assert body["status"] == "held"
