"""REST API of the grassroots activities, in the case API's style: every POST returns the cases it created."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.utils import translation
from ninja import File, Query, Router, Schema, Status
from ninja.files import UploadedFile

from sixia.activities import permissions as rights
from sixia.activities import research, selectors, services
from sixia.activities.models import Activity, Appointment, Kind, Problem
from sixia.api.auth import needs
from sixia.api.pagination import page_by_pk
from sixia.api.schemas import Error
from sixia.core.errors import NotFound

router = Router(tags=["activities 下基层活动"])
PREFIX = "/activities"
ERRORS = {403: Error, 404: Error, 409: Error, 422: Error}


class ProblemIn(Schema):
    description: str
    outcome: str = "case"  # solved | case | explained | open
    action_taken: str = ""
    visitor_name: str = ""
    phone: str = ""
    headcount: int | None = None
    leader_id: int | None = None
    own: bool | None = None  # 包案 by the leader (default: yes at a reception day)
    unit_id: int | None = None
    due_date: date | None = None
    title: str = ""
    region_code: str = ""
    category: str = ""
    petition_class: str = ""
    petitioners: list[dict] = []


class ActivityIn(Schema):
    title: str = ""
    region_code: str
    start_day: date
    days: float = 1
    place: str = ""
    official_ids: list[int]
    member_ids: list[int] = []
    host_unit_id: int | None = None
    other_participants: str = ""
    summary: str = ""


class ReceptionDayIn(ActivityIn):
    visitors: list[ProblemIn] = []
    is_published: bool = False
    due_days: int = 30
    status: str = "held"


class VisitorsIn(Schema):
    visitors: list[ProblemIn]


class VisitIn(ActivityIn):
    visit_type: str = "door_to_door"
    households: list[dict] = []
    findings: list[ProblemIn] = []
    days: float = 0.5


class ReturnVisitIn(Schema):
    case_id: int
    official_ids: list[int]
    start_day: date
    satisfaction: str
    resolved: bool = True
    note: str = ""
    households: list[dict] = []


class OnsiteIn(ActivityIn):
    target_name: str = ""
    problems: list[ProblemIn] = []


class TripIn(ActivityIn):
    topic_id: int | None = None
    people_met: int = 0
    four_not_two_direct: bool = False
    findings: list[ProblemIn] = []


class LectureIn(ActivityIn):
    lecture_form: str = ""
    team: str = ""
    audience: int = 0
    questions: list[ProblemIn] = []


class TopicIn(Schema):
    title: str
    leader_id: int
    region_code: str
    year: int
    description: str = ""
    unit_id: int | None = None


class MeasureIn(Schema):
    title: str
    owner_id: int | None = None
    owner_unit_id: int | None = None
    due_date: date | None = None
    parent_id: int | None = None
    progress: int = 0


class ProgressIn(Schema):
    progress: int
    status: str = ""


class ReportIn(Schema):
    summary: str


class ExchangeIn(Schema):
    day: date
    region_code: str
    topic_ids: list[int]
    place: str = ""
    summary: str = ""


class CancelIn(Schema):
    code: str
    phone: str
    reason: str = ""


class StaffCancelIn(Schema):
    reason: str


class ScheduleIn(Schema):
    name: str = ""
    region_code: str
    place: str
    rota_ids: list[int]
    day_of_month: int = 15
    months: list[int] = []
    shift: str = "next_workday"
    host_unit_id: int | None = None
    start_time: str = "08:30"
    end_time: str = "12:00"
    slot_minutes: int = 30
    slot_capacity: int = 3
    due_days: int = 30
    per_person_day_limit: int = 1  # appointments one phone may hold per reception day (0 = no limit)
    per_person_open_limit: int = 3  # … over today's and future reception days


class PlanIn(Schema):
    start: date
    end: date
    publish: bool = True


class AppointmentIn(Schema):
    slot: str
    name: str
    phone: str
    matter: str


class ProblemUpdateIn(Schema):
    outcome: str
    action_taken: str = ""


class ListFilter(Schema):
    start: date | None = None
    end: date | None = None
    region_code: str = ""
    official: int | None = None
    q: str = ""
    page_size: int = 50
    cursor: str | None = None


# ---- output ----

def _case_ref(case) -> dict:
    return {"id": case.pk, "tracking_no": case.tracking_no, "state": case.state,
            "responsible_unit_id": case.responsible_unit_id}


def _problem(row: dict) -> dict:
    p: Problem = row["problem"]
    return {"id": p.pk, "description": p.description, "outcome": p.outcome, "action_taken": p.action_taken,
            "visitor_name": p.visitor_name, "headcount": p.headcount, "unit_id": p.unit_id,
            "due_date": p.due_date, "status": row["status"], "closed": row["closed"], "overdue": row["overdue"],
            "case": _case_ref(p.case) if p.case_id else None}


def activity_out(activity: Activity, *, created: list | None = None, detail: bool = True) -> dict:
    data = {
        "id": activity.pk, "kind": activity.kind, "status": activity.status, "title": activity.title,
        "start_day": activity.start_day, "days": float(activity.days), "region_code": activity.region_id,
        "place": activity.place, "target_name": activity.target_name,
        "officials": [{"id": p.official_id, "name": p.official.name, "role": p.role,
                       "at_linked_place": p.at_linked_place} for p in activity.participants.all()],
        "four_not_two_direct": activity.four_not_two_direct, "people_met": activity.people_met,
        "audience": activity.audience, "team": activity.team,
        "lecture_form": activity.lecture_form.name if activity.lecture_form else "",
        "topic_id": activity.topic_id, "visit_type": activity.visit_type, "households": activity.households,
        "case_id": activity.case_id, "is_published": activity.is_published,
    }
    if created is not None:
        data["cases"] = [_case_ref(c) for c in created]
    if detail:
        rows = selectors.problems_of(activity)
        data["problems"] = [_problem(r) for r in rows]
        data["all_closed"] = all(r["closed"] for r in rows)
        if activity.kind == Kind.RECEPTION:
            with translation.override(settings.LANGUAGE_CODE):  # API data text is Chinese, whatever the client asks
                summary = selectors.day_summary(activity)
            data["summary"] = summary["sentence"]
            data["followup"] = summary["followup"]
    return data


def _problems(items) -> list[dict]:
    out = []
    for item in items:
        d = item.dict()
        if d.get("own") is None:
            d.pop("own")
        if d.get("headcount") is None:
            d.pop("headcount")
        out.append(d)
    return out


def _base(payload: ActivityIn, default_title: str) -> dict:
    data = payload.dict(include=set(ActivityIn.model_fields))
    data["title"] = data["title"] or default_title
    return data


def _created(request, recorded: services.Recorded):
    activity = selectors.get_activity(request.auth, recorded.activity.pk)
    return Status(201, activity_out(activity, created=recorded.cases))


def _list(request, kind: str, filters: ListFilter):
    qs = selectors.activities_for(request.auth, kind=kind, start=filters.start, end=filters.end,
                                  region_code=filters.region_code, official_id=filters.official, q=filters.q)
    items, next_cursor = page_by_pk(qs, page_size=filters.page_size, cursor=filters.cursor)
    return {"items": [activity_out(a, detail=False) for a in items], "next_cursor": next_cursor}


# ---- reception days ----

@router.post("/reception-days", auth=needs(rights.RECORD), response={201: dict, **ERRORS}, summary="记录领导接待日（接访登记，返回转办的诉求）")
def create_reception_day(request, payload: ReceptionDayIn):
    recorded = services.record_activity(
        actor=request.auth, kind=Kind.RECEPTION, **_base(payload, f"{payload.start_day.month}月领导接待日"),
        problems=_problems(payload.visitors), is_published=payload.is_published, due_days=payload.due_days,
        status=payload.status)
    return _created(request, recorded)


@router.get("/reception-days", summary="领导接待日列表")
def list_reception_days(request, filters: Query[ListFilter]):
    return _list(request, Kind.RECEPTION, filters)


@router.get("/reception-days/{activity_id}", summary="一个接待日：接访情况、当日小结与跟踪")
def get_reception_day(request, activity_id: int):
    return activity_out(selectors.get_activity(request.auth, activity_id, Kind.RECEPTION))


@router.post("/reception-days/{activity_id}/visitors", auth=needs(rights.RECORD), response={201: dict, **ERRORS}, summary="接待日当天登记来访")
def add_visitors(request, activity_id: int, payload: VisitorsIn):
    activity = selectors.get_activity(request.auth, activity_id, Kind.RECEPTION)
    cases = services.add_problems(actor=request.auth, activity=activity, problems=_problems(payload.visitors))
    return _created(request, services.Recorded(activity, cases))


@router.get("/reception-summary", summary="接待日期间小结（由记录生成）")
def reception_summary(request, start: date, end: date, region_code: str = ""):
    with translation.override(settings.LANGUAGE_CODE):  # API data text is Chinese, whatever the client asks
        data = selectors.period_summary(request.auth, start, end, region_code=region_code)
    return {"sentence": data["sentence"], **data["tally"].__dict__}


@router.post("/reception-schedules", auth=needs(rights.PLAN_RECEPTION), response={201: dict, **ERRORS}, summary="接待日安排（规则、轮值领导、地点）")
def create_schedule(request, payload: ScheduleIn):
    schedule = services.create_schedule(actor=request.auth, **payload.dict())
    return Status(201, {"id": schedule.pk, "name": schedule.name})


@router.get("/reception-schedules", summary="接待日安排列表")
def list_schedules(request):
    return [{"id": s.pk, "name": s.name, "region_code": s.region_id, "place": s.place,
             "day_of_month": s.day_of_month, "months": s.months, "shift": s.shift,
             "per_person_day_limit": s.per_person_day_limit, "per_person_open_limit": s.per_person_open_limit}
            for s in selectors.schedules_for(request.auth)]


@router.post("/reception-schedules/{schedule_id}/plan", auth=needs(rights.PLAN_RECEPTION), response={201: dict, **ERRORS}, summary="按规则生成接待日")
def plan_schedule(request, schedule_id: int, payload: PlanIn):
    schedule = selectors.schedules_for(request.auth).filter(pk=schedule_id).first()
    if schedule is None:
        raise NotFound("not_found", "接待日安排不存在", "schedule not found")
    days = services.plan_reception_days(actor=request.auth, schedule=schedule, start=payload.start, end=payload.end,
                                        publish=payload.publish)
    return Status(201, {"days": [{"id": a.pk, "day": a.start_day} for a in days]})


@router.get("/public/reception-days", auth=None, summary="向社会公布的领导接待日（无需登录）")
def public_days(request, region_code: str = ""):
    return [{"id": a.pk, "day": a.start_day, "place": a.place, "region": a.region.name,
             "leaders": [p.official.name + (f"（{p.official.title}）" if p.official.title else "")
                         for p in a.participants.all()],
             "slots": [{"slot": s.strftime("%H:%M"), "capacity": c, "booked": n}
                       for s, c, n in services.slots_of(a)]}
            for a in selectors.public_reception_days(date.today(), region_code)]


@router.post("/public/reception-days/{activity_id}/appointments", auth=None, response={201: dict, **ERRORS},
             summary="群众约访（无需登录；时段约满时拒绝）")
def book(request, activity_id: int, payload: AppointmentIn):
    activity = Activity.objects.select_related("schedule").filter(pk=activity_id).first()
    if activity is None:
        raise NotFound("not_found", "接待日不存在", "reception day not found")
    appt = services.book_appointment(activity=activity, **payload.dict())
    return Status(201, {"code": appt.code, "day": activity.start_day, "slot": appt.slot.strftime("%H:%M")})


@router.post("/public/appointments/cancel", auth=None, response={200: dict, **ERRORS},
             summary="群众取消预约（无需登录；预约码＋联系电话，接待日开始前）")
def cancel_by_code(request, payload: CancelIn):
    appt = services.cancel_appointment_by_code(code=payload.code, phone=payload.phone, reason=payload.reason)
    return _cancelled(appt)


@router.post("/appointments/{appointment_id}/cancel", auth=needs(rights.RECEIVE), response={200: dict, **ERRORS},
             summary="工作人员取消约访（须填写原因）")
def cancel_appointment(request, appointment_id: int, payload: StaffCancelIn):
    appt = Appointment.objects.filter(pk=appointment_id).first()
    if appt is None:
        raise NotFound("not_found", "约访不存在", "appointment not found")
    return _cancelled(services.cancel_appointment(actor=request.auth, appointment=appt, reason=payload.reason))


def _cancelled(appt) -> dict:
    return {"code": appt.code, "status": appt.status, "day": appt.activity.start_day,
            "slot": appt.slot.strftime("%H:%M"), "cancelled_at": appt.cancelled_at}


@router.post("/appointments/{appointment_id}/receive", auth=needs(rights.RECEIVE), response={201: dict, **ERRORS},
             summary="约访群众到场：登记为当日事项（转诉求或当场解决）")
def receive_appointment(request, appointment_id: int, payload: ProblemUpdateIn):
    appt = Appointment.objects.select_related("activity").filter(pk=appointment_id).first()
    if appt is None:
        raise NotFound("not_found", "约访不存在", "appointment not found")
    activity = selectors.get_activity(request.auth, appt.activity_id, Kind.RECEPTION)
    cases = services.receive_appointment(actor=request.auth, appointment=appt, problem=payload.dict())
    return _created(request, services.Recorded(activity, cases))


# ---- visits ----

@router.post("/visits", auth=needs(rights.RECORD), response={201: dict, **ERRORS}, summary="登门走访（走访户、发现问题）")
def create_visit(request, payload: VisitIn):
    recorded = services.record_activity(
        actor=request.auth, kind=Kind.VISIT, **_base(payload, "登门走访"), problems=_problems(payload.findings),
        visit_type=payload.visit_type if payload.visit_type in Activity.VisitType.values else "door_to_door",
        households=payload.households)
    return _created(request, recorded)


@router.post("/return-visits", auth=needs(rights.RETURN_VISIT), response={201: dict, **ERRORS}, summary="上门回访（计为诉求的回访）")
def create_return_visit(request, payload: ReturnVisitIn):
    return _created(request, services.record_return_visit(actor=request.auth, **payload.dict()))


@router.get("/visits", summary="走访回访列表")
def list_visits(request, filters: Query[ListFilter]):
    return _list(request, Kind.VISIT, filters)


# ---- on-site meetings ----

@router.post("/onsite-meetings", auth=needs(rights.RECORD), response={201: dict, **ERRORS}, summary="现场办公（问题清单：当场解决或交办）")
def create_onsite(request, payload: OnsiteIn):
    recorded = services.record_activity(actor=request.auth, kind=Kind.ONSITE, **_base(payload, "现场办公"),
                                        problems=_problems(payload.problems), target_name=payload.target_name)
    return _created(request, recorded)


@router.get("/onsite-meetings", summary="现场办公列表")
def list_onsite(request, filters: Query[ListFilter]):
    return _list(request, Kind.ONSITE, filters)


@router.get("/onsite-meetings/{activity_id}", summary="一次现场办公及其问题跟踪")
def get_onsite(request, activity_id: int):
    return activity_out(selectors.get_activity(request.auth, activity_id, Kind.ONSITE))


# ---- research ----

@router.post("/research-topics", auth=needs(rights.RESEARCH), response={201: dict, **ERRORS}, summary="领题调研")
def create_topic(request, payload: TopicIn):
    topic = research.create_topic(actor=request.auth, **payload.dict())
    return Status(201, _topic_out(topic))


def _topic_out(topic) -> dict:
    return {"id": topic.pk, "title": topic.title, "leader_id": topic.leader_id, "leader": topic.leader.name,
            "year": topic.year, "status": topic.status, "region_code": topic.region_id,
            "report_summary": topic.report_summary, "progress": research.topic_progress(topic),
            "trips": [{"id": t.pk, "day": t.start_day, "days": float(t.days)} for t in topic.trips.all()],
            "measures": [{k: v for k, v in row.items() if k != "measure"} for row in research.measure_tree(topic)],
            "reports": [{"id": a.pk, "name": a.name} for a in topic.attachments.filter(is_report=True)],
            "exchange_meetings": [{"id": m.pk, "day": m.day} for m in topic.exchange_meetings.all()]}


@router.get("/research-topics", summary="调研课题列表")
def list_topics(request, year: int | None = None):
    return [_topic_out(t) for t in selectors.topics_for(request.auth, year=year)]


@router.get("/research-topics/{topic_id}", summary="调研课题：调研、报告、措施、交流")
def get_topic(request, topic_id: int):
    return _topic_out(research.get_topic(request.auth, topic_id))


@router.post("/research-topics/{topic_id}/measures", auth=needs(rights.RESEARCH), response={201: dict, **ERRORS}, summary="整改措施/成果转化")
def add_measure(request, topic_id: int, payload: MeasureIn):
    topic = research.get_topic(request.auth, topic_id)
    measure = research.add_measure(actor=request.auth, topic=topic, **payload.dict())
    return Status(201, {"id": measure.pk, "topic": _topic_out(topic)})


@router.post("/measures/{measure_id}/progress", auth=needs(rights.RESEARCH), response={200: dict, **ERRORS}, summary="更新措施进度")
def measure_progress(request, measure_id: int, payload: ProgressIn):
    from sixia.activities.models import Measure

    measure = Measure.objects.select_related("topic").filter(pk=measure_id).first()
    if measure is None:
        raise NotFound("not_found", "措施不存在", "measure not found")
    topic = research.get_topic(request.auth, measure.topic_id)
    research.update_measure(actor=request.auth, measure=measure, progress=payload.progress, status=payload.status)
    return _topic_out(topic)


@router.post("/research-topics/{topic_id}/report", auth=needs(rights.RESEARCH), response={200: dict, **ERRORS}, summary="调研报告摘要")
def topic_report(request, topic_id: int, payload: ReportIn):
    topic = research.set_report(actor=request.auth, topic=research.get_topic(request.auth, topic_id),
                                summary=payload.summary)
    return _topic_out(topic)


@router.post("/exchange-meetings", auth=needs(rights.RESEARCH), response={201: dict, **ERRORS}, summary="成果交流会")
def exchange(request, payload: ExchangeIn):
    meeting = research.hold_exchange_meeting(actor=request.auth, **payload.dict())
    return Status(201, {"id": meeting.pk, "day": meeting.day, "topic_ids": payload.topic_ids})


@router.post("/research-trips", auth=needs(rights.RECORD), response={201: dict, **ERRORS}, summary="调研（地点、天数、座谈人数、四不两直）")
def create_trip(request, payload: TripIn):
    recorded = services.record_activity(
        actor=request.auth, kind=Kind.RESEARCH, **_base(payload, "下基层调研"), problems=_problems(payload.findings),
        topic_id=payload.topic_id, people_met=payload.people_met, four_not_two_direct=payload.four_not_two_direct)
    return _created(request, recorded)


@router.get("/research-trips", summary="调研列表")
def list_trips(request, filters: Query[ListFilter]):
    return _list(request, Kind.RESEARCH, filters)


# ---- lectures ----

@router.post("/lectures", auth=needs(rights.RECORD), response={201: dict, **ERRORS}, summary="政策宣讲（形式、受众人数、群众提问转诉求）")
def create_lecture(request, payload: LectureIn):
    recorded = services.record_activity(
        actor=request.auth, kind=Kind.LECTURE, **_base(payload, "政策宣讲"), problems=_problems(payload.questions),
        lecture_form=payload.lecture_form or None, team=payload.team, audience=payload.audience)
    return _created(request, recorded)


@router.get("/lectures", summary="宣讲列表")
def list_lectures(request, filters: Query[ListFilter]):
    return _list(request, Kind.LECTURE, filters)


# ---- shared ----

@router.get("/items/{activity_id}", summary="任一活动")
def get_any(request, activity_id: int):
    return activity_out(selectors.get_activity(request.auth, activity_id))


@router.post("/items/{activity_id}/problems", auth=needs(rights.RECORD), response={201: dict, **ERRORS}, summary="追加问题清单")
def add_problems(request, activity_id: int, payload: VisitorsIn):
    activity = selectors.get_activity(request.auth, activity_id)
    cases = services.add_problems(actor=request.auth, activity=activity, problems=_problems(payload.visitors))
    return _created(request, services.Recorded(activity, cases))


@router.post("/problems/{problem_id}", auth=needs(rights.RECORD), response={200: dict, **ERRORS}, summary="更新问题处理情况（未转诉求的问题）")
def update_problem(request, problem_id: int, payload: ProblemUpdateIn):
    problem = Problem.objects.filter(pk=problem_id).first()
    if problem is None:
        raise NotFound("not_found", "问题不存在", "problem not found")
    activity = selectors.get_activity(request.auth, problem.activity_id)
    services.update_problem(actor=request.auth, problem=problem, **payload.dict())
    return activity_out(activity)


@router.post("/items/{activity_id}/attachments", auth=needs(rights.RECORD), response={201: dict, **ERRORS}, summary="上传附件或照片")
def upload(request, activity_id: int, file: File[UploadedFile], report: bool = False, keep_location: bool = False):
    activity = selectors.get_activity(request.auth, activity_id)
    data = file.read(services.uploads.max_bytes() + 1)
    topic = activity.topic if report and activity.topic_id else None
    row = services.attach(actor=request.auth, data=data, filename=file.name or "", activity=activity, topic=topic,
                          is_report=bool(topic), keep_location=keep_location)
    return Status(201, {"id": row.pk, "name": row.name, "size": row.size, "content_type": row.content_type})


@router.post("/research-topics/{topic_id}/attachments", auth=needs(rights.RESEARCH), response={201: dict, **ERRORS}, summary="上传调研报告")
def upload_report(request, topic_id: int, file: File[UploadedFile]):
    topic = research.get_topic(request.auth, topic_id)
    data = file.read(services.uploads.max_bytes() + 1)
    row = services.attach(actor=request.auth, data=data, filename=file.name or "", topic=topic, is_report=True)
    return Status(201, {"id": row.pk, "name": row.name, "size": row.size, "content_type": row.content_type})
