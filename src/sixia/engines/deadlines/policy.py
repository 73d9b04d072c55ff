"""Deadline policies are data: how long one step may take, keyed by region × class/type × category × step.

The most specific matching policy wins: a longer region-code prefix, then a longer category code, then a set
class/type. Region codes and category codes nest by prefix (``350921`` ⊂ ``3509``; ``urban.housing`` ⊂ ``urban``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol, TypeVar

STEPS = ("accept", "handle", "extension", "dispute", "review_request", "review", "re_review_request", "re_review",
         "return_visit")


class PolicyLike(Protocol):
    @property
    def region_prefix(self) -> str: ...
    @property
    def track(self) -> str: ...
    @property
    def kind_key(self) -> str: ...
    @property
    def category_code(self) -> str: ...
    @property
    def step(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def amount(self) -> int: ...


P = TypeVar("P", bound=PolicyLike)


@dataclass(frozen=True)
class Policy:
    track: str
    step: str
    kind: str
    amount: int
    region_prefix: str = ""
    kind_key: str = ""
    category_code: str = ""
    note: str = ""


def matches(policy: PolicyLike, *, region_code: str, track: str, kind_key: str, category_code: str,
            step: str) -> bool:
    if policy.track != track or policy.step != step:
        return False
    if policy.region_prefix and not region_code.startswith(policy.region_prefix):
        return False
    if policy.kind_key and policy.kind_key != kind_key:
        return False
    return not policy.category_code or category_code == policy.category_code \
        or category_code.startswith(policy.category_code + ".")


def select(policies: Iterable[P], *, region_code: str, track: str, kind_key: str, category_code: str,
           step: str) -> P | None:
    """The most specific policy of ``policies`` that applies, or None."""
    best: P | None = None
    best_rank: tuple[int, int, bool] | None = None
    for row in policies:
        if not matches(row, region_code=region_code, track=track, kind_key=kind_key, category_code=category_code,
                       step=step):
            continue
        rank = (len(row.region_prefix), len(row.category_code), bool(row.kind_key))
        if best_rank is None or rank > best_rank:
            best, best_rank = row, rank
    return best


def defaults(rows: Iterable[tuple[str, str, str, str, str, str, int, str]]) -> list[Policy]:
    """Policies from seed tuples ``(region_prefix, track, kind_key, category_code, step, kind, amount, note)``."""
    return [Policy(track=t, step=s, kind=k, amount=a, region_prefix=r, kind_key=kk, category_code=c, note=n)
            for r, t, kk, c, s, k, a, n in rows]
