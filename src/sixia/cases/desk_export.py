"""Excel exports of the 包案 ledger and of the 督办 notice (通报), in the official sheet layout
(``sixia.core.xlsx``: text cells never become formulas). Each export is audited (what, which filters, rows)."""

from __future__ import annotations

from datetime import date, datetime
from typing import IO

from django.utils import timezone

from sixia.cases import desks
from sixia.cases.deadlines import TZ
from sixia.core import audit
from sixia.core.xlsx import Column, Sheet, local_naive, new_workbook

LEDGER_COLUMNS = [
    Column("tracking_no", "查询码", 16), Column("title", "诉求标题", 30, "wrap"), Column("official", "包案领导", 10),
    Column("official_title", "职务", 14), Column("unit", "承办单位", 18, "wrap"), Column("state", "状态", 9, "center"),
    Column("due", "当前期限", 16, "datetime"), Column("warning", "预警", 7, "center"),
    Column("overdue", "超期", 6, "center"), Column("level", "督办级别", 9, "center"),
    Column("last_note", "最近包案进展", 36, "wrap"), Column("last_note_at", "进展时间", 16, "datetime"),
    Column("signed_off", "销号时间", 16, "datetime"),
]
NOTICE_COLUMNS = [
    Column("unit", "单位", 24, "wrap"), Column("overdue", "超期件", 8, "int"), Column("urged", "催办", 8, "int"),
    Column("supervised", "督办", 8, "int"), Column("flagged", "挂牌督办", 9, "int"),
    Column("answered", "已答复", 8, "int"), Column("open", "未答复", 8, "int"),
]
NOTICE_CASE_COLUMNS = [
    Column("unit", "单位", 22, "wrap"), Column("tracking_no", "查询码", 16), Column("title", "诉求标题", 30, "wrap"),
    Column("state", "状态", 9, "center"), Column("due", "当前期限", 16, "datetime"), Column("overdue", "超期", 6, "center"),
    Column("level", "督办级别", 9, "center"), Column("reply_by", "答复期限", 12, "date"),
    Column("answered", "答复情况", 9, "center"),
]


def _subtitle(actor, now: datetime, scope: str) -> str:
    unit = getattr(actor, "unit", None)
    region = getattr(actor, "jurisdiction", None)
    return (f"制表单位：{unit.name if unit else '—'}　　统计范围：{region.name if region else '全部'}{scope}　　"
            f"制表时间：{timezone.localtime(now):%Y-%m-%d %H:%M}")



def export_ledger(*, actor, out: IO[bytes], official_id: int | None = None, state: str = "",
                  overdue: bool | None = None, now: datetime | None = None) -> int:
    """The 包案台账 of ``actor``'s jurisdiction, filtered as on the page; returns the number of rows."""
    now = now or timezone.now()
    wb = new_workbook()
    sheet = Sheet(wb, "包案台账", heading="领导包案台账", subtitle=_subtitle(actor, now, ""), columns=LEDGER_COLUMNS)
    for r in desks.ledger(actor, official_id=official_id, state=state, overdue=overdue):
        sheet.row([r["tracking_no"], r["title"], r["official"], r["official_title"], r["responsible_unit"],
                   r["state_label"], local_naive(r["due"], TZ), r["warning_label"], "超期" if r["overdue"] else "",
                   r["supervision_label"], r["last_note"], local_naive(r["last_note_at"], TZ),
                   local_naive(r["signed_off_at"], TZ)])
    wb.save(out)
    audit.record(audit.Action.EXPORT, actor=actor, object_type="cases.case", summary=f"导出包案台账 {sheet.count} 件",
                 changes={"official_id": official_id, "state": state, "overdue": overdue, "rows": sheet.count})
    return sheet.count


def export_notice(*, actor, out: IO[bytes], date_from: date, date_to: date, now: datetime | None = None) -> int:
    """The 督办通报 of the period: the units' counts, then their cases; returns the number of units."""
    now = now or timezone.now()
    units = desks.notice(actor, date_from=date_from, date_to=date_to, now=now)
    period = f"　　通报期间：{date_from:%Y-%m-%d} 至 {date_to:%Y-%m-%d}"
    wb = new_workbook()
    summary = Sheet(wb, "通报", heading="超期及督办情况通报", subtitle=_subtitle(actor, now, period),
                    columns=NOTICE_COLUMNS, landscape=False)
    detail = Sheet(wb, "案件明细", heading="超期及督办案件明细", subtitle=_subtitle(actor, now, period),
                   columns=NOTICE_CASE_COLUMNS)
    for u in units:
        summary.row([u.unit, u.overdue, u.urged, u.supervised, u.flagged, u.answered, u.open])
        for c in u.cases:
            detail.row([u.unit, c["tracking_no"], c["title"], c["state_label"], local_naive(c["due"], TZ),
                        "超期" if c["overdue"] else "", c["level_label"], c["reply_by"],
                        "" if c["answered"] is None else ("已答复" if c["answered"] else "未答复")])
    wb.save(out)
    audit.record(audit.Action.EXPORT, actor=actor, object_type="cases.supervision",
                 summary=f"导出督办通报 {date_from:%Y-%m-%d}–{date_to:%Y-%m-%d}",
                 changes={"from": date_from.isoformat(), "to": date_to.isoformat(), "units": len(units)})
    return len(units)


def filename(kind: str, now: datetime | None = None) -> str:
    return f"{kind}-{timezone.localtime(now or timezone.now()):%Y%m%d-%H%M}.xlsx"
