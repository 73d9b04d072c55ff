"""Quota periods: a year, a half-year, a quarter or a month, written ``2026``, ``2026-H2``, ``2026-Q4``,
``2026-11``. Bounds are inclusive dates."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

# Period kinds from the coarsest to the finest; a kind's "length" in months orders them.
MONTHS = {"year": 12, "half": 6, "quarter": 3, "month": 1}
KINDS = tuple(MONTHS)

_PATTERN = re.compile(r"(\d{4})(?:-(?:[Hh]([12])|[Qq]([1-4])|(\d{1,2})))?")


class PeriodError(ValueError):
    """The text is not a period. ``message_zh`` / ``message_en`` say why."""

    def __init__(self, message_zh: str, message_en: str):
        super().__init__(message_en)
        self.message_zh = message_zh
        self.message_en = message_en


@dataclass(frozen=True, order=True)
class Period:
    start: date
    end: date  # inclusive
    kind: str  # year | half | quarter | month
    key: str  # canonical text: 2026 | 2026-H2 | 2026-Q4 | 2026-11

    @property
    def year(self) -> int:
        return self.start.year

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    def elapsed_fraction(self, today: date) -> float:
        """Share of the period's days that have begun by ``today`` (today counts as elapsed): 0 … 1."""
        if today < self.start:
            return 0.0
        if today >= self.end:
            return 1.0
        return ((today - self.start).days + 1) / self.days

    def days_left(self, today: date) -> int:
        """Whole days after ``today`` until the period ends (0 on its last day; negative once over)."""
        return (self.end - today).days

    @property
    def label_zh(self) -> str:
        if self.kind == "year":
            return f"{self.year}年"
        if self.kind == "half":
            return f"{self.year}年{'上' if self.start.month == 1 else '下'}半年"
        if self.kind == "quarter":
            return f"{self.year}年第{'一二三四'[(self.start.month - 1) // 3]}季度"
        return f"{self.year}年{self.start.month}月"

    def subperiods(self, kind: str) -> list[Period]:
        """The periods of a finer (or equal) ``kind`` that tile this one (a quarter → its 3 months)."""
        if MONTHS[kind] > MONTHS[self.kind]:
            raise ValueError(f"{kind} is longer than {self.kind}")
        step = MONTHS[kind]
        return [period_of(kind, date(self.year, month, 1))
                for month in range(self.start.month, self.end.month + 1, step)]


def _month_end(year: int, month: int) -> date:
    return date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)


def period_of(kind: str, day: date) -> Period:
    """The period of ``kind`` that contains ``day``."""
    y, m = day.year, day.month
    if kind == "year":
        return Period(date(y, 1, 1), date(y, 12, 31), "year", f"{y}")
    if kind == "half":
        h = 1 if m <= 6 else 2
        return Period(date(y, 6 * h - 5, 1), _month_end(y, 6 * h), "half", f"{y}-H{h}")
    if kind == "quarter":
        q = (m - 1) // 3 + 1
        return Period(date(y, 3 * q - 2, 1), _month_end(y, 3 * q), "quarter", f"{y}-Q{q}")
    if kind == "month":
        return Period(date(y, m, 1), _month_end(y, m), "month", f"{y}-{m:02d}")
    raise ValueError(f"unknown period kind: {kind!r}")


def parse_period(text: str) -> Period:
    """``2026`` | ``2026-H2`` | ``2026-Q4`` | ``2026-11`` (also ``2026-q4``, ``2026-3``) → a Period."""
    m = _PATTERN.fullmatch((text or "").strip())
    if not m:
        raise PeriodError("统计期格式应为 2026、2026-H2、2026-Q4 或 2026-11",
                          "period must be YYYY, YYYY-Hn, YYYY-Qn or YYYY-MM")
    year = int(m.group(1))
    if not 1900 <= year <= 9998:
        raise PeriodError("年份超出范围", "year out of range")
    if m.group(2):
        return period_of("half", date(year, 6 * int(m.group(2)) - 5, 1))
    if m.group(3):
        return period_of("quarter", date(year, 3 * int(m.group(3)) - 2, 1))
    if m.group(4):
        month = int(m.group(4))
        if not 1 <= month <= 12:
            raise PeriodError("月份应在1到12之间", "month must be 1..12")
        return period_of("month", date(year, month, 1))
    return period_of("year", date(year, 1, 1))


def periods_containing(day: date, kinds: tuple[str, ...] = KINDS) -> list[Period]:
    """Every period of the given kinds that contains ``day``, coarsest first."""
    return [period_of(kind, day) for kind in kinds]
