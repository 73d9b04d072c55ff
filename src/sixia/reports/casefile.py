"""One case, one file (一案一档) as .xlsx: the case's summary sheet, its whole timeline, its assignments,
supervisions and return visits. Personal data masked. Exporting is audited."""

from __future__ import annotations

from datetime import datetime
from typing import IO, Any

from django.utils import timezone

from sixia.cases import selectors as case_selectors
from sixia.cases.events import label as event_label
from sixia.cases.models import Assignment, Case, ReturnVisit, SupervisionLevel
from sixia.cases.models import Warning as CaseWarning
from sixia.cases.workflow import CHANNELS, DEMAND_TYPES, OUTCOMES, PETITION_CLASSES, STATES
from sixia.core import audit
from sixia.core.xlsx import Column, Sheet, local_naive, new_workbook

ROLES = {"petitioner": "信访人", "co_signer": "联名人", "representative": "代表"}


def _fmt(value) -> str:
    if isinstance(value, datetime):
        return f"{timezone.localtime(value):%Y-%m-%d %H:%M}"
    return "" if value is None else str(value)


def _name(obj: Any) -> str:
    return obj.name if obj is not None else ""


def summary_rows(case: Case) -> list[tuple[str, Any]]:
    people = [f"{link.person.name}（{ROLES.get(link.role, link.role)}）"
              f"{' 身份证 ' + link.person.id_number_masked if link.person.id_number_masked else ''}"
              f"{' 电话 ' + link.person.phone_masked if link.person.phone_masked else ''}"
              for link in case.petitioners.select_related("person").order_by("id")]
    flags = [label for flag, label in (("is_collective", "集体访"), ("is_over_level", "越级"),
                                       ("is_repeated", "重复件"), ("is_backlog", "积案")) if getattr(case, flag)]
    return [
        ("查询码", case.tracking_no), ("标题", case.title), ("诉求内容", case.content),
        ("来源渠道", CHANNELS.get(case.channel, case.channel)),
        ("诉求类型", DEMAND_TYPES.get(case.demand_type, case.demand_type)),
        ("信访类别", PETITION_CLASSES.get(case.petition_class, case.petition_class)),
        ("问题分类", _name(case.category)),
        ("问题属地", f"{case.region.name}（{case.region_id}）"), ("诉求人", "；".join(people)),
        ("被反映人/单位", case.respondent), ("发生时间", _fmt(case.occurred_at)), ("登记时间", _fmt(case.registered_at)),
        ("标记", "、".join(flags)), ("首接单位", _name(case.first_receiver)),
        ("承办单位", _name(case.responsible_unit)),
        ("抄送督办单位", _name(case.copy_unit)),
        ("包案领导", _name(case.owner_leader)),
        ("办理状态", STATES.get(case.state, case.state)),
        ("当前环节期限", _fmt(case.due_at)), ("预警", dict(CaseWarning.choices).get(case.warning, case.warning)),
        ("督办级别", dict(SupervisionLevel.choices).get(case.supervision_level, "")),
        ("受理期限", _fmt(case.accept_due)), ("办理期限", _fmt(case.handle_due)),
        ("延期天数", str(case.extension_days or "")), ("受理时间", _fmt(case.accepted_at)),
        ("答复时间", _fmt(case.replied_at)), ("处理结果", OUTCOMES.get(case.outcome, case.outcome)),
        ("答复意见", case.reply_text),
        ("满意度", dict(ReturnVisit.Satisfaction.choices).get(case.satisfaction, case.satisfaction)),
        ("办结时间", _fmt(case.closed_at)), ("并入", case.merged_into.tracking_no if case.merged_into else ""),
    ]


TIMELINE = [Column("no", "序号", 6, "int"), Column("at", "时间", 17, "datetime"), Column("action", "操作", 10, "center"),
            Column("from", "原状态", 10, "center"), Column("to", "新状态", 10, "center"),
            Column("actor", "操作人", 12), Column("unit", "操作单位", 18, "wrap"),
            Column("reason", "理由/说明", 44, "wrap"), Column("public", "对外可见", 9, "center")]
