"""约访: the public list of reception days, booking and cancelling without login; the desk cancels or receives."""

from __future__ import annotations

from django.utils import timezone
from ninja import Router, Status

from sixia.activities import permissions as rights
from sixia.activities import selectors, services
from sixia.activities.api import out
from sixia.activities.api.schemas import (
    ERRORS,
    RECEIVED_MESSAGE,
    ActivityCreated,
    AppointmentIn,
    BookingReceived,
    CancelIn,
    CancelledOut,
    ProblemUpdateIn,
    PublicDayOut,
    StaffCancelIn,
)
from sixia.activities.models import Kind
from sixia.api.auth import needs
from sixia.core import throttle
from sixia.core.personal import phone_index

router = Router()


@router.get("/public/reception-days", auth=None, response={200: list[PublicDayOut], **ERRORS},
            summary="向社会公布的领导接待日（无需登录）")
def public_days(request, region_code: str = ""):
    throttle.limit(request, scope="public_read", key="ip")  # throttle: public_read
    return [{"id": a.pk, "day": a.start_day, "place": a.place, "region": a.region.name,
             "leaders": [p.official.name + (f"（{p.official.title}）" if p.official.title else "")
                         for p in a.participants.all()],
             "slots": [{"slot": s.strftime("%H:%M"), "capacity": c, "booked": n}
                       for s, c, n in services.slots_of(a)]}
            for a in selectors.public_reception_days(timezone.localdate(), region_code)]


@router.post("/public/reception-days/{activity_id}/appointments", auth=None,
             response={202: BookingReceived, **ERRORS},
             summary="群众约访（无需登录；结果与预约码以短信通知；时段约满时拒绝；频率限制 429）")
def book(request, activity_id: int, payload: AppointmentIn):
    """Always 202 "received" for a valid request, whether or not the phone already holds bookings: the answer
    must not tell a stranger that; the booking code (or the refusal) goes to the phone by SMS."""
    throttle.limit(request, scope="booking", key="ip")  # throttle: booking
    throttle.limit(request, scope="booking_phone", key=phone_index(payload.phone))  # throttle: booking_phone
    activity = selectors.get_reception_day_for_booking(activity_id)
    services.request_appointment(activity=activity, **payload.dict())
    return Status(202, {"status": "received", "message": RECEIVED_MESSAGE})


@router.post("/public/appointments/cancel", auth=None, response={200: CancelledOut, **ERRORS},
             summary="群众取消预约（无需登录；预约码＋联系电话，接待日开始前）")
def cancel_by_code(request, payload: CancelIn):
    throttle.limit(request, scope="booking_cancel", key="ip")  # throttle: booking_cancel
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
