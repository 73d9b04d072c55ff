"""约访 pages: the public page (published days, booking, cancelling with code + phone — no login) and the desk's
receiving or cancelling a booking from the reception day's page."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import dateformat, timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods, require_POST

from sixia.activities import selectors, services
from sixia.activities.forms import BookingForm, PublicCancelForm, ReceiveForm, StaffCancelForm
from sixia.activities.models import Activity, Appointment
from sixia.activities.views.common import activity_or_404, cases_created
from sixia.core import throttle
from sixia.core.errors import DomainError, NotFound, error_text, page_status, page_text
from sixia.core.personal import phone_index


def _appointment(user, appointment_id: int) -> tuple[Appointment, Activity]:
    """An appointment and its reception day, 404 unless the day is in the user's jurisdiction."""
    try:
        appt = selectors.get_appointment(appointment_id)
    except NotFound:
        raise Http404
    return appt, activity_or_404(user, appt.activity_id)


@login_required
@require_POST
def receive(request, appointment_id: int):
    appt, activity = _appointment(request.user, appointment_id)
    form = ReceiveForm(request.POST)
    try:
        if not form.is_valid():
            raise DomainError("invalid_input", form.first_error(), form.first_error())
        cases = services.receive_appointment(actor=request.user, appointment=appt, problem={
            "outcome": form.cleaned_data["outcome"] or "case", "action_taken": form.cleaned_data["action_taken"]})
        cases_created(request, cases)
    except DomainError as exc:
        messages.error(request, error_text(exc))
    return redirect("activities:detail", activity.pk)


@login_required
@require_POST
def cancel_appointment(request, appointment_id: int):
    """The desk cancels a pending appointment of a day in its jurisdiction, with a reason."""
    appt, activity = _appointment(request.user, appointment_id)
    form = StaffCancelForm(request.POST)
    try:
        services.cancel_appointment(actor=request.user, appointment=appt,
                                    reason=form.cleaned_data["reason"] if form.is_valid() else "")
        messages.success(request, gettext("约访已取消"))
    except DomainError as exc:
        messages.error(request, error_text(exc))
    return redirect("activities:detail", activity.pk)


def _cancel(request, form: PublicCancelForm) -> str:
    """Cancel by code + phone; returns the refusal's text ("" when cancelled)."""
    throttle.limit(request, scope="booking_cancel", key="ip")  # throttle: booking_cancel
    if not form.is_valid():
        return form.first_error()
    appt = services.cancel_appointment_by_code(**form.cleaned_data)
    messages.success(request, gettext("已取消预约：%(day)s %(slot)s，预约码 %(code)s。") % {
        "day": dateformat.format(appt.activity.start_day, gettext("Y年n月j日")),
        "slot": f"{appt.slot:%H:%M}", "code": appt.code})
    return ""


def _captcha_due(request) -> bool:
    """The form asks for a captcha once this address made SIXIA_CAPTCHA_AFTER booking attempts this hour."""
    return throttle.count(request, scope="booking_attempts", key="ip", rate="100000/h") >= settings.SIXIA_CAPTCHA_AFTER


def _book(request, form: BookingForm) -> str:
    """Book from the page: rate limits per address and per phone, then the uniform answer; "" when received."""
    throttle.limit(request, scope="booking", key="ip")  # throttle: booking
    throttle.limit(request, scope="booking_attempts", key="ip", rate="100000/h")  # counts toward the captcha
    if not form.is_valid():
        return form.first_error()
    data = form.cleaned_data
    throttle.limit(request, scope="booking_phone", key=phone_index(data["phone"]))  # throttle: booking_phone
    activity = selectors.get_reception_day_for_booking(data["day_id"])
    services.request_appointment(activity=activity, slot=data["slot"], name=data["name"], phone=data["phone"],
                                 matter=data["matter"])
    return ""


@require_http_methods(["GET", "POST"])
def public(request):
    """The published reception days, appointment booking (约访) and cancelling a booking (取消预约) — no login.

    Whatever the outcome for the phone, a valid booking answers "received" (the result goes by SMS); on any
    refusal the form keeps what was typed, and the message is in the page's language only."""
    received = False
    error = cancel_error = ""
    status = 200
    captcha = _captcha_due(request)
    form = BookingForm(with_captcha=captcha)
    cancel_form = PublicCancelForm()
    try:
        if request.method == "POST" and request.POST.get("op") == "cancel":
            cancel_form = PublicCancelForm(request.POST)
            cancel_error = _cancel(request, cancel_form)
            if not cancel_error:
                return redirect("activities:public")
        elif request.method == "POST":
            form = BookingForm(request.POST, with_captcha=captcha)
            error = _book(request, form)
            received = not error
    except DomainError as exc:
        if request.POST.get("op") == "cancel":
            cancel_error = page_text(exc)
        else:
            error = page_text(exc)
        status = page_status(exc)
    if error or cancel_error:
        status = status if status != 200 else 422
    if received:
        form = BookingForm(with_captcha=_captcha_due(request))  # a fresh form for the next booking
    elif error and not captcha and _captcha_due(request):
        form = BookingForm(request.POST, with_captcha=True)  # the threshold was reached by this attempt
    days = [(a, _slots_left(a)) for a in selectors.public_reception_days(timezone.localdate())[:60]]
    return render(request, "activities/public.html", {
        "days": days, "received": received, "error": error, "cancel_error": cancel_error, "form": form,
        "cancel_form": cancel_form, "typed_day": _typed_day(form) if error else None}, status=status)


def _slots_left(activity: Activity) -> list[tuple]:
    """(slot, capacity, booked, left) for the page: the counter shows what can still be booked."""
    return [(s, cap, n, max(cap - n, 0)) for s, cap, n in services.slots_of(activity)]


def _typed_day(form: BookingForm) -> int | None:
    raw = str(form["day_id"].value() or "")
    return int(raw) if raw.isascii() and raw.isdecimal() else None
