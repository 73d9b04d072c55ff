"""Reads for quotas: the rules that apply to an official, linkages and participations in engine form.

Jurisdiction is applied by the org / geo selectors these call (officials, units and regions outside the
user's jurisdiction are "not found").
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from django.db.models import Q, QuerySet

from sixia.activities import selectors as activity_selectors
from sixia.core import jurisdiction
from sixia.core.errors import InvalidInput
from sixia.engines import quotas as engine
from sixia.engines.quotas.periods import Period, PeriodError
from sixia.org.models import Linkage, Official
from sixia.quotas.models import QuotaRule


def parse_period(text: str) -> Period:
    try:
        return engine.parse_period(text)
    except PeriodError as exc:
        raise InvalidInput("invalid_period", exc.message_zh, exc.message_en, field="period")


def active_rules() -> list[QuotaRule]:
    return list(QuotaRule.objects.filter(is_active=True).order_by("pk"))


def rules_visible_to(user) -> QuerySet[QuotaRule]:
    """Defaults (empty prefix), rules of the user's ancestors and every rule inside the jurisdiction."""
    prefix = jurisdiction.prefix_of(user)
    if prefix is None:
        return QuotaRule.objects.none()
    qs = QuotaRule.objects.all()
    if prefix:
        ancestors = [prefix[:n] for n in range(0, len(prefix) + 1)]
        qs = qs.filter(Q(region_prefix__in=ancestors) | Q(region_prefix__startswith=prefix))
    return qs.order_by("region_prefix", "rank", "kind", "measure")


def applicable(rules: Iterable[QuotaRule], rank: str, region_code: str) -> list[QuotaRule]:
    """The rules for one official: his rank, prefix covering his unit's region; per (kind, measure) the
    longest prefix wins (a region's own row overrides the default)."""
    best: dict[tuple[str, str], QuotaRule] = {}
    for rule in rules:
        if rule.rank != rank or not region_code.startswith(rule.region_prefix):
            continue
        key = (rule.kind, rule.measure)
        if key not in best or len(rule.region_prefix) > len(best[key].region_prefix):
            best[key] = rule
    order = {k: i for i, k in enumerate(("reception", "onsite", "research", "visit", "lecture"))}
    return sorted(best.values(), key=lambda r: (order.get(r.kind, 9), r.measure))


def to_engine(rule: QuotaRule) -> engine.Rule:
    return engine.Rule(id=rule.pk, rank=rule.rank, kind=rule.kind, measure=rule.measure, period=rule.period,
                       amount=float(rule.amount), where=rule.where)


def links_of(official_ids: Iterable[int]) -> dict[int, list[engine.Link]]:
    out: dict[int, list[engine.Link]] = defaultdict(list)
    for link in Linkage.objects.filter(official_id__in=list(official_ids)):
        out[link.official_id].append(engine.Link(kind=link.kind, region_code=link.region_id,
                                                 starts_on=link.starts_on, ends_on=link.ends_on))
    return out


def participations_by_official(official_ids: list[int], start: date, end: date) -> dict[int, list]:
    """Participations from the activities app (its contract: inclusive dates), grouped per official."""
    out: dict[int, list] = defaultdict(list)
    if not official_ids:
        return out
    for p in activity_selectors.participations(official_ids, start, end):
        out[p.official_id].append(p)
    return out


def officials_in_scope(user, *, unit_id: int | None = None, region_code: str = "") -> QuerySet[Official]:
    from sixia.org import selectors as org_selectors

    qs = org_selectors.officials_for(user, unit_id=unit_id).filter(is_active=True)
    if region_code:
        qs = qs.filter(unit__region__code__startswith=region_code)
    return qs.order_by("unit__region_id", "unit__name", "rank", "name", "pk")  # pk: a stable order across pages
