"""Statutory holidays (法定节假日) of any year, computed from the rule of the law, for years whose official
arrangement (the State Council's yearly notice with its 调休 swaps) is not known yet.

The rule is data: ``STATUTORY_HOLIDAYS`` below. A future revision of the law is a change of that table (and,
if its dates differ by year, a second table chosen by ``in_force_from``), not of the code that reads it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from types import MappingProxyType

from lunar_python import Lunar

SOLAR, LUNAR, SOLAR_TERM = "solar", "lunar", "solar_term"


@dataclass(frozen=True)
class StatutoryHoliday:
    """One holiday of the law: ``days`` consecutive rest days from an anchor day plus ``offset`` days.

    ``kind`` says how the anchor is found: ``solar`` (Gregorian month/day), ``lunar`` (lunar month/day of the
    lunar year that begins in the Gregorian year) or ``solar_term`` (the day of the named 节气, e.g. 清明).
    """

    name: str
    kind: str
    month: int = 0
    day: int = 0
    term: str = ""
    days: int = 1
    offset: int = 0


STATUTORY_HOLIDAYS: tuple[StatutoryHoliday, ...] = (
    StatutoryHoliday("元旦", SOLAR, 1, 1, days=1),
    StatutoryHoliday("春节", LUNAR, 1, 1, days=4, offset=-1),  # 除夕 (the day before 正月初一) to 初三
    StatutoryHoliday("清明节", SOLAR_TERM, term="清明", days=1),
    StatutoryHoliday("劳动节", SOLAR, 5, 1, days=2),
    StatutoryHoliday("端午节", LUNAR, 5, 5, days=1),
    StatutoryHoliday("中秋节", LUNAR, 8, 15, days=1),
    StatutoryHoliday("国庆节", SOLAR, 10, 1, days=3),
)
STATUTORY_HOLIDAYS_IN_FORCE_FROM = date(2025, 1, 1)
STATUTORY_SOURCE = (
    "《全国年节及纪念日放假办法》第二条（国务院令第795号，2024年11月10日修订，2025年1月1日起施行）："
    "元旦1天、春节4天（农历除夕、正月初一至初三）、清明节1天、劳动节2天（5月1日、2日）、端午节1天（农历端午当日）、"
    "中秋节1天（农历中秋当日）、国庆节3天（10月1日至3日）"
)
"""The legal source of ``STATUTORY_HOLIDAYS`` (全体公民放假的节日, art. 2 of the 2024 revision, State Council
decree no. 795, in force since 2025-01-01). Holidays of part of the citizens (妇女节, 青年节, …) and the
weekend swaps (调休) that each year's notice arranges are not statutory and are not computed."""


def _anchor(holiday: StatutoryHoliday, year: int) -> date:
    if holiday.kind == SOLAR:
        return date(year, holiday.month, holiday.day)
    if holiday.kind == LUNAR:
        solar = Lunar.fromYmd(year, holiday.month, holiday.day).getSolar()
        return date(solar.getYear(), solar.getMonth(), solar.getDay())
    if holiday.kind == SOLAR_TERM:
        for lunar_year in (year, year - 1, year + 1):  # a lunar year's table spans two Gregorian years
            solar = Lunar.fromYmd(lunar_year, 1, 1).getJieQiTable().get(holiday.term)
            if solar is not None and solar.getYear() == year:
                return date(solar.getYear(), solar.getMonth(), solar.getDay())
        raise ValueError(f"solar term {holiday.term} not found in {year}")
    raise ValueError(f"unknown holiday kind: {holiday.kind}")


@lru_cache(maxsize=64)
def statutory_days(year: int) -> Mapping[date, str]:
    """Every statutory rest day of ``year`` → the holiday's name (no 调休 swaps: those are each year's notice).

    A day may belong to two holidays (中秋 on 1 October in 2031): the names are joined.
    """
    days: dict[date, str] = {}
    for holiday in STATUTORY_HOLIDAYS:
        first = _anchor(holiday, year) + timedelta(days=holiday.offset)
        for n in range(holiday.days):
            day = first + timedelta(days=n)
            days[day] = f"{days[day]}、{holiday.name}" if day in days else holiday.name
    return MappingProxyType(dict(sorted(days.items())))  # cached: read-only
