"""REST API of quotas: compliance of one official or a roll-up, and the rule table."""

from __future__ import annotations

from datetime import date

from ninja import Query, Router, Schema

from sixia.quotas import compliance, selectors

router = Router(tags=["quotas 履职指标"])
PREFIX = "quotas"


class ComplianceQuery(Schema):
    period: str
    official: int | None = None
    unit: int | None = None
    region_code: str = ""
    as_of: date | None = None  # evaluate "on track" as of this day (default today)


@router.get("/compliance", summary="履职统计：某干部某期（official）或管辖范围汇总（按单位、区划）")
def get_compliance(request, query: Query[ComplianceQuery]):
    """``period``: 2026 | 2026-H2 | 2026-Q4 | 2026-11. With ``official``: that official's results per rule
    (required, done, remaining, status met / on_track / behind) and activity totals; without: every official
    in the caller's jurisdiction (narrowed by ``unit`` / ``region_code``) with roll-ups per unit and region."""
    if query.official is not None:
        return compliance.for_official(request.auth, official_id=query.official, period=query.period,
                                       today=query.as_of).as_dict()
    return compliance.rollup(request.auth, period=query.period, unit_id=query.unit,
                             region_code=query.region_code, today=query.as_of).as_dict()


@router.get("/rules", summary="履职指标规则（默认值及本地区覆盖规则）")
def list_rules(request):
    return [{"id": r.pk, "rank": r.rank, "kind": r.kind, "measure": r.measure, "period": r.period,
             "where": r.where, "amount": r.amount, "region_prefix": r.region_prefix,
             "remind_days_before": r.remind_days_before, "is_active": r.is_active, "source": r.source}
            for r in selectors.rules_visible_to(request.auth)]
