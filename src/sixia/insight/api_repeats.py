"""API of repeated petitions (重复件), hot issues (热点) and the risk index (风险指数). Thin: parse, call, shape.

``POST /insight/repeats`` is what the intake page calls (session auth) while a dispatcher types a demand.
"""

from __future__ import annotations

from datetime import datetime

from ninja import Router, Schema

from sixia.api.auth import needs
from sixia.api.schemas import Error
from sixia.cases import selectors as case_selectors
from sixia.core.errors import InvalidInput, NotFound
from sixia.insight import hotspots, repeats, risk
from sixia.insight import permissions as rights

router = Router()


class PetitionerIn(Schema):
    name: str = ""
    id_number: str = ""
    phone: str = ""
    address: str = ""
    person_id: int | None = None


class RepeatQuery(Schema):
    title: str = ""
    content: str = ""
    region_code: str = ""
    petitioners: list[PetitionerIn] = []


class CandidateOut(Schema):
    case_id: int
    tracking_no: str
    similarity: float
    text_similarity: float
    identity_match: bool
    exact: bool
    is_repeat: bool
    state: str
    state_label: str
    unit: str
    title: str
    region_code: str
    registered_at: datetime
    finalized_same_matter: bool = False  # same person + same matter, finalized (条例第36条第3款)


class FlagsOut(Schema):
    over_level: bool
    repeat_count: int
    multi_year: bool
    multi_level: bool
    multi_body: bool
    three_many: bool
    finalized_repeat: bool = False  # the desk may decline to accept it again (条例第36条第3款)


class RepeatsOut(Schema):
    candidates: list[CandidateOut]
    flags: FlagsOut


class MarkIn(Schema):
    into_id: int
    reason: str
    similarity: float | None = None


def _out(result: repeats.RepeatResult) -> dict:
    return {"candidates": result.candidates, "flags": result.flags}


@router.post("/insight/repeats", auth=needs(rights.SUGGEST), response={200: RepeatsOut, 422: Error}, summary="重复件候选（登记时）")
def find_repeats(request, payload: RepeatQuery):
    result = repeats.find_repeats(request.auth, title=payload.title, content=payload.content,
                                  region_code=payload.region_code,
                                  petitioners=[p.dict() for p in payload.petitioners])
    return _out(result)


@router.get("/cases/{case_id}/repeats", response={200: RepeatsOut, 404: Error}, summary="一件诉求的重复件候选")
def case_repeats(request, case_id: int):
    case = case_selectors.get_case(request.auth, case_id)
    return _out(repeats.repeats_of_case(request.auth, case))


@router.post("/cases/{case_id}/mark-repeated", auth=needs(rights.CONFIRM), response={200: dict, 404: Error, 409: Error, 422: Error},
             summary="标记重复件并并入主件（并单）")
def mark_repeated(request, case_id: int, payload: MarkIn):
    case = case_selectors.get_case(request.auth, case_id)
    try:
        into = case_selectors.get_case(request.auth, payload.into_id)
    except NotFound:
        raise InvalidInput("merge_target_required", "主件不存在或不在您的管辖范围内", "main case not found",
                           field="into_id")
    case = repeats.mark_repeated(actor=request.auth, case=case, into=into, reason=payload.reason,
                                 similarity=payload.similarity)
    return {"case_id": case.pk, "tracking_no": case.tracking_no, "state": case.state,
            "is_repeated": case.is_repeated, "merged_into_id": case.merged_into_id}


@router.get("/insight/hotspots", response={200: dict, 422: Error}, summary="热点问题（按区划与周期聚类）")
def get_hotspots(request, region_code: str = "", period: str = ""):
    return hotspots.hotspots_for(request.auth, region_code=region_code, period=period)


@router.get("/insight/risk", response={200: dict, 404: Error}, summary="风险指数（下级区划）")
def get_risk(request, region_code: str = ""):
    return risk.risk_for(request.auth, region_code=region_code)
