"""Insight panels. Home: the risk index (风险指数) of the regions directly under the user's jurisdiction (top
five). Region page: the full risk index of the region's children with every component, and its hot issues."""

from __future__ import annotations

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from sixia.core.errors import DomainError
from sixia.insight import hotspots, risk
from sixia.web.panels import Panel

LEVELS = {"high": _("高"), "medium": _("中"), "low": _("低"), "": "—"}


def home_panels(request) -> list[Panel]:
    try:
        data = risk.risk_for(request.user)
    except DomainError:  # no jurisdiction to show
        return []
    rows = [r | {"level_label": LEVELS.get(r["level"], r["level"])} for r in data["rows"][:5] if r["cases"]]
    if not rows:
        return []
    return [Panel(title=gettext("风险指数"), template="insight/_panel_risk.html",
                  context={"rows": rows, "region": data["region"], "days": data["period_days"]}, order=60)]


COMPONENT_LABELS = {"volume": _("诉求量"), "repeats": _("重复件"), "overdue": _("超期"),
                    "dissatisfaction": _("不满意"), "collective": _("集体访")}
TRENDS = {"new": _("新出现"), "rising": _("上升"), "steady": _("持平"), "falling": _("下降")}
HOT_ISSUES = 5


def region_panels(request, region) -> list[Panel]:
    """The region page: the full risk index of the region's children, and its top hot issues."""
    return [_risk_panel(request.user, region), _hot_panel(request.user, region)]


def _risk_panel(user, region) -> Panel:
    try:
        data = risk.risk_for(user, region_code=region.code)
    except DomainError:  # the view checked the jurisdiction; keep the page up whatever the adapter says
        data = {"rows": [], "weights": {}, "period_days": None}
    # children without a case in the period all have index 0: one line for them instead of a row each
    rows = [r | {"level_label": LEVELS.get(r["level"], r["level"])} for r in data["rows"] if r["cases"]]
    weights = [{"key": k, "label": label, "value": data["weights"].get(k)} for k, label in COMPONENT_LABELS.items()
               if k in data["weights"]]
    return Panel(title=gettext("风险指数"), template="insight/_region_risk.html", order=20, context={
        "rows": rows, "quiet": len(data["rows"]) - len(rows), "weights": weights, "days": data["period_days"],
        "wide": True})


def _hot_panel(user, region) -> Panel:
    try:
        hot = hotspots.hotspots_for(user, region_code=region.code)
    except DomainError:
        hot = {"clusters": [], "cases": 0, "period": ""}
    clusters = [c | {"trend_label": TRENDS.get(c["trend"], c["trend"])} for c in hot["clusters"][:HOT_ISSUES]]
    return Panel(title=gettext("热点问题"), template="insight/_region_hot.html", order=25, context={
        "clusters": clusters, "cases": hot.get("cases", 0), "period": _period_label(hot.get("period", ""))})


def _period_label(period: str) -> str:
    return gettext("近%(days)s天") % {"days": period[:-1]} if period.endswith("d") else period
