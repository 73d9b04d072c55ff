"""Roll-ups of rule results per unit, per region or any other key."""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field

from sixia.engines.quotas.compliance import RuleResult, Status


@dataclass
class Rollup:
    key: Hashable
    officials: int = 0
    results: int = 0
    met: int = 0
    on_track: int = 0
    behind: int = 0
    officials_behind: int = 0
    # (kind, measure) → [required, done], summed over officials
    totals: dict[tuple[str, str], list[float]] = field(default_factory=dict)

    @property
    def met_rate(self) -> float:
        """Share of (official, rule) results that are met; 1.0 when nothing is required."""
        return round(self.met / self.results, 4) if self.results else 1.0

    def as_dict(self) -> dict:
        return {"key": self.key, "officials": self.officials, "results": self.results, "met": self.met,
                "on_track": self.on_track, "behind": self.behind, "officials_behind": self.officials_behind,
                "met_rate": self.met_rate,
                "totals": [{"kind": k, "measure": m, "required": _n(r), "done": _n(d)}
                           for (k, m), (r, d) in sorted(self.totals.items())]}


def _n(x: float) -> float | int:
    return int(x) if float(x).is_integer() else round(x, 2)


def rollup(rows: Iterable[tuple[Hashable, list[RuleResult]]]) -> dict[Hashable, Rollup]:
    """``rows``: (key, one official's results) pairs → one Rollup per key, in first-seen order."""
    out: dict[Hashable, Rollup] = {}
    for key, results in rows:
        agg = out.setdefault(key, Rollup(key))
        agg.officials += 1
        agg.officials_behind += int(any(r.status == Status.BEHIND for r in results))
        for r in results:
            agg.results += 1
            agg.met += r.status == Status.MET
            agg.on_track += r.status == Status.ON_TRACK
            agg.behind += r.status == Status.BEHIND
            pair = agg.totals.setdefault((r.rule.kind, r.rule.measure), [0.0, 0.0])
            pair[0] += r.required
            pair[1] += r.done
    return out
