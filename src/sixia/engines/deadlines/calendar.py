"""Working-day calendar: chinese-calendar data, overridden by explicit days (admins' rows, imported lists).

Which source answers for a day, in order:

1. an override (an imported arrangement, a local holiday) for that very day;
2. chinese-calendar, for the years it ships (1.11.0: 2004–2026): the State Council's arrangement, 调休 included;
3. the statutory holidays of the law (``statutory.STATUTORY_HOLIDAYS``) and weekends. For a year whose
   arrangement is known (``known_years``: imported in full) this is exact, since the overrides carry its swaps;
   for any other year it is an estimate without the 调休 swaps, and the calendar records a visible warning
   (``estimate_warning``) instead of staying silent.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from functools import lru_cache

import chinese_calendar

from sixia.engines.deadlines.statutory import statutory_days


def estimate_warning(year: int) -> str:
    """The warning on a deadline that relies on a year whose arrangement is not known (Chinese, then English)."""
    return (f"{year}年放假安排未发布，按法定节假日推算（未含调休） "
            f"({year} holiday arrangement not published: statutory holidays only, without weekend swaps)")


no_data_warning = estimate_warning  # the name the first version of the fallback used


@lru_cache(maxsize=256)
def shipped(year: int) -> bool:
    """Whether chinese-calendar ships ``year``'s arrangement."""
    try:
        chinese_calendar.is_workday(date(year, 1, 1))
    except NotImplementedError:
        return False
    return True


class WorkCalendar:
    """Which days are working days. ``overrides`` (day → is a working day) win over the shipped data;
    ``known_years`` are the years whose official arrangement was imported (not an estimate)."""

    def __init__(self, overrides: Mapping[date, bool] | None = None, known_years: Iterable[int] = ()):
        self.overrides: dict[date, bool] = dict(overrides or {})
        self.known_years: frozenset[int] = frozenset(known_years)
        self.warnings: list[str] = []

    def has_data(self, year: int) -> bool:
        """Whether ``year``'s official arrangement is known: shipped by chinese-calendar or imported."""
        return year in self.known_years or shipped(year)

    def is_estimated(self, year: int) -> bool:
        return not self.has_data(year)

    def estimated_years(self, start: date, end: date) -> list[int]:
        """The years of [start, end] whose days are only estimated (what a period over them relies on)."""
        return [y for y in range(start.year, end.year + 1) if self.is_estimated(y)]

    def is_workday(self, day: date) -> bool:
        if day in self.overrides:
            return self.overrides[day]
        if shipped(day.year):
            return bool(chinese_calendar.is_workday(day))
        if day.year not in self.known_years:
            msg = estimate_warning(day.year)
            if msg not in self.warnings:
                self.warnings.append(msg)
        return day.weekday() < 5 and day not in statutory_days(day.year)

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
