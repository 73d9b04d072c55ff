"""The figures of the statistics page, each with the same period last year and the list it counts.

Every count is one aggregate over ``cases.selectors.visible_cases`` (or ``activities.selectors.activities_for``)
narrowed by the period and the region — the very querysets the case queue and the activities list build from the
link's parameters (``cases.selectors.stat_filters``, ``activities.views.activities._list_filters``), so a figure
equals the ``data-total`` of the list it links to. One grouped query per figure family (not one per row).
Definitions and sources: ``docs/statistics.md``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import Substr
from django.urls import reverse

from sixia.activities import selectors as activity_selectors
from sixia.activities.models import Activity, Appointment, Kind, Participant, Problem
from sixia.cases import selectors as case_selectors
from sixia.cases.models import Case, CasePetitioner, Category
from sixia.org.models import Unit
from sixia.reports.statistics.periods import StatPeriod

SATISFIED = case_selectors.SATISFIED_CODES

CASE_COUNTS = {
    "batches": Count("id"),
    "persons": Sum("headcount"),
    "first": Count("id", filter=Q(is_repeated=False)),
    "repeated": Count("id", filter=Q(is_repeated=True)),
    "over_level": Count("id", filter=Q(is_over_level=True)),
    "collective": Count("id", filter=Q(is_collective=True)),
    "accepted": Count("id", filter=Q(accepted_at__isnull=False)),
    "accepted_timely": Count("id", filter=case_selectors.accepted_timely_q()),
    "replied": Count("id", filter=Q(replied_at__isnull=False)),
    "replied_on_time": Count("id", filter=case_selectors.replied_on_time_q()),
    "rated": Count("id", filter=~Q(satisfaction="")),
    "satisfied": Count("id", filter=Q(satisfaction__in=SATISFIED)),
}
# key → (Chinese label, unit, the queue parameters that list exactly these cases)
CASE_FIGURES: dict[str, tuple[str, str, dict[str, str]]] = {
    "batches": ("批次", "批", {}),
    "persons": ("人次", "人次", {}),
    "first": ("初信初访", "件", {"repeated": "0"}),
    "repeated": ("重复信访", "件", {"repeated": "1"}),
    "over_level": ("越级信访", "件", {"over_level": "on"}),
    "collective": ("集体访", "批", {"collective": "on"}),
    "three_many": ("三多（多年、多层、多头）", "件", {"three_many": "on"}),
}
RATE_FIGURES: dict[str, tuple[str, str, str, str]] = {  # key → (label, numerator, denominator, formula)
    "timely_acceptance": ("及时受理率", "accepted_timely", "accepted", "及时受理率 = 在受理期限内受理的件数 ÷ 已受理件数"),
    "on_time_closing": ("按期办结率", "replied_on_time", "replied", "按期办结率 = 在办理期限内答复的件数 ÷ 已答复件数"),
    "participation": ("参评率", "rated", "replied", "参评率 = 已评价的件数 ÷ 已答复件数"),
    "satisfaction": ("群众满意率", "satisfied", "rated", "群众满意率 =（满意 + 基本满意）件数 ÷ 已评价件数"),
}
COUNT_LABELS = {"accepted": "已受理", "accepted_timely": "及时受理", "replied": "已答复", "replied_on_time": "按期答复",
                "rated": "已评价", "satisfied": "满意和基本满意"}
COUNT_PARAMS = {key: {key: "on"} for key in COUNT_LABELS}


@dataclass
class Figure:
    key: str
    label: str  # Chinese (API data text); pages translate the same msgid
    value: float
    last: float
    url: str = ""  # the list it counts ("" when there is none)
    unit: str = ""
    counts_list: bool = True  # value == the list's length (False: a sum over the list, e.g. 人次, 天数)

    def __post_init__(self) -> None:
        self.value, self.last = _num(self.value), _num(self.last)  # 3, not 3.0; 1.5 days stays 1.5

    @property
    def change(self) -> float:
        return _num(self.value - self.last)

    @property
    def change_pct(self) -> float | None:
        return round(100 * (self.value - self.last) / self.last, 1) if self.last else None

    def as_dict(self) -> dict:
        return {"key": self.key, "label": self.label, "value": _num(self.value), "last_year": _num(self.last),
                "change": self.change, "change_pct": self.change_pct, "url": self.url, "unit": self.unit,
                "counts_list": self.counts_list}


@dataclass
class Rate:
    key: str
    label: str
    formula: str
    numerator: Figure
    denominator: Figure
    last_numerator: int
    last_denominator: int

    @property
    def value(self) -> float:
        return _ratio(self.numerator.value, self.denominator.value)

    @property
    def last(self) -> float:
        return _ratio(self.last_numerator, self.last_denominator)

    def as_dict(self) -> dict:
        return {"key": self.key, "label": self.label, "formula": self.formula, "value": self.value,
                "last_year": self.last, "change": round(self.value - self.last, 4),
                "numerator": self.numerator.as_dict(), "denominator": self.denominator.as_dict()}


@dataclass
class Breakdown:
    key: str
    title: str
    rows: list[Figure] = field(default_factory=list)  # value = 批次; persons in ``persons``
    persons: dict[str, tuple[float, float]] = field(default_factory=dict)  # row key → (人次, last year's)

    def as_dict(self) -> dict:
        return {"key": self.key, "title": self.title,
                "rows": [r.as_dict() | {"persons": _num(self.persons.get(r.key, (0, 0))[0]),
                                        "persons_last_year": _num(self.persons.get(r.key, (0, 0))[1])}
                         for r in self.rows]}


def _num(x) -> float:
    x = float(x or 0)
    return int(x) if x.is_integer() else round(x, 2)


def _ratio(a: float, b: float) -> float:
    return round(float(a) / float(b), 4) if b else 0.0


# ---- links ----

def case_link(p: StatPeriod, region_code: str, **params: str) -> str:
    """The case queue listing every visible case registered in ``p`` under ``region_code``, narrowed by
    ``params`` (``state=all``: open and closed alike)."""
    query = {"state": "all", "date_from": p.start.isoformat(), "date_to": p.end.isoformat()}
    if region_code:
        query["region"] = region_code
    return reverse("cases:queue") + "?" + urlencode(query | params)


def activity_link(p: StatPeriod, region_code: str, **params: str) -> str:
    query = {"from": p.start.isoformat(), "to": p.end.isoformat(), "status": Activity.Status.HELD}
    if region_code:
        query["region"] = region_code
    return reverse("activities:home") + "?" + urlencode(params | query)


# ---- cases ----

def cases_in(user, p: StatPeriod, region_code: str) -> QuerySet[Case]:
    """Visible cases registered in the period (local dates, the queue's 登记自/至 filter) under the region."""
    qs = case_selectors.registered_between(case_selectors.visible_cases(user), p.start, p.end)
    return qs.filter(region__code__startswith=region_code) if region_code else qs


def case_counts(user, p: StatPeriod, region_code: str) -> dict[str, int]:
    qs = cases_in(user, p, region_code)
    counts = {k: int(v or 0) for k, v in qs.aggregate(**CASE_COUNTS).items()}
    persons = CasePetitioner.objects.filter(
        person_id__in=case_selectors.three_many_persons(user)).values("case_id")
    counts["three_many"] = qs.filter(pk__in=persons).count()
    return counts


def case_figures(p: StatPeriod, region_code: str, now: dict, last: dict) -> list[Figure]:
    return [Figure(key, label, now[key], last[key], case_link(p, region_code, **params), unit,
                   counts_list=key != "persons")
            for key, (label, unit, params) in CASE_FIGURES.items()]


def rate_figures(p: StatPeriod, region_code: str, now: dict, last: dict) -> list[Rate]:
    def count(key: str) -> Figure:
        return Figure(key, COUNT_LABELS[key], now[key], last[key], case_link(p, region_code, **COUNT_PARAMS[key]),
                      "件")

    return [Rate(key, label, formula, count(num), count(den), last[num], last[den])
            for key, (label, num, den, formula) in RATE_FIGURES.items()]


def _grouped(qs: QuerySet, key: str) -> dict:
    return {row[key]: (int(row["batches"]), int(row["persons"] or 0))
            for row in qs.order_by().values(key).annotate(batches=Count("id"), persons=Sum("headcount"))}


def _breakdown(key: str, title: str, now: dict, last: dict, label_of, params_of, p: StatPeriod,
               region_code: str) -> Breakdown:
    out = Breakdown(key, title)
    keys = sorted(set(now) | set(last), key=lambda k: (-now.get(k, (0, 0))[0], str(k)))
    for k in keys:
        b, n = now.get(k, (0, 0)), last.get(k, (0, 0))
        params = params_of(k)
        out.rows.append(Figure(str(k), label_of(k), b[0], n[0],
                               case_link(p, region_code, **params) if params is not None else "", "批"))
        out.persons[str(k)] = (b[1], n[1])
    return out


def case_breakdowns(user, p: StatPeriod, last_p: StatPeriod, region_code: str, child_width: int) -> list[Breakdown]:
    """批次 and 人次 by channel, track, petition class, category (top level), responsible unit and child region:
    one grouped query per dimension and period."""
    from sixia.cases import labels

    now_qs, last_qs = cases_in(user, p, region_code), cases_in(user, last_p, region_code)
    out = []
    simple = [("channel", "来源渠道", labels.CHANNELS), ("track", "类型", {"petition": "信访", "hotline": "12345热线"}),
              ("petition_class", "信访类别", labels.PETITION_CLASSES)]
    for name, title, names in simple:
        out.append(_breakdown(name, title, _grouped(now_qs, name), _grouped(last_qs, name),
                              lambda k, names=names: str(names.get(k, k)) if k else "未填",
                              lambda k, name=name: {name: k} if k else None, p, region_code))
    roots = _category_roots()

    def by_root(grouped: dict) -> dict:
        folded: dict = {}
        for cid, (b, n) in grouped.items():
            root = roots.get(cid, ("", "未分类"))[0] if cid else ""
            prev = folded.get(root, (0, 0))
            folded[root] = (prev[0] + b, prev[1] + n)
        return folded

    root_names = {code: name for code, name in roots.values()}
    out.append(_breakdown("category", "问题分类", by_root(_grouped(now_qs, "category_id")),
                          by_root(_grouped(last_qs, "category_id")), lambda k: root_names.get(k, "未分类") if k else "未分类",
                          lambda k: {"category": k} if k else {"no_category": "on"}, p, region_code))
    units_now, units_last = _grouped(now_qs, "responsible_unit_id"), _grouped(last_qs, "responsible_unit_id")
    unit_names = dict(Unit.objects.filter(pk__in=[k for k in set(units_now) | set(units_last) if k])
                      .values_list("pk", "name"))
    out.append(_breakdown("unit", "承办单位", units_now, units_last,
                          lambda k: unit_names.get(k, str(k)) if k else "未交办",
                          lambda k: {"unit": str(k)} if k else {"no_unit": "on"}, p, region_code))
    if child_width > len(region_code):
        area_now = _grouped(now_qs.annotate(area=Substr("region_id", 1, child_width)), "area")
        area_last = _grouped(last_qs.annotate(area=Substr("region_id", 1, child_width)), "area")
        region_names = _region_names(set(area_now) | set(area_last))
        out.append(_breakdown("region", "属地", area_now, area_last,
                              lambda k: str(region_names.get(k, k)) + ("（本级）" if len(k) < child_width else ""),
                              lambda k: {"region": k} if len(k) == child_width else None, p, region_code))
    return out


def _category_roots() -> dict[int, tuple[str, str]]:
    """Category id → (code, name) of its top-level category (codes are dotted paths)."""
    rows = list(Category.objects.values_list("pk", "code", "name"))
    names = {code: name for _pk, code, name in rows}
    return {pk: (code.split(".")[0], names.get(code.split(".")[0], name)) for pk, code, name in rows}


def _region_names(codes) -> dict[str, str]:
    from sixia.geo.models import Region

    return dict(Region.objects.filter(code__in=list(codes)).values_list("code", "name"))


# ---- activities (四下基层) ----

def activities_in(user, p: StatPeriod, region_code: str) -> QuerySet[Activity]:
    return activity_selectors.activities_for(user, start=p.start, end=p.end, region_code=region_code,
                                             status=Activity.Status.HELD)


def activity_counts(user, p: StatPeriod, region_code: str) -> dict[str, float]:
    """场次 and 天数 per kind, 受众, 走访座谈人数, 走访户数, 接访 problems (次) and people (人), 领导干部人次, and
    the 四门四访 (开门接访, 进门约访, 登门走访, 上门回访)."""
    qs = activities_in(user, p, region_code).order_by()
    out: dict[str, float] = {f"{k}_count": 0.0 for k in Kind.values} | {f"{k}_days": 0.0 for k in Kind.values}
    for row in qs.values("kind").annotate(n=Count("id"), days=Sum("days")):
        out[f"{row['kind']}_count"] = row["n"]
        out[f"{row['kind']}_days"] = float(row["days"] or Decimal(0))
    agg = qs.aggregate(audience=Sum("audience"), people_met=Sum("people_met"),
                       door=Count("id", filter=Q(kind=Kind.VISIT, visit_type=Activity.VisitType.DOOR)),
                       revisit=Count("id", filter=Q(kind=Kind.VISIT, visit_type=Activity.VisitType.RETURN)))
    out.update({k: float(v or 0) for k, v in agg.items()})
    out["households"] = sum(len(h or []) for h in qs.filter(kind=Kind.VISIT).values_list("households", flat=True))
    problems = Problem.objects.filter(activity__in=qs.filter(kind=Kind.RECEPTION).values("pk")).aggregate(
        times=Count("id"), persons=Sum("headcount"), solved=Count("id", filter=Q(outcome=Problem.Outcome.SOLVED)),
        cases=Count("id", filter=Q(outcome=Problem.Outcome.CASE)))
    out["received_times"], out["received_persons"] = int(problems["times"] or 0), int(problems["persons"] or 0)
    # the reception days' tally as activities.selectors.tally counts it: 受理 = solved on the spot + made a case
    out["reception_solved"] = int(problems["solved"] or 0)
    out["reception_accepted"] = out["reception_solved"] + int(problems["cases"] or 0)
    out["officials"] = Participant.objects.filter(activity__in=qs.values("pk")).count()
    out["appointments"] = Appointment.objects.filter(activity__in=qs.filter(kind=Kind.RECEPTION).values("pk"),
                                                     status=Appointment.Status.RECEIVED).count()
    out["total_count"] = sum(out[f"{k}_count"] for k in Kind.values)
    out["total_days"] = sum(out[f"{k}_days"] for k in Kind.values)
    return out


KIND_LABELS = {"reception": "信访接待", "visit": "走访回访", "onsite": "现场办公", "research": "调查研究", "lecture": "政策宣讲"}


def activity_figures(p: StatPeriod, region_code: str, now: dict, last: dict) -> list[Figure]:
    def fig(key, label, unit, counts_list=True, **params) -> Figure:
        return Figure(key, label, now[key], last[key], activity_link(p, region_code, **params), unit, counts_list)

    out = [fig("total_count", "下基层活动场次", "场"), fig("total_days", "在基层天数", "天", False)]
    for kind, label in KIND_LABELS.items():
        out += [fig(f"{kind}_count", f"{label}场次", "场", kind=kind),
                fig(f"{kind}_days", f"{label}天数", "天", False, kind=kind)]
    out += [fig("received_times", "接访群众（次）", "次", False, kind=Kind.RECEPTION),
            fig("received_persons", "接访群众（人）", "人", False, kind=Kind.RECEPTION),
            fig("officials", "参加领导干部人次", "人次", False),
            fig("audience", "宣讲受众", "人", False, kind=Kind.LECTURE),
            fig("people_met", "调研走访座谈人数", "人", False, kind=Kind.RESEARCH),
            fig("households", "走访户数", "户", False, kind=Kind.VISIT)]
    return out


def four_visit_figures(p: StatPeriod, region_code: str, now: dict, last: dict) -> list[Figure]:
    """四门四访: 开门接访 (reception days), 进门约访 (appointments received), 登门走访, 上门回访 (visits by type)."""
    link = activity_link
    return [Figure("open_door", "开门接访", now["reception_count"], last["reception_count"],
                   link(p, region_code, kind=Kind.RECEPTION), "场"),
            Figure("appointments", "进门约访", now["appointments"], last["appointments"],
                   link(p, region_code, kind=Kind.RECEPTION), "人", counts_list=False),
            Figure("door", "登门走访", now["door"], last["door"],
                   link(p, region_code, kind=Kind.VISIT, visit_type=Activity.VisitType.DOOR), "次"),
            Figure("revisit", "上门回访", now["revisit"], last["revisit"],
                   link(p, region_code, kind=Kind.VISIT, visit_type=Activity.VisitType.RETURN), "次")]


def child_activity_counts(user, p: StatPeriod, region_code: str, width: int) -> dict[str, int]:
    qs = activities_in(user, p, region_code).order_by().annotate(area=Substr("region_id", 1, width))
    return {row["area"]: row["n"] for row in qs.values("area").annotate(n=Count("id"))}


def child_case_counts(user, p: StatPeriod, region_code: str, width: int) -> dict[str, dict[str, int]]:
    qs = cases_in(user, p, region_code).order_by().annotate(area=Substr("region_id", 1, width))
    keys = ("batches", "persons", "repeated", "over_level", "accepted", "accepted_timely", "replied",
            "replied_on_time", "rated", "satisfied")
    rows: Any = list(qs.values("area").annotate(**{k: CASE_COUNTS[k] for k in keys}))
    return {row["area"]: {k: int(row[k] or 0) for k in keys} for row in rows}
