"""Deadlines adapter: database calendar overrides, policies and settings → the pure deadline engine.

Everything with a database lives here (HolidayOverride and HolidayYear rows, DeadlinePolicy rows, CaseSettings
fractions); the counting itself is done by ``sixia.engines.deadlines``.

The rows every registration reads — the policies, the override days, the known years and the warning
fractions — are cached per process (``sixia.core.rowcache``): a change made here is seen at once, one made on
another worker within ``rowcache.MAX_AGE`` seconds. A holiday import bumps the cache explicitly (it writes with
``bulk_create``, which sends no signal).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

from sixia.cases import calendar as cal
from sixia.cases.models import Assignment, Case, CaseSettings, DeadlinePolicy, HolidayOverride, HolidayYear
from sixia.core import rowcache
from sixia.core.errors import InvalidInput
from sixia.engines import deadlines as engine
from sixia.engines.deadlines import KINDS, StepClock, shift, warning_at  # noqa: F401  (re-exported public names)

log = logging.getLogger(__name__)
TZ = ZoneInfo(settings.TIME_ZONE)
DEFAULT_MAX_EXTENSION = 30  # 条例第34条, used only when no "extension" policy row exists


def _invalid(error: engine.DeadlineError) -> InvalidInput:
    return InvalidInput(error.code, error.message_zh, error.message_en, field=error.field)


rowcache.register("holidays", HolidayOverride, HolidayYear)
rowcache.register("deadline_policies", DeadlinePolicy)
rowcache.register("case_settings", CaseSettings)


def known_years() -> frozenset[int]:
    """The years whose official arrangement was imported (HolidayYear rows); cached per process."""
    return rowcache.get("known_years", lambda: frozenset(HolidayYear.objects.values_list("year", flat=True)))


def forget_known_years() -> None:
    """After an import (``bulk_create`` sends no signal)."""
    rowcache.bump("holidays", "known_years")


rowcache.register("known_years", HolidayYear)


def _overrides() -> dict[date, bool]:
    return {row.date: row.is_workday for row in HolidayOverride.objects.only("date", "is_workday")}


def load_calendar() -> cal.WorkCalendar:
    return cal.WorkCalendar(rowcache.get("holidays", _overrides), known_years())


def all_policies() -> list[DeadlinePolicy]:
    """Every DeadlinePolicy row (cached per process; read-only — edit through ``cases.services.rules``)."""
    return rowcache.get("deadline_policies", lambda: list(DeadlinePolicy.objects.all()))


def case_settings() -> CaseSettings:
    """``CaseSettings.current()`` cached per process, for readers only (a writer loads its own row)."""
    return rowcache.get("case_settings", CaseSettings.current)


def year_calendar() -> cal.WorkCalendar:
    """A calendar that only answers which years are known or estimated (no override rows loaded)."""
    return cal.WorkCalendar(known_years=known_years())


def local_date(moment: datetime) -> date:
    return timezone.localtime(moment, TZ).date()


def end_of_day(day: date) -> datetime:
    return engine.end_of_day(day, TZ)


def add(start: datetime, amount: int, kind: str, calendar: cal.WorkCalendar | None = None) -> datetime:
    """The moment a period of ``amount`` ``kind`` units starting at ``start`` ends."""
    try:
        engine.check_kind(kind)  # before any query
        if kind not in engine.DAY_KINDS:
            return engine.add(start, amount, kind, engine.WorkCalendar(), TZ)
        return engine.add(start, amount, kind, calendar or load_calendar(), TZ)
    except engine.DeadlineError as error:
        raise _invalid(error) from error


def due_date(start: date, days: int, kind: str) -> tuple[date, list[str]]:
    """For the calendar endpoint: the last day of a period, and any warnings (a year without data)."""
    calendar = load_calendar()
    try:
        due = engine.due_day(calendar, start, days, kind)
    except engine.DeadlineError as error:
        raise _invalid(error) from error
    for warning in calendar.warnings:
        log.warning("%s", warning)
    return due, calendar.warnings


def estimated_years(start: datetime | None, *dues: datetime | None,
                    calendar: cal.WorkCalendar | None = None) -> list[int]:
    """The years a deadline (or several) from ``start`` to each due moment relies on without a known
    arrangement (statutory holidays only). A deadline of a known year relies on nothing estimated."""
    calendar = calendar or year_calendar()
    years: set[int] = set()
    for due in dues:
        if due is not None:
            end = local_date(due)
            years.update(calendar.estimated_years(min(local_date(start), end) if start else end, end))
    return sorted(years)


def case_estimated_years(case: Case, calendar: cal.WorkCalendar | None = None, *,
                         new: bool = False) -> list[int]:
    """The estimated years the case's stored deadlines (acceptance, handling, current step, open assignments)
    rely on, counted from the case's registration. ``new``: a case just registered (it has no assignment)."""
    dues = [case.accept_due, case.handle_due, case.due_at]
    if not new:
        dues += list(case.assignments.filter(status__in=[Assignment.Status.PENDING, Assignment.Status.SIGNED])
                     .values_list("due_at", flat=True))
    return estimated_years(case.registered_at, *dues, calendar=calendar)


