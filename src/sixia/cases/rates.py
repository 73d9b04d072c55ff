"""三率 adapter: counts return visits per unit / region / period and applies the configured formula.

Denominator = valid return visits (rules.md, one practice; UNVERIFIED, configurable in CaseSettings):
响应率 = contacted / valid; 解决率 = resolved / valid; 满意率 = (satisfied + f × basically) / valid;
composite = w1·响应 + w2·解决 + w3·满意.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from datetime import date, datetime, time

from django.db.models import Count, Q

from sixia.cases.deadlines import TZ
from sixia.cases.models import CaseSettings, ReturnVisit
from sixia.core import jurisdiction
from sixia.core.errors import InvalidInput


@dataclass(frozen=True)
class Rates:
    period: str
    valid: int
    contacted: int
    resolved: int
    satisfied: int
    basically: int
    response_rate: float
    resolution_rate: float
    satisfaction_rate: float
    score: float

    def as_dict(self) -> dict:
        return asdict(self)


def period_bounds(period: str) -> tuple[datetime, datetime]:
    """``2026`` | ``2026-03`` | ``2026-Q1`` → [start, end) as aware datetimes."""
    m = re.fullmatch(r"(\d{4})(?:-(?:(\d{1,2})|[Qq]([1-4])))?", (period or "").strip())
    if not m:
        raise InvalidInput("invalid_period", "统计期格式应为 2026、2026-03 或 2026-Q1", "period: YYYY, YYYY-MM or YYYY-Qn",
                           field="period")
    year = int(m.group(1))
    if m.group(2):
        month = int(m.group(2))
        if not 1 <= month <= 12:
            raise InvalidInput("invalid_period", "月份应在1到12之间", "month must be 1..12", field="period")
        start, end = date(year, month, 1), date(year + (month == 12), month % 12 + 1, 1)
    elif m.group(3):
        q = int(m.group(3))
        start = date(year, 3 * q - 2, 1)
        end = date(year + (q == 4), (3 * q) % 12 + 1, 1)
    else:
        start, end = date(year, 1, 1), date(year + 1, 1, 1)
    return datetime.combine(start, time(), tzinfo=TZ), datetime.combine(end, time(), tzinfo=TZ)


def compute(counts: dict[str, int], conf: CaseSettings, period: str) -> Rates:
    valid = counts["valid"]

    def ratio(x: float) -> float:
        return round(x / valid, 4) if valid else 0.0

    response = ratio(counts["contacted"])
    resolution = ratio(counts["resolved"])
    satisfaction = ratio(counts["satisfied"] + conf.basically_factor * counts["basically"])
    score = round(100 * (conf.weight_response * response + conf.weight_resolution * resolution
                         + conf.weight_satisfaction * satisfaction), 2)
    return Rates(period, valid, counts["contacted"], counts["resolved"], counts["satisfied"], counts["basically"],
                 response, resolution, satisfaction, score)


def rates_for(user, *, period: str, unit: int | None = None, region_code: str = "") -> Rates:
    start, end = period_bounds(period)
    qs = jurisdiction.scope(ReturnVisit.objects.filter(at__gte=start, at__lt=end), user, field="case__region__code")
    if unit:
        qs = qs.filter(unit_id=unit)
    if region_code:
        qs = qs.filter(case__region__code__startswith=region_code)
    counts = qs.aggregate(
        valid=Count("id"), contacted=Count("id", filter=Q(contacted=True)),
        resolved=Count("id", filter=Q(resolved=True)),
        satisfied=Count("id", filter=Q(satisfaction=ReturnVisit.Satisfaction.SATISFIED)),
        basically=Count("id", filter=Q(satisfaction=ReturnVisit.Satisfaction.BASICALLY)))
    return compute(counts, CaseSettings.current(), period)
