"""Compliance reports (read-only): one official for a period, a roll-up for a jurisdiction, a year record.

Thin orchestration: fetch rows through selectors, hand them to the pure engine, shape the result.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.utils import timezone, translation

from sixia.activities import selectors as activity_selectors
from sixia.engines import quotas as engine
from sixia.engines.quotas.compliance import evaluation_span
from sixia.engines.quotas.periods import Period, period_of
from sixia.geo import selectors as geo_selectors
from sixia.geo.models import CODE_LENGTHS, Region
from sixia.org import selectors as org_selectors
from sixia.org.models import Official, Rank
from sixia.quotas import selectors
from sixia.quotas import summary as wording

RANK_LABELS = dict(Rank.choices)
RANK_ORDER = [value for value, _label in Rank.choices]


@dataclass
class OfficialCompliance:
    official: Official
    period: Period
    results: list[engine.RuleResult]
    totals: dict[str, dict]
    links: list[engine.Link] = field(default_factory=list)

    @property
    def sentence(self) -> str:
        """The summary sentence in the active UI language (pages)."""
        return wording.official_sentence(self.official.name, self.period, self.results)

    @property
    def behind(self) -> bool:
        return any(r.status == engine.Status.BEHIND for r in self.results)

    def official_dict(self) -> dict:
        o = self.official
        return {"id": o.pk, "name": o.name, "title": o.title, "rank": o.rank,
                "rank_label": str(RANK_LABELS.get(o.rank, o.rank)), "unit_id": o.unit_id, "unit": o.unit.name,
                "region_code": o.unit.region_id}

    def as_dict(self) -> dict:
        return {"official": self.official_dict(), "period": period_dict(self.period),
                "results": [r.as_dict() for r in self.results], "totals": self.totals,
                "links": [{"kind": lk.kind, "region_code": lk.region_code} for lk in self.links],
                "summary": _chinese(lambda: self.sentence)}


def _chinese(text) -> str:
    """API data text is Chinese (like stored text), whatever language the client asks for."""
    with translation.override(settings.LANGUAGE_CODE):
        return text()


def period_dict(p: Period) -> dict:
    return {"key": p.key, "kind": p.kind, "label": p.label_zh, "start": p.start.isoformat(), "end": p.end.isoformat()}


def _today(today: date | None) -> date:
    return today or timezone.localdate()


def evaluate_officials(officials: list[Official], period: Period, today: date) -> list[OfficialCompliance]:
    """Four queries whatever the number of officials: rules, linkages, participations (+ the officials)."""
    rules = selectors.active_rules()
    per_official = {o.pk: [selectors.to_engine(r) for r in selectors.applicable(rules, o.rank, o.unit.region_id)]
                    for o in officials}
    all_rules = [r for rs in per_official.values() for r in rs]
    start, end = evaluation_span(all_rules, period)
    ids = [o.pk for o in officials]
    parts = selectors.participations_by_official(ids, start, end)
    links = selectors.links_of(ids)
    out = []
    for o in officials:
        mine = parts.get(o.pk, [])
        results = engine.evaluate(per_official[o.pk], mine, period, today, links.get(o.pk, []))
        out.append(OfficialCompliance(o, period, results, engine.totals_by_kind(mine, period), links.get(o.pk, [])))
    return out


def for_official(user, *, official_id: int, period: str, today: date | None = None) -> OfficialCompliance:
    official = org_selectors.get_official(user, official_id)
    return evaluate_officials([official], selectors.parse_period(period), _today(today))[0]


def period_summary(period: Period, rows: list[OfficialCompliance]) -> str:
    """The roll-up sentence in the active UI language."""
    groups = []
    for rank in RANK_ORDER:
        mine = [row for row in rows if row.official.rank == rank and row.results]
        if mine:
            groups.append((str(RANK_LABELS[rank]), len(mine), [r for row in mine for r in row.results]))
    return wording.period_sentence(period, groups)


@dataclass
class RollupReport:
    period: Period
    region: Region | None
    rows: list[OfficialCompliance]
    units: list[dict]
    regions: list[dict]

    @property
    def summary(self) -> str:
        return period_summary(self.period, self.rows)

    def as_dict(self) -> dict:
        return {"period": period_dict(self.period), "region_code": self.region.code if self.region else "",
                "summary": _chinese(lambda: self.summary), "units": self.units, "regions": self.regions,
                "officials": [{"official": row.official_dict(), "behind": row.behind,
                               "results": [r.as_dict() for r in row.results], "totals": row.totals}
                              for row in self.rows]}


def _child_length(code: str) -> int:
    longer = [n for n in CODE_LENGTHS.values() if n > len(code)]
    return min(longer) if longer else len(code)


def rollup(user, *, period: str, unit_id: int | None = None, region_code: str = "",
           today: date | None = None) -> RollupReport:
    """Every active official in the user's jurisdiction (narrowed by unit / region), rolled up per unit and
    per region one level below the region asked (or below the jurisdiction)."""
    p = selectors.parse_period(period)
    if unit_id:
        org_selectors.get_unit(user, unit_id)  # outside the jurisdiction → not found
    region = geo_selectors.get_region(user, region_code) if region_code else getattr(user, "jurisdiction", None)
    officials = list(selectors.officials_in_scope(user, unit_id=unit_id, region_code=region_code))
    rows = evaluate_officials(officials, p, _today(today))

    by_unit = engine.rollup((row.official.unit_id, row.results) for row in rows)
    unit_names: dict = {row.official.unit_id: row.official.unit.name for row in rows}
    units = [agg.as_dict() | {"unit_id": key, "name": unit_names[key]} for key, agg in by_unit.items()]

    base = region.code if region is not None else ""
    length = _child_length(base)
    by_region = engine.rollup((row.official.unit.region_id[:length], row.results) for row in rows)
    names = dict(Region.objects.filter(code__in=list(by_region)).values_list("code", "name"))
    regions = [agg.as_dict() | {"region_code": key, "name": names.get(str(key), str(key))}
               for key, agg in sorted(by_region.items(), key=lambda kv: str(kv[0]))]
    return RollupReport(p, region, rows, units, regions)


@dataclass
class YearRecord:
    official: Official
    year: int
    activities: list  # per activity of the year, by day: {"p": Participation, "activity": Activity | None}
    months: list[dict]  # per month: totals per kind
    rule_rows: list[dict]  # per rule: cells for each of its periods in the year
    year_result: OfficialCompliance


def year_record(official: Official, year: int, today: date | None = None, user=None) -> YearRecord:
    """A leader's own page: every activity of the year, monthly totals, and each rule per its periods.
    With ``user``, each activity also carries its record (title, place) as far as the user may see it."""
    today = _today(today)
    year_period = engine.parse_period(str(year))
    parts = selectors.participations_by_official([official.pk], year_period.start, year_period.end).get(
        official.pk, [])
    links = selectors.links_of([official.pk]).get(official.pk, [])
    rules = [selectors.to_engine(r) for r in selectors.applicable(selectors.active_rules(), official.rank,
                                                                  official.unit.region_id)]
    months = []
    for month in year_period.subperiods("month"):
        totals = engine.totals_by_kind(parts, month)
        months.append({"period": month, "totals": totals})
    rule_rows = []
    for rule in rules:
        cells = [engine.evaluate([rule], parts, sub, today, links)[0] for sub in year_period.subperiods(rule.period)]
        rule_rows.append({"rule": rule, "cells": cells})
    year_result = OfficialCompliance(official, year_period, engine.evaluate(rules, parts, year_period, today, links),
                                     engine.totals_by_kind(parts, year_period), links)
    records = {}
    if user is not None:
        records = {a.pk: a for a in activity_selectors.activities_for(
            user, start=year_period.start, end=year_period.end, official_id=official.pk)}
    activities = [{"p": p, "activity": records.get(p.activity_id)}
                  for p in sorted(parts, key=lambda p: (p.day, p.activity_id))]
    return YearRecord(official, year, activities, months, rule_rows, year_result)


def current_period(kind: str = "quarter", today: date | None = None) -> Period:
    return period_of(kind, _today(today))
