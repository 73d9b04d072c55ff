"""The reception-day schedule pages (领导接待日安排): list, create, edit (audited), plan days; jurisdiction; errors."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from sixia.activities import services
from sixia.activities.models import Activity, ReceptionSchedule
from sixia.core.errors import Forbidden, NotFound
from sixia.core.models import AuditEntry
from tests.conftest import OTHER_COUNTY, PASSWORD, TOWNSHIP, to_english

LIST = "/activities/reception/schedules/"
NEW = "/activities/reception/schedules/new/"


@pytest.fixture
def schedule(owner, county_leader, township_leader):
    return services.create_schedule(actor=owner, name="长春镇领导接待日", region_code=TOWNSHIP,
                                    place="长春镇便民服务中心", rota_ids=[county_leader.pk, township_leader.pk])


@pytest.fixture
def other_schedule(units):
    from sixia.org.models import Rank
    from sixia.org.services import create_official

    leader = create_official(actor=None, name="郑古田", unit=units["other_county"], rank=Rank.COUNTY,
                             title="县长", is_leader=True)
    return services.create_schedule(actor=None, name="古田县领导接待日", region_code=OTHER_COUNTY,
                                    place="古田县信访局", rota_ids=[leader.pk])


def form_data(leaders, **changes) -> dict:
    data = {"name": "季度接待日", "region_code": TOWNSHIP, "place": "长春镇综治中心",
            "rota_ids": [o.pk for o in leaders], "day_of_month": "10", "months": "1,4,7,10",
            "shift": "previous_workday", "host_unit_id": "", "start_time": "09:00", "end_time": "11:30",
            "slot_minutes": "20", "slot_capacity": "2", "due_days": "30", "per_person_day_limit": "1",
            "per_person_open_limit": "2", "is_active": "on"}
    data.update(changes)
    return data


def test_it_lists_only_the_schedules_of_the_jurisdiction(client, owner, outsider, schedule, other_schedule):
    days = services.plan_reception_days(actor=owner, schedule=schedule, start=date.today(),
                                        end=date.today() + timedelta(days=70))
    assert client.login(username="owner", password=PASSWORD)
    page = client.get(LIST).content.decode()
    assert "长春镇领导接待日" in page and "古田县领导接待日" not in page
    assert "长春镇便民服务中心" in page and "每月15日" in page and "陈建华、林海燕" in page
    assert min(d.start_day for d in days).isoformat() in page  # the next planned day
    assert 'data-testid="schedules-link"' in client.get("/activities/").content.decode()  # linked from the area
    client.logout()
    assert client.login(username="outsider", password=PASSWORD)
    page = client.get(LIST).content.decode()
    assert "古田县领导接待日" in page and "长春镇领导接待日" not in page


def test_creating_a_schedule_on_the_page_keeps_its_rule_and_rota_order(client, owner, county_leader,
                                                                      township_leader):
    assert client.login(username="owner", password=PASSWORD)
    assert client.get(NEW).status_code == 200
    response = client.post(NEW, form_data([township_leader, county_leader]))
    assert response.status_code == 302, response.content.decode()
    made = ReceptionSchedule.objects.get(name="季度接待日")
    assert response["Location"] == f"{LIST}{made.pk}/"
    assert (made.region_id, made.place, made.day_of_month, made.months, made.shift) == (
        TOWNSHIP, "长春镇综治中心", 10, [1, 4, 7, 10], "previous_workday")
    assert (made.start_time.isoformat(), made.end_time.isoformat(), made.slot_minutes, made.slot_capacity) == (
        "09:00:00", "11:30:00", 20, 2)
    assert made.per_person_open_limit == 2
    assert list(made.rota_entries.values_list("official_id", flat=True)) == [township_leader.pk, county_leader.pk]
    assert AuditEntry.objects.filter(action="create", object_id=str(made.pk)).exists()


def test_editing_changes_the_fields_and_records_what_changed(client, owner, schedule, county_leader,
                                                             township_leader):
    assert client.login(username="owner", password=PASSWORD)
    edit = f"{LIST}{schedule.pk}/edit/"
    form = client.get(edit).content.decode()
    assert 'value="长春镇便民服务中心"' in form  # the stored values are the starting point
    response = client.post(edit, form_data([township_leader], name="长春镇领导接待日", place="长春镇政府一楼",
                                           day_of_month="20", months="", shift="next_workday",
                                           start_time="08:30", end_time="12:00", slot_minutes="30",
                                           slot_capacity="3", per_person_open_limit="3"))
    assert response.status_code == 302, response.content.decode()
    schedule.refresh_from_db()
    assert (schedule.place, schedule.day_of_month) == ("长春镇政府一楼", 20)
    assert list(schedule.rota_entries.values_list("official_id", flat=True)) == [township_leader.pk]
    entry = AuditEntry.objects.get(action="update", object_type="activities.receptionschedule",
                                   object_id=str(schedule.pk))
    assert entry.changes == {"place": ["长春镇便民服务中心", "长春镇政府一楼"], "day_of_month": [15, 20],
                             "rota_ids": [[county_leader.pk, township_leader.pk], [township_leader.pk]]}
    assert entry.actor == owner and "长春镇领导接待日" in entry.summary


def test_saving_without_a_change_records_nothing(owner, schedule, county_leader, township_leader):
    services.update_schedule(
        actor=owner, schedule=schedule, name=schedule.name, region_code=TOWNSHIP, place=schedule.place,
        rota_ids=[county_leader.pk, township_leader.pk], day_of_month=15, months=[], shift="next_workday",
        host_unit_id=None, start_time="08:30", end_time="12:00", slot_minutes=30, slot_capacity=3, due_days=30,
        per_person_day_limit=1, per_person_open_limit=3)
    assert not AuditEntry.objects.filter(action="update", object_id=str(schedule.pk)).exists()


def test_an_outsider_gets_404_and_changes_nothing(client, outsider, schedule, township_leader):
    assert client.login(username="outsider", password=PASSWORD)
    base = f"{LIST}{schedule.pk}/"
    assert client.get(base).status_code == 404
    assert client.get(f"{base}edit/").status_code == 404
    assert client.post(f"{base}edit/", form_data([township_leader], place="篡改")).status_code == 404
    assert client.post(f"{base}plan/", {"start": "2026-01-01", "end": "2026-12-31"}).status_code == 404
    schedule.refresh_from_db()
    assert schedule.place == "长春镇便民服务中心" and not schedule.days.exists()


def test_the_service_refuses_outside_the_jurisdiction(outsider, owner, schedule, county_leader):
    fields = dict(name="x", place="y", rota_ids=[county_leader.pk], day_of_month=15, months=[],
                  shift="next_workday", host_unit_id=None, start_time="08:30", end_time="12:00", slot_minutes=30,
                  slot_capacity=3, due_days=30, per_person_day_limit=1, per_person_open_limit=3)
    with pytest.raises(NotFound):
        services.update_schedule(actor=outsider, schedule=schedule, region_code=TOWNSHIP, **fields)
    with pytest.raises(Forbidden):  # moving one's schedule to another county
        services.update_schedule(actor=owner, schedule=schedule, region_code=OTHER_COUNTY, **fields)


@pytest.mark.parametrize("changes, message", [
    ({"day_of_month": "0"}, "每月日期应在1到31之间"),
    ({"day_of_month": "32"}, "每月日期应在1到31之间"),
    ({"start_time": "11:00", "end_time": "09:00"}, "结束时间应晚于开始时间"),
    ({"months": "1,13"}, "月份应在1到12之间"),
    ({"months": "一月"}, "月份请填写数字"),
    ({"rota_ids": ["999999"]}, "选项无效"),
])
def test_bad_input_shows_the_form_again_with_what_was_typed(client, owner, county_leader, changes, message):
    assert client.login(username="owner", password=PASSWORD)
    response = client.post(NEW, form_data([county_leader], place="长春镇综治中心三楼", **changes))
    page = response.content.decode()
    assert response.status_code == 422 and message in page
    assert 'value="长春镇综治中心三楼"' in page and 'value="季度接待日"' in page
    if "rota_ids" not in changes:
        assert f'value="{county_leader.pk}" selected' in page
    for value in changes.values():
        if isinstance(value, str):
            assert f'value="{value}"' in page
    assert not ReceptionSchedule.objects.filter(name="季度接待日").exists()


def test_a_bad_edit_changes_nothing(client, owner, schedule, county_leader):
    assert client.login(username="owner", password=PASSWORD)
    response = client.post(f"{LIST}{schedule.pk}/edit/", form_data([county_leader], day_of_month="32"))
    assert response.status_code == 422 and 'value="32"' in response.content.decode()
    schedule.refresh_from_db()
    assert schedule.day_of_month == 15 and schedule.place == "长春镇便民服务中心"
    assert not AuditEntry.objects.filter(action="update", object_id=str(schedule.pk)).exists()


def test_planning_creates_the_reception_days_of_the_rule(client, owner, schedule):
    assert client.login(username="owner", password=PASSWORD)
    plan = f"{LIST}{schedule.pk}/plan/"
    response = client.post(plan, {"start": "2026-01-01", "end": "2026-06-30"})
    assert response.status_code == 302 and response["Location"] == f"{LIST}{schedule.pk}/"
    expected = services.schedule_dates(schedule, date(2026, 1, 1), date(2026, 6, 30))
    assert len(expected) == 6
    days = Activity.objects.filter(schedule=schedule).order_by("start_day")
    assert [a.start_day for a in days] == expected
    assert {a.status for a in days} == {Activity.Status.PLANNED}
    page = client.get(response["Location"]).content.decode()
    assert "已安排 6 个接待日" in page
    assert all(d.isoformat() in page for d in expected)
    again = client.post(plan, {"start": "2026-01-01", "end": "2026-06-30"}, follow=True).content.decode()
    assert "已安排 0 个接待日" in again and Activity.objects.filter(schedule=schedule).count() == 6


def test_planning_with_dates_the_wrong_way_round_is_refused(client, owner, schedule):
    assert client.login(username="owner", password=PASSWORD)
    response = client.post(f"{LIST}{schedule.pk}/plan/", {"start": "2026-06-30", "end": "2026-01-01"})
    page = response.content.decode()
    assert response.status_code == 422 and "结束日期不能早于开始日期" in page
    assert 'value="2026-06-30"' in page and not schedule.days.exists()


def test_the_schedule_pages_in_english(client, owner, schedule, county_leader):
    assert client.login(username="owner", password=PASSWORD)
    assert "接待日安排" in client.get(LIST).content.decode()
    to_english(client)
    listing = client.get(LIST).content.decode()
    assert "<h1>Reception-day schedule</h1>" in listing and "Next reception day" in listing
    assert "Day 15 of each month" in listing
    assert "下一个接待日" not in listing and "<h1>接待日安排" not in listing
    detail = client.get(f"{LIST}{schedule.pk}/").content.decode()
    assert "Plan reception days" in detail and "按规则安排接待日" not in detail
    bad = client.post(NEW, form_data([county_leader], day_of_month="0")).content.decode()
    assert "day_of_month must be 1..31" in bad and "New reception-day schedule" in bad
    planned = client.post(f"{LIST}{schedule.pk}/plan/", {"start": "2026-01-01", "end": "2026-02-28"}, follow=True)
    assert "Planned 2 reception day(s)" in planned.content.decode()
