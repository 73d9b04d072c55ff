"""Risk index (风险指数) per region: volume, repeats, overdue, dissatisfaction and collective petitions (pure).

Each component is a share in [0, 1]:

* ``volume`` — the region's cases relative to the busiest region compared (1.0 for the busiest);
* ``repeats`` — repeated items (重复件) / cases; ``overdue`` — overdue open cases / cases;
* ``dissatisfaction`` — dissatisfied ratings / rated cases; ``collective`` — collective petitions / cases.

The index is ``100 × Σ wᵢ·componentᵢ / Σ wᵢ`` with configurable weights (a settings row in the adapter), and
a level from two configurable cut-offs. Regions with fewer than ``min_cases`` cases get no level (too few to
judge), but still an index.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass

COMPONENTS = ("volume", "repeats", "overdue", "dissatisfaction", "collective")


@dataclass(frozen=True)
class RiskWeights:
    volume: float = 0.2
    repeats: float = 0.25
    overdue: float = 0.2
    dissatisfaction: float = 0.2
    collective: float = 0.15
    high: float = 50.0  # index ≥ high: 高
    medium: float = 25.0  # index ≥ medium: 中
    min_cases: int = 5

    def __post_init__(self) -> None:
        weights = [getattr(self, c) for c in COMPONENTS]
        if any(w < 0 for w in weights) or sum(weights) <= 0:
            raise ValueError("risk weights must be non-negative and not all zero")
        if not 0 <= self.medium <= self.high <= 100:
            raise ValueError("risk cut-offs must satisfy 0 ≤ medium ≤ high ≤ 100")


@dataclass(frozen=True)
class RegionStats:
    code: str
    name: str = ""
    cases: int = 0
    repeated: int = 0
    overdue: int = 0
    rated: int = 0
    dissatisfied: int = 0
    collective: int = 0


@dataclass(frozen=True)
class RiskRow:
    code: str
    name: str
    cases: int
    index: float
    level: str  # high | medium | low | "" (too few cases)
    components: dict[str, float]
    stats: dict[str, int]

    def as_dict(self) -> dict:
        return asdict(self)


def _share(part: int, whole: int) -> float:
    return min(1.0, part / whole) if whole > 0 else 0.0


def components(stats: RegionStats, busiest: int) -> dict[str, float]:
    return {
        "volume": _share(stats.cases, busiest),
        "repeats": _share(stats.repeated, stats.cases),
        "overdue": _share(stats.overdue, stats.cases),
        "dissatisfaction": _share(stats.dissatisfied, stats.rated),
        "collective": _share(stats.collective, stats.cases),
    }


def level_of(index: float, cases: int, weights: RiskWeights) -> str:
    if cases < weights.min_cases:
        return ""
    if index >= weights.high:
        return "high"
    return "medium" if index >= weights.medium else "low"


def risk_index(regions: Iterable[RegionStats], weights: RiskWeights | None = None) -> list[RiskRow]:
    """One row per region, highest index first."""
    weights = weights or RiskWeights()
    items = list(regions)
    busiest = max((r.cases for r in items), default=0)
    total = sum(getattr(weights, c) for c in COMPONENTS)
    rows = []
    for r in items:
        comp = components(r, busiest)
        index = round(100 * sum(getattr(weights, c) * comp[c] for c in COMPONENTS) / total, 1)
        stats = {k: v for k, v in asdict(r).items() if k not in ("code", "name")}
        rows.append(RiskRow(r.code, r.name, r.cases, index, level_of(index, r.cases, weights),
                            {k: round(v, 4) for k, v in comp.items()}, stats))
    rows.sort(key=lambda row: (-row.index, row.code))
    return rows
