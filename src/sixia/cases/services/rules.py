"""Writes of the case rules that are data: the dispatch catalogue (派单目录) and the time-limit policies (时限). Each checks its right, then the jurisdiction of the row's region prefix (a county edits its
own rows; only a national user edits the defaults with an empty prefix), validates, writes and audits in one
transaction. The pages (/rules/) and the API (/api/v1/rules/) call these and nothing else.
"""

from __future__ import annotations

import re
from typing import Any

from django.db import transaction

from sixia.cases import permissions as rights
from sixia.cases.defaults import DEADLINE_POLICIES
from sixia.cases.models import Category, DeadlinePolicy, DispatchRule, Track
from sixia.core import audit, jurisdiction, permissions
from sixia.core.errors import InvalidInput, NotFound
from sixia.core.rules import require_region
from sixia.core.validation import is_digits
from sixia.geo.models import Region
from sixia.org import selectors as org_selectors
from sixia.org.models import Unit

STEPS = tuple(dict.fromkeys(p[4] for p in DEADLINE_POLICIES))  # accept, handle, extension, …
KIND_KEY = re.compile(r"^[a-z_]{0,20}$")
MAX_AMOUNT = 3650


def _check_prefix(region_prefix: str) -> str:
    region_prefix = (region_prefix or "").strip()
    if region_prefix and not (is_digits(region_prefix) and Region.objects.filter(code=region_prefix).exists()):
        raise InvalidInput("unknown_region", f"区划前缀 {region_prefix} 不是已知的行政区划代码",
                           f"region prefix {region_prefix} is not a known region code", field="region_prefix")
    return region_prefix


def _check_category(code: str) -> str:
    code = (code or "").strip()
    if code and not Category.objects.filter(code=code).exists():
        raise InvalidInput("unknown_category", f"问题分类代码 {code} 不存在", f"no category with code {code}",
                           field="category_code")
    return code


def _unit(actor, unit: Unit | int | None, *, field: str) -> Unit | None:
    if unit is None or unit == "":
        return None
    unit_id = unit.pk if isinstance(unit, Unit) else unit
    qs = Unit.objects.all() if actor is None else org_selectors.units_for(actor)
    found = qs.filter(pk=unit_id, is_active=True).first()
    if found is None:
        raise InvalidInput("unknown_unit", "单位不存在、已停用或不在您的管辖范围内",
                           "unit not found, inactive or outside your jurisdiction", field=field)
    return found


def _snapshot(obj, fields) -> dict[str, Any]:
    return {f: getattr(obj, f) for f in fields}


# ---- 派单目录 -------------------------------------------------------------------------------------------

DISPATCH_FIELDS = ("category_code", "region_prefix", "unit_id", "copy_unit_id", "is_active")


def dispatch_rules_visible_to(user):
    return DispatchRule.objects.filter(jurisdiction.rules_q(user)).select_related("unit", "copy_unit")


def get_dispatch_rule(user, rule_id: int) -> DispatchRule:
    rule = dispatch_rules_visible_to(user).filter(pk=rule_id).first()
    if rule is None:
        raise NotFound("not_found", "派单规则不存在或不在您的管辖范围内", "dispatch rule not found")
    return rule


def can_edit_dispatch(user, region_prefix: str) -> bool:
    return permissions.allows(user, rights.EDIT_DISPATCH) and jurisdiction.may_edit_rules_of(user, region_prefix)


@transaction.atomic
def save_dispatch_rule(*, actor, rule: DispatchRule | None = None, category_code: str, region_prefix: str,
                       unit: Unit | int | None, copy_unit: Unit | int | None = None,
                       is_active: bool = True) -> DispatchRule:
    """Create (``rule=None``) or change a row of the dispatch catalogue."""
    permissions.require(actor, rights.EDIT_DISPATCH)
    if rule is not None:
        require_region(actor, rule.region_prefix)
    region_prefix = _check_prefix(region_prefix)
    require_region(actor, region_prefix)
    category_code = _check_category(category_code)
    main = _unit(actor, unit, field="unit")
    if main is None:
        raise InvalidInput("unit_required", "请选择承办单位", "choose the responsible unit", field="unit")
    copy = _unit(actor, copy_unit, field="copy_unit")
    if copy is not None and copy.pk == main.pk:
        raise InvalidInput("copy_is_unit", "抄送督办单位不能与承办单位相同",
                           "the copy unit must differ from the responsible unit", field="copy_unit")
    clash = DispatchRule.objects.filter(category_code=category_code, region_prefix=region_prefix, is_active=True)
    if rule is not None:
        clash = clash.exclude(pk=rule.pk)
    if is_active and clash.exists():
        raise InvalidInput("duplicate_rule", "该问题分类和区划已有启用的派单规则，请修改原规则",
                           "an active dispatch rule for this category and region already exists; edit it instead",
                           field="category_code")
    before = _snapshot(rule, DISPATCH_FIELDS) if rule else {}
    target = DispatchRule.objects.select_for_update().get(pk=rule.pk) if rule else DispatchRule()
    target.category_code, target.region_prefix = category_code, region_prefix
    target.unit, target.copy_unit, target.is_active = main, copy, bool(is_active)
    target.save()
    after = _snapshot(target, DISPATCH_FIELDS)
    audit.record(audit.Action.UPDATE if rule else audit.Action.CREATE, obj=target, actor=actor,
                 summary=f"{'修改' if rule else '新增'}派单规则 {category_code or '全部分类'}@{region_prefix or '全部区划'}"
                         f" → {main.name}",
                 changes=audit.diff(before, after))
    return target


