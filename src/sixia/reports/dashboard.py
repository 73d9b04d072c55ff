"""Leaders' dashboard (驾驶舱): the pictures of one region and period, each a ``web.charts.Chart`` (a table the
page's script draws). One grouped query per chart of this module; the 三率 ranking, the risk index and the quota
roll-up are the existing ones (``reports.rankings``, ``insight.risk``, ``quotas.compliance``).

Jurisdiction as everywhere: cases through ``cases.selectors.visible_cases``; a region outside → ``NotFound``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlencode

from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from sixia.cases import labels, rates
from sixia.cases import selectors as case_selectors
from sixia.cases.models import Case
from sixia.cases.workflow import TERMINAL
from sixia.core import jurisdiction, permissions
from sixia.core.errors import InvalidInput, NotFound
from sixia.core.validation import is_digits
from sixia.geo.models import Region
from sixia.reports import permissions as rights
from sixia.reports import rankings
from sixia.web.charts import Cell, Chart, Row, number

TREND_MONTHS = 12
TOP_UNITS = 15  # the ranking and the overdue bars show the first units; the tables say how many there are


@dataclass(frozen=True)
class Dashboard:
    region: Region | None
    region_code: str
    period: str
    start: datetime
    end: datetime
    charts: list[Chart]


def resolve_region(user, region_code: str) -> tuple[str, Region | None]:
    """The region asked for (default: the user's jurisdiction); outside it or unknown → NotFound."""
    prefix = jurisdiction.prefix_of(user)
    if prefix is None:
        raise NotFound("not_found", "没有可统计的管辖范围", "no jurisdiction")
    code = (region_code or "").strip()
    if code and not is_digits(code):
        raise InvalidInput("invalid_region", "区划代码应为数字", "region code must be digits", field="region_code")
    code = code or prefix
    if not code:
        return "", None
    region = Region.objects.filter(code=code).first()
    if region is None or not jurisdiction.covers(user, code):
        raise NotFound("not_found", "该区划不存在或不在您的管辖范围内", "region not found or outside your jurisdiction")
    return code, region


def _months_back(end: datetime, n: int) -> datetime:
    """The first instant of the month n−1 months before the month holding ``end`` − 1µs (local time)."""
    last = timezone.localtime(end - timedelta(microseconds=1))
    year, month = last.year, last.month - (n - 1)
    while month < 1:
        year, month = year - 1, month + 12
    return timezone.make_aware(datetime(year, month, 1))


def _queue_url(**params) -> str:
    return reverse("cases:queue") + "?" + urlencode({k: v for k, v in params.items() if v not in ("", None)})


def _month_starts(end: datetime, n: int) -> list[datetime]:
    """The first instants (local time) of the n months up to the one holding the instant before ``end``, and the
    start of the month after them: n + 1 boundaries."""
    first = _months_back(end, n)
    out = [first]
    for _i in range(n):
        last = out[-1]
        year, month = (last.year + 1, 1) if last.month == 12 else (last.year, last.month + 1)
        out.append(timezone.make_aware(datetime(year, month, 1)))
    return out


def trend(cases: QuerySet[Case], end: datetime) -> Chart:
    """Cases registered per month over the twelve months up to the period's end, and the collective ones: one
    aggregate with a filtered count per month (index range scans; no per-row date function, which SQLite runs
    in Python — 1.1 s for 100k cases with TruncMonth)."""
    bounds = _month_starts(end, TREND_MONTHS)
    counts: dict[str, Count] = {}
    for i in range(TREND_MONTHS):
        month = Q(registered_at__gte=bounds[i], registered_at__lt=bounds[i + 1])
        counts[f"n{i}"] = Count("id", filter=month)
        counts[f"c{i}"] = Count("id", filter=month & Q(is_collective=True))
    row = cases.filter(registered_at__gte=bounds[0], registered_at__lt=bounds[-1]).aggregate(**counts)
    out = [Row(f"{timezone.localtime(bounds[i]):%Y-%m}", [number(int(row[f"n{i}"] or 0)), number(int(row[f"c{i}"] or 0))])
           for i in range(TREND_MONTHS)]
    return Chart("trend", "line", _("近12个月诉求量"), _("月份"), [_("登记件数"), _("其中集体访")], out)


def channel_mix(cases: QuerySet[Case]) -> Chart:
    rows = cases.values("channel").annotate(n=Count("id")).order_by("-n", "channel")
    return Chart("channels", "pie", _("来源渠道构成"), _("来源渠道"), [_("件数")],
                 [Row(str(labels.CHANNELS.get(r["channel"], r["channel"])), [number(int(r["n"]))])
                  for r in rows])


def category_mix(cases: QuerySet[Case]) -> Chart:
    rows = cases.values("category__name").annotate(n=Count("id")).order_by("-n", "category__name")
    return Chart("categories", "hbar", _("问题分类构成"), _("问题分类"), [_("件数")],
                 [Row(r["category__name"] or gettext("未分类"), [number(int(r["n"]))]) for r in rows[:TOP_UNITS]])


def overdue_by_unit(user, region_code: str, now: datetime) -> Chart:
    """Open cases past their step's deadline (not suspended), per responsible unit: what is late now."""
    qs = case_selectors.visible_cases(user).filter(region__code__startswith=region_code, due_at__lt=now,
                                                   suspended_at__isnull=True).exclude(state__in=TERMINAL)
    rows = (qs.values("responsible_unit_id", "responsible_unit__name").annotate(n=Count("id"))
            .order_by("-n", "responsible_unit__name"))
    return Chart("overdue", "hbar", _("当前超期件数（按承办单位）"), _("承办单位"), [_("超期件数")],
                 [Row(r["responsible_unit__name"] or gettext("未交办"), [number(int(r["n"]))],
                      _queue_url(overdue="on", unit=r["responsible_unit_id"], region=region_code))
                  for r in rows[:TOP_UNITS]])


def rates_by_unit(user, period: str, region_code: str) -> Chart:
    result = rankings.ranking(user, period=period, region_code=region_code)
    return Chart("rates", "hbar", _("承办单位三率综合得分"), _("承办单位"), [_("综合得分")],
                 [Row(r.label, [Cell(f"{r.rates.score:.1f}", round(r.rates.score, 1))]) for r in result.by_unit[:TOP_UNITS]],
                 note=_("得分按三率排名的公式计算（回访数据）。"))


def risk_map(user, region_code: str, now: datetime) -> Chart:
    from sixia.insight import risk

    result = risk.risk_for(user, region_code=region_code, now=now)
    rows = sorted(result["rows"], key=lambda r: r["code"])
    return Chart("map", "map", _("下级区划风险指数"), _("区划"), [_("风险指数"), _("诉求件数")],
                 [Row(r["name"], [Cell(f"{r['index']:.1f}", round(r["index"], 1)), number(int(r["cases"]))],
                      reverse("web:region", args=[r["code"]]) if len(r["code"]) > len(result["region_code"]) else "")
                  for r in rows],
                 note=_("近%(days)s天，风险指数见热点研判；方格图按区划代码排列，不是地理位置。") % {
                     "days": result["period_days"]})


def quota_totals(user, period: str, region_code: str) -> Chart:
    from sixia.quotas import charts, compliance

    return charts.activities_vs_quota(compliance.rollup(user, period=period, region_code=region_code))


def dashboard(user, *, region_code: str = "", period: str = "", now: datetime | None = None) -> Dashboard:
    # the same readers as the statistics it pictures: a handler's or 纪检's view of the county would be its own
    # unit's or its 检举控告 cases drawn as if they were the county's
    permissions.require(user, rights.STATISTICS)
    now = now or timezone.now()
    code, region = resolve_region(user, region_code)
    period = (period or "").strip() or rankings.current_period("quarter", now)
    start, end = rates.period_bounds(period)
    scoped = case_selectors.visible_cases(user).filter(region__code__startswith=code)
    in_period = scoped.filter(registered_at__gte=start, registered_at__lt=end)
    charts = [
        trend(scoped, end),
        channel_mix(in_period),
        category_mix(in_period),
        rates_by_unit(user, period, code),
        overdue_by_unit(user, code, now),
        quota_totals(user, period, code),
    ]
    if region is not None and region.level < 5:
        charts.insert(5, risk_map(user, code, now))
    return Dashboard(region, code, period, start, end, charts)
