"""Statutory holidays of years without an official arrangement (《全国年节及纪念日放假办法》, 2024 revision).

Hand-checked against published calendars: 2027 正月初一 is Sat 02-06 (除夕 Fri 02-05), 清明 Mon 04-05, 端午
Wed 06-09, 中秋 Wed 09-15; 2028 正月初一 Wed 01-26, 清明 Tue 04-04, 端午 Sun 05-28, 中秋 Tue 10-03 (inside 国庆).
The rule is also checked against the years chinese-calendar ships: every statutory day of 2025 and 2026 is a
rest day there.
"""

from __future__ import annotations

from datetime import date

import chinese_calendar
import pytest

from sixia.engines.deadlines import (
    STATUTORY_HOLIDAYS,
    STATUTORY_SOURCE,
    WorkCalendar,
    due_day,
    estimate_warning,
    statutory_days,
)

D = date.fromisoformat


def test_the_2027_statutory_days_are_the_thirteen_of_the_law():
    days = statutory_days(2027)
    assert list(days) == [D(d) for d in (
        "2027-01-01", "2027-02-05", "2027-02-06", "2027-02-07", "2027-02-08", "2027-04-05", "2027-05-01",
        "2027-05-02", "2027-06-09", "2027-09-15", "2027-10-01", "2027-10-02", "2027-10-03")]
    assert days[D("2027-02-05")] == "春节" and days[D("2027-09-15")] == "中秋节"
    assert sum(h.days for h in STATUTORY_HOLIDAYS) == 13
    assert "国务院令第795号" in STATUTORY_SOURCE and "2025年1月1日" in STATUTORY_SOURCE


def test_a_day_of_two_holidays_carries_both_names():
    days = statutory_days(2028)
    assert days[D("2028-01-25")] == "春节"  # 除夕
    assert days[D("2028-04-04")] == "清明节"
    assert days[D("2028-10-03")] == "中秋节、国庆节"  # in the order of the table
    assert len(days) == 12  # 13 days, two of them on the same date


@pytest.mark.parametrize("year", [2025, 2026])
def test_the_rule_agrees_with_the_shipped_arrangements(year):
    for day, name in statutory_days(year).items():
        assert chinese_calendar.is_holiday(day), (day, name)


# (start, days, kind, due): the first must-shows of issue 11, all relying on the 2027 estimate
ESTIMATED_2027 = [
    ("2026-12-28", 5, "working", "2027-01-05"),   # 12-29, 30, 31, (01-01 元旦), 01-04, 01-05
    ("2027-02-04", 1, "working", "2027-02-09"),   # 除夕 02-05 … 初三 02-08 off
    ("2027-09-14", 1, "working", "2027-09-16"),   # 中秋 09-15 off
    ("2027-09-16", 15, "calendar", "2027-10-04"),  # 10-01 (国庆) → 10-02, 10-03 off → Mon 10-04
]


@pytest.mark.parametrize(("start", "days", "kind", "due"), ESTIMATED_2027)
def test_deadlines_in_an_unknown_year_skip_the_statutory_holidays_and_say_so(start, days, kind, due):
    calendar = WorkCalendar()
    assert due_day(calendar, D(start), days, kind) == D(due)
    assert calendar.warnings == [estimate_warning(2027)]


def test_a_known_year_gives_the_same_days_without_the_warning():
    calendar = WorkCalendar(known_years=[2027])
    assert due_day(calendar, D("2027-02-04"), 1, "working") == D("2027-02-09")
    assert calendar.warnings == []


def test_a_shipped_year_is_not_touched_by_the_rule():
    calendar = WorkCalendar()
    assert due_day(calendar, D("2026-09-30"), 5, "working") == D("2026-10-13")  # 10-10 is a 调休 Saturday
    assert calendar.warnings == []
