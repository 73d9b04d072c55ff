"""点题整治 in the API: officials under ``/topics`` (scoped by jurisdiction, writes by right), the public under
``/public/topics`` (no login, throttled: list published topics, nominate, vote, rate)."""

from __future__ import annotations

from datetime import date, datetime

from ninja import Query, Router, Schema, Status
from pydantic import Field

from sixia.api.auth import needs
from sixia.api.schemas import Error
from sixia.api.validation import Id, SafeText, SaneDate
from sixia.core import throttle
from sixia.core.errors import NotFound
from sixia.topics import out, selectors, services
from sixia.topics import permissions as rights
from sixia.topics.models import Nomination
from sixia.topics.services import public

router = Router(tags=["topics 点题整治"])
ERRORS = {403: Error, 404: Error, 409: Error, 422: Error}


class TopicSummary(Schema):
    id: int
    year: int
    title: str
    state: str
    state_label: str
    region: str
    region_code: str
    lead_unit: str
    votes: int


class MeasureOut(Schema):
    id: int
    title: str
    unit: str
    due_date: date
    progress: int
    overdue: bool


class EventOut(Schema):
    day: date
    kind: str
    label: str
    percent: int | None
    text: str
    unit: str


class TopicPublicOut(TopicSummary):
    problem: str
    goal: str
    co_units: list[str]
    progress: int
    measures: list[MeasureOut]
    timeline: list[EventOut]
    cases_count: int
    published_at: datetime | None
    completed_at: datetime | None
    result: str
    ratings: dict[str, int]
    satisfaction_rate: float | None


class NoteOut(Schema):
    id: int
    kind: str
    text: str
    measure_id: int | None
    reply_by: date | None
    at: datetime
    by: str


class LinkedCase(Schema):
    id: int
    code: str
    title: str
    state: str


class TopicOut(TopicPublicOut):
    supervision: list[NoteOut]
    cases: list[LinkedCase]
    nominations: list[int]


class TopicFilter(Schema):
    year: int | None = Field(None, ge=2000, le=2100)
    state: str = Field("", max_length=12)
    unit_id: Id | None = None
    attention: bool = False


class TopicIn(Schema):
    year: int = Field(ge=2000, le=2100)
    region_code: str = Field(max_length=12)
    title: SafeText = Field(max_length=120)
    problem: SafeText = Field(max_length=2000)
    goal: SafeText = Field("", max_length=1000)
    lead_unit_id: Id
    co_unit_ids: list[Id] = Field(default_factory=list, max_length=20)
    nomination_ids: list[Id] = Field(default_factory=list, max_length=200)


class MoveIn(Schema):
    to: str = Field(max_length=12, description="voting | answering | done | dropped")
    result: SafeText = Field("", max_length=2000)


class MeasureIn(Schema):
    title: SafeText = Field(max_length=200)
    due_date: SaneDate
    unit_id: Id | None = None


class ProgressIn(Schema):
    percent: int = Field(ge=0, le=100)
    text: SafeText = Field(max_length=1000)
    day: SaneDate | None = None


class NoteIn(Schema):
    kind: str = Field("note", max_length=8, description="note | urge")
    text: SafeText = Field(max_length=1000)
    measure_id: Id | None = None
    reply_by: SaneDate | None = None


class MergeIn(Schema):
    nomination_ids: list[Id] = Field(max_length=200)


class CaseLinkIn(Schema):
    case_id: Id


class NominationOut(Schema):
    id: int
    source: str
    status: str
    region: str
    category: str
    text: str
    name: str
    phone: str
    topic_id: int | None
    created_at: datetime


class RecordIn(Schema):
    region_code: str = Field(max_length=12)
    text: SafeText = Field(max_length=1000)
    source: str = Field("visit", max_length=10, description="visit | activity")
    category: str = Field("", max_length=60)
    activity_id: Id | None = None
    name: SafeText = Field("", max_length=40)
    phone: str = Field("", max_length=20)


