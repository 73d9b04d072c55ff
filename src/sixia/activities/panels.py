"""Home panel: the next reception day and this month's reception summary of the user's jurisdiction."""

from __future__ import annotations

from calendar import monthrange

from django.utils import timezone
from django.utils.translation import gettext

from sixia.activities import rules, selectors
from sixia.activities.models import Activity, Kind
from sixia.web.panels import Panel


def home_panels(request) -> list[Panel]:
    user = request.user
    today = timezone.localdate()
    first, last = today.replace(day=1), today.replace(day=monthrange(today.year, today.month)[1])
    upcoming = (selectors.activities_for(user, kind=Kind.RECEPTION, start=today)
                .filter(status=Activity.Status.PLANNED).order_by("start_day", "id").first())
    month = selectors.period_summary(user, first, last, label=rules.month_label(today))
    return [Panel(title=gettext("下基层活动"), template="activities/_panel.html",
                  context={"upcoming": upcoming, "sentence": month["sentence"]}, order=30)]
