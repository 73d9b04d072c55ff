"""Step clocks: moments in local time, warning levels at configurable fractions, pauses, extensions, policies."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from sixia.cases.defaults import DEADLINE_POLICIES  # plain seed data, no Django
from sixia.engines.deadlines import (
    DeadlineError,
    Policy,
    StepClock,
    WarningLevels,
    WorkCalendar,
    add,
    check_extension,
    defaults,
    level_of,
    paused,
    select,
    warning_at,
    with_thresholds,
)

TZ = ZoneInfo("Asia/Shanghai")


def at(year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, second, tzinfo=TZ)


def test_day_periods_start_on_the_local_date_and_end_at_the_end_of_the_last_day():
    # 2026-02-04 20:00 UTC is 02-05 04:00 in Shanghai: the period starts on 02-05, +15 → 02-20 (festival) → 02-24
    start = datetime(2026, 2, 4, 20, 0, tzinfo=UTC)
    assert add(start, 15, "calendar", WorkCalendar(), TZ) == at(2026, 2, 24, 23, 59, 59)
    assert add(at(2026, 9, 28, 9, 30), 5, "working", WorkCalendar(), TZ) == at(2026, 10, 10, 23, 59, 59)


def test_hour_periods_ignore_the_calendar():
    start = at(2026, 2, 14, 22, 0)  # the eve of the festival
    assert add(start, 24, "hours", WorkCalendar(), TZ) == at(2026, 2, 15, 22, 0)
    assert add(start, 2, "hours", WorkCalendar(), TZ) == at(2026, 2, 15, 0, 0)


def test_an_unknown_kind_is_refused():
    with pytest.raises(DeadlineError) as error:
        add(at(2026, 3, 2), 1, "fortnights", WorkCalendar(), TZ)
    assert error.value.code == "invalid_kind" and "calendar" in error.value.message_en


def test_warning_levels_at_the_default_fractions():
    start = at(2026, 3, 1, 0, 0)
    clock = with_thresholds("handle", start, start + timedelta(hours=100), WarningLevels())  # 0.6 / 0.85
    assert (clock.approaching_at, clock.urgent_at) == (start + timedelta(hours=60), start + timedelta(hours=85))
    hour = timedelta(hours=1)
    assert level_of(clock, start) == "normal"
    assert level_of(clock, start + 59 * hour) == "normal"
    assert level_of(clock, start + 60 * hour) == "approaching"  # 临期 from the threshold on
    assert level_of(clock, start + 84 * hour) == "approaching"
    assert level_of(clock, start + 85 * hour) == "urgent"
    assert level_of(clock, start + 100 * hour) == "urgent"  # the last moment is still within time
    assert level_of(clock, start + 100 * hour + timedelta(seconds=1)) == "overdue"


def test_warning_fractions_are_configurable_and_checked():
    start = at(2026, 3, 1)
    clock = with_thresholds("handle", start, start + timedelta(days=10), WarningLevels(approaching=0.5, urgent=0.7))
    assert level_of(clock, start + timedelta(days=5)) == "approaching"
    assert level_of(clock, start + timedelta(days=7)) == "urgent"
    for bad in ((0.9, 0.5), (-0.1, 0.5), (0.5, 1.5)):
        with pytest.raises(DeadlineError):
            WarningLevels(*bad)


def test_a_clock_without_a_due_date_is_always_normal():
    assert warning_at(None, None, None, at(2030, 1, 1)) == "normal"


def test_suspension_time_is_not_counted():
    start = at(2026, 3, 2, 10)
    clock = with_thresholds("handle", start, at(2026, 5, 1, 23, 59, 59), WarningLevels())
    resumed = paused(clock, at(2026, 3, 10, 10), at(2026, 3, 20, 10))  # suspended for exactly 10 days
    assert resumed.due_at == at(2026, 5, 11, 23, 59, 59)
    assert resumed.urgent_at - clock.urgent_at == timedelta(days=10)
    assert resumed.approaching_at - clock.approaching_at == timedelta(days=10)
    assert resumed.started_at == clock.started_at
    # overdue by the old clock, in time by the paused one
    assert level_of(clock, at(2026, 5, 5)) == "overdue" and level_of(resumed, at(2026, 5, 5)) == "urgent"
    empty = StepClock("handle", start, None, None, None)
    assert paused(empty, at(2026, 3, 10), at(2026, 3, 20)) == empty
    assert paused(clock, None, at(2026, 3, 20)) == clock


@pytest.mark.parametrize(("days", "already", "ok"), [
    (30, 0, True), (1, 0, True), (10, 20, True),      # ≤ 30 days in all (条例第34条)
    (31, 0, False), (11, 20, False), (1, 30, False),  # more than 30 in all
    (0, 0, False), (-5, 0, False),                    # an extension is at least one day
])
def test_extensions_stay_within_30_days_in_all(days, already, ok):
    if ok:
        check_extension(days, already, 30)
    else:
        with pytest.raises(DeadlineError) as error:
            check_extension(days, already, 30)
        assert error.value.code == "invalid_extension" and error.value.field == "days"
        assert f"1至{30 - already}天" in error.value.message_zh


SEEDED = defaults(DEADLINE_POLICIES)


def _pick(track, step, kind_key="", category_code="", region_code="350921101", policies=SEEDED):
    return select(policies, region_code=region_code, track=track, kind_key=kind_key, category_code=category_code,
                  step=step)


@pytest.mark.parametrize(("track", "kind_key", "category", "step", "kind", "amount"), [
    ("petition", "appeal", "urban.housing", "accept", "calendar", 15),   # 条例第22、23条
    ("petition", "appeal", "", "handle", "calendar", 60),                # 第34条
    ("petition", "", "", "extension", "calendar", 30),                   # 第34条
    ("petition", "", "", "dispute", "working", 5),                       # 第23条: 5 working days
    ("petition", "", "", "review", "calendar", 30),                      # 第35条
    ("petition", "", "", "re_review", "calendar", 30),                   # 第36条
    ("hotline", "complaint", "", "handle", "working", 13),
    ("hotline", "consult", "", "handle", "working", 3),
    ("hotline", "suggestion", "", "handle", "calendar", 7),              # no type row: the general 7 days
    ("hotline", "complaint", "urban.utilities", "handle", "hours", 24),  # category beats type
    ("hotline", "", "", "accept", "hours", 2),
])
def test_the_seeded_policies_give_the_rules_md_defaults(track, kind_key, category, step, kind, amount):
    policy = _pick(track, step, kind_key, category)
    assert policy is not None and (policy.kind, policy.amount) == (kind, amount)


def test_the_most_specific_policy_wins_and_prefixes_nest_by_whole_codes():
    local = [*SEEDED, Policy("petition", "handle", "calendar", 45, region_prefix="3509"),
             Policy("petition", "handle", "calendar", 40, region_prefix="350921", category_code="urban"),
             Policy("petition", "handle", "calendar", 20, region_prefix="350921", kind_key="suggestion")]
    assert _pick("petition", "handle", "appeal", "", "350922100", local).amount == 45   # the city's own rule
    assert _pick("petition", "handle", "appeal", "urban.housing", policies=local).amount == 40
    assert _pick("petition", "handle", "suggestion", "", policies=local).amount == 20
    assert _pick("petition", "handle", "appeal", "urbanx", policies=local).amount == 45  # "urbanx" is not under "urban"
    assert _pick("petition", "handle", "appeal", "", "110101000", local).amount == 60  # elsewhere: the default
    assert _pick("petition", "lunch_break", policies=local) is None


# ---- resumption in the clock's own unit (信访工作条例第36条; engines.deadlines.resumed_due) --------------------

def _moment(*args):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    return datetime(*args, tzinfo=ZoneInfo("Asia/Shanghai"))


def test_a_working_day_clock_carries_its_remaining_working_days_over():
    from zoneinfo import ZoneInfo

    from sixia.engines.deadlines import WorkCalendar, resumed_due

    tz, calendar = ZoneInfo("Asia/Shanghai"), WorkCalendar()
    due = _moment(2026, 3, 13, 23, 59, 59)  # a Friday
    # suspended on Monday 03-09: 4 working days left (10, 11, 12, 13)
    resumed = resumed_due(due, _moment(2026, 3, 9, 10), _moment(2026, 3, 19, 10), "working", calendar, tz)
    assert resumed.date().isoformat() == "2026-03-25"  # Thu 19 resumed: 20, 23, 24, 25
    # across the holidays: suspended Mon 09-21 with 4 working days left (22, 23, 24 and 28; 25 is 中秋)
    due = _moment(2026, 9, 28, 23, 59, 59)
    resumed = resumed_due(due, _moment(2026, 9, 21, 9), _moment(2026, 9, 29, 9), "working", calendar, tz)
    assert resumed.date().isoformat() == "2026-10-10"  # 09-30, 10-08, 10-09 and Saturday 10-10, a 调休 workday


def test_a_calendar_day_clock_keeps_its_days_and_never_ends_on_a_rest_day():
    from zoneinfo import ZoneInfo

    from sixia.engines.deadlines import WorkCalendar, resumed_due

    tz, calendar = ZoneInfo("Asia/Shanghai"), WorkCalendar()
    due = _moment(2026, 3, 20, 23, 59, 59)
    resumed = resumed_due(due, _moment(2026, 3, 10, 9), _moment(2026, 3, 18, 9), "calendar", calendar, tz)
    assert resumed.date().isoformat() == "2026-03-30"  # 10 days left from 03-18 is Sat 03-28 → Monday 03-30
    assert calendar.is_workday(resumed.date())


def test_hour_clocks_keep_their_hours_and_an_overdue_clock_gets_no_time_back():
    from datetime import timedelta
    from zoneinfo import ZoneInfo

    from sixia.engines.deadlines import WorkCalendar, resumed_due

    tz, calendar = ZoneInfo("Asia/Shanghai"), WorkCalendar()
    due = _moment(2026, 3, 10, 12)
    assert resumed_due(due, _moment(2026, 3, 10, 10), _moment(2026, 3, 10, 15), "hours", calendar, tz) == \
        due + timedelta(hours=5)
    assert resumed_due(due, _moment(2026, 3, 11, 10), _moment(2026, 3, 12, 10), "working", calendar, tz) == due
