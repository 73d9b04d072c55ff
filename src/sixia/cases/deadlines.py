"""Deadlines adapter: database calendar overrides and policies → the pure deadline engine.

Everything with a database lives here (HolidayOverride rows, DeadlinePolicy rows, CaseSettings fractions);
the counting itself is done by ``sixia.engines.deadlines``.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

from sixia.cases import calendar as cal
from sixia.cases.models import Case, CaseSettings, DeadlinePolicy, HolidayOverride
from sixia.core.errors import InvalidInput

log = logging.getLogger(__name__)
TZ = ZoneInfo(settings.TIME_ZONE)
KINDS = ("calendar", "working", "hours")


def load_calendar() -> cal.WorkCalendar:
    overrides = {row.date: row.is_workday for row in HolidayOverride.objects.only("date", "is_workday")}
    return cal.WorkCalendar(overrides)


def local_date(moment: datetime) -> date:
    return timezone.localtime(moment, TZ).date()


def end_of_day(day: date) -> datetime:
    return datetime.combine(day, time(23, 59, 59), tzinfo=TZ)


def add(start: datetime, amount: int, kind: str, calendar: cal.WorkCalendar | None = None) -> datetime:
    """The moment a period of ``amount`` ``kind`` units starting at ``start`` ends."""
    if kind not in KINDS:
        raise InvalidInput("invalid_kind", "计算方式应为 working、calendar 或 hours", "kind must be working|calendar|hours",
                           field="kind")
    if kind == "hours":
        return start + timedelta(hours=amount)
    calendar = calendar or load_calendar()
    day = local_date(start)
    due = calendar.add_working_days(day, amount) if kind == "working" else calendar.add_calendar_days(day, amount)
    return end_of_day(due)


def due_date(start: date, days: int, kind: str) -> tuple[date, list[str]]:
    """For the calendar endpoint: the last day of a period, and any warnings (a year without data)."""
    if kind not in ("working", "calendar"):
        raise InvalidInput("invalid_kind", "计算方式应为 working 或 calendar", "kind must be working|calendar",
                           field="kind")
    if days < 0 or days > 3660:
        raise InvalidInput("invalid_days", "天数应在0到3660之间", "days must be 0..3660", field="days")
    calendar = load_calendar()
    due = calendar.add_working_days(start, days) if kind == "working" else calendar.add_calendar_days(start, days)
    return due, calendar.warnings


def policy_for(*, region_code: str, track: str, kind_key: str, category_code: str, step: str) -> DeadlinePolicy | None:
    """The most specific policy row: longer region prefix, then class/type set, then longer category prefix."""
    best, best_rank = None, None
    for row in DeadlinePolicy.objects.filter(track=track, step=step):
        if row.region_prefix and not region_code.startswith(row.region_prefix):
            continue
        if row.kind_key and row.kind_key != kind_key:
            continue
        if row.category_code and not (category_code == row.category_code
                                      or category_code.startswith(row.category_code + ".")):
            continue
        rank = (len(row.region_prefix), len(row.category_code), bool(row.kind_key))
        if best_rank is None or rank > best_rank:
            best, best_rank = row, rank
    return best


@dataclass(frozen=True)
class StepClock:
    step: str
    started_at: datetime
    due_at: datetime | None
    approaching_at: datetime | None
    urgent_at: datetime | None


def clock_for(case: Case, step: str, start: datetime, *, extra_days: int = 0) -> StepClock:
    """The clock of ``step`` for ``case`` starting at ``start`` (with ``extra_days`` of approved extension)."""
    policy = policy_for(region_code=case.region_id, track=case.track,
                        kind_key=case.petition_class if case.track == "petition" else case.demand_type,
                        category_code=case.category.code if case.category else "", step=step)
    if policy is None:
        return StepClock(step, start, None, None, None)
    due = add(start, policy.amount, policy.kind)
    if extra_days:
        due = add(due, extra_days, "calendar")
    return with_thresholds(step, start, due)


def with_thresholds(step: str, start: datetime, due: datetime) -> StepClock:
    conf = CaseSettings.current()
    span = due - start
    return StepClock(step, start, due, start + span * conf.approaching_fraction, start + span * conf.urgent_fraction)


def warning_at(clock_due: datetime | None, approaching: datetime | None, urgent: datetime | None,
               now: datetime) -> str:
    if clock_due is None:
        return "normal"
    if now > clock_due:
        return "overdue"
    if urgent and now >= urgent:
        return "urgent"
    if approaching and now >= approaching:
        return "approaching"
    return "normal"


def max_extension_days(case: Case) -> int:
    policy = policy_for(region_code=case.region_id, track=case.track, kind_key="", category_code="",
                        step="extension")
    return policy.amount if policy else 30


def dispute_due(case: Case, assigned_at: datetime) -> datetime | None:
    return clock_for(case, "dispute", assigned_at).due_at