ASSIGNMENTS = [Column("no", "序号", 6, "int"), Column("unit", "承办单位", 20, "wrap"),
               Column("at", "交办时间", 17, "datetime"), Column("due", "办理期限", 17, "datetime"),
               Column("status", "状态", 9, "center"), Column("signed", "签收时间", 17, "datetime"),
               Column("disputed", "退单时间", 17, "datetime"), Column("reason", "退单理由/交办意见", 40, "wrap")]
VISITS = [Column("no", "序号", 6, "int"), Column("at", "回访时间", 17, "datetime"),
          Column("method", "方式", 8, "center"), Column("contacted", "已联系", 8, "center"),
          Column("resolved", "已解决", 8, "center"), Column("satisfaction", "满意度", 10, "center"),
          Column("note", "回访记录", 50, "wrap")]


def export_case_file(*, actor, case_id: int, out: IO[bytes] | str, now: datetime | None = None) -> Case:
    case = case_selectors.get_case(actor, case_id)
    tz = timezone.get_default_timezone()
    now = now or timezone.now()
    unit = getattr(actor, "unit", None)
    subtitle = (f"查询码：{case.tracking_no}　　制表单位：{unit.name if unit else '—'}　　"
                f"制表时间：{timezone.localtime(now):%Y-%m-%d %H:%M}")
    wb = new_workbook()
    head = Sheet(wb, "案件信息", heading="诉求案件档案（一案一档）", subtitle=subtitle, landscape=False,
                 columns=[Column("k", "项目", 16, "text"), Column("v", "内容", 80, "wrap")])
    for label, value in summary_rows(case):
        head.row([label, value])
    events = Sheet(wb, "办理过程", heading=f"办理过程 {case.tracking_no}", subtitle=subtitle, columns=TIMELINE)
    for i, e in enumerate(case_selectors.timeline(case).values(
            "at", "action", "from_state", "to_state", "actor_name", "actor_unit", "reason", "public"), 1):
        events.row([i, local_naive(e["at"], tz), event_label(e["action"]), STATES.get(e["from_state"], e["from_state"]),
                    STATES.get(e["to_state"], e["to_state"]), e["actor_name"], e["actor_unit"], e["reason"],
                    "是" if e["public"] else "否"])
    statuses = dict(Assignment.Status.choices)
    assigned = Sheet(wb, "交办记录", heading=f"交办记录 {case.tracking_no}", subtitle=subtitle, columns=ASSIGNMENTS)
    for i, a in enumerate(case.assignments.select_related("unit").order_by("assigned_at", "id"), 1):
        assigned.row([i, a.unit.name, local_naive(a.assigned_at, tz), local_naive(a.due_at, tz),
                      statuses.get(a.status, a.status), local_naive(a.signed_at, tz), local_naive(a.disputed_at, tz),
                      a.dispute_reason or a.note])
    methods, sats = dict(ReturnVisit.Method.choices), dict(ReturnVisit.Satisfaction.choices)
    visits = Sheet(wb, "回访记录", heading=f"回访记录 {case.tracking_no}", subtitle=subtitle, columns=VISITS)
    for i, v in enumerate(case.return_visits.order_by("at", "id"), 1):
        visits.row([i, local_naive(v.at, tz), methods.get(v.method, v.method), "是" if v.contacted else "否",
                    "是" if v.resolved else "否", sats.get(v.satisfaction, v.satisfaction), v.note])
    wb.save(out)
    audit.record(audit.Action.EXPORT, obj=case, actor=actor, summary=f"导出一案一档 {case.tracking_no}",
                 changes={"events": events.count})
    return case


def case_filename(case: Case) -> str:
    return f"一案一档-{case.tracking_no}.xlsx"
