"""API of the risk index weights (风险指数权重): read by everyone signed in, written with insight.edit_weights."""

from __future__ import annotations

from ninja import Router, Schema

from sixia.api.auth import needs
from sixia.api.schemas import Error
from sixia.insight import permissions as rights
from sixia.insight import weights
from sixia.insight.models import RiskSettings

router = Router()


class RiskWeights(Schema):
    weight_volume: float
    weight_repeats: float
    weight_overdue: float
    weight_dissatisfaction: float
    weight_collective: float


@router.get("/rules/risk-weights", response=RiskWeights, summary="风险指数权重")
def get_risk_weights(request):
    return RiskSettings.current()


@router.post("/rules/risk-weights", auth=needs(rights.EDIT_WEIGHTS),
             response={200: RiskWeights, 403: Error, 422: Error}, summary="修改风险指数权重（合计须为 1）")
def set_risk_weights(request, payload: RiskWeights):
    return weights.save_risk_weights(actor=request.auth, **payload.model_dump())
