from django import template
from django.utils.translation import gettext_lazy as _

from sixia.engines.quotas.summary import fmt
from sixia.quotas import summary
from sixia.quotas.models import PeriodKind

register = template.Library()

STATUS_LABELS = {"met": _("已达标"), "on_track": _("进度正常"), "behind": _("进度滞后")}


@register.filter
def num(value) -> str:
    try:
        return fmt(float(value))
    except (TypeError, ValueError):
        return ""


@register.filter
def amount(value, measure: str) -> str:
    """“3次” / “3 times”: a number with the unit of its measure (count or days)."""
    try:
        return summary.amount(float(value), measure)
    except (TypeError, ValueError):
        return ""


@register.filter
def kind_label(kind: str) -> str:
    return summary.kind_label(kind)


@register.filter
def period_name(period) -> str:
    """A period's name in the UI language (2026年第四季度 / Q4 2026)."""
    return summary.period_name(period)


@register.filter
def status_label(status) -> str:
    label = STATUS_LABELS.get(str(getattr(status, "value", status)))
    return str(label) if label is not None else str(status)


@register.filter
def status_code(status) -> str:
    return str(getattr(status, "value", status))


@register.filter
def rule_phrase(rule) -> str:
    return summary.activity_phrase(rule.kind, rule.where)


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
    """每月 / Monthly: how often a rule counts."""
    return str(PeriodKind(kind).label) if kind in PeriodKind.values else kind