def _nomination(n: Nomination) -> dict:
    return {"id": n.pk, "source": n.source, "status": n.status, "region": n.region.name,
            "category": n.category.name if n.category else "", "text": n.text, "name": n.name,
            "phone": n.phone_masked, "topic_id": n.topic_id, "created_at": n.created_at}


# ---- officials ----

@router.get("/topics", response={200: list[TopicSummary], **ERRORS}, summary="点题整治题目列表")
def list_topics(request, filters: Query[TopicFilter]):
    rows = selectors.topics_for(request.auth, year=filters.year, state=filters.state, unit_id=filters.unit_id,
                                attention=filters.attention)
    return [out.topic_summary(t) for t in rows[:500]]


@router.post("/topics", auth=needs(rights.CURATE), response={201: TopicOut, **ERRORS}, summary="梳理点题，确定题目")
def create_topic(request, payload: TopicIn):
    topic = services.create_topic(actor=request.auth, **payload.dict())
    return Status(201, out.topic_full(topic))


@router.get("/topics/nominations", response={200: list[NominationOut], **ERRORS}, summary="群众点题（待梳理）")
def list_nominations(request, status: str = ""):
    return [_nomination(n) for n in selectors.nominations_for(request.auth, status=status[:10])[:500]]


@router.post("/topics/nominations", auth=needs(rights.RECORD), response={201: NominationOut, **ERRORS},
             summary="记录走访中收集的群众点题")
def record_nomination(request, payload: RecordIn):
    return Status(201, _nomination(services.record_nomination(actor=request.auth, **payload.dict())))


@router.get("/topics/{topic_id}", response={200: TopicOut, **ERRORS}, summary="题目：举措、进度、督办、评价")
def get_topic(request, topic_id: Id):
    return out.topic_full(selectors.get_topic(request.auth, topic_id))


@router.post("/topics/{topic_id}/state", auth=needs(rights.CURATE), response={200: TopicOut, **ERRORS},
             summary="公布投票、立项整治、公布成效或不予立项")
def move_topic(request, topic_id: Id, payload: MoveIn):
    topic = services.move(actor=request.auth, topic=selectors.get_topic(request.auth, topic_id), **payload.dict())
    return out.topic_full(topic)


@router.post("/topics/{topic_id}/nominations", auth=needs(rights.CURATE), response={200: TopicOut, **ERRORS},
             summary="将更多群众点题纳入题目")
def merge_nominations(request, topic_id: Id, payload: MergeIn):
    topic = services.merge_nominations(actor=request.auth, topic=selectors.get_topic(request.auth, topic_id),
                                       nomination_ids=payload.nomination_ids)
    return out.topic_full(topic)


@router.post("/topics/{topic_id}/measures", auth=needs(rights.ANSWER), response={201: TopicOut, **ERRORS},
             summary="部门答题：添加举措")
def add_measure(request, topic_id: Id, payload: MeasureIn):
    topic = selectors.get_topic(request.auth, topic_id)
    services.add_measure(actor=request.auth, topic=topic, **payload.dict())
    return Status(201, out.topic_full(topic))


@router.post("/topics/{topic_id}/measures/{measure_id}/progress", auth=needs(rights.ANSWER),
             response={201: TopicOut, **ERRORS}, summary="部门答题：填报举措进度")
def report_progress(request, topic_id: Id, measure_id: Id, payload: ProgressIn):
    topic = selectors.get_topic(request.auth, topic_id)
    measure = topic.measures.filter(pk=measure_id).first()
    if measure is None:
        raise NotFound("measure_not_found", "举措不存在", "measure not found")
    services.report_progress(actor=request.auth, measure=measure, percent=payload.percent, text=payload.text,
                             on=payload.day)
    return Status(201, out.topic_full(topic))


@router.post("/topics/{topic_id}/supervision", auth=needs(rights.SUPERVISE), response={201: TopicOut, **ERRORS},
             summary="纪委监督：监督记录或督办")
