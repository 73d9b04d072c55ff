"""约访 pages: the public page (published days, booking, cancelling with code + phone — no login) and the desk's
receiving or cancelling a booking from the reception day's page."""

from __future__ import annotations

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
from sixia.core.errors import DomainError, NotFound, error_text


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
    if not form.is_valid():
        return form.first_error()
    try:
        appt = services.cancel_appointment_by_code(**form.cleaned_data)
    except DomainError as exc:
        return error_text(exc)
    messages.success(request, gettext("已取消预约：%(day)s %(slot)s，预约码 %(code)s。") % {
        "day": dateformat.format(appt.activity.start_day, gettext("Y年n月j日")),
        "slot": f"{appt.slot:%H:%M}", "code": appt.code})
    return ""


def _book(form: BookingForm) -> tuple[Appointment | None, str]:
    if not form.is_valid():
        return None, form.first_error()
    data = form.cleaned_data
    try:
        activity = selectors.get_reception_day_for_booking(data["day_id"])
        return services.book_appointment(activity=activity, slot=data["slot"], name=data["name"],
                                         phone=data["phone"], matter=data["matter"]), ""
    except DomainError as exc:
        return None, error_text(exc)


@require_http_methods(["GET", "POST"])
def public(request):
    """The published reception days, appointment booking (约访) and cancelling a booking (取消预约) — no login."""
    booked = None
    error = cancel_error = ""
    if request.method == "POST" and request.POST.get("op") == "cancel":
        cancel_error = _cancel(request, PublicCancelForm(request.POST))
        if not cancel_error:
            return redirect("activities:public")
    elif request.method == "POST":
        booked, error = _book(BookingForm(request.POST))
    days = [(a, services.slots_of(a)) for a in selectors.public_reception_days(timezone.localdate())[:60]]
    return render(request, "activities/public.html", {
        "days": days, "booked": booked, "error": error, "cancel_error": cancel_error,
        "cancel_form": request.POST if cancel_error else {}}, status=422 if error or cancel_error else 200)
