"""What every kind shares: any activity by id, more problems, a problem's outcome, attachments, and the cases
a reception day or visit carries (带案下访)."""

from __future__ import annotations

from ninja import File, Router, Status
from ninja.files import UploadedFile

from sixia.activities import permissions as rights
from sixia.activities import selectors, services
from sixia.activities.api import out
from sixia.activities.api.schemas import (
    ERRORS,
    ActivityCreated,
    ActivityDetail,
    AttachmentOut,
    CarriedIn,
    ProblemUpdateIn,
    VisitorsIn,
)
from sixia.api.auth import needs
from sixia.core import uploads

router = Router()


@router.get("/items/{activity_id}", response={200: ActivityDetail, **ERRORS}, summary="任一活动")
def get_any(request, activity_id: int):
    return out.activity_out(selectors.get_activity(request.auth, activity_id))


@router.post("/items/{activity_id}/problems", auth=needs(rights.RECORD), response={201: ActivityCreated, **ERRORS},
             summary="追加问题清单")
def add_problems(request, activity_id: int, payload: VisitorsIn):
    activity = selectors.get_activity(request.auth, activity_id)
    cases = services.add_problems(actor=request.auth, activity=activity, problems=out.problems(payload.visitors))
    return out.created(request, services.Recorded(activity, cases))


@router.post("/problems/{problem_id}", auth=needs(rights.RECORD), response={200: ActivityDetail, **ERRORS},
             summary="更新问题处理情况（未转诉求的问题）")
def update_problem(request, problem_id: int, payload: ProblemUpdateIn):
    problem = selectors.get_problem(problem_id)
    activity = selectors.get_activity(request.auth, problem.activity_id)
    services.update_problem(actor=request.auth, problem=problem, **payload.dict())
    return out.activity_out(activity)


@router.post("/items/{activity_id}/carried-cases", auth=needs(rights.RECORD),
             response={201: ActivityDetail, **ERRORS},
             summary="带案下访：接待日或走访带上已有诉求（编号或查询码），并记录处理情况（记入诉求办理过程）")
def carry_case(request, activity_id: int, payload: CarriedIn):
    activity = selectors.get_activity(request.auth, activity_id)
    if payload.action_taken.strip() or payload.outcome:
        services.record_done(actor=request.auth, activity=activity, case_ref=payload.case,
                             action_taken=payload.action_taken, outcome=payload.outcome)
    else:
        services.carry(actor=request.auth, activity=activity, refs=[payload.case])
    return Status(201, out.activity_out(activity))


@router.post("/items/{activity_id}/attachments", auth=needs(rights.RECORD), response={201: AttachmentOut, **ERRORS},
             summary="上传附件或照片")
def upload(request, activity_id: int, file: File[UploadedFile], report: bool = False, keep_location: bool = False):
    activity = selectors.get_activity(request.auth, activity_id)
    data = file.read(uploads.max_bytes() + 1)
    topic = activity.topic if report and activity.topic_id else None
    row = services.attach(actor=request.auth, data=data, filename=file.name or "", activity=activity, topic=topic,
                          is_report=bool(topic), keep_location=keep_location)
    return Status(201, out.attachment(row))
