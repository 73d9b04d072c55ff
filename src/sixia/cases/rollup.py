"""三率 monthly rollup: the counts of whole past months per (county-level region code, unit), summed instead of
re-counting every return visit of a province-year (docs/scale.md, issue 17).

Exactly the numerators and denominators of ``cases.rates`` (``COUNTS``). A month is read from the rollup only if
it is over (before the current month) and marked current in ``RateRollupMonth``; every other month — the current
one, one never rolled up, one whose visits changed since (saving or deleting a visit removes the mark in the same
transaction) — is counted live, so the answer is always the live answer. Scopes deeper than a county (a township
user, a county's ranking by township) cannot be answered from county-level rows and are counted live: they are
small and on the ``(region_code, at)`` index.

``refresh()`` rolls up every past month with visits and no mark: one ``DELETE`` and one
``INSERT … SELECT … GROUP BY`` per month, under a ``SHARE`` lock of the visits on PostgreSQL (writers of visits
wait the few hundred milliseconds of one month's aggregate, so no visit committed meanwhile is missed). Run by
the periodic Huey task ``refresh_rate_rollup_hourly`` and ``sixia refresh-rates``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from django.db import connection, transaction
from django.db.models import Count, F, Min, Q, QuerySet, Sum
from django.db.models.functions import Substr
from django.utils import timezone

from sixia.cases.deadlines import TZ
from sixia.cases.models import RateRollup, RateRollupMonth, ReturnVisit
from sixia.core import jurisdiction

LEVEL_LENGTH = 6  # county-level region codes (geo CODE_LENGTHS[3])
FIELDS = ("valid", "contacted", "resolved", "satisfied", "basically")
COUNTS = {
    "valid": Count("id"),
    "contacted": Count("id", filter=Q(contacted=True)),
    "resolved": Count("id", filter=Q(resolved=True)),
    "satisfied": Count("id", filter=Q(satisfaction=ReturnVisit.Satisfaction.SATISFIED)),
    "basically": Count("id", filter=Q(satisfaction=ReturnVisit.Satisfaction.BASICALLY)),
}
SUMS = {f: Sum(f) for f in FIELDS}


def month_of(moment: datetime | date) -> date:
    if isinstance(moment, datetime):
        moment = timezone.localtime(moment, TZ).date() if timezone.is_aware(moment) else moment.date()
    return moment.replace(day=1)


def _next(month: date) -> date:
    return date(month.year + month.month // 12, month.month % 12 + 1, 1)


def month_bounds(month: date) -> tuple[datetime, datetime]:
    return datetime.combine(month, time(), tzinfo=TZ), datetime.combine(_next(month), time(), tzinfo=TZ)


def months_between(start: datetime, end: datetime) -> list[date]:
    """The whole months of [start, end) (periods are years, quarters or months: always whole months)."""
    out, month = [], month_of(start)
    while datetime.combine(month, time(), tzinfo=TZ) < end:
        out.append(month)
        month = _next(month)
    return out


@dataclass(frozen=True)
class Plan:
    rolled: list[date]  # months summed from the rollup
    live: list[tuple[datetime, datetime]]  # contiguous ranges counted from the visits
    start: datetime
    end: datetime

    def at_depth(self, length: int) -> Plan:
        """The same plan for a grouping by region codes of ``length``: all live when deeper than a county."""
        return self if length <= LEVEL_LENGTH else Plan([], [(self.start, self.end)], self.start, self.end)

    def live_q(self) -> Q:
        q = Q(pk__in=[])
        for start, end in self.live:
            q |= Q(at__gte=start, at__lt=end)
        return q


def plan(user: Any, start: datetime, end: datetime, *, region_code: str = "", width: int = 0,
         now: datetime | None = None) -> Plan:
    """Which months of [start, end) can be read from the rollup for this scope and grouping width."""
    prefix = jurisdiction.prefix_of(user) or ""
    deepest = max(len(prefix), len(region_code or ""), width)
    months = months_between(start, end)
    current = month_of(now or timezone.now())
    past = [m for m in months if m < current]
    marked = set(RateRollupMonth.objects.filter(month__in=past).values_list("month", flat=True)) \
        if past and deepest <= LEVEL_LENGTH else set()
    live: list[tuple[datetime, datetime]] = []
    for month in months:
        if month in marked:
            continue
        lo, hi = month_bounds(month)
        if live and live[-1][1] == lo:
            live[-1] = (live[-1][0], hi)
        else:
            live.append((lo, hi))
    return Plan(rolled=[m for m in months if m in marked], live=live, start=start, end=end)


def _scoped(qs: QuerySet, user: Any, unit: int | None, region_code: str) -> QuerySet:
    qs = jurisdiction.scope(qs, user, field="region_code")
    if unit:
        qs = qs.filter(unit_id=unit)
    if region_code:
        qs = qs.filter(region_code__startswith=region_code)
    return qs


def counts(user: Any, start: datetime, end: datetime, *, unit: int | None = None, region_code: str = "",
           by: str = "", width: int = 0, now: datetime | None = None,
           planned: Plan | None = None, names: dict[str, str] | None = None) -> dict[str, dict[str, int]]:
    """The five counts of the scope, whole (``by=""``: key ``""``), per unit (``by="unit"``: key the unit id,
    visits without a unit left out; ``name`` in ``names``) or per region code cut to ``width`` (``by="area"``).
    ``planned``: a plan of the same scope already made (one statement less)."""
    p = planned or plan(user, start, end, region_code=region_code, now=now)
    if by == "area":
        p = p.at_depth(width)
    sources: list[QuerySet] = []
    if p.live:
        sources.append(_scoped(ReturnVisit.objects.filter(p.live_q()), user, unit, region_code))
    if p.rolled:
        sources.append(_scoped(RateRollup.objects.filter(month__in=p.rolled), user, unit, region_code))
    out: dict[str, dict[str, int]] = {}
    for qs in sources:
        aggregates = COUNTS if qs.model is ReturnVisit else SUMS
        if by == "unit":
            rows: Iterable[dict] = (qs.filter(unit__isnull=False).values(key=F("unit_id"), name=F("unit__name"))
                                    .annotate(**aggregates))
        elif by == "area":
            rows = qs.annotate(key=Substr("region_code", 1, width)).values("key").annotate(**aggregates)
        else:
            rows = [qs.aggregate(**aggregates) | {"key": ""}]
        for row in rows:
            total = out.setdefault(str(row["key"]), dict.fromkeys(FIELDS, 0))
            if names is not None and "name" in row:
                names[str(row["key"])] = row["name"]
            for f in FIELDS:
                total[f] += int(row[f] or 0)
    if not by:
        out.setdefault("", dict.fromkeys(FIELDS, 0))
    return out


INSERT = ("INSERT INTO cases_raterollup (month, region_code, unit_id, valid, contacted, resolved, satisfied,"
          " basically) SELECT %s, SUBSTR(region_code, 1, {n}), unit_id, COUNT(*),"
          " SUM(CASE WHEN contacted THEN 1 ELSE 0 END), SUM(CASE WHEN resolved THEN 1 ELSE 0 END),"
          " SUM(CASE WHEN satisfaction = %s THEN 1 ELSE 0 END), SUM(CASE WHEN satisfaction = %s THEN 1 ELSE 0 END)"
          " FROM cases_returnvisit WHERE at >= %s AND at < %s GROUP BY SUBSTR(region_code, 1, {n}), unit_id")


def refresh_month(month: date, now: datetime | None = None) -> int:
    """Roll up one month (set-based); returns the number of visits counted."""
    start, end = month_bounds(month)
    with transaction.atomic():
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("LOCK TABLE cases_returnvisit IN SHARE MODE")
            cursor.execute("DELETE FROM cases_raterollup WHERE month = %s", [month])
            bounds = [connection.ops.adapt_datetimefield_value(b) for b in (start, end)]  # SQLite: UTC text
            cursor.execute(INSERT.format(n=LEVEL_LENGTH), [month, ReturnVisit.Satisfaction.SATISFIED.value,
                                                           ReturnVisit.Satisfaction.BASICALLY.value, *bounds])
        visits = RateRollup.objects.filter(month=month).aggregate(n=Sum("valid"))["n"] or 0
        RateRollupMonth.objects.update_or_create(month=month, defaults={
            "refreshed_at": now or timezone.now(), "visits": visits})
    return visits


def stale_months(now: datetime | None = None) -> list[date]:
    """Past months with visits (from the first visit on) that are not marked current."""
    first = ReturnVisit.objects.aggregate(first=Min("at"))["first"]
    if first is None:
        return []
    current = month_of(now or timezone.now())
    marked = set(RateRollupMonth.objects.values_list("month", flat=True))
    out, month = [], month_of(first)
    while month < current:
        if month not in marked:
            out.append(month)
        month = _next(month)
    return out


def refresh(now: datetime | None = None) -> dict[str, Any]:
    months = stale_months(now)
    visits = sum(refresh_month(m, now) for m in months)
    return {"months": [m.isoformat()[:7] for m in months], "visits": visits}
