"""Writes for quotas: editing rules (admins, audited) and sending reminders (idempotent)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from sixia.cases import notifications
from sixia.core import audit, jurisdiction, permissions
from sixia.core.errors import Forbidden, InvalidInput
from sixia.core.validation import is_digits
from sixia.engines import quotas as engine
from sixia.engines.quotas.periods import period_of
from sixia.engines.quotas.summary import UNIT, activity_phrase, fmt
from sixia.org.models import Official, Rank
from sixia.quotas import permissions as rights
from sixia.quotas import selectors
from sixia.quotas.models import ActivityKind, Measure, PeriodKind, QuotaReminder, QuotaRule, Where

RULE_FIELDS = ("rank", "kind", "measure", "period", "where", "amount", "region_prefix", "remind_days_before",
               "is_active", "source")
REMINDER_KIND = "quota_reminder"


def _check_rule_fields(data: dict) -> None:
    for name, choices in (("rank", Rank), ("kind", ActivityKind), ("measure", Measure), ("period", PeriodKind),
                          ("where", Where)):
        if data[name] not in choices.values:
            raise InvalidInput(f"invalid_{name}", f"取值无效：{name}", f"invalid value for {name}", field=name)
    try:
        amount = float(data["amount"])
    except (TypeError, ValueError):
        amount = -1.0
    if amount < 0:
        raise InvalidInput("invalid_amount", "要求数量应为不小于0的数", "amount must be a number >= 0", field="amount")
    data["amount"] = amount
    prefix = str(data.get("region_prefix") or "").strip()
    if prefix and not is_digits(prefix):
        raise InvalidInput("invalid_region_prefix", "区划代码前缀只能包含数字", "region prefix must be digits",
                           field="region_prefix")
    data["region_prefix"] = prefix
    days = data.get("remind_days_before", 7)
    if days is None or int(days) < 0 or int(days) > 366:
        raise InvalidInput("invalid_remind_days", "提醒天数应在0到366之间", "reminder days must be 0..366",
                           field="remind_days_before")


def can_edit_rules(actor, region_prefix: str) -> bool:
    """Admins and the 组织部 edit rules of their own region (a county admin overrides defaults for the county); only a
    national admin edits the defaults (empty prefix)."""
    return permissions.allows(actor, rights.EDIT_RULES) and jurisdiction.may_edit_rules_of(actor, region_prefix)


def _require_rule_admin(actor, region_prefix: str) -> None:
    if actor is not None and not can_edit_rules(actor, region_prefix):
        raise Forbidden("forbidden", "您无权修改该区划的履职指标规则", "you may not edit quota rules for this region")


@transaction.atomic
def save_rule(*, actor, rule: QuotaRule | None = None, **fields) -> QuotaRule:
    """Create (``rule=None``) or update a quota rule. Unknown fields are refused."""
    unknown = set(fields) - set(RULE_FIELDS)
    if unknown:
        raise InvalidInput("unknown_field", f"未知字段：{', '.join(sorted(unknown))}", "unknown field")
    data: dict = {name: getattr(rule, name) for name in RULE_FIELDS} if rule else {
        "measure": Measure.COUNT, "where": Where.ANYWHERE, "region_prefix": "", "remind_days_before": 7,
        "is_active": True, "source": ""}
    data.update(fields)
    for required in ("rank", "kind", "period", "amount"):
        if data.get(required) in (None, ""):
            raise InvalidInput(f"{required}_required", f"缺少字段：{required}", f"{required} is required",
                               field=required)
    _check_rule_fields(data)
    if rule is not None:
        _require_rule_admin(actor, rule.region_prefix)
    _require_rule_admin(actor, str(data["region_prefix"]))
    clash = QuotaRule.objects.filter(region_prefix=data["region_prefix"], rank=data["rank"], kind=data["kind"],
                                     measure=data["measure"])
    if rule is not None:
        clash = clash.exclude(pk=rule.pk)
    if clash.exists():
        raise InvalidInput("duplicate_rule", "该区划已有同职级、同活动类型、同计量的规则，请直接修改",
                           "a rule for this region, rank, kind and measure exists; edit it", field="kind")
    before = {name: getattr(rule, name) for name in RULE_FIELDS} if rule else {}
    rule = rule or QuotaRule()
    for name, value in data.items():
        setattr(rule, name, value)
    rule.full_clean()
    rule.save()
    changes = {k: v for k, v in data.items() if before.get(k) != v}
    audit.record(audit.Action.UPDATE if before else audit.Action.CREATE, obj=rule, actor=actor,
                 summary=f"履职指标规则：{_chinese(rule)}", changes={k: str(v) for k, v in changes.items()})
    return rule


def _chinese(rule: QuotaRule) -> str:
    """The rule as stored text (audit summary, reminder): Chinese whatever the UI language of the request."""
    with translation.override(settings.LANGUAGE_CODE):
        return str(rule)


@dataclass
class ReminderRun:
    day: str
    rules_due: int = 0
    officials_checked: int = 0
    behind: int = 0
    sent: int = 0
    already_sent: int = 0

    def as_dict(self) -> dict:
        return asdict(self)


def send_reminders(today: date | None = None) -> ReminderRun:
    """Remind every official who is behind on a rule whose period ends within the rule's
    ``remind_days_before`` days. Each (official, rule, period) is reminded at most once."""
    today = today or timezone.localdate()
    run = ReminderRun(day=today.isoformat())
    all_rules = selectors.active_rules()
    due = [r for r in all_rules if 0 <= period_of(r.period, today).days_left(today) <= r.remind_days_before]
    run.rules_due = len(due)
    if not due:
        return run
    ranks = {r.rank for r in due}
    officials = list(Official.objects.filter(is_active=True, rank__in=ranks).select_related("unit", "user"))
    candidates = []  # (official, rule row, period)
    for o in officials:
        for rule in selectors.applicable(all_rules, o.rank, o.unit.region_id):
            if rule in due:
                candidates.append((o, rule, period_of(rule.period, today)))
    if not candidates:
        return run
    sent = set(QuotaReminder.objects.filter(period_key__in={p.key for _o, _r, p in candidates})
               .values_list("official_id", "rule_id", "period_key"))
    todo = [(o, r, p) for o, r, p in candidates if (o.pk, r.pk, p.key) not in sent]
    run.already_sent = len(candidates) - len(todo)
    ids = sorted({o.pk for o, _r, _p in todo})
    run.officials_checked = len(ids)
    if not todo:
        return run
    start = min(p.start for _o, _r, p in todo)
    end = max(p.end for _o, _r, p in todo)
    parts = selectors.participations_by_official(ids, start, end)
    links = selectors.links_of(ids)
    for official, rule, period in todo:
        result = engine.evaluate([selectors.to_engine(rule)], parts.get(official.pk, []), period, today,
                                 links.get(official.pk, []))[0]
        if result.status != engine.Status.BEHIND:
            continue
        run.behind += 1
        if _remind(official, rule, result, today):
            run.sent += 1
        else:
            run.already_sent += 1
    return run


def _remind(official: Official, rule: QuotaRule, result: engine.RuleResult, today: date) -> bool:
    """Record the reminder and put it in the official's inbox (or the unit's, without a login) — once."""
    try:
        with transaction.atomic():
            QuotaReminder.objects.create(official=official, rule=rule, period_key=result.period.key,
                                         required=result.required, done=result.done)
            phrase = activity_phrase(rule.kind, rule.where)
            unit = UNIT[rule.measure]
            title = (f"履职提醒：{result.period.label_zh}应{phrase}{fmt(result.required)}{unit}，"
                     f"已完成{fmt(result.done)}{unit}")
            body = (f"{official.name}：{result.period.label_zh}还有{result.period.days_left(today)}天结束，"
                    f"尚差{fmt(result.remaining)}{unit}。依据：{rule.source or _chinese(rule)}")
            if official.user_id:
                notifications.notify(title=title, body=body, kind=REMINDER_KIND, user=official.user)
            else:
                notifications.notify(title=title, body=body, kind=REMINDER_KIND, unit=official.unit)
    except IntegrityError:  # another worker reminded this official for this rule and period meanwhile
        return False
    return True
