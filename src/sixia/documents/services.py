"""Word documents: the statutory notices of a case and the desks' lists, from the county's template (or the
shipped default), and the upload of a county's template.

Reading a case document is a read inside the jurisdiction (``cases.selectors.get_case``: outside → NotFound);
it carries the petitioners' names, so each one is recorded in the audit trail like an export.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db import transaction
from django.utils import timezone

from sixia.cases import desks
from sixia.cases import selectors as case_selectors
from sixia.cases.deadlines import TZ
from sixia.cases.models import Case, CaseEvent
from sixia.cases.workflow import OUTCOMES
from sixia.core import audit, jurisdiction, permissions, uploads
from sixia.core.errors import InvalidInput, NotFound
from sixia.core.validation import is_digits
from sixia.documents import permissions as rights
from sixia.documents import render
from sixia.documents.defaults import DIR as DEFAULTS_DIR
from sixia.documents.kinds import ALL_KINDS, CASE_KINDS, available
from sixia.documents.models import DocumentTemplate

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
REQUEST_WINDOW_DAYS = 30  # 条例第35、36条: 复查 / 复核 are requested within 30 days of receiving the opinion
_ANSWERS = ("reject", "reply", "reply_review", "reply_re_review")


@dataclass(frozen=True)
class Produced:
    data: bytes
    filename: str


def _day(value: datetime | date | None) -> str:
    if value is None:
        return "—"
    if isinstance(value, datetime):
        value = timezone.localtime(value, TZ).date()
    return f"{value.year}年{value.month}月{value.day}日"


def template_for(kind: str, region_code: str) -> bytes:
    """The county's template with the longest region prefix covering ``region_code``, else the default."""
    prefixes = [region_code[:n] for n in range(len(region_code), -1, -1)]
    rows = {t.region_prefix: t for t in DocumentTemplate.objects.filter(kind=kind, region_prefix__in=prefixes)}
    for prefix in prefixes:
        if prefix in rows:
            return uploads.open_stored(rows[prefix].file_path)
    return (DEFAULTS_DIR / f"{kind}.docx").read_bytes()


def _answers(case: Case) -> dict[str, CaseEvent]:
    """The last reject / 复查答复 / 复核答复 events of the case (one query)."""
    out: dict[str, CaseEvent] = {}
    for event in case.events.filter(action__in=_ANSWERS).order_by("at", "pk"):
        out[event.action] = event
    return out


def kinds_of(case: Case) -> list[str]:
    return available(case, set(_answers(case)))


def _served_plus_window(event: CaseEvent | None, fallback: datetime | None) -> str:
    """The last day to ask for the next step: 30 days from the day the opinion was served (条例第35、36条)."""
    served = (event.data or {}).get("served_on") if event is not None else None
    try:
        day = date.fromisoformat(str(served)) if served else None
    except ValueError:
        day = None
    if day is None and fallback is not None:
        day = timezone.localtime(fallback, TZ).date()
    return _day(day + timedelta(days=REQUEST_WINDOW_DAYS) if day else None)


def _outcome_of(event: CaseEvent | None, fallback: str = "") -> str:
    code = str((event.data or {}).get("outcome", "")) if event is not None else fallback
    return OUTCOMES.get(code, code or "—")


def case_values(case: Case, answers: dict[str, CaseEvent], today: date) -> dict[str, str]:
    """The placeholders' values. The opinions come from their events (a 复查 answer overwrites the case's
    outcome and reply text, the 信访处理意见书 keeps the first answer)."""
    names = "、".join(link.person.name for link in case.petitioners.select_related("person").order_by("pk"))
    organ = case.responsible_unit.name if case.responsible_unit else case.region.name
    reject, reply = answers.get("reject"), answers.get("reply")
    review, re_review = answers.get("reply_review"), answers.get("reply_re_review")
    return {
        "信访人": names or "信访人", "查询码": case.tracking_no, "标题": case.title, "问题属地": case.region.name,
        "登记日期": _day(case.registered_at), "受理日期": _day(case.accepted_at), "办理期限": _day(case.handle_due),
        "不予受理理由": reject.reason if reject else "",
        "处理结果": _outcome_of(reply, case.outcome), "答复意见": reply.reason if reply else case.reply_text,
        "答复日期": _day(reply.at if reply else case.replied_at),
        "复查请求期限": _served_plus_window(reply, case.reply_served_at or case.replied_at),
        "复查机关": case.review_unit.name if case.review_unit else "上一级行政机关",
        "复核机关": case.re_review_unit.name if case.re_review_unit else "复查机关的上一级行政机关",
        "原处理机关": organ,
        "复查结果": _outcome_of(review), "复查意见": review.reason if review else "",
        "复查日期": _day(review.at if review else None), "复核请求期限": _served_plus_window(review, None),
        "复核结果": _outcome_of(re_review), "复核意见": re_review.reason if re_review else "",
        "复核日期": _day(re_review.at if re_review else None),
        "日期": _day(today), "发文机关": organ,
    }


