"""The case ledger (诉求案件台账): jurisdiction-scoped, filterable like the case list, streamed to .xlsx.

Rows are read in keyset batches of plain ``values()`` dictionaries (no model instances), each batch with one
query for its petitioners, and written to a write-only workbook: memory stays flat for 100k rows.

Personal data is masked (``350921********1234``, ``139****1111``). An authorised user (admin, dispatcher,
handler, leader — those who may unmask) may ask for an archive copy with ID numbers and phones in full, for
moving cases to another system; that export is recorded both as an export and as a view of personal data.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from datetime import date, datetime, time, timedelta
from typing import IO, Any

from django.db.models import QuerySet
from django.utils import timezone

from sixia.cases import selectors as case_selectors
from sixia.cases.models import Case, CasePetitioner, ReturnVisit
from sixia.cases.models import Warning as CaseWarning
from sixia.cases.workflow import CHANNELS, DEMAND_TYPES, OUTCOMES, PETITION_CLASSES, STATES, TERMINAL
from sixia.core import audit, crypto, permissions
from sixia.core.db_router import replica_reads
from sixia.core.errors import InvalidInput
from sixia.core.validation import is_digits
from sixia.core.xlsx import Column, Sheet, local_naive, new_workbook
from sixia.reports import permissions as rights

BATCH = 2000
SEP = "；"  # several petitioners in one cell, aligned across the name / ID / phone columns

COLUMNS: list[Column] = [
    Column("no", "序号", 7, "int"),
    Column("tracking_no", "查询码", 24),
    Column("registered_at", "登记时间", 17, "datetime"),
    Column("channel", "来源渠道", 10, "center"),
    Column("demand_type", "诉求类型", 9, "center"),
    Column("petition_class", "信访类别", 11, "center"),
    Column("category", "问题分类", 14),
    Column("region_code", "区划代码", 14, "center"),
    Column("region", "问题属地", 14),
    Column("title", "标题", 30, "wrap"),
    Column("content", "诉求内容", 50, "wrap"),
    Column("names", "诉求人", 12, "wrap"),
    Column("id_numbers", "身份证号", 21, "wrap"),
    Column("phones", "联系电话", 15, "wrap"),
    Column("respondent", "被反映人/单位", 16, "wrap"),
    Column("occurred_at", "发生时间", 17, "datetime"),
    Column("unit", "承办单位", 18, "wrap"),
    Column("state", "办理状态", 10, "center"),
    Column("warning", "预警", 7, "center"),
    Column("due_at", "环节期限", 17, "datetime"),
    Column("outcome", "处理结果", 12, "center"),
    Column("replied_at", "答复时间", 17, "datetime"),
    Column("satisfaction", "满意度", 9, "center"),
    Column("closed_at", "办结时间", 17, "datetime"),
]

_FIELDS = ("pk", "tracking_no", "registered_at", "channel", "demand_type", "petition_class", "category__name",
           "region_id", "region__name", "title", "content", "respondent", "occurred_at", "responsible_unit__name",
           "state", "warning", "due_at", "suspended_at", "outcome", "replied_at", "satisfaction", "closed_at")
WARNINGS = {k: str(v) for k, v in CaseWarning.choices}
SATISFACTION = {k: str(v) for k, v in ReturnVisit.Satisfaction.choices}


@dataclass(frozen=True)
class LedgerFilter:
    """The filters of the case list, plus a registration date range (inclusive, local dates)."""

    state: str = ""
    region_code: str = ""
    unit: int | None = None
    overdue: bool | None = None
    warning: str = ""
    category: str = ""
    q: str = ""
    date_from: date | None = None
    date_to: date | None = None

    @classmethod
    def from_query(cls, params) -> LedgerFilter:
        """From GET parameters (a QueryDict or a dict); bad values are refused with a clear message."""

        def get(key: str) -> str:
            return (params.get(key) or "").strip()

        def day(key: str) -> date | None:
            raw = get(key)
            if not raw:
                return None
            try:
                return date.fromisoformat(raw)
            except ValueError:
                raise InvalidInput("invalid_date", f"日期格式应为 YYYY-MM-DD：{raw}", "date must be YYYY-MM-DD",
                                   field=key) from None

        unit = get("unit")
        if unit and not (is_digits(unit) and len(unit) < 19):
            raise InvalidInput("invalid_unit", "承办单位编号应为数字", "unit must be a number", field="unit")
        overdue = {"1": True, "true": True, "on": True, "0": False, "false": False}.get(get("overdue").lower())
        state = get("state")
        if state == "open":  # the work queue's default: every state but the terminal ones
            state = ",".join(s for s in STATES if s not in TERMINAL)
        elif state == "all":
            state = ""
        return cls(state=state, region_code=get("region_code") or get("region"), unit=int(unit) if unit else None,
                   overdue=overdue, warning=get("warning"), category=get("category"), q=get("q"),
                   date_from=day("date_from"), date_to=day("date_to"))

    def as_dict(self) -> dict[str, Any]:
        return {k: (v.isoformat() if isinstance(v, date) else v) for k, v in asdict(self).items()
                if v not in ("", None)}


def ledger_queryset(user, filters: LedgerFilter) -> QuerySet[Case]:
    qs = case_selectors.cases_for(user, state=filters.state, unit=filters.unit, overdue=filters.overdue,
                                  warning=filters.warning, category=filters.category, q=filters.q)
    if filters.region_code:  # the subtree of a region: a prefix range on the code (no join)
        qs = qs.filter(region__code__startswith=filters.region_code)
    tz = timezone.get_default_timezone()
    if filters.date_from:
        qs = qs.filter(registered_at__gte=datetime.combine(filters.date_from, time(), tzinfo=tz))
    if filters.date_to:
        qs = qs.filter(registered_at__lt=datetime.combine(filters.date_to + timedelta(days=1), time(), tzinfo=tz))
    return qs


def _batches(qs: QuerySet[Case], size: int = BATCH) -> Iterator[list[dict[str, Any]]]:
    """Keyset pagination by descending id: each batch is one indexed range query, however deep."""
    rows: Any = qs.order_by("-pk").values(*_FIELDS)
    last = None
    while True:
        page: list[dict[str, Any]] = list((rows.filter(pk__lt=last) if last is not None else rows)[:size])
        if not page:
            return
        yield page
        last = page[-1]["pk"]


def _petitioners(case_ids: list[int], full: bool) -> dict[int, list[tuple[str, str, str]]]:
    fields = ["case_id", "person__name", "person__id_number_masked", "person__phone_masked"]
    if full:
        fields += ["person__id_number_token", "person__phone_token"]
    out: dict[int, list[tuple[str, str, str]]] = defaultdict(list)
    for p in CasePetitioner.objects.filter(case_id__in=case_ids).order_by("case_id", "id").values(*fields):
        if full:
            id_number = crypto.decrypt(p["person__id_number_token"]) if p["person__id_number_token"] else ""
            phone = crypto.decrypt(p["person__phone_token"]) if p["person__phone_token"] else ""
        else:
            id_number, phone = p["person__id_number_masked"], p["person__phone_masked"]
        out[p["case_id"]].append((p["person__name"], id_number, phone))
    return out


def iter_rows(qs: QuerySet[Case], *, full_personal: bool = False) -> Iterator[list[Any]]:
    """The ledger rows, in column order (``COLUMNS``), newest case first."""
    tz = timezone.get_default_timezone()
    now = timezone.now()
    no = 0
    for batch in _batches(qs):
        people = _petitioners([c["pk"] for c in batch], full_personal)
        for c in batch:
            no += 1
            persons = people.get(c["pk"], [])
            warning = c["warning"]
            if c["due_at"] is not None and c["due_at"] < now and c["suspended_at"] is None:
                warning = "overdue"
            yield [
                no, c["tracking_no"], local_naive(c["registered_at"], tz), CHANNELS.get(c["channel"], c["channel"]),
                DEMAND_TYPES.get(c["demand_type"], c["demand_type"]),
                PETITION_CLASSES.get(c["petition_class"], c["petition_class"]), c["category__name"] or "",
                c["region_id"], c["region__name"], c["title"], c["content"],
                SEP.join(p[0] for p in persons), SEP.join(p[1] for p in persons) if any(p[1] for p in persons) else "",
                SEP.join(p[2] for p in persons) if any(p[2] for p in persons) else "", c["respondent"],
                local_naive(c["occurred_at"], tz), c["responsible_unit__name"] or "",
                STATES.get(c["state"], c["state"]), WARNINGS.get(warning, warning) if c["due_at"] else "",
                local_naive(c["due_at"], tz), OUTCOMES.get(c["outcome"], c["outcome"]),
                local_naive(c["replied_at"], tz), SATISFACTION.get(c["satisfaction"], c["satisfaction"]),
                local_naive(c["closed_at"], tz),
            ]


def check_full_personal(actor) -> None:
    permissions.require(actor, rights.EXPORT_PERSONAL)


def scope_label(actor) -> str:
    region = getattr(actor, "jurisdiction", None)
    return region.name if region is not None else "全部"


@replica_reads  # statistics/exports: read from the hot standby when one is configured
def export_ledger(*, actor, filters: LedgerFilter, out: IO[bytes] | str, full_personal: bool = False,
                  now: datetime | None = None, progress: Callable[[int], None] | None = None) -> int:
    """Write the ledger of ``actor``'s cases matching ``filters`` to ``out``; returns the number of rows.
    ``progress(rows)`` is told after every batch (a long job's progress bar).

    Audited: one export entry (filters, rows) and, for a full-personal copy, one personal-data view entry.
    """
    if full_personal:
        check_full_personal(actor)
    now = now or timezone.now()
    unit = getattr(actor, "unit", None)
    subtitle = (f"制表单位：{unit.name if unit else '—'}　　统计范围：{scope_label(actor)}　　"
                f"制表时间：{timezone.localtime(now):%Y-%m-%d %H:%M}"
                + ("　　（含完整个人信息，注意保密）" if full_personal else ""))
    wb = new_workbook()
    sheet = Sheet(wb, "诉求台账", heading="诉求案件台账", subtitle=subtitle, columns=COLUMNS)
    for row in iter_rows(ledger_queryset(actor, filters), full_personal=full_personal):
        sheet.row(row)
        if progress is not None and sheet.count % BATCH == 0:
            progress(sheet.count)
    wb.save(out)
    changes = {"filters": filters.as_dict(), "rows": sheet.count, "personal": "full" if full_personal else "masked"}
    audit.record(audit.Action.EXPORT, actor=actor, object_type="cases.case", summary=f"导出诉求台账 {sheet.count} 件",
                 changes=changes)
    if full_personal:
        audit.record(audit.Action.VIEW_PERSONAL, actor=actor, object_type="cases.case",
                     summary=f"导出台账含完整身份证号和电话 {sheet.count} 件", changes=changes)
    return sheet.count


def ledger_filename(now: datetime | None = None) -> str:
    return f"诉求台账-{timezone.localtime(now or timezone.now()):%Y%m%d-%H%M}.xlsx"
