"""The portal in the API, without login: submit, track with code + phone, rate the reply."""

from __future__ import annotations

from datetime import datetime

from ninja import Router, Schema, Status
from pydantic import Field

from sixia.api.schemas import Error
from sixia.core import throttle
from sixia.public import selectors, services
from sixia.public.view_model import objection_dict, public_view

PREFIX = "/public"
router = Router(tags=["public"])
ERRORS = {404: Error, 409: Error, 422: Error}


class SubmitIn(Schema):
    name: str = Field(max_length=40)
    phone: str = Field(max_length=20)
    id_number: str = Field("", max_length=20)
    region: str = Field(max_length=80, description="区划名称（可带上级名称）或代码")
    category: str = Field("", max_length=60)
    text: str = Field(max_length=2000)
    location: str = Field("", max_length=200)


class SubmittedOut(Schema):
    code: str
    state: str
    accept_due: datetime | None


class EventOut(Schema):
    at: datetime
    label: str
    state: str
    unit: str


class ObjectionOut(Schema):
    path: str
    label: str
    due: datetime
    organ: str
    law: str


class PublicCaseOut(Schema):
    code: str
    title: str
    state: str
    state_label: str
    region: str
    category: str
    registered_at: datetime
    accept_due: datetime | None
    handle_due: datetime | None
    replied_at: datetime | None
    outcome: str
    reply: str
    timeline: list[EventOut]
    can_rate: bool
    rating: str
    objection: ObjectionOut | None


class RatingIn(Schema):
    phone: str = Field(max_length=20)
    satisfaction: str = Field(max_length=14, description="satisfied | basically | dissatisfied")
    comment: str = Field("", max_length=500)
    resolved: bool = False


class RatedOut(Schema):
    satisfaction: str
    objection: ObjectionOut | None


# throttle: public_submit
@router.post("/cases", auth=None, response={201: SubmittedOut, **ERRORS}, summary="群众网上提交诉求（无需登录）")
def submit(request, payload: SubmitIn):
    throttle.limit(request, scope="public_submit", key="ip")
    case = services.submit_case(**payload.dict())
    return Status(201, {"code": case.tracking_no, "state": case.state, "accept_due": case.accept_due})


# throttle: public_query
@router.get("/cases/{code}", auth=None, response={200: PublicCaseOut, **ERRORS},
            summary="凭查询码和联系电话查询办理情况（无需登录）")
def track(request, code: str, phone: str = ""):
    throttle.limit(request, scope="public_query", key="ip")  # code + phone guessing
    case = selectors.case_for(code[:40], phone[:20])
    if case is None:
        raise services.not_found()
    return public_view(case)


# throttle: public_query
@router.post("/cases/{code}/rating", auth=None, response={200: RatedOut, **ERRORS},
             summary="答复后评价一次：满意、基本满意、不满意（无需登录）")
def rate(request, code: str, payload: RatingIn):
    throttle.limit(request, scope="public_query", key="ip")
    visit, objection = services.rate_case(code=code[:40], **payload.dict())
    return {"satisfaction": visit.satisfaction, "objection": objection_dict(objection)}
