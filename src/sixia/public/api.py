"""The portal in the API, without login: submit, track with code + phone, rate the reply."""

from __future__ import annotations

from datetime import datetime

from ninja import Router, Schema, Status
from ninja.errors import ValidationError
from pydantic import Field
from pydantic import ValidationError as PydanticError

from sixia.api.schemas import Error
from sixia.api.validation import SafeParser
from sixia.core import throttle
from sixia.core.errors import InvalidInput
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


class PublicNoticeOut(Schema):
    kind: str
    label: str
    at: datetime | None
    phone: str = Field(description="masked, e.g. 139****2222")
    delivery: str = Field(description="'' (no receipt), delivered or undelivered")
    delivery_label: str


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
    notices: list[PublicNoticeOut]


class RatingIn(Schema):
    phone: str = Field(max_length=20)
    satisfaction: str = Field(max_length=14, description="satisfied | basically | dissatisfied")
    comment: str = Field("", max_length=500)
    resolved: bool = False


class RatedOut(Schema):
    satisfaction: str
    objection: ObjectionOut | None


def _multipart_schema() -> dict:
    schema = SubmitIn.model_json_schema()
    properties = dict(schema["properties"]) | {"photos": {
        "type": "array", "maxItems": services.MAX_PHOTOS, "items": {"type": "string", "format": "binary"},
        "description": f"照片（jpg、png、webp、gif），最多{services.MAX_PHOTOS}张"}}
    return {"type": "object", "properties": properties, "required": schema.get("required", [])}


SUBMIT_BODY = {"requestBody": {"required": True, "content": {
    "application/json": {"schema": SubmitIn.model_json_schema()},
    "multipart/form-data": {"schema": _multipart_schema()}}}}


def _submission(request) -> tuple[SubmitIn, list]:
    """The submission as JSON (no photos) or as multipart form data with up to 3 ``photos``, as the page sends it."""
    photos: list = []
    if request.content_type == "multipart/form-data":
        fields: object = {name: request.POST[name] for name in SubmitIn.model_fields if name in request.POST}
        photos = request.FILES.getlist("photos")
    else:
        try:
            fields = SafeParser().parse_body(request)
        except ValueError:
            raise InvalidInput("invalid_json", "请求内容不是有效的 JSON", "the body is not valid JSON") from None
    try:
        return SubmitIn.model_validate(fields), photos
    except PydanticError as exc:
        raise ValidationError([_plain(dict(error)) for error in exc.errors(include_url=False)]) from None


def _plain(error: dict) -> dict:
    """A pydantic error as JSON can carry it (its context may hold the exception object)."""
    context = {k: v if isinstance(v, int | float | str) else str(v) for k, v in (error.get("ctx") or {}).items()}
    return {k: v for k, v in error.items() if k not in ("ctx", "input")} | ({"ctx": context} if context else {})


# throttle: public_submit
@router.post("/cases", auth=None, response={201: SubmittedOut, **ERRORS}, openapi_extra=SUBMIT_BODY,
             summary="群众网上提交诉求（无需登录；JSON，或 multipart 附最多3张照片）")
def submit(request):
    payload, photos = _submission(request)  # a malformed body is refused before it counts, as a schema would
    throttle.limit(request, scope="public_submit", key="ip")
    case = services.submit_case(**payload.dict(), photos=photos)
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
