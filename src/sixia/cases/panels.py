"""Home panels: the open cases of the user's own scope by deadline colour (a handler its unit's, a leader its
包案 cases, the desk its jurisdiction — ``cases.today.own_scope``), and this year's 三率; for the desk and the
administrators, a warning when a year's holiday arrangement is missing (next year's from 1 November on)."""

from __future__ import annotations

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext

from sixia.cases import deadlines, rates
from sixia.cases import today as today_list
from sixia.cases.models import Warning
from sixia.core.today import link
from sixia.web.panels import Panel

ARRANGEMENT_WARNING_FROM = (11, 1)  # (month, day): the State Council usually publishes next year's in late autumn


def missing_arrangements(today) -> list[int]:
    """This year, and from 1 November next year, when its holiday arrangement is not known."""
    calendar = deadlines.year_calendar()
    years = [today.year]
    if (today.month, today.day) >= ARRANGEMENT_WARNING_FROM:
        years.append(today.year + 1)
    return [y for y in years if calendar.is_estimated(y)]


def home_panels(request) -> list[Panel]:
    user = request.user
    panels = []
    if user.is_superuser or user.has_role("dispatcher", "admin"):
        missing = missing_arrangements(timezone.localdate())
        if missing:
            panels.append(Panel(title=gettext("节假日安排"), template="cases/_panel_holidays.html", order=5,
                                context={"years": missing,
                                         "may_import": user.is_superuser or user.has_role("admin")}))
    # the user's own scope (today.own_scope), open cases only: each tile opens the queue with the same filters
    scope, params = today_list.own_scope(user)
    counts = dict(today_list.open_cases(user, **params).order_by().values_list("warning")
                  .annotate(n=Count("id", distinct=True)).values_list("warning", "n"))
    rows = [{"code": w.value, "label": str(w.label), "count": counts.get(w.value, 0),
             "url": link("cases:queue", **today_list.queue_params(params | {"warning": w.value}))} for w in Warning]
    year_rates = rates.rates_for(user, period=str(timezone.localdate().year))
    return [*panels, Panel(title=gettext("诉求办理时限"), template="cases/_panel_deadlines.html",
                           context={"rows": rows, "scope": scope,
                                    "rates": year_rates if year_rates.valid else None}, order=20)]
