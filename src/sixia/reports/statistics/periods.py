"""Statistics periods: a month ``2026-11``, a quarter ``2026-Q4``, a year ``2026`` or custom days ``from``/``to``
(both included), and the same period one year earlier. Pure: no Django."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sixia.engines.quotas.periods import PeriodError, parse_period

MAX_DAYS = 3660  # a custom span longer than ten years is a typo, not a report


class StatPeriodError(ValueError):
    def __init__(self, message_zh: str, message_en: str, field: str = "period"):
        super().__init__(message_en)
        self.message_zh, self.message_en, self.field = message_zh, message_en, field


@dataclass(frozen=True)
class StatPeriod:
    start: date
    end: date  # inclusive
    kind: str  # month | quarter | year | half | custom
    key: str  # 2026-11 | 2026-Q4 | 2026 | 2026-03-01~2026-03-31

    @property
    def label_zh(self) -> str:
        if self.kind == "custom":
            return f"{self.start:%Y年%m月%d日}至{self.end:%Y年%m月%d日}".replace("年0", "年").replace("月0", "月")
        if self.kind == "year":
            return f"{self.start.year}年"
        if self.kind == "half":
            return f"{self.start.year}年{'上' if self.start.month == 1 else '下'}半年"
        if self.kind == "quarter":
            return f"{self.start.year}年第{'一二三四'[(self.start.month - 1) // 3]}季度"
        return f"{self.start.year}年{self.start.month}月"

    @property
    def quota_key(self) -> str:
        """The period as ``quotas`` reads it (empty for a custom span, which quotas do not evaluate)."""
        return "" if self.kind == "custom" else self.key

    def last_year(self) -> StatPeriod:
        """The same period one year earlier (29 February → 28 February)."""
        start, end = _year_before(self.start), _year_before(self.end)
        if self.kind == "custom":
            return StatPeriod(start, end, "custom", f"{start.isoformat()}~{end.isoformat()}")
        year, _, rest = self.key.partition("-")
        return StatPeriod(start, end, self.kind, f"{int(year) - 1}" + (f"-{rest}" if rest else ""))

    def as_dict(self) -> dict:
        return {"key": self.key, "kind": self.kind, "label": self.label_zh, "from": self.start.isoformat(),
                "to": self.end.isoformat()}


def _year_before(day: date) -> date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def _day(text: str, field: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise StatPeriodError(f"日期格式应为 2026-03-01（{field}）", f"{field}: a date like 2026-03-01",
                              field) from None


def parse(period: str = "", date_from: str = "", date_to: str = "", *, today: date | None = None) -> StatPeriod:
    """``period`` (2026 | 2026-H2 | 2026-Q4 | 2026-11), or ``from`` and ``to`` (custom days); neither: this
    quarter up to ``today``'s quarter."""
    period, date_from, date_to = (period or "").strip(), (date_from or "").strip(), (date_to or "").strip()
    if date_from or date_to:
        if period:
            raise StatPeriodError("统计期与起止日期只能填一种", "give either period or from/to, not both")
        if not (date_from and date_to):
            raise StatPeriodError("自定义时段须同时填写起止日期", "a custom span needs both from and to",
                                  "to" if date_from else "from")
        start, end = _day(date_from, "from"), _day(date_to, "to")
        if end < start:
            raise StatPeriodError("结束日期不能早于开始日期", "to must not be before from", "to")
        if (end - start).days > MAX_DAYS:
            raise StatPeriodError("自定义时段不能超过十年", "a custom span is at most ten years", "to")
        return StatPeriod(start, end, "custom", f"{start.isoformat()}~{end.isoformat()}")
    if not period:
        today = today or date.today()
        q = (today.month - 1) // 3 + 1
        period = f"{today.year}-Q{q}"
    try:
        p = parse_period(period)
    except PeriodError as exc:
        raise StatPeriodError(exc.message_zh, exc.message_en) from None
    return StatPeriod(p.start, p.end, p.kind, p.key)


def months_of(p: StatPeriod) -> list[tuple[date, date]]:
    """The calendar months the period touches, each clipped to it (a trend's x axis)."""
    out, day = [], p.start.replace(day=1)
    while day <= p.end:
        nxt = (day + timedelta(days=32)).replace(day=1)
        out.append((max(day, p.start), min(nxt - timedelta(days=1), p.end)))
        day = nxt
    return out
