"""The quota roll-up as a chart (``web.charts``): activities done against what the rules require, per kind
and measure, summed over the officials of the report — on the quota page and the leaders' dashboard."""

from __future__ import annotations

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from sixia.quotas import summary
from sixia.web.charts import Chart, Row, number


def _n(x: float) -> float | int:
    return int(x) if float(x).is_integer() else round(x, 1)


def activities_vs_quota(report) -> Chart:
    """``report``: a ``compliance.RollupReport``; its per-unit totals summed (each official counted once)."""
    totals: dict[tuple[str, str], list[float]] = {}
    for unit in report.units:
        for t in unit["totals"]:
            pair = totals.setdefault((t["kind"], t["measure"]), [0.0, 0.0])
            pair[0] += t["required"]
            pair[1] += t["done"]
    measure = {"count": gettext("次"), "days": gettext("天")}
    return Chart("quotas", "bar", _("下基层活动完成与要求"), _("活动"), [_("要求"), _("完成")],
                 [Row(gettext("%(kind)s（%(measure)s）") % {"kind": summary.kind_label(kind), "measure": measure.get(m, m)},
                      [number(_n(req)), number(_n(done))])
                  for (kind, m), (req, done) in sorted(totals.items())])
