"""Compliance of one official against quota rules for one period.

A rule says: an official of ``rank`` must do ``amount`` of activity ``kind`` (counted as activities, or as
days at the grassroots) per ``period`` kind, ``where`` (anywhere, at a linked township …).

Asked about a period P, a rule is evaluated

* over P itself when the rule's period is P's kind or finer — the amount is multiplied by the number of
  rule periods in P (1 reception a month → 3 in a quarter, 12 in a year);
* over the rule's own period that contains P when the rule's period is coarser (a yearly research quota
  asked about November is reported for the whole year, never pro-rated) — each result carries its own
  ``period_key`` so this is explicit.

Status: ``met`` when done ≥ required; ``on_track`` when done ≥ required × the elapsed fraction of the
period (as of ``today``); ``behind`` otherwise.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from sixia.engines.quotas.periods import MONTHS, Period, period_of

KINDS = ("reception", "visit", "onsite", "research", "lecture")
MEASURES = ("count", "days")
WHERES = ("anywhere", "linked", "linked_township", "linked_village", "village")

VILLAGE_CODE_LENGTH = 12  # region codes: province 2, city 4, county 6, township 9, village 12 digits


class Status(StrEnum):
    MET = "met"
    ON_TRACK = "on_track"
    BEHIND = "behind"


@dataclass(frozen=True)
class Participation:
    """Same shape as ``sixia.activities.selectors.Participation`` (duck-typed: any object with these fields)."""

    official_id: int
    kind: str
    day: date
    days: float
    region_code: str
    activity_id: int
    four_not_two_direct: bool = False


@dataclass(frozen=True)
class Link:
    """A linkage (挂钩联系): ``kind`` township | village | enterprise | project | household, at a region."""

    kind: str
    region_code: str
    starts_on: date
    ends_on: date | None = None

    def active_on(self, day: date) -> bool:
        return self.starts_on <= day and (self.ends_on is None or day <= self.ends_on)


@dataclass(frozen=True)
class Rule:
    id: int
    rank: str
    kind: str
    measure: str  # count | days
    period: str  # month | quarter | half | year
    amount: float
    where: str = "anywhere"

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"unknown activity kind {self.kind!r}")
        if self.measure not in MEASURES:
            raise ValueError(f"unknown measure {self.measure!r}")
        if self.period not in MONTHS:
            raise ValueError(f"unknown period kind {self.period!r}")
        if self.where not in WHERES:
            raise ValueError(f"unknown place condition {self.where!r}")
        if self.amount < 0:
            raise ValueError("amount must not be negative")


@dataclass(frozen=True)
class RuleResult:
    rule: Rule
    period: Period  # the period the rule was evaluated over
    required: float
    done: float
    expected: float  # required × elapsed fraction: what "on track" needs by today
    status: Status
    activity_ids: tuple[int, ...] = field(default=())

    @property
    def remaining(self) -> float:
        return max(0.0, self.required - self.done)

    def as_dict(self) -> dict:
        r = self.rule
        return {"rule_id": r.id, "rank": r.rank, "kind": r.kind, "measure": r.measure, "where": r.where,
                "rule_period": r.period, "amount": _num(r.amount), "period": self.period.key,
                "period_label": self.period.label_zh, "required": _num(self.required), "done": _num(self.done),
                "remaining": _num(self.remaining), "expected": round(self.expected, 2),
                "status": self.status.value, "activity_ids": list(self.activity_ids)}


def _num(x: float) -> float | int:
    return int(x) if float(x).is_integer() else round(x, 2)


def evaluation_period(rule_period: str, asked: Period) -> tuple[Period, int]:
    """The period a rule is evaluated over when ``asked`` is requested, and the amount's multiplier."""
    if MONTHS[rule_period] <= MONTHS[asked.kind]:
        return asked, MONTHS[asked.kind] // MONTHS[rule_period]
    return period_of(rule_period, asked.start), 1


def place_matches(p, where: str, links: Sequence[Link]) -> bool:
    """Does participation ``p`` happen at a place the rule's ``where`` accepts (links active on its day)?"""
    if where == "anywhere":
        return True
    if where == "village":
        return len(p.region_code) == VILLAGE_CODE_LENGTH
    wanted = {"linked": None, "linked_township": "township", "linked_village": "village"}[where]
    return any(link.active_on(p.day) and (wanted is None or link.kind == wanted)
               and link.region_code and p.region_code.startswith(link.region_code) for link in links)


def status_of(done: float, required: float, expected: float) -> Status:
    if done >= required:
        return Status.MET
    if done >= expected:
        return Status.ON_TRACK
    return Status.BEHIND


def evaluate(rules: Iterable[Rule], participations: Iterable, period: Period, today: date,
             links: Sequence[Link] = ()) -> list[RuleResult]:
    """One official's results. ``participations`` are that official's (others are not filtered out here);
    they must cover every evaluation period (for a month asked, the year when a yearly rule applies)."""
    parts = list(participations)
    results = []
    for rule in rules:
        over, multiplier = evaluation_period(rule.period, period)
        required = rule.amount * multiplier
        hits = [p for p in parts if p.kind == rule.kind and over.contains(p.day) and place_matches(p, rule.where, links)]
        ids = tuple(sorted({p.activity_id for p in hits}))
        done = float(len(ids)) if rule.measure == "count" else float(sum(p.days for p in hits))
        expected = required * over.elapsed_fraction(today)
        results.append(RuleResult(rule, over, required, done, expected, status_of(done, required, expected), ids))
    return results


def evaluation_span(rules: Iterable[Rule], period: Period) -> tuple[date, date]:
    """The dates participations must cover to evaluate ``rules`` for ``period``."""
    spans = [period, *(evaluation_period(rule.period, period)[0] for rule in rules)]
    return min(s.start for s in spans), max(s.end for s in spans)


def totals_by_kind(participations: Iterable, period: Period) -> dict[str, dict[str, float]]:
    """Every activity kind in ``period`` (whether or not a rule counts it): activities, days, 四不两直 trips."""
    out = {kind: {"count": 0, "days": 0.0, "four_not_two_direct": 0} for kind in KINDS}
    seen: set[tuple[str, int]] = set()
    for p in participations:
        if not period.contains(p.day) or p.kind not in out:
            continue
        row = out[p.kind]
        row["days"] += p.days
        if (p.kind, p.activity_id) not in seen:
            seen.add((p.kind, p.activity_id))
            row["count"] += 1
            row["four_not_two_direct"] += int(bool(p.four_not_two_direct))
    for row in out.values():
        row["days"] = _num(row["days"])
    return out
