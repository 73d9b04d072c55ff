"""Visitors and households as persons (issue 13 item 4), 带案下访 (item 2), held dates and lengths (item 5)."""

from __future__ import annotations

import importlib
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from tests.conftest import OTHER_COUNTY, PASSWORD, TOWNSHIP

NOW = datetime(2026, 6, 15, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
PHONE = "13900001111"


def id_number(body17: str = "35092119800101123") -> str:
    from sixia.core.identity import id_check_char

    return body17 + id_check_char(body17)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def _day(api, headers, leader, **extra):
    body = {"region_code": TOWNSHIP, "start_day": "2026-06-15", "official_ids": [leader.pk]} | extra
    return api.post("/activities/reception-days", body, headers)


# ---- persons ----

def test_a_visitor_with_an_id_number_is_one_person_however_often_recorded(api, headers, county_leader):
    from sixia.activities.models import Problem
    from sixia.people.models import Person

    visitor = {"visitor_name": "郑一", "id_number": id_number(), "phone": PHONE, "description": "村道破损"}
    first = _day(api, headers, county_leader, visitors=[visitor])
    assert first.status_code == 201, first.content
    again = api.post(f"/activities/reception-days/{first.json()['id']}/visitors",
                     {"visitors": [visitor | {"description": "路灯不亮", "outcome": "explained"}]}, headers)
    assert again.status_code == 201, again.content
    second_day = _day(api, headers, county_leader, start_day="2026-06-14",
                      visitors=[{"visitor_name": "郑一", "phone": PHONE, "description": "又来反映"}])  # phone + name
    assert second_day.status_code == 201
    assert Person.objects.count() == 1
    person = Person.objects.get()
    assert set(Problem.objects.values_list("person_id", flat=True)) == {person.pk}
    assert person.phone_masked and PHONE not in person.phone_masked and PHONE not in person.phone_token
    case = Problem.objects.filter(case__isnull=False).first().case
    assert list(case.petitioners.values_list("person_id", flat=True)) == [person.pk]  # the same, not a second
    shown = again.json()["problems"][0]
    assert shown["person_id"] == person.pk and shown["phone_masked"] == person.phone_masked


def test_a_bad_id_number_is_refused_on_the_visitors_field_and_nothing_is_written(api, headers, county_leader):
    from sixia.activities.models import Activity

    answer = _day(api, headers, county_leader,
                  visitors=[{"visitor_name": "郑一", "id_number": "350921198001011230", "description": "x"}])
    assert answer.status_code == 422 and answer.json()["field"] == "visitors"
    assert not Activity.objects.exists()


def test_saving_the_visitor_rows_on_the_page_twice_keeps_one_person(client, api, headers, owner, county_leader):
    from sixia.people.models import Person

    made = _day(api, headers, county_leader).json()
    client.login(username=owner.username, password=PASSWORD)
    row = {"p0-visitor_name": "吴二", "p0-phone": "139 0000 2222", "p0-description": "咨询医保", "p0-outcome": "solved",
           "p0-action_taken": "当场解答"}
    for _ in range(2):
        assert client.post(f"/activities/{made['id']}/", row).status_code == 302
    assert Person.objects.filter(name="吴二").count() == 1
    page = client.get(f"/activities/{made['id']}/").content.decode()
    assert "13900002222" not in page and Person.objects.get().phone_masked in page


def test_households_are_persons_and_the_json_holds_no_number_in_clear(api, headers, county_leader):
    from django.db import connection

    from sixia.activities.models import Activity
    from sixia.people.models import Person

    ident = id_number()
    made = api.post("/activities/visits", {
        "region_code": TOWNSHIP, "start_day": "2026-06-12", "official_ids": [county_leader.pk],
        "households": [{"name": "郑大伯", "phone": PHONE, "id_number": ident, "situation": "独居老人"},
                       {"name": "黄阿姨"}]}, headers)
    assert made.status_code == 201, made.content
    with connection.cursor() as cursor:
        cursor.execute("SELECT households FROM activities_activity WHERE id = %s", [made.json()["id"]])
        raw = str(cursor.fetchone()[0])
    assert PHONE not in raw and ident not in raw and "0001111" not in raw and "19800101" not in raw
    person = Person.objects.get(name="郑大伯")
    households = made.json()["households"]
    assert households[0] == {"name": "郑大伯", "person_id": person.pk, "phone_masked": person.phone_masked,
                             "id_number_masked": person.id_number_masked, "address": "", "situation": "独居老人",
                             "note": ""}
    assert households[1]["person_id"] is None  # a name alone identifies nobody
    assert list(Activity.objects.get().household_persons.all()) == [person]


def test_the_person_page_lists_the_visits_to_the_household_and_the_matters_raised(api, headers, county_leader,
                                                                                   client, owner):
    """一人一表: the visitor and household rows that resolve to a person are that person's activity contacts."""
    from sixia.people.models import Person

    visit = api.post("/activities/visits", {
        "region_code": TOWNSHIP, "start_day": "2026-06-12", "official_ids": [county_leader.pk],
        "title": "入户走访郑大伯", "households": [{"name": "郑大伯", "phone": PHONE, "situation": "独居老人"}]}, headers)
    assert visit.status_code == 201, visit.content
    day = _day(api, headers, county_leader, title="六月接访日",
               visitors=[{"visitor_name": "郑大伯", "phone": PHONE, "description": "屋顶漏水"}])
    assert day.status_code == 201, day.content
    person = Person.objects.get(name="郑大伯")
    client.force_login(owner)
    page = client.get(f"/persons/{person.pk}/").content.decode()
    assert "入户走访郑大伯" in page and "屋顶漏水" in page


def test_the_data_migration_moves_clear_household_numbers_to_persons(api, headers, county_leader):
    from django.apps import apps

    from sixia.activities.models import Activity
    from sixia.people.models import Person

    made = api.post("/activities/visits", {"region_code": TOWNSHIP, "start_day": "2026-06-12",
                                           "official_ids": [county_leader.pk]}, headers).json()
    ident = id_number()
    Activity.objects.filter(pk=made["id"]).update(households=[  # as stored before: numbers in clear
        {"name": "郑大伯", "phone": PHONE, "id_number": ident, "address": "渔洋垾村3号"},
        {"name": "黄阿姨", "phone": "not a phone"}, {"name": "林伯"}])
    migration = importlib.import_module("sixia.activities.migrations.0004_persons_and_carried")
    migration.households_to_persons(apps, None)
    migration.households_to_persons(apps, None)  # twice: no second person
    rows = Activity.objects.get(pk=made["id"]).households
    assert PHONE not in str(rows) and ident not in str(rows) and "not a phone" not in str(rows)
    person = Person.objects.get()
    assert rows[0] == {"name": "郑大伯", "address": "渔洋垾村3号", "person_id": person.pk,
                       "phone_masked": person.phone_masked, "id_number_masked": person.id_number_masked}
    assert rows[1] == {"name": "黄阿姨"} and rows[2] == {"name": "林伯"}
    assert person.id_number_token and ident not in person.id_number_token


def test_contacts_of_a_person_within_the_jurisdiction(api, headers, county_leader, owner, outsider):
    from sixia.activities import selectors, services
    from sixia.activities.models import Activity
    from sixia.people.models import Person

    day = _day(api, headers, county_leader, visitors=[{"visitor_name": "郑一", "phone": PHONE,
                                                       "description": "村道破损"}]).json()
    visit = api.post("/activities/visits", {"region_code": TOWNSHIP, "start_day": "2026-06-10",
                                            "official_ids": [county_leader.pk],
                                            "households": [{"name": "郑一", "phone": PHONE}]}, headers).json()
    planned = services.record_activity(actor=owner, kind="reception", title="7月接待日", region_code=TOWNSHIP,
                                       start_day=date(2026, 7, 15), official_ids=[county_leader.pk],
                                       status=Activity.Status.PLANNED, is_published=True).activity
    services.book_appointment(activity=planned, slot="09:00", name="郑一", phone=PHONE, matter="宅基地")
    _day(api, headers, county_leader, visitors=[{"visitor_name": "吴二", "phone": "13900002222", "description": "x"}])
    person = Person.objects.get(name="郑一")
    assert [a.pk for a in selectors.contacts_of(owner, person)] == [planned.pk, day["id"], visit["id"]]
    assert list(selectors.contacts_of(outsider, person)) == []


# ---- 带案下访 ----

@pytest.fixture
def case(owner, units):
    from sixia.cases.services import create_case

    return create_case(actor=owner, channel="visit", petition_class="appeal", title="宅基地纠纷", content="邻里宅基地纠纷",
                       region_code=TOWNSHIP, assign_to=units["housing"])


def test_a_reception_day_carries_a_case_and_what_was_done_goes_on_its_timeline(api, headers, county_leader, case):
    from sixia.cases.models import Case, CaseEvent

    day = _day(api, headers, county_leader, carried_cases=[case.tracking_no])
    assert day.status_code == 201, day.content
    assert [c["case"]["id"] for c in day.json()["carried_cases"]] == [case.pk]
    assert not CaseEvent.objects.filter(case=case, action="carried_visit").exists()  # carried, nothing done yet
    done = api.post(f"/activities/items/{day.json()['id']}/carried-cases",
                    {"case": case.pk, "action_taken": "约见双方现场调解", "outcome": "progressed"}, headers)
    assert done.status_code == 201, done.content
    assert done.json()["carried_cases"][0]["outcome"] == "progressed"
    event = CaseEvent.objects.get(case=case, action="carried_visit")
    assert event.from_state == event.to_state == case.state and event.reason == "约见双方现场调解"
    assert Case.objects.get(pk=case.pk).state == case.state  # a side event: the state does not change
    timeline = api.get(f"/cases/{case.pk}/timeline", headers).json()
    assert timeline[-1]["action"] == "carried_visit" and timeline[-1]["action_label"] == "带案下访"


def test_carrying_a_case_outside_the_jurisdiction_is_404_and_without_the_right_403(
        api, headers, county_leader, case, token_for, auditor, outsider):
    from sixia.activities.models import CarriedCase
    from sixia.cases.models import CaseEvent
    from sixia.cases.services import create_case

    elsewhere = create_case(actor=outsider, channel="visit", petition_class="appeal", title="别县的事", content="x",
                            region_code=OTHER_COUNTY)
    day = _day(api, headers, county_leader).json()
    path = f"/activities/items/{day['id']}/carried-cases"
    unseen = api.post(path, {"case": elsewhere.tracking_no, "action_taken": "x", "outcome": "resolved"}, headers)
    assert unseen.status_code == 404 and unseen.json()["code"] == "case_not_found"
    assert _day(api, headers, county_leader, carried_cases=[elsewhere.pk]).status_code == 404
    refused = api.post(path, {"case": case.pk, "action_taken": "x", "outcome": "resolved"}, token_for(auditor))
    assert refused.status_code == 403
    other_day = api.post(path, {"case": case.pk}, token_for(outsider))
    assert other_day.status_code == 404  # the reception day is not theirs
    assert not CarriedCase.objects.exists() and not CaseEvent.objects.filter(action="carried_visit").exists()


def test_the_activity_page_records_a_carried_case_and_the_case_page_shows_it(client, api, headers, owner,
                                                                             county_leader, case):
    visit = api.post("/activities/visits", {"region_code": TOWNSHIP, "start_day": "2026-06-12",
                                            "official_ids": [county_leader.pk]}, headers).json()
    client.login(username=owner.username, password=PASSWORD)
    missing = client.post(f"/activities/{visit['id']}/carried/", {"case": "NOPE"})
    assert missing.status_code == 422 and "诉求不存在" in missing.content.decode()
    answer = client.post(f"/activities/{visit['id']}/carried/", {"case": case.tracking_no.lower(),
                                                                 "action_taken": "入户回访并解释政策",
                                                                 "outcome": "explained"})
    assert answer.status_code == 302
    page = client.get(f"/activities/{visit['id']}/").content.decode()
    assert case.tracking_no in page and "入户回访并解释政策" in page
    assert "带案下访" in client.get(f"/cases/{case.pk}/").content.decode()


def test_only_reception_days_and_visits_carry_cases(api, headers, county_leader, case):
    onsite = api.post("/activities/onsite-meetings", {"region_code": TOWNSHIP, "start_day": "2026-06-12",
                                                      "official_ids": [county_leader.pk]}, headers).json()
    answer = api.post(f"/activities/items/{onsite['id']}/carried-cases", {"case": case.pk}, headers)
    assert answer.status_code == 409 and answer.json()["code"] == "cannot_carry"


# ---- held dates and lengths ----

def test_a_held_activity_cannot_lie_in_the_future_but_a_plan_may(api, headers, county_leader):
    from sixia.activities.models import Activity

    ahead = api.post("/activities/onsite-meetings", {"region_code": TOWNSHIP, "start_day": "2026-06-16",
                                                     "official_ids": [county_leader.pk]}, headers)
    assert ahead.status_code == 422 and ahead.json()["field"] == "start_day"
    assert ahead.json()["code"] == "date_in_future"
    too_early = _day(api, headers, county_leader, start_day="1999-12-31")
    assert too_early.status_code == 422 and too_early.json()["code"] == "date_too_early"
    assert not Activity.objects.exists()
    planned = _day(api, headers, county_leader, start_day="2026-07-15", status="planned")
    assert planned.status_code == 201
    visitors = api.post(f"/activities/reception-days/{planned.json()['id']}/visitors",
                        {"visitors": [{"description": "提前登记"}]}, headers)  # nothing happened there yet
    assert visitors.status_code == 422 and visitors.json()["code"] == "date_in_future"


def test_a_future_held_date_on_the_page_is_422_and_keeps_what_was_typed(client, owner, county_leader):
    from sixia.activities.models import Activity

    client.login(username=owner.username, password=PASSWORD)
    answer = client.post("/activities/new/lecture/", {
        "title": "宣讲惠民政策", "region_code": TOWNSHIP, "start_day": "2026-06-20",
        "official_ids": [str(county_leader.pk)], "p0-description": "医保缴费为何上涨"})
    assert answer.status_code == 422 and not Activity.objects.exists()
    page = answer.content.decode()
    assert "不能晚于当前时间" in page and 'value="宣讲惠民政策"' in page and 'value="医保缴费为何上涨"' in page


def test_text_longer_than_its_column_is_422_naming_the_field(api, headers, county_leader):
    from sixia.activities.models import Activity

    for body, field in (({"title": "长" * 201}, "title"), ({"place": "地" * 201}, "place"),
                        ({"visitors": [{"visitor_name": "名" * 61, "description": "x"}]}, "visitor_name")):
        answer = _day(api, headers, county_leader, **body)
        assert answer.status_code == 422 and answer.json()["field"] == field, (field, answer.content)
    team = api.post("/activities/lectures", {"region_code": TOWNSHIP, "start_day": "2026-06-12",
                                             "official_ids": [county_leader.pk], "team": "队" * 101}, headers)
    assert team.status_code == 422 and team.json()["field"] == "team"
    assert not Activity.objects.exists()


# ---- the API describes every answer ----

def test_every_activities_operation_declares_a_success_schema(client, owner):
    client.force_login(owner)  # the API description is for signed-in users only
    spec = client.get("/api/v1/openapi.json").json()
    operations = [(path, method, op) for path, item in spec["paths"].items() if path.startswith("/api/v1/activities")
                  for method, op in item.items()]
    assert len(operations) >= 37  # every path of the activities API, GET and POST
    bare = []
    for path, method, op in operations:
        ok = [op["responses"].get(code) for code in ("200", "201", "202") if code in op["responses"]]
        if not ok or not all(r.get("content", {}).get("application/json", {}).get("schema") for r in ok):
            bare.append(f"{method.upper()} {path}")
        elif any(r["content"]["application/json"]["schema"].get("type") == "object"
                 and not r["content"]["application/json"]["schema"].get("properties") for r in ok):
            bare.append(f"{method.upper()} {path} (untyped object)")
    assert bare == []


def test_the_visit_form_records_households_as_persons_and_carries_a_case(client, owner, county_leader, case):
    from sixia.activities.models import Activity
    from sixia.people.models import Person

    client.login(username=owner.username, password=PASSWORD)
    answer = client.post("/activities/new/visit/", {
        "region_code": TOWNSHIP, "start_day": "2026-06-12", "official_ids": [str(county_leader.pk)],
        "h0-name": "郑大伯", "h0-phone": PHONE, "h0-situation": "独居老人", "h1-name": "黄阿姨",
        "carried_cases": f"{case.tracking_no}\n", "p0-description": "房屋漏雨需修缮"})
    assert answer.status_code == 302, answer.content.decode()[:500]
    visit = Activity.objects.get(kind="visit")
    person = Person.objects.get(name="郑大伯")
    assert visit.households == [{"situation": "独居老人", "name": "郑大伯", "person_id": person.pk,
                                 "phone_masked": person.phone_masked, "id_number_masked": ""}, {"name": "黄阿姨"}]
    assert list(visit.carried_cases.all()) == [case]
    page = client.get(f"/activities/{visit.pk}/").content.decode()
    assert person.phone_masked in page and PHONE not in page and case.tracking_no in page
