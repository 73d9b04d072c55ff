"""约访: the public books a slot of a published reception day, cancels it with code + phone; the desk cancels
with a reason or receives the visitor (the booking becomes a matter of the day)."""

from __future__ import annotations

import hmac
import secrets
from datetime import date, datetime, time

from django.db import transaction
from django.db.models import Count
from django.utils import timezone, translation
from django.utils.translation import gettext

from sixia.activities import permissions as rights
from sixia.activities import rules
from sixia.activities.models import Activity, Appointment, Kind
from sixia.activities.services import recording
from sixia.activities.services.common import _time, check_lengths
from sixia.cases.services import notices
from sixia.core import audit, jurisdiction, permissions
from sixia.core.errors import Conflict, InvalidInput, NotFound
from sixia.core.personal import Sealed, phone_index, seal_phone

PUBLIC = "public"  # the audit actor of what a citizen does on the public page or API (no account)
# Refusals that would tell a stranger whether a phone already holds bookings: never shown, sent by SMS instead.
PHONE_REFUSALS = frozenset({"per_day_limit", "open_limit"})
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _check_public_text(**values: str) -> None:
    """What the public types is shown to officials and exported to Excel: no control characters, no markup
    brackets in a name, and nothing that starts like a spreadsheet formula (=, +, -, @)."""
    for name, value in values.items():
        if any(ord(c) < 32 and c not in "\n\r\t" for c in value) or value.startswith(FORMULA_START) \
                or (name == "name" and any(c in value for c in "<>")):
            raise InvalidInput("unsafe_text", "内容含有不允许的字符（如以 = + - @ 开头、控制字符或尖括号）",
                               "the text contains characters that are not allowed (a leading = + - @, control "
                               "characters or angle brackets)", field=name)


