"""Pages of the reception-day schedules (领导接待日安排): list, create, edit, and planning the days of a rule.

Thin: a form parses the input, one service writes (``create_schedule`` / ``update_schedule`` /
``plan_reception_days``), a refusal goes back onto the form's field and the page is shown again with 422.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Min, Prefetch, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods, require_POST

from sixia.activities import permissions as rights
from sixia.activities import selectors, services
from sixia.activities.forms import PlanForm, ScheduleForm
from sixia.activities.models import Activity, ReceptionSchedule, RotaEntry
from sixia.core.errors import DomainError, error_text
from sixia.web.rights import page_needs

ROTA = Prefetch("rota_entries", RotaEntry.objects.select_related("official"))


def _schedule(user, schedule_id: int) -> ReceptionSchedule:
    """A schedule of the user's jurisdiction, else 404 (another county's schedule does not exist for them)."""
    found = selectors.schedules_for(user).select_related("host_unit").prefetch_related(ROTA).filter(
        pk=schedule_id).first()
    if found is None:
        raise Http404("schedule not found")
    return found


@login_required
def schedules(request):
    today = timezone.localdate()
    rows = selectors.schedules_for(request.user).prefetch_related(ROTA).annotate(
        next_day=Min("days__start_day", filter=Q(days__start_day__gte=today)))
    return render(request, "activities/schedules.html", {"schedules": rows})


def _save(request, form: ScheduleForm, schedule: ReceptionSchedule | None) -> ReceptionSchedule | None:
    """Write through the service; a refusal lands on its field (or on the form) and ``None`` is returned."""
    data = dict(form.cleaned_data)
    is_active = data.pop("is_active")
    try:
        if schedule is None:
            return services.create_schedule(actor=request.user, **data)
        return services.update_schedule(actor=request.user, schedule=schedule, is_active=is_active, **data)
    except DomainError as exc:
        form.add_error(exc.field if exc.field in form.fields else None, error_text(exc))
        return None


def _edit(request, schedule: ReceptionSchedule | None):
    keep = list(schedule.rota_entries.values_list("official_id", flat=True)) if schedule else []
    initial = ScheduleForm.initial_of(schedule) if schedule else {}
    form = ScheduleForm(request.POST or None, user=request.user, keep_rota=keep, initial=initial)
    if request.method == "POST":
        saved = _save(request, form, schedule) if form.is_valid() else None
        if saved is not None:
            messages.success(request, gettext("接待日安排已保存"))
            return redirect("activities:schedule", saved.pk)
    return render(request, "activities/schedule_form.html", {"form": form, "schedule": schedule},
                  status=422 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
@page_needs(rights.PLAN_RECEPTION)
def schedule_new(request):
    return _edit(request, None)


@login_required
@require_http_methods(["GET", "POST"])
@page_needs(rights.PLAN_RECEPTION)
def schedule_edit(request, schedule_id: int):
    return _edit(request, _schedule(request.user, schedule_id))


def _page(request, schedule: ReceptionSchedule, plan: PlanForm, status: int = 200):
    days = schedule.days.order_by("start_day").prefetch_related("participants__official")
    return render(request, "activities/schedule.html", {
        "s": schedule, "plan": plan, "days": days, "today": timezone.localdate()}, status=status)


@login_required
def schedule(request, schedule_id: int):
    today = timezone.localdate()
    plan = PlanForm(initial={"start": today, "end": today.replace(month=12, day=31)})
    return _page(request, _schedule(request.user, schedule_id), plan)


@login_required
@require_POST
@page_needs(rights.PLAN_RECEPTION)
def schedule_plan(request, schedule_id: int):
    sched = _schedule(request.user, schedule_id)
    plan = PlanForm(request.POST)
    if not plan.is_valid():
        return _page(request, sched, plan, status=422)
    try:
        days: list[Activity] = services.plan_reception_days(actor=request.user, schedule=sched,
                                                            start=plan.cleaned_data["start"],
                                                            end=plan.cleaned_data["end"])
    except DomainError as exc:
        plan.add_error(None, error_text(exc))
        return _page(request, sched, plan, status=exc.status)
    messages.success(request, gettext("已安排 %(n)d 个接待日") % {"n": len(days)})
    return redirect("activities:schedule", sched.pk)
