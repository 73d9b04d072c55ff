"""Checks shared by the services of rules that are data (派单目录, 时限, 三率 and risk weights, quotas).

A rule keyed by a region prefix is edited inside the jurisdiction (``jurisdiction.may_edit_rules_of``); a set of
weights is one formula for the deployment, so it is edited by a national user (the empty prefix).
"""

from __future__ import annotations

import math

from sixia.core import jurisdiction
from sixia.core.errors import Forbidden, InvalidInput


def require_region(actor, region_prefix: str) -> None:
    if not jurisdiction.may_edit_rules_of(actor, region_prefix):
        raise Forbidden("outside_jurisdiction", "您只能修改本辖区的规则；全国默认规则仅全国管理员可修改",
                        "you may edit only the rules of your own region; only a national administrator edits the "
                        "defaults")


def check_weights(values: dict[str, float], names: tuple[str, ...]) -> None:
    """Every weight given, each between 0 and 1, together 1 (to 0.001): an index stays a percentage."""
    if set(values) != set(names):
        raise InvalidInput("bad_fields", f"须给出全部权重：{', '.join(names)}", f"give every weight: {', '.join(names)}")
    for name, value in values.items():
        if not isinstance(value, int | float) or isinstance(value, bool) or not math.isfinite(value) \
                or not 0 <= value <= 1:
            raise InvalidInput("bad_weight", "权重须为 0 到 1 之间的数", "a weight must be between 0 and 1", field=name)
    total = sum(values.values())
    if abs(total - 1) > 0.001:
        raise InvalidInput("weights_sum", f"各项权重之和须为 1（现为 {total:g}）",
                           f"the weights must add up to 1 (they add up to {total:g})")


def save_weights(*, actor, model, names: tuple[str, ...], right: str, summary: str, weights: dict[str, float]):
    """Write the weights of a deployment-wide formula (the single settings row of ``model``): the right, the
    national scope, weights that add up to 1, one audit entry — shared by the 三率 and the risk index."""
    from django.db import transaction

    from sixia.core import audit, permissions

    permissions.require(actor, right)
    require_region(actor, "")
    check_weights(weights, names)
    with transaction.atomic():
        conf = model.objects.select_for_update().order_by("pk").first() or model()
        before = {name: getattr(conf, name) for name in names} if conf.pk else {}
        for name, value in weights.items():
            setattr(conf, name, float(value))
        conf.save()
        audit.record(audit.Action.UPDATE, obj=conf, actor=actor, summary=summary,
                     changes=audit.diff(before, {name: getattr(conf, name) for name in names}))
    return conf
