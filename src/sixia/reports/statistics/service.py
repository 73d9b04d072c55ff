"""The statistics of one region and one period (page, API, Excel and Word report share this one reading).

Who may read them: the right ``reports.statistics`` — the officials who read every case of their region
(``cases.selectors.WIDE_ROLES``: admin, desk, leader, head, supervisor, auditor). A handler reads only its unit's
cases, so a county figure would be a unit figure under a county's name; the 组织部 reads officials, not cases
(its export is the 考核 sheet, ``reports.assessment``). A region outside the jurisdiction is not found (404).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Q
from django.db.models.functions import Substr
from django.utils import timezone

from sixia.cases import rates
from sixia.cases.models import CaseSettings, ReturnVisit
from sixia.core import jurisdiction, permissions
from sixia.core.errors import InvalidInput, NotFound
from sixia.core.validation import is_digits
from sixia.engines.rates import Rates
from sixia.geo.models import CODE_LENGTHS, Region
from sixia.reports import permissions as rights
from sixia.reports import rankings
from sixia.reports.statistics import figures
from sixia.reports.statistics.periods import StatPeriod, StatPeriodError, parse

__all__ = ["CODE_LENGTHS", "Statistics", "statistics"]

NATIONWIDE = "全国"


@dataclass
class ChildRow:
    code: str
    name: str
    cases: dict[str, int]
    activities: int
    score: float
    url: str  # the child's statistics page
    cases_url: str
    activities_url: str

    def as_dict(self) -> dict:
        return {"region_code": self.code, "name": self.name, **self.cases, "activities": self.activities,
                "score": self.score, "cases_url": self.cases_url, "activities_url": self.activities_url}


@dataclass
class Statistics:
    region_code: str
    region_name: str
    period: StatPeriod
    last_period: StatPeriod
    cases: list[figures.Figure]
    rates: list[figures.Rate]
    three_rates: Rates
    three_rates_last: Rates
    formula: dict[str, float]
    breakdowns: list[figures.Breakdown]
    activities: list[figures.Figure]
    four_visits: list[figures.Figure]
    quotas: list[figures.Figure] = field(default_factory=list)
    children: list[ChildRow] = field(default_factory=list)
    counts: dict = field(default_factory=dict)  # the raw counts (the work report's sentences read them)
    activity_counts: dict = field(default_factory=dict)

    def figure(self, key: str) -> figures.Figure:
        for f in self.cases + self.activities + self.four_visits + self.quotas:
            if f.key == key:
                return f
        raise KeyError(key)

    def rate(self, key: str) -> figures.Rate:
        return next(r for r in self.rates if r.key == key)

    @property
    def formula_lines(self) -> list[str]:
        return [r.formula for r in self.rates]

    def as_dict(self) -> dict:
        return {"region_code": self.region_code, "region_name": self.region_name, "period": self.period.as_dict(),
                "last_year_period": self.last_period.as_dict(),
                "cases": [f.as_dict() for f in self.cases], "rates": [r.as_dict() for r in self.rates],
                "three_rates": {"formula": self.formula, "formula_text": _chinese_formula(self.formula),
                                "current": self.three_rates.as_dict(), "last_year": self.three_rates_last.as_dict(),
                                "url": _rates_url(self)},
                "breakdowns": [b.as_dict() for b in self.breakdowns],
                "activities": [f.as_dict() for f in self.activities],
                "four_visits": [f.as_dict() for f in self.four_visits],
                "quotas": [f.as_dict() for f in self.quotas],
                "children": [c.as_dict() for c in self.children]}


def _chinese_formula(formula: dict[str, float]) -> list[str]:
    from django.conf import settings
    from django.utils import translation

    with translation.override(settings.LANGUAGE_CODE):
        return rankings.formula_lines(formula)


def _rates_url(s: Statistics) -> str:
    from django.urls import reverse

    if s.period.kind == "custom":
        return ""
    return reverse("reports:rates") + f"?period={s.period.key}" + (f"&region_code={s.region_code}" if s.region_code
                                                                   else "")


def child_width(code: str) -> int:
    longer = [n for n in sorted(CODE_LENGTHS.values()) if n > len(code)]
    return longer[0] if longer else len(code)


def resolve_region(user, region_code: str) -> tuple[str, str]:
    """(code, name) of the region asked, or of the user's jurisdiction; outside it → not found (404)."""
    permissions.require(user, rights.STATISTICS)
    region_code = (region_code or "").strip()
    prefix = jurisdiction.prefix_of(user)
    if prefix is None:
        raise NotFound("not_found", "没有可统计的管辖范围", "no jurisdiction")
    if region_code and (not is_digits(region_code) or len(region_code) > 12):
        raise InvalidInput("invalid_region", "区划代码应为数字", "region code must be digits", field="region_code")
    code = region_code or prefix
    if region_code and not jurisdiction.covers(user, region_code):
        raise NotFound("not_found", "该区划不存在或不在您的管辖范围内", "region not found or outside your jurisdiction")
    region = Region.objects.filter(code=code).first() if code else None
    if code and region is None:
        raise NotFound("not_found", "该区划不存在或不在您的管辖范围内", "region not found or outside your jurisdiction")
    return code, region.name if region else NATIONWIDE


