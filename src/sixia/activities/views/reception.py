"""The reception-day calendar: a month of reception days with the period's summary."""

from __future__ import annotations

import calendar as pycal
from datetime import date, timedelta

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from sixia.activities import rules, selectors
from sixia.activities.models import Kind


def _month(value: str | None) -> date:
    try:
        year, month = (int(x) for x in (value or "").split("-"))
        return date(year, month, 1)
    except ValueError:
        return timezone.localdate().replace(day=1)


@login_required
def reception_calendar(request):
    first = _month(request.GET.get("month"))
    last = date(first.year, first.month, pycal.monthrange(first.year, first.month)[1])
    days = selectors.activities_for(request.user, kind=Kind.RECEPTION, start=first, end=last)
    by_day: dict[date, list] = {}
    for a in days:
        by_day.setdefault(a.start_day, []).append(a)
    weeks = [[(d, by_day.get(d, []), d.month == first.month) for d in week]
             for week in pycal.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month)]
    prev_month = (first - timedelta(days=1)).replace(day=1)
    next_month = last + timedelta(days=1)
    period = selectors.period_summary(request.user, first, last, label=rules.month_label(first))
    return render(request, "activities/calendar.html", {
        "weeks": weeks, "first": first, "prev": f"{prev_month:%Y-%m}", "next": f"{next_month:%Y-%m}",
        "period": period, "schedules": selectors.schedules_for(request.user)})


