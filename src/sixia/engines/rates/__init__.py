"""Rates engine (三率): response, resolution and satisfaction rates and the composite score. Pure Python.

Default formula (rules.md, one practice, UNVERIFIED — configurable): the denominator is the number of valid
return visits; 响应率 = contacted / valid; 解决率 = resolved / valid; 满意率 = (satisfied + 0.9 × basically
satisfied) / valid; score = 100 × (0.1·响应 + 0.5·解决 + 0.4·满意). Another county publishes 30/35/35.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from datetime import date


class RatesError(ValueError):
    def __init__(self, code: str, message_zh: str, message_en: str, field: str | None = None):
        super().__init__(message_zh)
        self.code, self.message_zh, self.message_en, self.field = code, message_zh, message_en, field


@dataclass(frozen=True)
class Formula:
    weight_response: float = 0.1
    weight_resolution: float = 0.5
    weight_satisfaction: float = 0.4
    basically_factor: float = 0.9  # how much a 基本满意 counts towards 满意率

    def problems(self) -> list[str]:
        """What is wrong with the numbers (empty when fine): negative weights, a factor outside 0..1."""
        found = []
        if min(self.weight_response, self.weight_resolution, self.weight_satisfaction) < 0:
            found.append("权重不能为负数 (weights must not be negative)")
        if not 0 <= self.basically_factor <= 1:
            found.append("基本满意折算应在0到1之间 (basically factor must be 0..1)")
        return found


@dataclass(frozen=True)
class Counts:
    valid: int = 0
    contacted: int = 0
    resolved: int = 0
    satisfied: int = 0
    basically: int = 0


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


def compute(counts: Counts | Mapping[str, int], formula: Formula, period: str = "") -> Rates:
    """Rates (rounded to 4 places) and score (0–100, 2 places); with no valid visit every rate is 0."""
    c = counts if isinstance(counts, Counts) else Counts(**{k: int(counts.get(k) or 0) for k in Counts.__annotations__})
    if min(c.valid, c.contacted, c.resolved, c.satisfied, c.basically) < 0 \
            or max(c.contacted, c.resolved, c.satisfied + c.basically) > c.valid:
        raise RatesError("invalid_counts", "回访计数不一致", "inconsistent return-visit counts")

    def ratio(x: float) -> float:
        return round(x / c.valid, 4) if c.valid else 0.0

    response = ratio(c.contacted)
    resolution = ratio(c.resolved)
    satisfaction = ratio(c.satisfied + formula.basically_factor * c.basically)
    score = round(100 * (formula.weight_response * response + formula.weight_resolution * resolution
                         + formula.weight_satisfaction * satisfaction), 2)
    return Rates(period, c.valid, c.contacted, c.resolved, c.satisfied, c.basically, response, resolution,
                 satisfaction, score)


def parse_period(period: str) -> tuple[date, date]:
    """``2026`` | ``2026-03`` | ``2026-Q1`` → [first day, first day after) of the period."""
    m = re.fullmatch(r"(\d{4})(?:-(?:(\d{1,2})|[Qq]([1-4])))?", (period or "").strip())
    if not m:
        raise RatesError("invalid_period", "统计期格式应为 2026、2026-03 或 2026-Q1", "period: YYYY, YYYY-MM or YYYY-Qn",
                         "period")
    year = int(m.group(1))
    if m.group(2):
        month = int(m.group(2))
        if not 1 <= month <= 12:
            raise RatesError("invalid_period", "月份应在1到12之间", "month must be 1..12", "period")
        return date(year, month, 1), date(year + (month == 12), month % 12 + 1, 1)
    if m.group(3):
        q = int(m.group(3))
        return date(year, 3 * q - 2, 1), date(year + (q == 4), (3 * q) % 12 + 1, 1)
    return date(year, 1, 1), date(year + 1, 1, 1)


__all__ = ["Counts", "Formula", "Rates", "RatesError", "compute", "parse_period"]
