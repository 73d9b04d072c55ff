"""Hot issues (热点问题) of the user's view: clusters of the cases registered in a period, with their trend
against the period before. Adapter over ``engines.insight.hotspots``; results are cached a few minutes."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.cache import cache
from django.utils import timezone

from sixia.cases import selectors as case_selectors
from sixia.core import jurisdiction
from sixia.core.errors import InvalidInput
from sixia.engines.insight import hotspots as engine
from sixia.insight.models import HotspotSettings

CACHE_SECONDS = 300
_DAYS = re.compile(r"^(\d{1,3})d$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


@dataclass(frozen=True)
class Period:
    label: str
    start: datetime
    end: datetime
    previous_start: datetime


def parse_period(period: str, *, default_days: int, now: datetime) -> Period:
    """``30d`` (the last 30 days vs the 30 before) or ``2026-11`` (that month vs the month before)."""
    period = (period or "").strip() or f"{default_days}d"
    if m := _DAYS.match(period):
        days = int(m.group(1))
        if days < 1:
            raise InvalidInput("invalid_period", "周期天数至少为1", "period must be at least 1 day", field="period")
        return Period(period, now - timedelta(days=days), now, now - timedelta(days=2 * days))
    if m := _MONTH.match(period):
        year, month = int(m.group(1)), int(m.group(2))
        if not 1 <= month <= 12:
            raise InvalidInput("invalid_period", "月份无效", "invalid month", field="period")
        tz = timezone.get_current_timezone()
        start = datetime(year, month, 1, tzinfo=tz)
        end = datetime(year + (month == 12), month % 12 + 1, 1, tzinfo=tz)
        prev = datetime(year - (month == 1), (month - 2) % 12 + 1, 1, tzinfo=tz)
        return Period(period, start, end, prev)
    raise InvalidInput("invalid_period", "周期格式应为“30d”或“2026-11”", "period must look like 30d or 2026-11",
                       field="period")


def rules_from(s: HotspotSettings) -> engine.HotspotRules:
    extra = tuple(w for w in (s.stop_words or "").split() if w)
    return engine.HotspotRules(similarity=s.similarity, min_size=s.min_size, max_messages=s.max_messages,
                               max_clusters=s.max_clusters, rise_ratio=s.rise_ratio,
                               stop_words=engine.DEFAULT_STOP_WORDS + extra)


def _messages(qs) -> list[engine.Message]:
    return [engine.Message(pk, title, content) for pk, title, content in qs.values_list("pk", "title", "content")]


def hotspots_for(user, *, region_code: str = "", period: str = "", now: datetime | None = None) -> dict:
    settings = HotspotSettings.current()
    p = parse_period(period, default_days=settings.period_days, now=now or timezone.now())
    prefix = jurisdiction.prefix_of(user)
    region_code = (region_code or "").strip()
    qs = case_selectors.visible_cases(user).filter(merged_into__isnull=True)
    if region_code:
        qs = qs.filter(region__code__startswith=region_code)
    key = f"insight:hot:{user.pk}:{prefix}:{region_code}:{p.label}:{p.end:%Y%m%d%H}"
    cached = cache.get(key)
    if cached is not None:
        return cached
    current = qs.filter(registered_at__gte=p.start, registered_at__lt=p.end).order_by("-registered_at")
    previous = qs.filter(registered_at__gte=p.previous_start, registered_at__lt=p.start).order_by("-registered_at")
    rules = rules_from(settings)
    clusters = engine.cluster(_messages(current[: rules.max_messages]), _messages(previous[: rules.max_messages]),
                              rules)
    result = {"region_code": region_code or prefix or "", "period": p.label, "start": p.start.isoformat(),
              "end": p.end.isoformat(), "cases": current.count(),
              "clusters": [c.as_dict() | {"member_ids": c.member_ids[:50]} for c in clusters]}
    cache.set(key, result, CACHE_SECONDS)
    return result
