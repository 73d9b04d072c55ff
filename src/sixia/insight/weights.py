"""Writing the weights of the risk index (风险指数): a right, the national scope, a check, an audit entry."""

from __future__ import annotations

from sixia.core.rules import save_weights
from sixia.insight import permissions as rights
from sixia.insight.models import RiskSettings

RISK_WEIGHTS = ("weight_volume", "weight_repeats", "weight_overdue", "weight_dissatisfaction", "weight_collective")


def save_risk_weights(*, actor, **weights: float) -> RiskSettings:
    """One formula for the deployment, so a national administrator's; the weights add up to 1."""
    return save_weights(actor=actor, model=RiskSettings, names=RISK_WEIGHTS, right=rights.EDIT_WEIGHTS,
                        summary="修改风险指数权重", weights=weights)