def case_document(*, actor, case_id: int, kind: str, today: date | None = None) -> Produced:
    """The .docx of one notice of a case the actor may read; NotFound outside the jurisdiction or when the
    case has not reached the state in which that notice exists."""
    if kind not in CASE_KINDS:
        raise NotFound("not_found", "没有这种文书", "no such document")
    case = case_selectors.get_case(actor, case_id)
    case = Case.objects.select_related("region", "responsible_unit", "review_unit", "re_review_unit").get(pk=case.pk)
    answers = _answers(case)
    if kind not in available(case, set(answers)):
        raise NotFound("not_found", "该诉求当前没有这份文书", "this case has no such document in its current state")
    values = case_values(case, answers, today or timezone.localdate())
    if kind in ("acceptance", "rejection"):  # the organ that decided on acceptance signs (条例第23条), not the
        decided = (case.events.filter(action__in=("accept", "reject"))  # unit it was later assigned to
                   .order_by("-at", "-pk").values_list("actor_unit", flat=True).first())
        if decided:
            values["发文机关"] = decided
    if kind == "review" and case.review_unit:  # the reviewing organ signs its opinion
        values["发文机关"] = case.review_unit.name
    if kind == "re_review" and case.re_review_unit:
        values["发文机关"] = case.re_review_unit.name
    data = render.fill(template_for(kind, case.region_id), values)
    title = CASE_KINDS[kind].title
    audit.record(audit.Action.EXPORT, obj=case, actor=actor, summary=f"生成{title} {case.tracking_no}",
                 changes={"kind": kind})
    return Produced(data, f"{title}-{case.tracking_no}.docx")


def _list_values(actor, count: int, today: date) -> dict[str, str]:
    region = getattr(actor, "jurisdiction", None)
    return {"区划": region.name if region else "全部", "件数": str(count), "日期": _day(today),
            "发文机关": actor.unit.name if getattr(actor, "unit", None) else ""}


def _region_of(actor) -> str:
    return jurisdiction.prefix_of(actor) or ""


def leaders_list(*, actor, official_id: int | None = None, state: str = "", overdue: bool | None = None,
                 today: date | None = None) -> Produced:
    """The 包案台账 as Word, the rows and filters of the page (and of its Excel export)."""
    rows = desks.ledger(actor, official_id=official_id, state=state, overdue=overdue)
    header = ["查询码", "诉求标题", "包案领导", "承办单位", "状态", "当前期限", "超期", "最近包案进展"]
    body = [[r["tracking_no"], r["title"], r["official"], r["responsible_unit"] or "", r["state_label"],
             _day(r["due"]), "超期" if r["overdue"] else "", r["last_note"] or ""] for r in rows]
    data = render.fill(template_for("leaders_list", _region_of(actor)),
                       _list_values(actor, len(body), today or timezone.localdate()), table=(header, body))
    audit.record(audit.Action.EXPORT, actor=actor, object_type="cases.case", summary=f"导出包案台账（Word） {len(body)} 件",
                 changes={"official_id": official_id, "state": state, "overdue": overdue, "rows": len(body)})
    return Produced(data, f"包案台账-{timezone.localdate():%Y%m%d}.docx")


