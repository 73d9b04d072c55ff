"""Writing the weights of the risk index (风险指数): a right, the national scope, a check, an audit entry."""

from __future__ import annotations

from django.db import transaction

from sixia.core import audit, permissions
from sixia.core.rules import check_weights, require_region
from sixia.insight import permissions as rights
from sixia.insight.models import RiskSettings

RISK_WEIGHTS = ("weight_volume", "weight_repeats", "weight_overdue", "weight_dissatisfaction", "weight_collective")


@transaction.atomic
def save_risk_weights(*, actor, **weights: float) -> RiskSettings:
    """One formula for the deployment, so a national administrator's; the weights add up to 1."""
    permissions.require(actor, rights.EDIT_WEIGHTS)
    require_region(actor, "")
    check_weights(weights, RISK_WEIGHTS)
    conf = RiskSettings.objects.select_for_update().order_by("pk").first() or RiskSettings()
    before = {name: getattr(conf, name) for name in RISK_WEIGHTS} if conf.pk else {}
    for name, value in weights.items():
        setattr(conf, name, float(value))
    conf.save()
    audit.record(audit.Action.UPDATE, obj=conf, actor=actor, summary="修改风险指数权重",
                 changes=audit.diff(before, {name: getattr(conf, name) for name in RISK_WEIGHTS}))
    return conf