def mark_estimated(cases: Iterable[Case]) -> None:
    """Set ``due_estimated`` on each case whose current due date lies in a year that is only estimated (the
    queue's marker): one read of the known years for the whole list."""
    calendar = year_calendar()
    for case in cases:
        case.due_estimated = case.due_at is not None and calendar.is_estimated(local_date(case.due_at).year)


def case_warnings(case: Case, *, new: bool = False) -> list[str]:
    """``case_estimated_years`` as the bilingual warnings of the calendar endpoint (API data)."""
    return [engine.estimate_warning(year) for year in case_estimated_years(case, new=new)]


def policy_for(*, region_code: str, track: str, kind_key: str, category_code: str, step: str,
               policies: Iterable[DeadlinePolicy] | None = None) -> DeadlinePolicy | None:
    """The most specific policy row: longer region prefix, then longer category prefix, then class/type set.
    ``policies``: the rows to choose from (default: every row, cached per process)."""
    return engine.select(all_policies() if policies is None else policies, region_code=region_code, track=track,
                         kind_key=kind_key, category_code=category_code, step=step)


def warning_levels() -> engine.WarningLevels:
    conf = case_settings()
    try:
        return engine.WarningLevels(conf.approaching_fraction, conf.urgent_fraction)
    except engine.DeadlineError:
        log.warning("invalid warning fractions in CaseSettings (%s, %s): using the defaults",
                    conf.approaching_fraction, conf.urgent_fraction)
        return engine.WarningLevels()


def clock_for(case: Case, step: str, start: datetime, *, extra_days: int = 0,
              calendar: cal.WorkCalendar | None = None, policies: Iterable[DeadlinePolicy] | None = None,
              levels: engine.WarningLevels | None = None) -> StepClock:
    """The clock of ``step`` for ``case`` starting at ``start`` (with ``extra_days`` of approved extension).
    ``calendar``, ``policies`` and ``levels`` let a caller recomputing many clocks load them once (or try another
    calendar)."""
    policy = policy_for(region_code=case.region_id, track=case.track, kind_key=kind_key_of(case),
                        category_code=case.category.code if case.category else "", step=step, policies=policies)
    if policy is None:
        return StepClock(step, start, None, None, None)
    calendar = calendar or load_calendar()
    due = add(start, policy.amount, policy.kind, calendar)
    if extra_days:
        due = add(due, extra_days, "calendar", calendar)
    return engine.with_thresholds(step, start, due, levels or warning_levels())


def with_thresholds(step: str, start: datetime, due: datetime) -> StepClock:
    return engine.with_thresholds(step, start, due, warning_levels())


def max_extension_days(case: Case) -> int:
    policy = policy_for(region_code=case.region_id, track=case.track, kind_key="", category_code="",
                        step="extension")
    return policy.amount if policy else DEFAULT_MAX_EXTENSION


def check_extension(case: Case, days: int) -> int:
    """Raise InvalidInput unless ``days`` more keep the case within its extension limit; returns the limit."""
    limit = max_extension_days(case)
    try:
        engine.check_extension(days, case.extension_days, limit)
    except engine.DeadlineError as error:
        raise _invalid(error) from error
    return limit


def dispute_due(case: Case, assigned_at: datetime) -> datetime | None:
    return clock_for(case, "dispute", assigned_at).due_at


def step_kind(case: Case, step: str) -> str:
    """The unit the clock of ``step`` counts in for ``case`` (``calendar`` when no policy row applies)."""
    policy = policy_for(region_code=case.region_id, track=case.track, kind_key=kind_key_of(case),
                        category_code=case.category.code if case.category else "", step=step)
    return policy.kind if policy else "calendar"


def kind_key_of(case: Case) -> str:
    """The policy key of a case: the petition class; for a 12345 order its urgency class (紧急/加急/疑难复杂,
    seeded by migration 0005) when set, else its demand type."""
    if case.track == "petition":
        return case.petition_class
    return getattr(case, "urgency", "") or case.demand_type


def resumed(due: datetime, kind: str, suspended_at: datetime, now: datetime,
            calendar: cal.WorkCalendar | None = None) -> datetime:
    """``due`` after a suspension from ``suspended_at`` to ``now``, in the clock's own unit (engine.resumed_due)."""
    return engine.resumed_due(due, suspended_at, now, kind, calendar or load_calendar(), TZ)
