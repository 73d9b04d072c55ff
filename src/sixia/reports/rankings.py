"""三率 rankings: response / resolution / satisfaction rates and the composite score per unit and per region
for one period, ranked, jurisdiction-scoped.

Counting is one grouped aggregate over return visits (set-based, no per-row work); the formula is the one of
``sixia.cases.rates`` with the weights kept as data in ``CaseSettings`` (rules.md default, configurable).
A visit counts for the unit it rated (``ReturnVisit.unit``) and for the region of its case; regions are
grouped one level below the chosen region (a county shows its townships; a case registered at the county
itself shows as 本级).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext, gettext_noop

from sixia.cases import rates, rollup
from sixia.cases.models import CaseSettings
from sixia.core import jurisdiction
from sixia.core.db_router import replica_reads
from sixia.core.errors import InvalidInput, NotFound
from sixia.core.validation import is_digits
from sixia.geo.models import CODE_LENGTHS, Region

NATIONWIDE = gettext_noop("全国")  # the region name of a ranking without a region (API data: Chinese)
COUNTS = rollup.COUNTS  # the five counts of the 三率 (also read by reports.statistics)


def _own_level_zh(name: str) -> str:
    return f"{name}（本级）"


@dataclass(frozen=True)
class Ranked:
    rank: int
    key: str
    name: str
    rates: rates.Rates
    own_level: bool = False  # cases registered at the chosen region itself (本级), not in a child region

    @property
    def label(self) -> str:
        """The name as pages show it, in the UI language: 长春镇（本级） / 长春镇 (own level)."""
        return gettext("%(name)s（本级）") % {"name": self.name} if self.own_level else self.name

    def as_dict(self) -> dict:
        name = _own_level_zh(self.name) if self.own_level else self.name  # API data text is Chinese
        return {"rank": self.rank, "key": self.key, "name": name} | self.rates.as_dict()


@dataclass(frozen=True)
class Ranking:
    period: str
    start: datetime
    end: datetime
    region_code: str
    region_name: str
    formula: dict[str, float]
    total: rates.Rates
    by_unit: list[Ranked]
    by_region: list[Ranked]

    @property
    def region_label(self) -> str:
        """The region's name as pages show it (全国 / Nationwide for a ranking without a region)."""
        return gettext(NATIONWIDE) if self.region_name == NATIONWIDE else self.region_name

    def as_dict(self) -> dict:
        return {"period": self.period, "start": self.start, "end": self.end, "region_code": self.region_code,
                "region_name": self.region_name, "formula": self.formula, "total": self.total.as_dict(),
                "by_unit": [r.as_dict() for r in self.by_unit], "by_region": [r.as_dict() for r in self.by_region]}


def formula_of(conf: CaseSettings) -> dict[str, float]:
    return {"weight_response": conf.weight_response, "weight_resolution": conf.weight_resolution,
            "weight_satisfaction": conf.weight_satisfaction, "basically_factor": conf.basically_factor}


def formula_lines(formula: dict[str, float]) -> list[str]:
    """The formula as the page shows it, in the UI language (numbers from the configuration)."""

    def n(x: float) -> str:
        return f"{x:g}"

    return [
        gettext("综合得分 = 100 ×（%(response)s × 响应率 + %(resolution)s × 解决率 + %(satisfaction)s × 满意率）") % {
            "response": n(formula["weight_response"]), "resolution": n(formula["weight_resolution"]),
            "satisfaction": n(formula["weight_satisfaction"])},
        gettext("响应率 = 已联系的回访数 ÷ 有效回访数"),
        gettext("解决率 = 已解决的回访数 ÷ 有效回访数"),
        gettext("满意率 =（满意数 + %(factor)s × 基本满意数）÷ 有效回访数") % {"factor": n(formula["basically_factor"])},
    ]


