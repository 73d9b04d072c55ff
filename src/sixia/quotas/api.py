"""REST API of quotas: compliance of one official or a roll-up, and the rule table."""

from __future__ import annotations

from datetime import date

from ninja import Query, Router, Schema, Status

from sixia.api.auth import needs
from sixia.api.schemas import Error
from sixia.core.errors import NotFound
from sixia.quotas import compliance, selectors, services
from sixia.quotas import permissions as rights

router = Router(tags=["quotas 履职指标"])
PREFIX = "quotas"


class PeriodOut(Schema):
    key: str
    kind: str
    label: str
    start: date
    end: date


class ComplianceOfficialOut(Schema):
    """The official a compliance row is about (named apart from org's OfficialOut: one name, one schema)."""

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
    official: ComplianceOfficialOut
    period: PeriodOut
    results: list[ResultOut]
    totals: dict[str, KindTotal]
    links: list[LinkOut]
    summary: str


class OfficialRow(Schema):
    official: ComplianceOfficialOut
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


class RuleIn(Schema):
    rank: str
    kind: str
    measure: str = "count"
    period: str
    where: str = "anywhere"
    amount: float
    region_prefix: str = ""
    remind_days_before: int = 7
    is_active: bool = True
    source: str = ""


class RulePatch(Schema):
    rank: str | None = None
    kind: str | None = None
    measure: str | None = None
    period: str | None = None
    where: str | None = None
    amount: float | None = None
    region_prefix: str | None = None
    remind_days_before: int | None = None
    is_active: bool | None = None
    source: str | None = None


def _rule_out(r) -> dict:
    return {"id": r.pk, "rank": r.rank, "kind": r.kind, "measure": r.measure, "period": r.period,
            "where": r.where, "amount": r.amount, "region_prefix": r.region_prefix,
            "remind_days_before": r.remind_days_before, "is_active": r.is_active, "source": r.source}


@router.get("/rules", response=list[RuleOut], summary="履职指标规则（默认值及本地区覆盖规则）")
def list_rules(request):
    return [_rule_out(r) for r in selectors.rules_visible_to(request.auth)]


@router.post("/rules", auth=needs(rights.EDIT_RULES), response={201: RuleOut, 403: Error, 422: Error},
             summary="新增履职指标规则（管理员、组织部；本辖区）")
def create_rule(request, payload: RuleIn):
    return Status(201, _rule_out(services.save_rule(actor=request.auth, **payload.model_dump())))


@router.patch("/rules/{rule_id}", auth=needs(rights.EDIT_RULES),
              response={200: RuleOut, 403: Error, 404: Error, 422: Error}, summary="修改履职指标规则")
def update_rule(request, rule_id: int, payload: RulePatch):
    rule = selectors.rules_visible_to(request.auth).filter(pk=rule_id).first()
    if rule is None:
        raise NotFound("not_found", "履职指标规则不存在或不在您的管辖范围内", "quota rule not found")
    changes = {k: v for k, v in payload.model_dump(exclude_unset=True).items() if v is not None}
    return _rule_out(services.save_rule(actor=request.auth, rule=rule, **changes))
