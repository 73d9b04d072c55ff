"""Quotas engine (履职指标): periods, compliance of officials against quota rules, roll-ups, summaries.

Pure Python — no Django. The quotas app feeds it rule rows, participations and linkages, and renders
what it returns.
"""

from sixia.engines.quotas.compliance import (
    Link,
    Participation,
    Rule,
    RuleResult,
    Status,
    evaluate,
    evaluation_period,
    totals_by_kind,
)
from sixia.engines.quotas.periods import Period, parse_period, periods_containing
from sixia.engines.quotas.rollup import Rollup, rollup
from sixia.engines.quotas.summary import official_sentence, period_sentence

__all__ = [
    "Link", "Participation", "Period", "Rollup", "Rule", "RuleResult", "Status", "evaluate",
    "evaluation_period", "official_sentence", "parse_period", "period_sentence", "periods_containing",
    "rollup", "totals_by_kind",
]
