"""Region page panel: this year's 三率 (response, resolution, satisfaction) of the region and of its children,
from the same ranking the 三率 page shows (``rankings.ranking``), so the two never disagree."""

from __future__ import annotations

from django.utils.translation import gettext

from sixia.core.errors import DomainError
from sixia.reports import rankings
from sixia.web.panels import Panel


def region_panels(request, region) -> list[Panel]:
    period = rankings.current_period("year")
    try:
        result = rankings.ranking(request.user, period=period, region_code=region.code)
    except DomainError:  # the view checked the jurisdiction; keep the page up whatever the ranking says
        result = None
    return [Panel(title=gettext("三率"), template="reports/_region_rates.html", order=30,
                  context={"r": result if result is not None and result.total.valid else None, "period": period})]
