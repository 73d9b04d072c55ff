"""Working-day calendar used by the deadlines adapter.

Stand-in until ``sixia.engines.deadlines`` provides the calendar: chinese-calendar data, overridden by
database rows; a year without data falls back to weekends-only and records a visible warning.
"""

from __future__ import annotations

from datetime import date, timedelta

import chinese_calendar


class WorkCalendar:
    def __init__(self, overrides: dict[date, bool] | None = None):
        self.overrides = overrides or {}
        self.warnings: list[str] = []

    def is_workday(self, day: date) -> bool:
        if day in self.overrides:
            return self.overrides[day]
        try:
            return bool(chinese_calendar.is_workday(day))
        except NotImplementedError:
            msg = f"{day.year}年无节假日数据，按周末计算 (no holiday data for {day.year}: weekends only)"
            if msg not in self.warnings:
                self.warnings.append(msg)
            return day.weekday() < 5

    def next_workday(self, day: date) -> date:
        while not self.is_workday(day):
            day += timedelta(days=1)
        return day

    def add_working_days(self, start: date, days: int) -> date:
        day, left = start, days
        while left > 0:
            day += timedelta(days=1)
            if self.is_workday(day):
                left -= 1
        return day

    def add_calendar_days(self, start: date, days: int) -> date:
        """First day not counted; a last day on a rest day moves to the next working day."""
        return self.next_workday(start + timedelta(days=days))
