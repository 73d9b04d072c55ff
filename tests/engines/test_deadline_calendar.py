"""Working-day and calendar-day counting across the 2026 Spring Festival and National Day holidays.

Hand-computed from the State Council notice for 2026 (国办发明电〔2025〕号, as shipped in chinese-calendar 1.11):
  Spring Festival: Sun 02-15 … Mon 02-23 off; Sat 02-14 and Sat 02-28 are 调休 working days.
  National Day:    Thu 10-01 … Wed 10-07 off; Sun 09-20 and Sat 10-10 are 调休 working days.
Rules: the first day is not counted; a calendar-day period whose last day is a rest day ends on the next working
day (民法典 arts. 201, 203); working-day periods skip rest days and count 调休 weekend working days.
The calendar endpoint (tests/cases/test_deadlines.py) is checked against the same table.
"""

from __future__ import annotations

from datetime import date

import pytest

from sixia.engines.deadlines import DeadlineError, WorkCalendar, due_day, estimate_warning, no_data_warning

D = date.fromisoformat

# (start, days, kind, due) — each with its hand count
HAND_COMPUTED = [
    # Spring Festival
    ("2026-02-12", 1, "working", "2026-02-13"),    # Thu → Fri
    ("2026-02-13", 1, "working", "2026-02-14"),    # the 调休 Saturday is a working day
    ("2026-02-13", 5, "working", "2026-02-27"),    # 02-14(1), festival 15–23, 02-24(2) 25(3) 26(4) 27(5)
    ("2026-02-13", 6, "working", "2026-02-28"),    # …and the second 调休 Saturday 02-28 is the 6th
    ("2026-02-14", 1, "working", "2026-02-24"),    # 02-15…23 all off
    ("2026-02-05", 15, "calendar", "2026-02-24"),  # 02-05+15 = 02-20, in the festival → first working day 02-24
    ("2026-02-10", 15, "calendar", "2026-02-25"),  # 02-25 is a Wednesday: no move
    ("2026-02-13", 1, "calendar", "2026-02-14"),   # ends on the 调休 Saturday, a working day: no move
    ("2026-02-06", 1, "calendar", "2026-02-09"),   # ends on Sat 02-07 (rest) → Mon 02-09
    ("2026-01-31", 15, "calendar", "2026-02-24"),  # 01-31+15 = 02-15 (festival) → 02-24
    # National Day
    ("2026-09-18", 1, "working", "2026-09-20"),    # Fri → Sat 09-19 rest → Sun 09-20 (调休)
    ("2026-09-28", 5, "working", "2026-10-10"),    # 09-29(1) 30(2), 10-01…07 off, 10-08(3) 09(4) 10(5, Sat 调休)
    ("2026-09-30", 1, "working", "2026-10-08"),
    ("2026-09-16", 15, "calendar", "2026-10-08"),  # 09-16+15 = 10-01 → 10-08
    ("2026-08-02", 60, "calendar", "2026-10-08"),  # 60-day handling: 08-02 + 29 = 08-31, + 30 = 09-30, + 1 = 10-01
    ("2026-09-10", 30, "calendar", "2026-10-10"),  # 30-day review: 09-10+30 = 10-10, the 调休 Saturday: no move
    ("2026-09-11", 30, "calendar", "2026-10-12"),  # 10-11 is a Sunday → Mon 10-12
    # ordinary weeks
    ("2026-03-02", 5, "working", "2026-03-09"),    # Mon → 03-03…06 (4), weekend, Mon 03-09 (5)
    ("2026-03-06", 1, "working", "2026-03-09"),    # first day not counted: Fri → Mon
    ("2026-03-02", 0, "calendar", "2026-03-02"),
]


@pytest.mark.parametrize(("start", "days", "kind", "due"), HAND_COMPUTED)
def test_hand_computed_deadlines(start, days, kind, due):
    calendar = WorkCalendar()
    assert due_day(calendar, D(start), days, kind) == D(due)
    assert calendar.warnings == []


