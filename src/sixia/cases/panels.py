"""Home panel: open cases of the user's view by deadline colour, and this year's 三率."""

from __future__ import annotations

from django.db.models import Count
from django.utils import timezone

from sixia.cases import rates, selectors
from sixia.cases.models import Warning
from sixia.web.panels import Panel


def home_panels(request) -> list[Panel]:
    user = request.user
    counts = dict(selectors.visible_cases(user).filter(due_at__isnull=False).values_list("warning")
                  .annotate(n=Count("id")).values_list("warning", "n"))
    rows = [{"code": w.value, "label": str(w.label), "count": counts.get(w.value, 0)} for w in Warning]
    year_rates = rates.rates_for(user, period=str(timezone.localdate().year))
    return [Panel(title="诉求办理时限", template="cases/_panel_deadlines.html",
                  context={"rows": rows, "rates": year_rates if year_rates.valid else None}, order=20)]
