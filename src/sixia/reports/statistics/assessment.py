"""The 组织部's yearly 考核 sheet: one row per official of the region — quota indicators met (``quotas.compliance``),
activities by kind, 包案 cases (``Case.owner_leader``) and their outcomes, satisfaction of those cases.

Right ``reports.assessment`` (组织部, admin). The 组织部 reads officials, not cases: the sheet holds counts of the
owned cases only (no titles, no petitioners), counted inside the jurisdiction, 检举控告 excluded (条例第30条第3款:
who reported whom never reaches a non-discipline reader, not even as a number per official).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import IO

from django.db.models import Count, Q
from django.utils import timezone

from sixia.cases.models import Case
from sixia.cases.selectors import ACCUSATION, SATISFIED_CODES
from sixia.cases.workflow import TERMINAL
from sixia.core import jurisdiction, permissions
from sixia.core.errors import InvalidInput, NotFound
from sixia.core.validation import is_digits
from sixia.core.xlsx import Column, Sheet, new_workbook
from sixia.engines.quotas.compliance import Status
from sixia.geo.models import Region
from sixia.reports import permissions as rights

KINDS = (("reception", "接访"), ("visit", "走访"), ("onsite", "现场办公"), ("research", "调研"), ("lecture", "宣讲"))


@dataclass
class Row:
    official_id: int
    name: str
    title: str
    unit: str
    indicators: int
    met: int
    behind: int
    activities: dict[str, tuple[int, float]]  # kind → (count, days)
    owned: int
    owned_open: int
    owned_closed: int
    owned_rated: int
    owned_satisfied: int

    @property
    def satisfaction(self) -> float:
        return round(self.owned_satisfied / self.owned_rated, 4) if self.owned_rated else 0.0

    def as_dict(self) -> dict:
        return {"official_id": self.official_id, "name": self.name, "title": self.title, "unit": self.unit,
                "indicators": self.indicators, "met": self.met, "behind": self.behind,
                "activities": {k: {"count": c, "days": d} for k, (c, d) in self.activities.items()},
                "owned": self.owned, "owned_open": self.owned_open, "owned_closed": self.owned_closed,
                "owned_rated": self.owned_rated, "owned_satisfied": self.owned_satisfied,
                "satisfaction": self.satisfaction}


@dataclass
class AssessmentSheet:
    year: int
    region_code: str
    region_name: str
    rows: list[Row]


def _year(text: str) -> int:
    text = (text or "").strip()
    if not text:
        return timezone.localdate().year
    if not is_digits(text) or len(text) != 4 or not 2000 <= int(text) <= 2100:
        raise InvalidInput("invalid_year", "年份应为四位数字，如 2026", "year: four digits, e.g. 2026", field="year")
    return int(text)


def sheet(user, *, year: str = "", region_code: str = "") -> AssessmentSheet:
    from sixia.quotas import compliance

    permissions.require(user, rights.ASSESSMENT)
    y = _year(year)
    region_code = (region_code or "").strip()
    if region_code and (not is_digits(region_code) or not jurisdiction.covers(user, region_code)
                        or not Region.objects.filter(code=region_code).exists()):
        raise NotFound("not_found", "该区划不存在或不在您的管辖范围内", "region not found or outside your jurisdiction")
    code = region_code or (jurisdiction.prefix_of(user) or "")
    report = compliance.rollup(user, period=str(y), region_code=region_code)
    ids = [row.official.pk for row in report.rows]
    owned_qs = jurisdiction.scope(Case.objects.filter(owner_leader_id__in=ids, registered_at__year=y), user
                                  ).exclude(petition_class=ACCUSATION)
    owned = {r["owner_leader_id"]: r for r in owned_qs.order_by().values("owner_leader_id").annotate(
        n=Count("id"), open=Count("id", filter=~Q(state__in=TERMINAL)), closed=Count("id", filter=Q(state__in=TERMINAL)),
        rated=Count("id", filter=~Q(satisfaction="")), satisfied=Count("id", filter=Q(satisfaction__in=SATISFIED_CODES)))}
    rows = []
    for row in report.rows:
        o, mine = row.official, owned.get(row.official.pk, {})
        rows.append(Row(
            o.pk, o.name, o.title, o.unit.name, len(row.results), sum(r.status == Status.MET for r in row.results),
            sum(r.status == Status.BEHIND for r in row.results),
            {k: (int(row.totals.get(k, {}).get("count", 0)), float(row.totals.get(k, {}).get("days", 0)))
             for k, _label in KINDS},
            int(mine.get("n", 0)), int(mine.get("open", 0)), int(mine.get("closed", 0)), int(mine.get("rated", 0)),
            int(mine.get("satisfied", 0))))
    name = Region.objects.filter(code=code).values_list("name", flat=True).first() if code else "全国"
    return AssessmentSheet(y, code, name or code, rows)


def filename(s: AssessmentSheet) -> str:
    return f"干部年度考核表-{s.region_name}-{s.year}.xlsx"


COLUMNS = ([Column("name", "姓名", 10), Column("title", "职务", 16), Column("unit", "单位", 22),
            Column("indicators", "履职指标项", 10, "int"), Column("met", "已达标", 8, "int"),
            Column("behind", "滞后", 8, "int")]
           + [c for k, label in KINDS for c in (Column(f"{k}_n", f"{label}次数", 8, "int"),
                                                Column(f"{k}_d", f"{label}天数", 8, "int"))]
           + [Column("owned", "包案件数", 8, "int"), Column("owned_closed", "已办结", 8, "int"),
              Column("owned_open", "未办结", 8, "int"), Column("rated", "已评价", 8, "int"),
              Column("sat", "满意率", 8, "center")])


def write(s: AssessmentSheet, out: IO[bytes]) -> None:
    wb = new_workbook()
    sheet_ = Sheet(wb, "考核表", heading=f"{s.region_name}{s.year}年度领导干部“四下基层”履职考核表",
                   subtitle=f"统计范围：{s.region_name}  年度：{s.year}  制表时间：{timezone.localtime():%Y-%m-%d %H:%M}",
                   columns=COLUMNS)
    for r in s.rows:
        sheet_.row([r.name, r.title, r.unit, r.indicators, r.met, r.behind,
                    *[v for k, _l in KINDS for v in r.activities[k]],
                    r.owned, r.owned_closed, r.owned_open, r.owned_rated,
                    f"{100 * r.satisfaction:.1f}%" if r.owned_rated else "—"])
    wb.save(out)