def slots_of(activity: Activity) -> list[tuple[time, int, int]]:
    """(slot start, capacity, booked) of a reception day, from its schedule (or the defaults)."""
    sched = activity.schedule
    start, end = (sched.start_time, sched.end_time) if sched else (rules.DEFAULT_START_TIME, rules.DEFAULT_END_TIME)
    minutes, capacity = ((sched.slot_minutes, sched.slot_capacity) if sched
                         else (rules.DEFAULT_SLOT_MINUTES, rules.DEFAULT_SLOT_CAPACITY))
    booked = dict(activity.appointments.filter(status=Appointment.Status.BOOKED).values_list("slot")
                  .annotate(n=Count("id")).values_list("slot", "n"))
    result = []
    t = start.hour * 60 + start.minute
    stop = end.hour * 60 + end.minute
    while t + minutes <= stop:
        slot = time(t // 60, t % 60)
        result.append((slot, capacity, booked.get(slot, 0)))
        t += minutes
    return result


def book_appointment(*, activity: Activity, slot, name: str, phone: str, matter: str,
                     today: date | None = None) -> Appointment:
    """约访 by the public: refused when the day is not published or past, or the slot is full."""
    if activity.kind != Kind.RECEPTION or not activity.is_published or activity.status == Activity.Status.CANCELLED:
        raise NotFound("not_found", "接待日不存在或未公布", "reception day not found")
    if activity.start_day < (today or timezone.localdate()):
        raise Conflict("day_passed", "该接待日已过，不能预约", "the reception day is over")
    name, matter = (name or "").strip(), (matter or "").strip()
    if not name or not matter:
        raise InvalidInput("fields_required", "请填写姓名和反映事项", "name and matter are required", field="name")
    if not (phone or "").strip():
        raise InvalidInput("phone_required", "请填写联系电话", "a phone number is required", field="phone")
    check_lengths(Appointment, {"name": name})
    _check_public_text(name=name, matter=matter)
    slot = _time(slot)
    with transaction.atomic():
        Activity.objects.select_for_update().filter(pk=activity.pk).first()  # serialise bookings of one day
        table = {s: (cap, n) for s, cap, n in slots_of(activity)}
        if slot not in table:
            raise InvalidInput("invalid_slot", "预约时段不存在", "no such time slot", field="slot")
        capacity, booked = table[slot]
        if booked >= capacity:
            raise Conflict("slot_full", f"{slot:%H:%M} 时段已约满（每时段限{capacity}人），请选择其他时段",
                           "this time slot is full; choose another")
        sealed = seal_phone(phone)
        _check_person_limits(activity, sealed.index, today or timezone.localdate())
        appt = Appointment.objects.create(activity=activity, slot=slot, name=name, matter=matter,
                                          phone_token=sealed.token, phone_index=sealed.index,
                                          phone_masked=sealed.masked, code=secrets.token_hex(4).upper())
        # No account: the entry carries the client address (context) and the day's region, for its auditor.
        audit.record(audit.Action.CREATE, obj=appt, actor=PUBLIC, summary=f"群众约访 {activity.start_day} {slot:%H:%M}",
                     region_code=activity.region_id)
    return appt


def request_appointment(*, activity: Activity, slot, name: str, phone: str, matter: str,
                        today: date | None = None) -> Appointment | None:
    """约访 as the public page and API answer it: the same "request received" whether or not the phone already
    holds its allowed bookings, so nobody learns from the answer whether a number holds a (petition) booking.
    The outcome is queued in the SMS outbox (``cases.services.notices``) in the page's active language.

    Input errors, a past day and a full slot still answer at once (they say nothing about the phone). The real
    outcome goes to the phone by SMS: the booking code, or why it was refused. Returns the appointment, or None
    when a per-phone limit refused it (the refusal is audited for the officials)."""
    language = translation.get_language() or "zh-hans"
    try:
        appt = book_appointment(activity=activity, slot=slot, name=name, phone=phone, matter=matter, today=today)
    except Conflict as exc:
        if exc.code not in PHONE_REFUSALS:
            raise
        with transaction.atomic():
            audit.record(audit.Action.ACTION, obj=activity,
                         actor=PUBLIC, summary=f"群众约访被拒（{exc.code}）{activity.start_day}", success=False,
                         changes={"refused": exc.code})
            reason = exc.message_en if language.startswith("en") and exc.message_en else exc.message_zh
            notices.enqueue_to(kind="booking_refused", phone=seal_phone(phone), region_code=activity.region_id,
                               language=language, context={"day": _day(activity), "reason": reason})
        return None
    with transaction.atomic():
        notices.enqueue_to(kind="booking_confirmed", phone=_sealed(appt), region_code=activity.region_id,
                           language=language, appointment=appt, context=_booking_context(appt, activity))
    return appt


def _day(activity: Activity) -> str:
    return activity.start_day.isoformat()


def _booking_context(appt: Appointment, activity: Activity) -> dict[str, object]:
    return {"day": _day(activity), "slot": f"{appt.slot:%H:%M}", "code": appt.code}


def _sealed(appt: Appointment) -> Sealed:
    return Sealed(appt.phone_token, appt.phone_index, appt.phone_masked)


def person_limits(activity: Activity) -> tuple[int, int]:
    """(per reception day, over today's and future days) for one phone: the day's schedule, else the defaults."""
    sched = activity.schedule
    if sched is None:
        return rules.DEFAULT_APPOINTMENTS_PER_DAY, rules.DEFAULT_OPEN_APPOINTMENTS
    return sched.per_person_day_limit, sched.per_person_open_limit


def _check_person_limits(activity: Activity, index: str, today: date) -> None:
    """One caller must not hold a day's slots: count this phone's booked appointments (blind index, no decrypt).

    The overall count is not serialised across days (only one day's row is locked): two simultaneous bookings of
    one phone on two different days may both pass — acceptable for a fairness limit."""
    per_day, overall = person_limits(activity)
    mine = Appointment.objects.filter(phone_index=index, status=Appointment.Status.BOOKED)
    if per_day and mine.filter(activity=activity).count() >= per_day:
        raise Conflict("per_day_limit", f"同一联系电话每个接待日最多预约{per_day}个时段，您已预约满额",
                       f"one phone number may hold at most {per_day} appointment(s) per reception day",
                       field="phone")
    if overall and mine.filter(activity__start_day__gte=today).count() >= overall:
        raise Conflict("open_limit", f"同一联系电话最多同时持有{overall}个未到期的预约，请先取消或等待接待",
                       f"one phone number may hold at most {overall} upcoming appointment(s) in all",
                       field="phone")


def day_starts_at(activity: Activity) -> datetime:
    """When a reception day begins (its first slot), in the local time zone."""
    start = activity.schedule.start_time if activity.schedule_id and activity.schedule else rules.DEFAULT_START_TIME
    return timezone.make_aware(datetime.combine(activity.start_day, start))


def cancel_appointment_by_code(*, code: str, phone: str, reason: str = "",
                               now: datetime | None = None) -> Appointment:
    """取消预约 by the citizen: the booking code plus the phone it was booked with, before the day begins.

    The phone is checked through its blind index (never decrypted). A wrong code and a wrong phone give the
    same answer, so the form does not tell which part was wrong."""
    code = "".join((code or "").split()).upper()
    if not code or not (phone or "").strip():
        raise InvalidInput("fields_required", "请填写预约码和联系电话", "booking code and phone are required",
                           field="code")
    not_found = NotFound("appointment_not_found", "预约码或联系电话不正确", "wrong booking code or phone number")
    try:
        index = phone_index(phone)
    except InvalidInput:
        raise not_found from None
    with transaction.atomic():
        appt = Appointment.objects.select_for_update().filter(code=code).first()
        if appt is None or not hmac.compare_digest(appt.phone_index, index):
            raise not_found
        activity = Activity.objects.select_related("schedule").get(pk=appt.activity_id)
        _check_cancellable(appt)
        if (now or timezone.now()) >= day_starts_at(activity):
            raise Conflict("day_started", "接待日已开始，不能在线取消预约", "the reception day has begun; it can no "
                           "longer be cancelled online")
        reason = (reason or "").strip()
        check_lengths(Appointment, {"cancel_reason": reason}, field_names={"cancel_reason": "reason"})
        return _cancel(appt, activity, actor=None, reason=reason, now=now)


def cancel_appointment(*, actor, appointment: Appointment, reason: str, now: datetime | None = None) -> Appointment:
    """取消预约 by the desk of the day's region (the day is called off, the visitor asked by phone, did not come):
    a reason is required; allowed whenever the booking is still pending, also after the day began."""
    permissions.require(actor, rights.RECEIVE)
    reason = (reason or "").strip()
    with transaction.atomic():
        appt = Appointment.objects.select_for_update().filter(pk=appointment.pk).first()
        activity = Activity.objects.select_related("schedule").filter(pk=appointment.activity_id).first()
        if appt is None or activity is None or not jurisdiction.covers(actor, activity.region_id):
            raise NotFound("not_found", "约访不存在或不在您的管辖范围内", "appointment not found or outside your jurisdiction")
        _check_cancellable(appt)
        if not reason:
            raise InvalidInput("reason_required", "请填写取消原因", "a reason is required", field="reason")
        check_lengths(Appointment, {"cancel_reason": reason}, field_names={"cancel_reason": "reason"})
        return _cancel(appt, activity, actor=actor, reason=reason, now=now)


def _check_cancellable(appt: Appointment) -> None:
    if appt.status == Appointment.Status.CANCELLED:
        raise Conflict("appointment_cancelled", "该预约已取消，无需重复取消", "the appointment is already cancelled")
    if appt.status == Appointment.Status.RECEIVED:
        raise Conflict("appointment_received", "该预约已接待，不能取消", "the appointment has been received")


def _cancel(appt: Appointment, activity: Activity, *, actor, reason: str, now: datetime | None) -> Appointment:
    """Set the booking cancelled (its slot is free again: slots_of counts booked ones) and audit who and why."""
    appt.status = Appointment.Status.CANCELLED
    appt.cancelled_at = now or timezone.now()
    appt.cancel_reason = reason
    appt.cancelled_by = actor if getattr(actor, "pk", None) else None
    appt.save(update_fields=["status", "cancelled_at", "cancel_reason", "cancelled_by", "updated_at"])
    who = "群众" if actor is None else "工作人员"
    _tell_cancelled(appt, activity, by_person=actor is None, reason=reason, now=now)
    audit.record(audit.Action.UPDATE, obj=appt, actor=actor if actor is not None else PUBLIC,
                 summary=f"{who}取消约访 {activity.start_day} {appt.slot:%H:%M}",
                 changes={"status": [Appointment.Status.BOOKED, Appointment.Status.CANCELLED],
                          "by": PUBLIC if actor is None else "staff", "reason": reason},
                 region_code=activity.region_id)
    return appt


def _tell_cancelled(appt: Appointment, activity: Activity, *, by_person: bool, reason: str,
                    now: datetime | None) -> None:
    """取消告知 to the phone that booked, in the language it booked in (the person's own cancellation: the page's)."""
    if not appt.phone_token:
        return
    booked_in = appt.outbound_messages.order_by("id").values_list("language", flat=True).first()
    language = (translation.get_language() if by_person else booked_in) or booked_in or "zh-hans"
    with translation.override(language):
        said = reason or (gettext("本人在线取消") if by_person else gettext("接待单位取消"))
    notices.enqueue_to(kind="booking_cancelled", phone=_sealed(appt), region_code=activity.region_id,
                       language=language, appointment=appt, now=now,
                       context=_booking_context(appt, activity) | {"reason": said})


def receive_appointment(*, actor, appointment: Appointment, problem: dict) -> list:
    """The booked visitor came: the appointment becomes a matter of the day (a case, or solved on the spot)."""
    permissions.require(actor, rights.RECEIVE)
    if appointment.status != Appointment.Status.BOOKED:
        raise Conflict("appointment_not_booked", "该约访已接待或已取消", "the appointment is not pending")
    from sixia.people.models import Person

    item = {"visitor_name": appointment.name, "description": appointment.matter} | {
        k: v for k, v in problem.items() if v not in (None, "")}
    if not item.get("petitioners"):  # the same person (一人一表) through the phone's blind index, never decrypted
        person = Person.objects.filter(phone_index=appointment.phone_index, name=appointment.name).first() \
            if appointment.phone_index else None
        item["petitioners"] = [{"person_id": person.pk} if person else {"name": appointment.name}]
    with transaction.atomic():
        cases = recording.add_problems(actor=actor, activity=appointment.activity, problems=[item])
        appointment.status = Appointment.Status.RECEIVED
        appointment.save(update_fields=["status", "updated_at"])
    return cases

