"""Hot-issues page (热点研判): clusters of recent cases and the risk index of the user's jurisdiction."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from sixia.core.errors import DomainError, error_text
from sixia.insight import hotspots, risk, weights
from sixia.insight import permissions as rights
from sixia.insight.models import RiskSettings
from sixia.web.rules import weights_page

PERIODS = [("7d", _("近7天")), ("30d", _("近30天")), ("90d", _("近90天")), ("365d", _("近一年"))]
TRENDS = {"new": _("新出现"), "rising": _("上升"), "steady": _("持平"), "falling": _("下降")}
LEVELS = {"high": _("高"), "medium": _("中"), "low": _("低"), "": "—"}


@login_required
def hotspots_page(request):
    user = request.user
    period = request.GET.get("period", "")
    region_code = request.GET.get("region_code", "").strip()
    error = ""
    hot: dict = {"clusters": []}
    risk_rows: dict = {"rows": []}
    try:
        hot = hotspots.hotspots_for(user, region_code=region_code, period=period)
        risk_rows = risk.risk_for(user, region_code=region_code)
    except DomainError as exc:
        error = error_text(exc)
    for c in hot.get("clusters", []):
        c["trend_label"] = TRENDS.get(c["trend"], c["trend"])
    for r in risk_rows.get("rows", []):
        r["level_label"] = LEVELS.get(r["level"], r["level"])
    return render(request, "insight/hotspots.html", {
        "hot": hot, "risk": risk_rows, "periods": PERIODS, "period": hot.get("period", period),
        "region_code": region_code, "error": error})


@login_required
@require_http_methods(["GET", "POST"])
def risk_weights(request):
    """The risk index weights: shown to everyone signed in, saved by a national administrator."""
    return weights_page(request, model=RiskSettings, names=weights.RISK_WEIGHTS, right=rights.EDIT_WEIGHTS,
                        save=weights.save_risk_weights, title=_("风险指数权重"), url_name="insight:risk_weights")