def _rank(items: list[tuple[str, str, rates.Rates, bool]]) -> list[Ranked]:
    """By score, then by the number of visits (more evidence first), then by name; ties share a rank."""
    items.sort(key=lambda t: (-t[2].score, -t[2].valid, _own_level_zh(t[1]) if t[3] else t[1]))
    out: list[Ranked] = []
    for i, (key, name, r, own_level) in enumerate(items):
        rank = out[-1].rank if out and out[-1].rates.score == r.score else i + 1
        out.append(Ranked(rank, key, name, r, own_level))
    return out


def _child_length(code: str) -> int:
    longer = [n for n in sorted(CODE_LENGTHS.values()) if n > len(code)]
    return longer[0] if longer else len(code)


@replica_reads  # statistics/exports: read from the hot standby when one is configured
def ranking(user, *, period: str, region_code: str = "") -> Ranking:
    region_code = (region_code or "").strip()
    prefix = jurisdiction.prefix_of(user)
    if prefix is None:
        raise NotFound("not_found", "没有可统计的管辖范围", "no jurisdiction")
    if region_code:
        if not is_digits(region_code):
            raise InvalidInput("invalid_region", "区划代码应为数字", "region code must be digits", field="region_code")
        if not jurisdiction.covers(user, region_code):
            raise NotFound("not_found", "该区划不存在或不在您的管辖范围内", "region not found or outside your jurisdiction")
    base = region_code or prefix
    base_region = Region.objects.filter(code=base).first() if base else None
    if region_code and base_region is None:
        raise NotFound("not_found", "该区划不存在或不在您的管辖范围内", "region not found or outside your jurisdiction")
    conf = CaseSettings.current()
    start, end = rates.period_bounds(period)
    width = _child_length(base)
    # whole past months from the monthly rollup, the rest live (cases.rollup): always the live answer
    planned = rollup.plan(user, start, end, region_code=region_code)
    total = rates.compute(rollup.counts(user, start, end, region_code=region_code, planned=planned)[""], conf, period)
    unit_names: dict[str, str] = {}
    per_unit = rollup.counts(user, start, end, region_code=region_code, by="unit", planned=planned, names=unit_names)
    units = [(key, unit_names.get(key, key), rates.compute(c, conf, period), False) for key, c in per_unit.items()]
    grouped = rollup.counts(user, start, end, region_code=region_code, by="area", width=width, planned=planned)
    names = dict(Region.objects.filter(code__in=list(grouped)).values_list("code", "name"))
    # len(code) < width: a case registered at the chosen region itself
    regions = [(area, names.get(area, area), rates.compute(c, conf, period), len(area) < width)
               for area, c in grouped.items()]
    return Ranking(period=period, start=start, end=end, region_code=base,
                   region_name=base_region.name if base_region else NATIONWIDE, formula=formula_of(conf), total=total,
                   by_unit=_rank(units), by_region=_rank(regions))


def current_period(kind: str = "quarter", now: datetime | None = None) -> str:
    today = timezone.localdate(now) if now else timezone.localdate()
    if kind == "year":
        return f"{today.year}"
    if kind == "month":
        return f"{today.year}-{today.month:02d}"
    return f"{today.year}-Q{(today.month - 1) // 3 + 1}"


def period_from(kind: str, year: str, number: str) -> str:
    """The period chooser of the page (kind year / quarter / month, a year, a quarter or month number)."""
    if kind not in ("year", "quarter", "month"):
        raise InvalidInput("invalid_period", "统计期类型应为年、季度或月", "period kind: year, quarter or month",
                           field="period")
    if not is_digits(year) or len(year) != 4:
        raise InvalidInput("invalid_period", "请填写年份", "year required", field="period")
    if kind == "year":
        return year
    if not is_digits(number) or len(number) > 2:
        raise InvalidInput("invalid_period", "请选择季度或月份", "quarter or month required", field="period")
    return f"{year}-Q{int(number)}" if kind == "quarter" else f"{year}-{int(number):02d}"
