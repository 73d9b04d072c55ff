"""Writing the weights of the 三率 composite (CaseSettings.weight_*): a right, the national scope, a check, an
audit entry."""

from __future__ import annotations

from sixia.cases.models import CaseSettings
from sixia.core.rules import save_weights
from sixia.reports import permissions as rights

CASE_WEIGHTS = ("weight_response", "weight_resolution", "weight_satisfaction")


def save_case_weights(*, actor, **weights: float) -> CaseSettings:
    """One formula for the deployment, so rankings stay comparable: a national administrator's."""
    return save_weights(actor=actor, model=CaseSettings, names=CASE_WEIGHTS, right=rights.EDIT_WEIGHTS,
                        summary="修改三率权重", weights=weights)
