"""Writing the weights of the 三率 composite (CaseSettings.weight_*): a right, the national scope, a check, an
audit entry."""

from __future__ import annotations

from django.db import transaction

from sixia.cases.models import CaseSettings
from sixia.core import audit, permissions
from sixia.core.rules import check_weights, require_region
from sixia.reports import permissions as rights

CASE_WEIGHTS = ("weight_response", "weight_resolution", "weight_satisfaction")


@transaction.atomic
def save_case_weights(*, actor, **weights: float) -> CaseSettings:
    """One formula for the deployment, so rankings stay comparable: a national administrator's."""
    permissions.require(actor, rights.EDIT_WEIGHTS)
    require_region(actor, "")
    check_weights(weights, CASE_WEIGHTS)
    conf = CaseSettings.objects.select_for_update().order_by("pk").first() or CaseSettings()
    before = {name: getattr(conf, name) for name in CASE_WEIGHTS} if conf.pk else {}
    for name, value in weights.items():
        setattr(conf, name, float(value))
    conf.save()
    audit.record(audit.Action.UPDATE, obj=conf, actor=actor, summary="修改三率权重",
                 changes=audit.diff(before, {name: getattr(conf, name) for name in CASE_WEIGHTS}))
    return conf