def supervise(request, topic_id: Id, payload: NoteIn):
    topic = selectors.get_topic(request.auth, topic_id)
    services.supervise(actor=request.auth, topic=topic, **payload.dict())
    return Status(201, out.topic_full(topic))


@router.post("/topics/{topic_id}/cases", auth=needs(rights.CURATE, early=False), response={201: TopicOut, **ERRORS},
             summary="题目关联诉求（梳理单位或答题单位）")
def link_case(request, topic_id: Id, payload: CaseLinkIn):
    topic = selectors.get_topic(request.auth, topic_id)
    services.link_case(actor=request.auth, topic=topic, case_id=payload.case_id)
    return Status(201, out.topic_full(topic))


# ---- the public (no login) ----

class NominateIn(Schema):
    name: str = Field("", max_length=40)
    phone: str = Field(max_length=20)
    region: str = Field(max_length=80, description="区划名称（可带上级名称）或代码")
    category: str = Field("", max_length=60)
    text: str = Field(max_length=1000)


class NominatedOut(Schema):
    id: int
    status: str


class PhoneIn(Schema):
    phone: str = Field(max_length=20)


class VotedOut(Schema):
    id: int
    votes: int


class RateIn(Schema):
    phone: str = Field(max_length=20)
    satisfaction: str = Field(max_length=14, description="satisfied | basically | dissatisfied")
    comment: str = Field("", max_length=500)


class RatedOut(Schema):
    id: int
    satisfaction: str
    satisfaction_rate: float | None


# throttle: public_read
@router.get("/public/topics", auth=None, response={200: list[TopicSummary], **ERRORS},
            summary="公布的点题整治题目（无需登录）")
def public_list(request, year: int | None = None, state: str = ""):
    throttle.limit(request, scope="public_read", key="ip")
    year = year if year and 2000 <= year <= 2100 else None
    return [out.topic_summary(t) for t in selectors.public_topics(year=year, state=state[:12])[:200]]


# throttle: topic_nominate
@router.post("/public/topics/nominations", auth=None, response={201: NominatedOut, **ERRORS},
             summary="群众点题（无需登录）")
def public_nominate(request, payload: NominateIn):
    throttle.limit(request, scope="topic_nominate", key="ip")
    row = public.nominate(**payload.dict())
    return Status(201, {"id": row.pk, "status": row.status})


# throttle: public_read
@router.get("/public/topics/{topic_id}", auth=None, response={200: TopicPublicOut, **ERRORS},
            summary="题目的整治进度与成效（无需登录）")
def public_detail(request, topic_id: Id):
    throttle.limit(request, scope="public_read", key="ip")
    topic = selectors.public_topic(topic_id)
    if topic is None:
        raise public.not_found()
    return out.topic_public(topic)


# throttle: topic_vote
@router.post("/public/topics/{topic_id}/votes", auth=None, response={201: VotedOut, **ERRORS},
             summary="群众投票：每个电话号码每题一票（无需登录）")
def public_vote(request, topic_id: Id, payload: PhoneIn):
    throttle.limit(request, scope="topic_vote", key="ip")
    topic, votes = public.vote(topic_id=topic_id, phone=payload.phone)
    return Status(201, {"id": topic.pk, "votes": votes})


# throttle: topic_vote
@router.post("/public/topics/{topic_id}/rating", auth=None, response={201: RatedOut, **ERRORS},
             summary="社会评价：满意、基本满意、不满意，每个电话号码一次（无需登录）")
def public_rate(request, topic_id: Id, payload: RateIn):
    throttle.limit(request, scope="topic_vote", key="ip")
    row = public.rate(topic_id=topic_id, **payload.dict())
    _counts, rate = selectors.satisfaction(row.topic)
    return Status(201, {"id": row.topic_id, "satisfaction": row.satisfaction, "satisfaction_rate": rate})
