"""Risk index (风险指数) per child region of a region in the user's view. Adapter over
``engines.insight.risk``: one grouped query counts cases, repeats, overdue, ratings and collective petitions
per child-region prefix."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.db.models import Count, Q
from django.db.models.functions import Substr
from django.utils import timezone

from sixia.cases import selectors as case_selectors
from sixia.cases.workflow import TERMINAL
from sixia.core import jurisdiction
from sixia.core.errors import NotFound
from sixia.engines.insight import risk as engine
from sixia.geo.models import Region
from sixia.insight.models import RiskSettings


def weights_from(s: RiskSettings) -> engine.RiskWeights:
    return engine.RiskWeights(volume=s.weight_volume, repeats=s.weight_repeats, overdue=s.weight_overdue,
                              dissatisfaction=s.weight_dissatisfaction, collective=s.weight_collective,
                              high=s.high, medium=s.medium, min_cases=s.min_cases)


def _region(user, region_code: str) -> Region:
    code = (region_code or "").strip() or (jurisdiction.prefix_of(user) or "")
    region = Region.objects.filter(code=code).first() if code else None
    if region is None or not jurisdiction.covers(user, region.code):
        raise NotFound("not_found", "区划不存在或不在您的管辖范围内", "region not found or outside your jurisdiction")
    return region


def risk_for(user, *, region_code: str = "", now: datetime | None = None,
             weights: engine.RiskWeights | None = None) -> dict:
    """Risk rows of the children of ``region_code`` (default: the user's jurisdiction), highest first."""
    settings = RiskSettings.current()
    weights = weights or weights_from(settings)
    now = now or timezone.now()
    region = _region(user, region_code)
    children = {r.code: r.name for r in Region.objects.filter(parent_id=region.code).only("code", "name")}
    if not children:
        children = {region.code: region.name}
    length = len(next(iter(children)))
    qs = case_selectors.visible_cases(user).filter(region__code__startswith=region.code,
                                                  registered_at__gte=now - timedelta(days=settings.period_days))
    overdue = Q(due_at__lt=now, suspended_at__isnull=True) & ~Q(state__in=TERMINAL)
    rows = (qs.annotate(prefix=Substr("region_id", 1, length)).values("prefix")
            .annotate(cases=Count("id"), repeated=Count("id", filter=Q(is_repeated=True)),
                      overdue=Count("id", filter=overdue), rated=Count("id", filter=~Q(satisfaction="")),
                      dissatisfied=Count("id", filter=Q(satisfaction="dissatisfied")),
                      collective=Count("id", filter=Q(is_collective=True)))
            .order_by("prefix"))
    fields = ("cases", "repeated", "overdue", "rated", "dissatisfied", "collective")
    grouped: list[dict[str, Any]] = [dict(r) for r in rows]
    counts = {str(r["prefix"]): {k: int(r[k]) for k in fields} for r in grouped}
    if region.code in counts and region.code not in children:  # cases filed on the region itself (本级)
        children[region.code] = f"{region.name}（本级）"
    stats = [engine.RegionStats(code, name, **counts.get(code, {})) for code, name in children.items()]
    result = engine.risk_index(stats, weights)
    return {"region_code": region.code, "region": region.name, "period_days": settings.period_days,
            "weights": {c: getattr(weights, c) for c in engine.COMPONENTS},
            "rows": [r.as_dict() for r in result]}