def parse_period(period: str = "", date_from: str = "", date_to: str = "", today: date | None = None) -> StatPeriod:
    try:
        return parse(period, date_from, date_to, today=today or timezone.localdate())
    except StatPeriodError as exc:
        raise InvalidInput("invalid_period", exc.message_zh, exc.message_en, field=exc.field) from None


def _visit_counts(user, p: StatPeriod, region_code: str, width: int = 0):
    """Return visits of the period (三率, the formula of ``cases.rates``): total, or per child region."""
    from datetime import datetime, time, timedelta

    from sixia.cases.deadlines import TZ

    start = datetime.combine(p.start, time(), tzinfo=TZ)
    end = datetime.combine(p.end + timedelta(days=1), time(), tzinfo=TZ)
    qs = jurisdiction.scope(ReturnVisit.objects.filter(at__gte=start, at__lt=end), user, field="case__region__code")
    if region_code:
        qs = qs.filter(case__region__code__startswith=region_code)
    if width:
        return {row["area"]: {k: int(row[k] or 0) for k in rankings.COUNTS}
                for row in qs.annotate(area=Substr("case__region_id", 1, width)).values("area")
                .annotate(**rankings.COUNTS)}
    return {k: int(v or 0) for k, v in qs.aggregate(**rankings.COUNTS).items()}


def _quota_figures(user, p: StatPeriod, last: StatPeriod, region_code: str) -> list[figures.Figure]:
    """履职达标 (quotas.compliance.rollup): officials evaluated, officials behind, indicators met — this period
    and last year's; links to the compliance list (officials; ``behind=on`` for those behind)."""
    if not p.quota_key:
        return []
    from django.urls import reverse

    from sixia.engines.quotas.rollup import rollup as engine_rollup
    from sixia.quotas import compliance

    def totals(q: StatPeriod):
        report = compliance.rollup(user, period=q.quota_key, region_code=region_code)
        agg = engine_rollup(("all", row.results) for row in report.rows).get("all")
        return {"officials": len(report.rows), "officials_behind": agg.officials_behind if agg else 0,
                "met": agg.met if agg else 0, "results": agg.results if agg else 0}

    now, before = totals(p), totals(last)
    base = reverse("quotas:compliance") + f"?period={p.quota_key}" + (f"&region={region_code}" if region_code else "")
    return [figures.Figure("quota_officials", "参加履职考核的干部", now["officials"], before["officials"], base, "人"),
            figures.Figure("quota_behind", "履职进度滞后的干部", now["officials_behind"], before["officials_behind"],
                           base + "&behind=on", "人"),
            figures.Figure("quota_met", "已达标的指标项", now["met"], before["met"], base, "项", counts_list=False),
            figures.Figure("quota_results", "考核指标项", now["results"], before["results"], base, "项",
                           counts_list=False)]


def statistics(user, *, region_code: str = "", period: str = "", date_from: str = "", date_to: str = "",
               today: date | None = None) -> Statistics:
    code, name = resolve_region(user, region_code)
    p = parse_period(period, date_from, date_to, today)
    last = p.last_year()
    now_counts, last_counts = figures.case_counts(user, p, code), figures.case_counts(user, last, code)
    act_now, act_last = figures.activity_counts(user, p, code), figures.activity_counts(user, last, code)
    conf = CaseSettings.current()
    width = child_width(code)
    result = Statistics(
        region_code=code, region_name=name, period=p, last_period=last,
        cases=figures.case_figures(p, code, now_counts, last_counts),
        rates=figures.rate_figures(p, code, now_counts, last_counts),
        three_rates=rates.compute(_visit_counts(user, p, code), conf, p.key),
        three_rates_last=rates.compute(_visit_counts(user, last, code), conf, last.key),
        formula=rankings.formula_of(conf),
        breakdowns=figures.case_breakdowns(user, p, last, code, width),
        activities=figures.activity_figures(p, code, act_now, act_last),
        four_visits=figures.four_visit_figures(p, code, act_now, act_last),
        quotas=_quota_figures(user, p, last, code), counts=now_counts, activity_counts=act_now)
    if width > len(code):
        result.children = _children(user, p, code, width, conf)
    return result


def _children(user, p: StatPeriod, code: str, width: int, conf: CaseSettings) -> list[ChildRow]:
    """The child regions side by side (a city's counties, a county's townships): three grouped queries."""
    from django.urls import reverse

    cases = figures.child_case_counts(user, p, code, width)
    acts = figures.child_activity_counts(user, p, code, width)
    visits = _visit_counts(user, p, code, width)
    level = next(lv for lv, n in CODE_LENGTHS.items() if n == width)
    regions = Region.objects.filter(Q(code__startswith=code) if code else Q(), level=level)
    rows = []
    zero = dict.fromkeys(("batches", "persons", "repeated", "over_level", "accepted", "accepted_timely", "replied",
                          "replied_on_time", "rated", "satisfied"), 0)
    for r in regions.order_by("code").values_list("code", "name"):
        c = cases.get(r[0], zero)
        score = rates.compute(visits.get(r[0], {}), conf, p.key).score
        query = f"period={p.key}" if p.kind != "custom" else f"from={p.start}&to={p.end}"
        rows.append(ChildRow(r[0], r[1], c, acts.get(r[0], 0), score,
                             reverse("reports:statistics") + f"?region_code={r[0]}&{query}",
                             figures.case_link(p, r[0]), figures.activity_link(p, r[0])))
    return rows
