"""三率 adapter: counts return visits per unit / region / period and applies the configured formula.

The formula (``sixia.engines.rates``) takes its weights from CaseSettings (rules.md default, UNVERIFIED):
响应率 = contacted / valid; 解决率 = resolved / valid; 满意率 = (satisfied + f × basically) / valid;
composite = w1·响应 + w2·解决 + w3·满意.
"""

from __future__ import annotations

from datetime import datetime, time

from sixia.cases import rollup
from sixia.cases.deadlines import TZ
from sixia.cases.models import CaseSettings
from sixia.core.db_router import replica_reads
from sixia.core.errors import InvalidInput
from sixia.engines import rates as engine
from sixia.engines.rates import Counts, Formula, Rates

__all__ = ["Counts", "Formula", "Rates", "compute", "formula_of", "period_bounds", "rates_for"]


def period_bounds(period: str) -> tuple[datetime, datetime]:
    """``2026`` | ``2026-03`` | ``2026-Q1`` → [start, end) as aware datetimes."""
    try:
        start, end = engine.parse_period(period)
    except engine.RatesError as error:
        raise InvalidInput(error.code, error.message_zh, error.message_en, field=error.field) from error
    return datetime.combine(start, time(), tzinfo=TZ), datetime.combine(end, time(), tzinfo=TZ)


def formula_of(conf: CaseSettings) -> Formula:
    return Formula(weight_response=conf.weight_response, weight_resolution=conf.weight_resolution,
                   weight_satisfaction=conf.weight_satisfaction, basically_factor=conf.basically_factor)


def compute(counts: dict[str, int], conf: CaseSettings, period: str) -> Rates:
    return engine.compute(counts, formula_of(conf), period)


@replica_reads  # statistics/exports: read from the hot standby when one is configured
def rates_for(user, *, period: str, unit: int | None = None, region_code: str = "") -> Rates:
    """Whole past months from the monthly rollup, the rest live (``cases.rollup``): always the live answer."""
    start, end = period_bounds(period)
    counts = rollup.counts(user, start, end, unit=unit, region_code=region_code)[""]
    return compute(counts, CaseSettings.current(), period)
