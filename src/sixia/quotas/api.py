"""REST API of quotas: compliance of one official or a roll-up, and the rule table."""

from __future__ import annotations

from datetime import date

from ninja import Query, Router, Schema

from sixia.quotas import compliance, selectors

router = Router(tags=["quotas 履职指标"])
PREFIX = "quotas"


class PeriodOut(Schema):
    key: str
    kind: str
    label: str
    start: date
    end: date


class OfficialOut(Schema):
    id: int
    name: str
    title: str
    rank: str
    rank_label: str
    unit_id: int
    unit: str
    region_code: str


class ResultOut(Schema):
    rule_id: int
    rank: str
    kind: str
    measure: str
    where: str
    rule_period: str
    amount: float
    period: str
    period_label: str
    required: float
    done: float
    remaining: float
    expected: float
    status: str
    activity_ids: list[int]


class KindTotal(Schema):
    count: int
    days: float
    four_not_two_direct: int


class LinkOut(Schema):
    kind: str
    region_code: str


class OfficialCompliance(Schema):
    official: OfficialOut
    period: PeriodOut
    results: list[ResultOut]
    totals: dict[str, KindTotal]
    links: list[LinkOut]
    summary: str


class OfficialRow(Schema):
    official: OfficialOut
    behind: bool
    results: list[ResultOut]
    totals: dict[str, KindTotal]


class TotalOut(Schema):
    kind: str
    measure: str
    required: float
    done: float


class RollupOut(Schema):
    officials: int
    results: int
    met: int
    on_track: int
    behind: int
    officials_behind: int
    met_rate: float
    totals: list[TotalOut]
    name: str


class UnitRollup(RollupOut):
    unit_id: int


class RegionRollup(RollupOut):
    region_code: str


class Rollup(Schema):
    period: PeriodOut
    region_code: str
    summary: str
    units: list[UnitRollup]
    regions: list[RegionRollup]
    officials: list[OfficialRow]


class RuleOut(Schema):
    id: int
    rank: str
    kind: str
    measure: str
    period: str
    where: str
    amount: float
    region_prefix: str
    remind_days_before: int
    is_active: bool
    source: str


class ComplianceQuery(Schema):
    period: str
    official: int | None = None
    unit: int | None = None
    region_code: str = ""
    as_of: date | None = None  # evaluate "on track" as of this day (default today)


@router.get("/compliance", response=OfficialCompliance | Rollup, summary="履职统计：某干部某期（official）或管辖范围汇总（按单位、区划）")
def get_compliance(request, query: Query[ComplianceQuery]):
    """``period``: 2026 | 2026-H2 | 2026-Q4 | 2026-11. With ``official``: that official's results per rule
    (required, done, remaining, status met / on_track / behind) and activity totals; without: every official
    in the caller's jurisdiction (narrowed by ``unit`` / ``region_code``) with roll-ups per unit and region."""
    if query.official is not None:
        return compliance.for_official(request.auth, official_id=query.official, period=query.period,
                                       today=query.as_of).as_dict()
    return compliance.rollup(request.auth, period=query.period, unit_id=query.unit,
                             region_code=query.region_code, today=query.as_of).as_dict()


@router.get("/rules", response=list[RuleOut], summary="履职指标规则（默认值及本地区覆盖规则）")
def list_rules(request):
    return [{"id": r.pk, "rank": r.rank, "kind": r.kind, "measure": r.measure, "period": r.period,
             "where": r.where, "amount": r.amount, "region_prefix": r.region_prefix,
             "remind_days_before": r.remind_days_before, "is_active": r.is_active, "source": r.source}
            for r in selectors.rules_visible_to(request.auth)]
