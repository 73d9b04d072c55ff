from django import template

from sixia.engines.quotas.summary import KIND_SHORT, UNIT, activity_phrase, fmt

register = template.Library()

STATUS_LABELS = {"met": "已达标", "on_track": "进度正常", "behind": "进度滞后"}


@register.filter
def num(value) -> str:
    try:
        return fmt(float(value))
    except (TypeError, ValueError):
        return ""


@register.filter
def kind_label(kind: str) -> str:
    return KIND_SHORT.get(kind, kind)


@register.filter
def unit_of(measure: str) -> str:
    return UNIT.get(measure, "")


@register.filter
def status_label(status) -> str:
    return STATUS_LABELS.get(str(getattr(status, "value", status)), str(status))


@register.filter
def status_code(status) -> str:
    return str(getattr(status, "value", status))


@register.filter
def rule_phrase(rule) -> str:
    return activity_phrase(rule.kind, rule.where)


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if hasattr(mapping, "get") else None


@register.filter
def percent(value) -> str:
    try:
        return f"{float(value) * 100:.0f}%"
    except (TypeError, ValueError):
        return ""


@register.filter
def period_label(kind: str) -> str:
    return {"month": "每月", "quarter": "每季度", "half": "每半年", "year": "每年"}.get(kind, kind)
