"""Reception-day schedules: the 15th of each month, moved past 2026's statutory holidays and weekends."""

from __future__ import annotations

from datetime import date

import pytest

from sixia.activities import rules
from sixia.cases.calendar import WorkCalendar

CAL = WorkCalendar()


def test_it_moves_the_15th_past_rest_days_in_2026():
    days = rules.reception_dates(day_of_month=15, start=date(2026, 1, 1), end=date(2026, 12, 31),
                                 is_workday=CAL.is_workday)
    assert days == [date(2026, 1, 15), date(2026, 2, 24), date(2026, 3, 16), date(2026, 4, 15), date(2026, 5, 15),
                    date(2026, 6, 15), date(2026, 7, 15), date(2026, 8, 17), date(2026, 9, 15),
                    date(2026, 10, 15), date(2026, 11, 16), date(2026, 12, 15)]
    assert date(2026, 2, 15) not in days  # 春节 (Spring Festival holiday runs to 23 February)


def test_it_skips_the_national_day_golden_week():
    days = rules.reception_dates(day_of_month=1, start=date(2026, 10, 1), end=date(2026, 10, 31),
                                 is_workday=CAL.is_workday)
    assert days == [date(2026, 10, 8)]


def test_a_quarterly_rule_and_a_previous_workday_shift():
    quarterly = rules.reception_dates(day_of_month=15, months=[1, 4, 7, 10], start=date(2026, 1, 1),
                                      end=date(2026, 12, 31), is_workday=CAL.is_workday)
    assert quarterly == [date(2026, 1, 15), date(2026, 4, 15), date(2026, 7, 15), date(2026, 10, 15)]
    earlier = rules.reception_dates(day_of_month=15, start=date(2026, 8, 1), end=date(2026, 8, 31),
                                    shift="previous_workday", is_workday=CAL.is_workday)
    assert earlier == [date(2026, 8, 14)]


def test_a_day_past_the_month_end_is_its_last_day():
    days = rules.reception_dates(day_of_month=31, start=date(2026, 4, 1), end=date(2026, 4, 30),
                                 shift="none", is_workday=CAL.is_workday)
    assert days == [date(2026, 4, 30)]


def test_it_refuses_a_nonsense_rule():
    with pytest.raises(ValueError):
        rules.reception_dates(day_of_month=0, start=date(2026, 1, 1), end=date(2026, 2, 1), is_workday=CAL.is_workday)


def test_planning_creates_published_days_with_the_rota(api, headers, county_leader, township_leader):
    from sixia.activities.models import Activity

    made = api.post("/activities/reception-schedules", {
        "region_code": "350921101", "place": "长春镇便民服务中心", "rota_ids": [county_leader.pk, township_leader.pk],
        "day_of_month": 15}, headers)
    assert made.status_code == 201, made.content
    planned = api.post(f"/activities/reception-schedules/{made.json()['id']}/plan",
                       {"start": "2026-01-01", "end": "2026-03-31"}, headers)
    assert [d["day"] for d in planned.json()["days"]] == ["2026-01-15", "2026-02-24", "2026-03-16"]
    leaders = [list(a.participants.values_list("official_id", flat=True))
               for a in Activity.objects.filter(kind="reception").order_by("start_day")]
    assert leaders == [[county_leader.pk], [township_leader.pk], [county_leader.pk]]
    again = api.post(f"/activities/reception-schedules/{made.json()['id']}/plan",
                     {"start": "2026-01-01", "end": "2026-03-31"}, headers)
    assert again.json()["days"] == []  # idempotent


def test_a_holiday_override_moves_the_day(api, headers, county_leader):
    """A database override of the working-day calendar (调休 announced late) is respected."""
    from sixia.activities import services
    from sixia.cases.models import HolidayOverride

    HolidayOverride.objects.create(date=date(2026, 4, 15), is_workday=False)
    schedule = services.create_schedule(actor=None, name="", region_code="350921", place="县信访局",
                                        rota_ids=[county_leader.pk])
    assert services.schedule_dates(schedule, date(2026, 4, 1), date(2026, 4, 30)) == [date(2026, 4, 16)]
