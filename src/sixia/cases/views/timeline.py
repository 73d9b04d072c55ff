"""The timeline of the case page: each CaseEvent as its label (``sixia.cases.events``), the state change and
the details of its ``data`` in words — including the classifier's suggestion and the person's choice."""

from __future__ import annotations

from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sixia.cases import events, labels, selectors
from sixia.cases.models import Case, Category, ReturnVisit

DATA_LABELS = {  # shown in the user's language
    "unit": gettext_lazy("承办单位"), "copy_unit": gettext_lazy("抄送"), "due": gettext_lazy("期限"),
    "handle_due": gettext_lazy("办理期限"), "outcome": gettext_lazy("处理结果"), "days": gettext_lazy("延期天数"),
    "petitioner_informed": gettext_lazy("已告知诉求人"), "method": gettext_lazy("回访方式"),
    "contacted": gettext_lazy("已联系"), "resolved": gettext_lazy("已解决"), "satisfaction": gettext_lazy("满意度"),
    "into_tracking_no": gettext_lazy("并入"), "to_organ": gettext_lazy("转送机关"), "channel": gettext_lazy("来源渠道"),
    "official": gettext_lazy("包案领导"), "paused_seconds": gettext_lazy("挂起时长"), "automatic": gettext_lazy("系统自动"),
    "tracking_no": gettext_lazy("重复件"), "similarity": gettext_lazy("文本相似度"), "over_level": gettext_lazy("越级"),
    "receiver": gettext_lazy("首接单位"), "approver": gettext_lazy("批准人"),
    "original_due": gettext_lazy("原办理期限"), "served_on": gettext_lazy("送达日期"),
    "review_unit": gettext_lazy("复查机关"), "re_review_unit": gettext_lazy("复核机关"),
    "notified": gettext_lazy("已告知"), "not_reachable": gettext_lazy("无手机号未告知人数"),
    "notice": gettext_lazy("告知类型"), "phone": gettext_lazy("手机号"), "attempts": gettext_lazy("尝试次数"),
    "error": gettext_lazy("最近错误"),
}
NOTICE_LABELS = labels.NOTICES  # OutboundMessage.kind (cases.services.notices)
VALUE_LABELS = {**labels.OUTCOMES, **labels.CHANNELS, **dict(ReturnVisit.Method.choices),
                **dict(ReturnVisit.Satisfaction.choices)}


def _percent(value) -> str:
    return f"{round(float(value) * 100)}%" if isinstance(value, int | float) else ""


def _value(key: str, value) -> str:
    if isinstance(value, bool):
        return _("是") if value else _("否")
    if key in ("due", "handle_due", "original_due") and isinstance(value, str):
        moment = parse_datetime(value)
        return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else value
    if key == "notice":
        return str(NOTICE_LABELS.get(value, value))
    if key == "paused_seconds":
        return _("%(hours)s 小时") % {"hours": int(value) // 3600}
    if key == "similarity":
        return _percent(value)
    return str(VALUE_LABELS.get(value, value)) if isinstance(value, str) else str(value)


def _ranked(items: list[dict], name_key: str = "name") -> str:
    """``城乡建设（93%）、教育（4%）``: the suggestions in the model's order, with their probability."""
    parts = []
    for item in items:
        name = item.get(name_key) or item.get("code") or item.get("id") or ""
        p = _percent(item.get("probability"))
        parts.append(f"{name}（{p}）" if p else str(name))
    return "、".join(parts)


def classify_details(data: dict, category_names: dict[str, str]) -> tuple[list[tuple[str, str]], str]:
    """The details of a ``classify`` entry and a one-line verdict (采纳建议 / 改选 / 已自动预填 / 待确认 …).

    At intake the entry records what was suggested and whether the top category was pre-filled; when a person
    confirms, it records what they chose, whether that was the top suggestion and the category it replaced.
    """
    suggested = data.get("suggested") or {}
    chosen = data.get("chosen") or {}
    names = category_names | {c["code"]: c.get("name") or c["code"] for c in suggested.get("category") or []
                              if c.get("code")}
    rows: list[tuple[str, str]] = []
    if suggested.get("category"):
        rows.append((_("建议分类"), _ranked(suggested["category"])))
    if suggested.get("unit"):
        rows.append((_("建议承办单位"), _ranked(suggested["unit"])))
    category = chosen.get("category") or ""
    if data.get("confirmed"):
        if category:
            rows.append((_("选定分类"), names.get(category, category)))
        previous = data.get("previous_category") or ""
        if previous and previous != category:
            rows.append((_("原分类"), names.get(previous, previous)))
        if chosen.get("unit"):
            rows.append((_("选定承办单位"), chosen["unit"]))
        verdict = _("采纳建议") if data.get("accepted") else _("改选（未采纳建议）")
    elif data.get("auto"):
        if category:
            rows.append((_("预填分类"), names.get(category, category)))
        verdict = _("已按建议自动预填分类，待人工确认")
    elif category:  # the registrant chose a category at intake: the suggestion was only compared
        rows.append((_("登记分类"), names.get(category, category)))
        top = (suggested.get("category") or [{}])[0].get("code")
        verdict = _("登记分类与建议一致") if category == top else _("登记分类与建议不同")
    else:
        verdict = _("待人工确认（未达自动预填阈值）")
    if suggested.get("model_version"):
        rows.append((_("模型版本"), str(suggested["model_version"])))
    return rows, verdict


def _category_codes(data: dict) -> set[str]:
    chosen = data.get("chosen") or {}
    return {c for c in (chosen.get("category"), data.get("previous_category")) if c}


def event_rows(case: Case) -> list[dict]:
    names = events.labels()
    timeline = list(selectors.timeline(case))
    codes = set().union(*(_category_codes(e.data or {}) for e in timeline if e.action == events.CLASSIFY))
    category_names = dict(Category.objects.filter(code__in=codes).values_list("code", "name")) if codes else {}
    rows = []
    for e in timeline:
        verdict = ""
        if e.action == events.CLASSIFY:
            details, verdict = classify_details(e.data or {}, category_names)
        else:
            details = [(str(DATA_LABELS[k]), _value(k, v)) for k, v in (e.data or {}).items()
                       if k in DATA_LABELS and v not in (None, "", [])]
        rows.append({"event": e, "label": labels.label(labels.ACTIONS, e.action, names.get(e.action, e.action)), "verdict": verdict,
                     "accepted": (e.data or {}).get("accepted"),
                     "from_label": labels.label(labels.STATES, e.from_state),
                     "to_label": labels.label(labels.STATES, e.to_state), "details": details})
    return rows
