"""调研: research topics (领题调研), their measures, reports and exchange meetings, and field trips."""

from __future__ import annotations

from ninja import File, Query, Router, Status
from ninja.files import UploadedFile

from sixia.activities import permissions as rights
from sixia.activities import research, selectors, services
from sixia.activities.api import out
from sixia.activities.api.schemas import (
    ERRORS,
    ActivityCreated,
    ActivityOut,
    AttachmentOut,
    ExchangeIn,
    ExchangeOut,
    ListFilter,
    MeasureCreated,
    MeasureIn,
    ProgressIn,
    ReportIn,
    TopicIn,
    TopicOut,
    TripIn,
)
from sixia.activities.models import Kind
from sixia.api.auth import needs
from sixia.api.schemas import Page
from sixia.core import uploads

router = Router()


@router.post("/research-topics", auth=needs(rights.RESEARCH), response={201: TopicOut, **ERRORS}, summary="领题调研")
def create_topic(request, payload: TopicIn):
    topic = research.create_topic(actor=request.auth, **payload.dict())
    return Status(201, out.topic_out(topic))


@router.get("/research-topics", response={200: list[TopicOut], **ERRORS}, summary="调研课题列表")
def list_topics(request, year: int | None = None):
    return [out.topic_out(t) for t in selectors.topics_for(request.auth, year=year)]


@router.get("/research-topics/{topic_id}", response={200: TopicOut, **ERRORS}, summary="调研课题：调研、报告、措施、交流")
def get_topic(request, topic_id: int):
    return out.topic_out(research.get_topic(request.auth, topic_id))


@router.post("/research-topics/{topic_id}/measures", auth=needs(rights.RESEARCH),
             response={201: MeasureCreated, **ERRORS}, summary="整改措施/成果转化")
def add_measure(request, topic_id: int, payload: MeasureIn):
    topic = research.get_topic(request.auth, topic_id)
    measure = research.add_measure(actor=request.auth, topic=topic, **payload.dict())
    return Status(201, {"id": measure.pk, "topic": out.topic_out(topic)})


@router.post("/measures/{measure_id}/progress", auth=needs(rights.RESEARCH), response={200: TopicOut, **ERRORS},
             summary="更新措施进度")
def measure_progress(request, measure_id: int, payload: ProgressIn):
    measure = selectors.get_measure(measure_id)
    topic = research.get_topic(request.auth, measure.topic_id)
    research.update_measure(actor=request.auth, measure=measure, progress=payload.progress, status=payload.status)
    return out.topic_out(topic)


@router.post("/research-topics/{topic_id}/report", auth=needs(rights.RESEARCH), response={200: TopicOut, **ERRORS},
             summary="调研报告摘要")
def topic_report(request, topic_id: int, payload: ReportIn):
    topic = research.set_report(actor=request.auth, topic=research.get_topic(request.auth, topic_id),
                                summary=payload.summary)
    return out.topic_out(topic)


@router.post("/research-topics/{topic_id}/attachments", auth=needs(rights.RESEARCH),
             response={201: AttachmentOut, **ERRORS}, summary="上传调研报告")
def upload_report(request, topic_id: int, file: File[UploadedFile]):
    topic = research.get_topic(request.auth, topic_id)
    data = file.read(uploads.max_bytes() + 1)
    row = services.attach(actor=request.auth, data=data, filename=file.name or "", topic=topic, is_report=True)
    return Status(201, out.attachment(row))


@router.post("/exchange-meetings", auth=needs(rights.RESEARCH), response={201: ExchangeOut, **ERRORS},
             summary="成果交流会")
def exchange(request, payload: ExchangeIn):
    meeting = research.hold_exchange_meeting(actor=request.auth, **payload.dict())
    return Status(201, {"id": meeting.pk, "day": meeting.day, "topic_ids": payload.topic_ids})


@router.post("/research-trips", auth=needs(rights.RECORD), response={201: ActivityCreated, **ERRORS},
             summary="调研（地点、天数、座谈人数、四不两直）")
def create_trip(request, payload: TripIn):
    recorded = services.record_trip(
        actor=request.auth, **out.base(payload, "下基层调研"), problems=out.problems(payload.findings),
        topic_id=payload.topic_id, people_met=payload.people_met, four_not_two_direct=payload.four_not_two_direct)
    return out.created(request, recorded)


@router.get("/research-trips", response={200: Page[ActivityOut], **ERRORS}, summary="调研列表")
def list_trips(request, filters: Query[ListFilter]):
    return out.listing(request, Kind.RESEARCH, filters)
