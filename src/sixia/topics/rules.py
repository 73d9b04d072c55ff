"""Pure rules of 点题整治 (no database): the satisfaction rate, a topic's progress, what is overdue.

The weights of the satisfaction rate are data (``models.RatingRule``, seeded by migration 0001 with the
default below); these functions only apply them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal

# The seeded default (RatingRule with the empty prefix): 满意率 = (满意 + 基本满意) / 参评人数, as the
# 社会评价 surveys of 点题整治 report it ("群众对点题整治的满意率和支持率"); 不满意 counts zero.
DEFAULT_WEIGHTS = {"satisfied": Decimal(1), "basically": Decimal(1), "dissatisfied": Decimal(0)}
DUE_SOON_DAYS = 7  # the unit's today list shows measures due within a week (and those already overdue)


def satisfaction_rate(counts: Mapping[str, int], weights: Mapping[str, Decimal] | None = None,
                      min_ratings: int = 1) -> float | None:
    """Σ weight × count / Σ count, in percent with one decimal; None below ``min_ratings`` ratings."""
    weights = weights or DEFAULT_WEIGHTS
    total = sum(counts.values())
    if total == 0 or total < max(min_ratings, 1):
        return None
    score = sum(Decimal(weights.get(kind, 0)) * n for kind, n in counts.items())
    return round(float(score * 100 / total), 1)


def topic_progress(percents: Iterable[int]) -> int:
    """A topic's progress: the mean of its measures' latest percentages (0 without measures)."""
    values = list(percents)
    return round(sum(values) / len(values)) if values else 0


def is_overdue(due: date | None, progress: int, today: date) -> bool:
    """A measure is overdue once its deadline passed and it is not complete."""
    return bool(due and due < today and progress < 100)


def check_percent(value: object) -> int | None:
    """0..100 as an int, else None."""
    try:
        pct = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    return pct if 0 <= pct <= 100 else None