def test_the_2026_holiday_data_is_what_the_hand_counts_assume():
    calendar = WorkCalendar()
    off = ["2026-02-15", "2026-02-19", "2026-02-23", "2026-10-01", "2026-10-07", "2026-01-01"]
    work = ["2026-02-14", "2026-02-28", "2026-09-20", "2026-10-10", "2026-02-24", "2026-10-08"]
    assert not any(calendar.is_workday(D(d)) for d in off)
    assert all(calendar.is_workday(D(d)) for d in work)
    assert calendar.working_days_between(D("2026-02-13"), D("2026-02-28")) == 6  # 14, 24, 25, 26, 27, 28


def test_a_year_without_data_falls_back_to_statutory_holidays_with_a_warning_and_no_crash():
    calendar = WorkCalendar()
    assert not calendar.has_data(2031)
    # 2031-01-01 (Wed) is 元旦; then Thu 02, Fri 03, Mon 06, Tue 07, Wed 08
    assert calendar.add_working_days(D("2031-01-01"), 5) == D("2031-01-08")
    # 2031-05-01 (Thu) and 05-02 (Fri) are 劳动节 by law, even without the year's notice → Mon 05-05
    assert calendar.add_calendar_days(D("2031-04-16"), 15) == D("2031-05-05")
    # ends on Sat 2031-01-04 → Mon 01-06
    assert calendar.add_calendar_days(D("2031-01-01"), 3) == D("2031-01-06")
    assert calendar.warnings == [estimate_warning(2031)]  # said once, however many days were asked
    assert "2031年放假安排未发布" in calendar.warnings[0] and "statutory holidays only" in calendar.warnings[0]


def test_a_period_running_into_a_year_without_data_warns_for_that_year_only():
    calendar = WorkCalendar()
    # 2026-12-31 is a Thursday; 2027 estimated: Fri 01-01 is 元旦, Mon 01-04, Tue 01-05, Wed 01-06
    assert calendar.add_working_days(D("2026-12-31"), 3) == D("2027-01-06")
    assert calendar.warnings == [estimate_warning(2027)]
    assert calendar.estimated_years(D("2026-12-31"), D("2027-01-06")) == [2027]
    assert calendar.estimated_years(D("2026-01-01"), D("2026-12-31")) == []


def test_overrides_win_over_the_shipped_data_and_fill_a_missing_year():
    calendar = WorkCalendar({D("2026-03-03"): False, D("2026-02-21"): True, D("2031-01-02"): False})
    assert calendar.add_working_days(D("2026-03-02"), 1) == D("2026-03-04")  # a local holiday on 03-03
    assert calendar.add_working_days(D("2026-02-20"), 1) == D("2026-02-21")  # a Saturday made a working day
    assert calendar.warnings == []
    assert calendar.is_workday(D("2031-01-02")) is False  # answered by the override: no fallback, no warning
    assert calendar.warnings == []
    assert calendar.add_working_days(D("2031-01-01"), 1) == D("2031-01-03")  # 01-03 itself needs the fallback
    assert calendar.warnings == [no_data_warning(2031)]


def test_a_known_year_uses_its_overrides_and_the_statutory_days_without_a_warning():
    # 2027 imported: 01-04 made a rest day by the (hypothetical) notice; 元旦 01-01 is statutory anyway
    calendar = WorkCalendar({D("2027-01-04"): False}, known_years=[2027])
    assert calendar.add_working_days(D("2026-12-28"), 5) == D("2027-01-06")
    assert calendar.warnings == []
    assert calendar.has_data(2027) and not calendar.has_data(2028)


def test_bad_kinds_and_days_are_refused_clearly():
    calendar = WorkCalendar()
    with pytest.raises(DeadlineError) as error:
        due_day(calendar, D("2026-03-02"), 5, "lunar")
    assert (error.value.code, error.value.field) == ("invalid_kind", "kind")
    for days in (-1, 3661):
        with pytest.raises(DeadlineError) as error:
            due_day(calendar, D("2026-03-02"), days, "calendar")
        assert error.value.code == "invalid_days"
