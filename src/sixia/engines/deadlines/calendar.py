"""Working-day calendar: chinese-calendar data, overridden by explicit days (admins' rows, imported lists).

A year that chinese-calendar does not know (it raises ``NotImplementedError``; 1.11.0 covers 2004–2026) falls
back to weekends-only and records a visible warning instead of crashing.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta

import chinese_calendar


def no_data_warning(year: int) -> str:
    return f"{year}年无节假日数据，按周末计算 (no holiday data for {year}: weekends only)"


class WorkCalendar:
    """Which days are working days. ``overrides`` (day → is a working day) win over the shipped data."""

    def __init__(self, overrides: Mapping[date, bool] | None = None):
        self.overrides: dict[date, bool] = dict(overrides or {})
        self.warnings: list[str] = []

    def has_data(self, year: int) -> bool:
        """Whether chinese-calendar knows ``year`` (overrides may still fill a year it does not)."""
        try:
            chinese_calendar.is_workday(date(year, 1, 1))
        except NotImplementedError:
            return False
        return True

    def is_workday(self, day: date) -> bool:
        if day in self.overrides:
            return self.overrides[day]
        try:
            return bool(chinese_calendar.is_workday(day))
        except NotImplementedError:
            msg = no_data_warning(day.year)
            if msg not in self.warnings:
                self.warnings.append(msg)
            return day.weekday() < 5

    def next_workday(self, day: date) -> date:
        """``day`` itself if it is a working day, else the first working day after it."""
        while not self.is_workday(day):
            day += timedelta(days=1)
        return day

    def add_working_days(self, start: date, days: int) -> date:
        """The ``days``-th working day after ``start`` (the start day itself is not counted)."""
        if days < 0:
            raise ValueError("days must not be negative")
        day, left = start, days
        while left > 0:
            day += timedelta(days=1)
            if self.is_workday(day):
                left -= 1
        return day

    def add_calendar_days(self, start: date, days: int) -> date:
        """``start`` + ``days`` calendar days (first day not counted); a last day on a rest day moves to the next
        working day (民法典 arts. 201, 203)."""
        if days < 0:
            raise ValueError("days must not be negative")
        return self.next_workday(start + timedelta(days=days))

    def working_days_between(self, start: date, end: date) -> int:
        """Working days in (start, end]: how many working days of a period have passed by ``end``."""
        count, day = 0, start
        while day < end:
            day += timedelta(days=1)
            count += self.is_workday(day)
        return count
