"""Reads for grassroots activities (下基层活动), jurisdiction-scoped."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Participation:
    """One official's part in one grassroots activity, as the quotas engine counts it."""

    official_id: int
    kind: str  # "reception" | "visit" | "onsite" | "research" | "lecture"  (接访, 走访/回访, 现场办公, 调研, 宣讲)
    day: date  # first day of the activity
    days: float  # days spent at the grassroots (a research trip may be 2; others 1 or 0.5)
    region_code: str  # where it happened (a region code of any level)
    activity_id: int
    four_not_two_direct: bool  # 四不两直 flag (research trips; False otherwise)


def participations(official_ids: Iterable[int] | None, start: date, end: date) -> list[Participation]:
    """Every grassroots activity of these officials (None = all) with start <= day <= end (inclusive)."""
    return []
