"""Pure rules of the activities (no Django): reception-day dates, summary sentences, progress roll-up.

Defaults (all overridable as data: schedule rows, the activity's own ``due_days``):
- reception day: the 15th of each month, moved to the next working day when it is a rest day;
- matters accepted on a reception day are to be finished within 30 days (“限期一个月内办结”).
"""

from __future__ import annotations

from calendar import monthrange
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

DEFAULT_DAY_OF_MONTH = 15
DEFAULT_DUE_DAYS = 30
SHIFTS = ("next_workday", "previous_workday", "none")


def reception_dates(*, day_of_month: int, start: date, end: date, is_workday: Callable[[date], bool],
                    months: Sequence[int] = (), shift: str = "next_workday") -> list[date]:
    """The reception days between ``start`` and ``end`` (inclusive) of a rule “the Nth of every month”.

    A day of month past the month's end means its last day; a rest day moves to the next (or previous)
    working day. ``months`` limits the months (e.g. quarterly: 1, 4, 7, 10)."""
    if shift not in SHIFTS:
        raise ValueError(f"unknown shift {shift!r}")
    if not 1 <= day_of_month <= 31:
        raise ValueError("day_of_month must be 1..31")
    result: list[date] = []
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        if not months or month in months:
            day = date(year, month, min(day_of_month, monthrange(year, month)[1]))
            step = {"next_workday": 1, "previous_workday": -1}.get(shift)
            guard = 0
            while step and not is_workday(day) and guard < 40:
                day += timedelta(days=step)
                guard += 1
            if start <= day <= end:
                result.append(day)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return result


def rota_pick(rota: Sequence[int], index: int) -> int | None:
    """The rota member on duty for the ``index``-th reception day (round robin)."""
    return rota[index % len(rota)] if rota else None


def due_phrase(due_days: int) -> str:
    if due_days % 30 == 0 and due_days >= 30:
        months = due_days // 30
        return "一个月" if months == 1 else f"{_cn(months)}个月"
    return f"{due_days}天"


_DIGITS = "零一二三四五六七八九十"


def _cn(n: int) -> str:
    if n <= 10:
        return _DIGITS[n]
    if n < 20:
        return "十" + _DIGITS[n - 10]
    return str(n)


@dataclass(frozen=True)
class ReceptionTally:
    """What a reception day (or a period of them) produced."""

    days: int  # reception days counted
    leaders: int  # leader-times (人次)
    received: int  # people received (接待群众 … 名)
    accepted: int  # matters accepted (受理问题 … 件) = solved on the spot + turned into cases
    solved: int  # solved on the spot
    cases: int  # turned into cases
    open_cases: int  # of those cases, not yet closed


def day_sentence(t: ReceptionTally, due_days: int = DEFAULT_DUE_DAYS) -> str:
    """“接待群众102名，受理问题86件，其中12件当场解决，其余限期一个月内办结”."""
    text = f"接待群众{t.received}名，受理问题{t.accepted}件"
    if t.accepted:
        text += f"，其中{t.solved}件当场解决"
        rest = t.accepted - t.solved
        if rest > 0:
            text += f"，其余限期{due_phrase(due_days)}内办结"
    return text


def followup_sentence(t: ReceptionTally) -> str:
    if not t.cases:
        return "无转办事项"
    if not t.open_cases:
        return f"转办的{t.cases}件已全部办结"
    return f"转办的{t.cases}件中已办结{t.cases - t.open_cases}件，尚有{t.open_cases}件在办"


def period_sentence(label: str, t: ReceptionTally, due_days: int = DEFAULT_DUE_DAYS) -> str:
    """“2026年第一季度共举办领导接待日3次，领导干部接访5人次，接待群众…；转办的…”."""
    if not t.days:
        return f"{label}未举办领导接待日"
    return (f"{label}共举办领导接待日{t.days}次，领导干部接访{t.leaders}人次，"
            f"{day_sentence(t, due_days)}；{followup_sentence(t)}")


def add_tallies(items: Iterable[ReceptionTally]) -> ReceptionTally:
    items = list(items)
    return ReceptionTally(*(sum(getattr(t, f) for t in items) for f in ReceptionTally.__dataclass_fields__))


def rolled_progress(progress: dict[int, int], children: dict[int | None, list[int]], node: int) -> int:
    """A measure's progress: its own when it has no children, else the mean of its children's (recursively)."""
    kids = children.get(node) or []
    if not kids:
        return max(0, min(100, progress.get(node, 0)))
    values = [rolled_progress(progress, children, k) for k in kids]
    return round(sum(values) / len(values))
