"""约访: the public list of reception days, booking and cancelling without login; the desk cancels or receives."""

from __future__ import annotations

from django.utils import timezone
from ninja import Router, Status

from sixia.activities import permissions as rights
from sixia.activities import selectors, services
from sixia.activities.api import out
from sixia.activities.api.schemas import (
    ERRORS,
    ActivityCreated,
    AppointmentIn,
    BookedOut,
    CancelIn,
    CancelledOut,
    ProblemUpdateIn,
    PublicDayOut,
    StaffCancelIn,
)
from sixia.activities.models import Kind
from sixia.api.auth import needs

router = Router()


@router.get("/public/reception-days", auth=None, response={200: list[PublicDayOut], **ERRORS},
            summary="向社会公布的领导接待日（无需登录）")
def public_days(request, region_code: str = ""):
    return [{"id": a.pk, "day": a.start_day, "place": a.place, "region": a.region.name,
             "leaders": [p.official.name + (f"（{p.official.title}）" if p.official.title else "")
                         for p in a.participants.all()],
             "slots": [{"slot": s.strftime("%H:%M"), "capacity": c, "booked": n}
                       for s, c, n in services.slots_of(a)]}
            for a in selectors.public_reception_days(timezone.localdate(), region_code)]


@router.post("/public/reception-days/{activity_id}/appointments", auth=None, response={201: BookedOut, **ERRORS},
             summary="群众约访（无需登录；时段约满时拒绝）")
def book(request, activity_id: int, payload: AppointmentIn):
    activity = selectors.get_reception_day_for_booking(activity_id)
    appt = services.book_appointment(activity=activity, **payload.dict())
    return Status(201, {"code": appt.code, "day": activity.start_day, "slot": appt.slot.strftime("%H:%M")})


@router.post("/public/appointments/cancel", auth=None, response={200: CancelledOut, **ERRORS},
             summary="群众取消预约（无需登录；预约码＋联系电话，接待日开始前）")
def cancel_by_code(request, payload: CancelIn):
    appt = services.cancel_appointment_by_code(code=payload.code, phone=payload.phone, reason=payload.reason)
    return out.cancelled(appt)


@router.post("/appointments/{appointment_id}/cancel", auth=needs(rights.RECEIVE),
             response={200: CancelledOut, **ERRORS}, summary="工作人员取消约访（须填写原因）")
def cancel_appointment(request, appointment_id: int, payload: StaffCancelIn):
    appt = selectors.get_appointment(appointment_id)
    return out.cancelled(services.cancel_appointment(actor=request.auth, appointment=appt, reason=payload.reason))


@router.post("/appointments/{appointment_id}/receive", auth=needs(rights.RECEIVE),
             response={201: ActivityCreated, **ERRORS}, summary="约访群众到场：登记为当日事项（转诉求或当场解决）")
def receive_appointment(request, appointment_id: int, payload: ProblemUpdateIn):
    appt = selectors.get_appointment(appointment_id)
    activity = selectors.get_activity(request.auth, appt.activity_id, Kind.RECEPTION)
    cases = services.receive_appointment(actor=request.auth, appointment=appt, problem=payload.dict())
    return out.created(request, services.Recorded(activity, cases))