# ---- 时限规则 -------------------------------------------------------------------------------------------

POLICY_FIELDS = ("region_prefix", "track", "kind_key", "category_code", "step", "kind", "amount", "note")


def policies_visible_to(user):
    return DeadlinePolicy.objects.filter(jurisdiction.rules_q(user))


def get_policy(user, policy_id: int) -> DeadlinePolicy:
    policy = policies_visible_to(user).filter(pk=policy_id).first()
    if policy is None:
        raise NotFound("not_found", "时限规则不存在或不在您的管辖范围内", "time-limit policy not found")
    return policy


def can_edit_policy(user, region_prefix: str) -> bool:
    return permissions.allows(user, rights.EDIT_POLICIES) and jurisdiction.may_edit_rules_of(user, region_prefix)


@transaction.atomic
def save_policy(*, actor, policy: DeadlinePolicy | None = None, region_prefix: str, track: str, kind_key: str = "",
                category_code: str = "", step: str, kind: str, amount: int, note: str = "") -> DeadlinePolicy:
    """Create (``policy=None``) or change a time-limit policy; the key (region × track × class/type × category
    × step) stays unique."""
    permissions.require(actor, rights.EDIT_POLICIES)
    if policy is not None:
        require_region(actor, policy.region_prefix)
    region_prefix = _check_prefix(region_prefix)
    require_region(actor, region_prefix)
    if track not in Track.values:
        raise InvalidInput("bad_track", "未知的诉求类型", "unknown track", field="track")
    if step not in STEPS:
        raise InvalidInput("bad_step", "未知的办理环节", "unknown step", field="step")
    if kind not in DeadlinePolicy.Kind.values:
        raise InvalidInput("bad_kind", "未知的计算方式", "unknown way of counting", field="kind")
    kind_key = (kind_key or "").strip()
    if not KIND_KEY.match(kind_key):
        raise InvalidInput("bad_kind_key", "信访类别/诉求类型只能是小写字母代码", "class/type must be a lowercase code",
                           field="kind_key")
    category_code = _check_category(category_code)
    if not isinstance(amount, int) or isinstance(amount, bool) or not 0 < amount <= MAX_AMOUNT:
        raise InvalidInput("bad_amount", f"时限须为 1 至 {MAX_AMOUNT} 之间的整数",
                           f"the limit must be a whole number from 1 to {MAX_AMOUNT}", field="amount")
    note = (note or "").strip()[:120]
    clash = DeadlinePolicy.objects.filter(region_prefix=region_prefix, track=track, kind_key=kind_key,
                                          category_code=category_code, step=step)
    if policy is not None:
        clash = clash.exclude(pk=policy.pk)
    if clash.exists():
        raise InvalidInput("duplicate_policy", "相同区划、类型、类别、分类和环节的时限规则已存在，请修改原规则",
                           "a policy with the same region, track, class/type, category and step already exists; "
                           "edit it instead", field="step")
    before = _snapshot(policy, POLICY_FIELDS) if policy else {}
    target = DeadlinePolicy.objects.select_for_update().get(pk=policy.pk) if policy else DeadlinePolicy()
    for name, value in zip(POLICY_FIELDS, (region_prefix, track, kind_key, category_code, step, kind, amount, note),
                           strict=True):
        setattr(target, name, value)
    target.save()
    audit.record(audit.Action.UPDATE if policy else audit.Action.CREATE, obj=target, actor=actor,
                 summary=f"{'修改' if policy else '新增'}时限规则 {target}",
                 changes=audit.diff(before, _snapshot(target, POLICY_FIELDS)))
    return target
