"""Step clocks: when a period ends, its warning thresholds, the level at a moment, pauses and extensions.

Periods are counted in ``calendar`` days, ``working`` days or ``hours``. Day periods start on the local date of
the start moment (not counted) and end at the end (23:59:59) of their last day, local time.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta, tzinfo

from sixia.engines.deadlines.calendar import WorkCalendar

KINDS = ("calendar", "working", "hours")
DAY_KINDS = ("calendar", "working")
LEVELS = {"normal": "正常", "approaching": "临期", "urgent": "紧急", "overdue": "超期"}
MAX_DAYS = 3660


class DeadlineError(ValueError):
    """Bad input to the deadline engine, with a stable code and a message in Chinese and English."""

    def __init__(self, code: str, message_zh: str, message_en: str, field: str | None = None):
        super().__init__(message_zh)
        self.code, self.message_zh, self.message_en, self.field = code, message_zh, message_en, field


@dataclass(frozen=True)
class WarningLevels:
    """Fractions of the allowed time at which a clock turns 临期 (approaching) and 紧急 (urgent).

    Defaults 0.6 / 0.85 are the seeded settings (configurable; rules.md names the levels, not the numbers).
    """

    approaching: float = 0.6
    urgent: float = 0.85

    def __post_init__(self) -> None:
        if not 0 <= self.approaching <= self.urgent <= 1:
            raise DeadlineError("invalid_fractions", "预警比例应满足 0 ≤ 临期 ≤ 紧急 ≤ 1",
                                "warning fractions must satisfy 0 ≤ approaching ≤ urgent ≤ 1")


@dataclass(frozen=True)
class StepClock:
    step: str
    started_at: datetime
    due_at: datetime | None
    approaching_at: datetime | None
    urgent_at: datetime | None


def check_kind(kind: str, allowed: tuple[str, ...] = KINDS) -> None:
    if kind not in allowed:
        names = "、".join(allowed)
        raise DeadlineError("invalid_kind", f"计算方式应为 {names}", f"kind must be {'|'.join(allowed)}", "kind")


def check_days(days: int) -> None:
    if days < 0 or days > MAX_DAYS:
        raise DeadlineError("invalid_days", f"天数应在0到{MAX_DAYS}之间", f"days must be 0..{MAX_DAYS}", "days")


def end_of_day(day: date, tz: tzinfo) -> datetime:
    return datetime.combine(day, time(23, 59, 59), tzinfo=tz)


def due_day(calendar: WorkCalendar, start: date, days: int, kind: str) -> date:
    """The last day of a period of ``days`` ``kind`` days starting on ``start`` (not counted)."""
    check_kind(kind, DAY_KINDS)
    check_days(days)
    if kind == "working":
        return calendar.add_working_days(start, days)
    return calendar.add_calendar_days(start, days)


def add(start: datetime, amount: int, kind: str, calendar: WorkCalendar, tz: tzinfo) -> datetime:
    """The moment a period of ``amount`` ``kind`` units starting at the aware moment ``start`` ends."""
    check_kind(kind)
    if kind == "hours":
        return start + timedelta(hours=amount)
    return end_of_day(due_day(calendar, start.astimezone(tz).date(), amount, kind), tz)


def with_thresholds(step: str, start: datetime, due: datetime, levels: WarningLevels) -> StepClock:
    span = due - start
    return StepClock(step, start, due, start + span * levels.approaching, start + span * levels.urgent)


def warning_at(due: datetime | None, approaching: datetime | None, urgent: datetime | None, now: datetime) -> str:
    """正常 / 临期 / 紧急 / 超期 at ``now`` for a clock's thresholds (no due date: always normal)."""
    if due is None:
        return "normal"
    if now > due:
        return "overdue"
    if urgent and now >= urgent:
        return "urgent"
    if approaching and now >= approaching:
        return "approaching"
    return "normal"


def level_of(clock: StepClock, now: datetime) -> str:
    return warning_at(clock.due_at, clock.approaching_at, clock.urgent_at, now)


def paused(clock: StepClock, suspended_at: datetime | None, resumed_at: datetime) -> StepClock:
    """The clock after a suspension from ``suspended_at`` to ``resumed_at``: the time suspended is not counted."""
    gap = resumed_at - suspended_at if suspended_at else timedelta(0)
    return replace(clock, due_at=shift(clock.due_at, gap), approaching_at=shift(clock.approaching_at, gap),
                   urgent_at=shift(clock.urgent_at, gap))


def resumed_due(due: datetime, suspended_at: datetime, resumed_at: datetime, kind: str, calendar: WorkCalendar,
                tz: tzinfo) -> datetime:
    """The deadline after a suspension, counted in the clock's own unit (信访工作条例第36条: hearing time is not
    counted; the same policy for every suspension).

    The units left at the suspension are carried over and counted again from the resumption day (not counted):
    a working-day clock keeps its remaining *working* days, a calendar-day clock its remaining calendar days
    and an hour clock its remaining hours. A day clock never ends on a rest day: the last day moves to the next
    working day. A clock already overdue when suspended gets no time back.

    Known approximation: a calendar-day clock whose last day had already been moved off a rest day counts its
    remaining days to the moved day (the days of the move are carried over too), since the unmoved last day is
    not stored.
    """
    check_kind(kind)
    if due <= suspended_at:
        return due
    if kind == "hours":
        return due + (resumed_at - suspended_at)
    stopped, last, restart = (suspended_at.astimezone(tz).date(), due.astimezone(tz).date(),
                              resumed_at.astimezone(tz).date())
    if kind == "working":
        left = calendar.working_days_between(stopped, last)
        day = calendar.next_workday(calendar.add_working_days(restart, left))
    else:
        day = calendar.add_calendar_days(restart, (last - stopped).days)
    return end_of_day(day, tz)


def shift(moment: datetime | None, gap: timedelta) -> datetime | None:
    return None if moment is None else moment + gap


def check_extension(days: int, already: int, limit: int) -> None:
    """An extension of ``days`` on top of ``already`` granted days must stay within ``limit`` (条例第34条: 30)."""
    if days < 1 or already + days > limit:
        left = max(limit - already, 0)
        raise DeadlineError("invalid_extension", f"延期天数应为1至{left}天（累计不超过{limit}天）",
                            f"extension must be 1..{left} days (≤ {limit} in all)", "days")