def supervision_list(*, actor, date_from: date, date_to: date, today: date | None = None) -> Produced:
    """The 督办 list of the period as Word: one row per case of each unit's notice."""
    units = desks.notice(actor, date_from=date_from, date_to=date_to)
    header = ["单位", "查询码", "诉求标题", "状态", "当前期限", "超期", "督办级别", "答复情况"]
    body = [[u.unit, c["tracking_no"], c["title"], c["state_label"], _day(c["due"]), "超期" if c["overdue"] else "",
             c["level_label"], "" if c["answered"] is None else ("已答复" if c["answered"] else "未答复")]
            for u in units for c in u.cases]
    values = _list_values(actor, len(body), today or timezone.localdate())
    values["区划"] += f"（{date_from:%Y-%m-%d} 至 {date_to:%Y-%m-%d}）"
    data = render.fill(template_for("supervision_list", _region_of(actor)), values, table=(header, body))
    audit.record(audit.Action.EXPORT, actor=actor, object_type="cases.supervision",
                 summary=f"导出督办台账（Word） {date_from:%Y-%m-%d}–{date_to:%Y-%m-%d}", changes={"rows": len(body)})
    return Produced(data, f"督办台账-{date_from:%Y%m%d}-{date_to:%Y%m%d}.docx")


# ---- a county's own templates ----


def _check_docx(data: bytes) -> None:
    from docx import Document

    try:
        Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises several kinds for a file that is not a Word document
        raise InvalidInput("invalid_template", "模板应为 Word 文档（.docx）", "the template must be a Word (.docx) file",
                           field="file") from exc


def upload_template(*, actor, kind: str, region_prefix: str, filename: str, data: bytes) -> DocumentTemplate:
    """Replace the template of ``kind`` for the regions under ``region_prefix`` (inside the jurisdiction)."""
    permissions.require(actor, rights.MANAGE_TEMPLATES)
    if kind not in ALL_KINDS:
        raise InvalidInput("invalid_kind", "请选择文书类型", "choose the kind of document", field="kind")
    region_prefix = (region_prefix or "").strip() or (jurisdiction.prefix_of(actor) or "")
    if region_prefix and (not is_digits(region_prefix) or len(region_prefix) > 12):
        raise InvalidInput("invalid_region", "区划代码应为数字", "region code must be digits", field="region_prefix")
    if not jurisdiction.covers(actor, region_prefix):
        raise NotFound("not_found", "该区划不存在或不在您的管辖范围内", "region not found or outside your jurisdiction")
    if uploads.extension_of(filename) != "docx":
        raise InvalidInput("invalid_template", "模板应为 Word 文档（.docx）", "the template must be a Word (.docx) file",
                           field="file")
    uploads.prepare(data, filename)  # the one upload pipeline: size, type, no macros or executables inside
    _check_docx(data)
    stored = uploads.store(data, filename, area="document_templates")
    with transaction.atomic():
        row, created = DocumentTemplate.objects.update_or_create(
            kind=kind, region_prefix=region_prefix,
            defaults={"file_path": stored.path, "file_name": stored.name, "sha256": stored.sha256,
                      "uploaded_by": actor if getattr(actor, "pk", None) else None})
        audit.record(audit.Action.CREATE if created else audit.Action.UPDATE, obj=row, actor=actor,
                     summary=f"上传文书模板 {ALL_KINDS[kind].title} {region_prefix or '（全部）'}",
                     changes={"kind": kind, "region_prefix": region_prefix, "sha256": stored.sha256},
                     region_code=region_prefix)
    return row


def delete_template(*, actor, template_id: int) -> None:
    permissions.require(actor, rights.MANAGE_TEMPLATES)
    row = templates_for(actor).filter(pk=template_id).first()
    if row is None:
        raise NotFound("not_found", "模板不存在", "template not found")
    with transaction.atomic():
        audit.record(audit.Action.DELETE, obj=row, actor=actor, summary=f"删除文书模板 {row}",
                     region_code=row.region_prefix)
        row.delete()


def templates_for(actor):
    """The county templates inside the actor's jurisdiction (and those of its ancestors, which apply to it)."""
    prefix = jurisdiction.prefix_of(actor)
    if prefix is None:
        return DocumentTemplate.objects.none()
    from django.db.models import Q

    ancestors = [prefix[:n] for n in range(0, len(prefix) + 1)]
    return DocumentTemplate.objects.filter(Q(region_prefix__startswith=prefix) | Q(region_prefix__in=ancestors))

