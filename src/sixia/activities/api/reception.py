"""领导接待日: recording days and visitors, the period summary, schedules and planning."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.utils import translation
from ninja import Query, Router, Status

from sixia.activities import permissions as rights
from sixia.activities import selectors, services
from sixia.activities.api import out
from sixia.activities.api.schemas import (
    ERRORS,
    ActivityCreated,
    ActivityDetail,
    ActivityOut,
    ListFilter,
    PlanIn,
    PlannedOut,
    ReceptionDayIn,
    ScheduleCreated,
    ScheduleIn,
    ScheduleOut,
    TallyOut,
    VisitorsIn,
)
from sixia.activities.models import Kind
from sixia.api.auth import needs
from sixia.api.schemas import Page

router = Router()


@router.post("/reception-days", auth=needs(rights.RECORD), response={201: ActivityCreated, **ERRORS},
             summary="记录领导接待日（接访登记、带案下访，返回转办的诉求）")
def create_reception_day(request, payload: ReceptionDayIn):
    recorded = services.record_reception_day(
        actor=request.auth, **out.base(payload, f"{payload.start_day.month}月领导接待日"),
        visitors=out.problems(payload.visitors), is_published=payload.is_published, due_days=payload.due_days,
        carried_cases=payload.carried_cases)
    return out.created(request, recorded)


@router.get("/reception-days", response={200: Page[ActivityOut], **ERRORS}, summary="领导接待日列表")
def list_reception_days(request, filters: Query[ListFilter]):
    return out.listing(request, Kind.RECEPTION, filters)


@router.get("/reception-days/{activity_id}", response={200: ActivityDetail, **ERRORS},
            summary="一个接待日：接访情况、当日小结与跟踪")
def get_reception_day(request, activity_id: int):
    return out.activity_out(selectors.get_activity(request.auth, activity_id, Kind.RECEPTION))


@router.post("/reception-days/{activity_id}/visitors", auth=needs(rights.RECORD),
             response={201: ActivityCreated, **ERRORS}, summary="接待日当天登记来访")
def add_visitors(request, activity_id: int, payload: VisitorsIn):
    activity = selectors.get_activity(request.auth, activity_id, Kind.RECEPTION)
    cases = services.add_problems(actor=request.auth, activity=activity, problems=out.problems(payload.visitors))
    return out.created(request, services.Recorded(activity, cases))


@router.get("/reception-summary", response={200: TallyOut, **ERRORS}, summary="接待日期间小结（由记录生成）")
def reception_summary(request, start: date, end: date, region_code: str = ""):
    with translation.override(settings.LANGUAGE_CODE):  # API data text is Chinese, whatever the client asks
        data = selectors.period_summary(request.auth, start, end, region_code=region_code)
    return {"sentence": data["sentence"], **data["tally"].__dict__}


@router.post("/reception-schedules", auth=needs(rights.PLAN_RECEPTION), response={201: ScheduleCreated, **ERRORS},
             summary="接待日安排（规则、轮值领导、地点）")
def create_schedule(request, payload: ScheduleIn):
    schedule = services.create_schedule(actor=request.auth, **payload.dict())
    return Status(201, {"id": schedule.pk, "name": schedule.name})


@router.get("/reception-schedules", response={200: list[ScheduleOut], **ERRORS}, summary="接待日安排列表")
def list_schedules(request):
    return [{"id": s.pk, "name": s.name, "region_code": s.region_id, "place": s.place,
             "day_of_month": s.day_of_month, "months": s.months, "shift": s.shift,
             "per_person_day_limit": s.per_person_day_limit, "per_person_open_limit": s.per_person_open_limit}
            for s in selectors.schedules_for(request.auth)]


@router.post("/reception-schedules/{schedule_id}/plan", auth=needs(rights.PLAN_RECEPTION),
             response={201: PlannedOut, **ERRORS}, summary="按规则生成接待日")
def plan_schedule(request, schedule_id: int, payload: PlanIn):
    schedule = selectors.get_schedule(request.auth, schedule_id)
    days = services.plan_reception_days(actor=request.auth, schedule=schedule, start=payload.start, end=payload.end,
                                        publish=payload.publish)
    return Status(201, {"days": [{"id": a.pk, "day": a.start_day} for a in days]})
