"""Quota panels. Home: the signed-in leader's own quotas for the current quarter. Region page: the compliance
roll-up of the officials of the region's units for the current quarter (``compliance.rollup``, as the 履职统计
page and ``GET /api/v1/quotas/compliance?region_code=`` give it)."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext

from sixia.core.errors import DomainError
from sixia.engines import quotas as engine
from sixia.quotas import compliance
from sixia.web.panels import Panel


def home_panels(request) -> list[Panel]:
    official = getattr(request.user, "official", None)
    if official is None:
        return []
    period = compliance.current_period("quarter")
    row = compliance.evaluate_officials([official], period, timezone.localdate())[0]
    if not row.results:
        return []
    return [Panel(title=gettext("我的履职"), template="quotas/_panel.html", context={"row": row}, order=30)]


def region_panels(request, region) -> list[Panel]:
    period = compliance.current_period("quarter")
    context: dict = {"period": period}
    try:
        report = compliance.rollup(request.user, period=period.key, region_code=region.code)
    except DomainError:  # the view checked the jurisdiction; keep the page up whatever the roll-up says
        report = None
    if report is not None and any(row.results for row in report.rows):
        # one key for every official: the region's own total, counted the way the per-region rows are
        total = engine.rollup(("total", row.results) for row in report.rows)["total"]
        context |= {"report": report, "total": total.as_dict()}
    return [Panel(title=gettext("履职统计"), template="quotas/_region_compliance.html", order=40, context=context)]
