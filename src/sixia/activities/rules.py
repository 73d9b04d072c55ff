"""Rules of the activities (no models, no queries): reception-day dates, summary sentences, progress roll-up.

The sentences follow the active UI language: each clause is one gettext message whose Chinese msgid is the
Chinese output itself, so Chinese stays byte for byte what it always was and a translator gets whole clauses
with named numbers. Chinese numerals (一个月, 二个月) are for Chinese only; other languages get digits.

Defaults (all overridable as data: schedule rows, the activity's own ``due_days``):
- reception day: the 15th of each month, moved to the next working day when it is a rest day;
- matters accepted on a reception day are to be finished within 30 days (“限期一个月内办结”);
- appointment slots of a reception day: 08:30–12:00 in 30-minute slots of 3 people each (schedule fields
  ``start_time``, ``end_time``, ``slot_minutes``, ``slot_capacity``);
- appointments (约访) per person, counted by the phone's blind index over booked (not cancelled, not yet
  received) appointments: at most 1 per reception day and at most 3 over today's and future reception days,
  so that one caller cannot hold a day's slots (schedule fields ``per_person_day_limit`` and
  ``per_person_open_limit``; 0 there means no limit; a reception day without a schedule uses these defaults).
"""

from __future__ import annotations

from calendar import monthrange
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, time, timedelta

from django.utils import dateformat
from django.utils.translation import get_language, gettext, ngettext

DEFAULT_DAY_OF_MONTH = 15
DEFAULT_DUE_DAYS = 30
DEFAULT_START_TIME, DEFAULT_END_TIME = time(8, 30), time(12, 0)
DEFAULT_SLOT_MINUTES, DEFAULT_SLOT_CAPACITY = 30, 3
DEFAULT_APPOINTMENTS_PER_DAY = 1
MAX_PLAN_DAYS = 366 * 2  # one planning run covers at most two years of reception days
DEFAULT_OPEN_APPOINTMENTS = 3
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
        if months == 1:
            return gettext("一个月")
        return ngettext("%(months)s个月", "%(months)s个月", months) % {"months": _numeral(months)}
    return ngettext("%(days)s天", "%(days)s天", due_days) % {"days": due_days}


_DIGITS = "零一二三四五六七八九十"


def _cn(n: int) -> str:
    if n <= 10:
        return _DIGITS[n]
    if n < 20:
        return "十" + _DIGITS[n - 10]
    return str(n)


def _numeral(n: int) -> str:
    """Chinese numerals in Chinese (二个月), digits in any other language."""
    return _cn(n) if (get_language() or "zh-hans").startswith("zh") else str(n)


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


def _accepted_clauses(t: ReceptionTally, due_days: int) -> str:
    """“，受理问题86件，其中12件当场解决，其余限期一个月内办结”: what follows the people received."""
    text = ngettext("，受理问题%(accepted)s件", "，受理问题%(accepted)s件", t.accepted) % {"accepted": t.accepted}
    if t.accepted:
        text += ngettext("，其中%(solved)s件当场解决", "，其中%(solved)s件当场解决", t.solved) % {"solved": t.solved}
        rest = t.accepted - t.solved
        if rest > 0:
            text += gettext("，其余限期%(due)s内办结") % {"due": due_phrase(due_days)}
    return text


def day_sentence(t: ReceptionTally, due_days: int = DEFAULT_DUE_DAYS) -> str:
    """“接待群众102名，受理问题86件，其中12件当场解决，其余限期一个月内办结”."""
    return (ngettext("接待群众%(received)s名", "接待群众%(received)s名", t.received) % {"received": t.received}
            + _accepted_clauses(t, due_days))


def followup_sentence(t: ReceptionTally) -> str:
    if not t.cases:
        return gettext("无转办事项")
    if not t.open_cases:
        return ngettext("转办的%(cases)s件已全部办结", "转办的%(cases)s件已全部办结", t.cases) % {"cases": t.cases}
    return ngettext("转办的%(cases)s件中已办结%(closed)s件，尚有%(open)s件在办",
                    "转办的%(cases)s件中已办结%(closed)s件，尚有%(open)s件在办", t.cases) % {
        "cases": t.cases, "closed": t.cases - t.open_cases, "open": t.open_cases}


def period_sentence(label: str, t: ReceptionTally, due_days: int = DEFAULT_DUE_DAYS) -> str:
    """“2026年第一季度共举办领导接待日3次，领导干部接访5人次，接待群众…；转办的…”."""
    if not t.days:
        return gettext("%(period)s未举办领导接待日") % {"period": label}
    return (ngettext("%(period)s共举办领导接待日%(days)s次", "%(period)s共举办领导接待日%(days)s次", t.days)
            % {"period": label, "days": t.days}
            + ngettext("，领导干部接访%(leaders)s人次", "，领导干部接访%(leaders)s人次", t.leaders) % {"leaders": t.leaders}
            + ngettext("，接待群众%(received)s名", "，接待群众%(received)s名", t.received) % {"received": t.received}
            + _accepted_clauses(t, due_days)
            + gettext("；%(followup)s") % {"followup": followup_sentence(t)})


def month_label(day: date) -> str:
    """“2026年3月” (March 2026): the label of a month's summary."""
    return dateformat.format(day, gettext("Y年n月"))


def span_label(start: date, end: date) -> str:
    """“2026年1月1日至2026年3月31日”: the label of a summary over any span of days."""
    return gettext("%(start)s至%(end)s") % {"start": dateformat.format(start, gettext("Y年n月j日")),
                                           "end": dateformat.format(end, gettext("Y年n月j日"))}


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
