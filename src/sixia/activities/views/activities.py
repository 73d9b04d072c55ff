"""Pages of the activities of every kind: the list, recording one (a form per kind with its problem rows), the
activity page (more problems, 带案下访, attachments) and the yearly ledgers.

Thin: a form parses the input, one service writes, a refusal goes back onto the page with what was typed.
"""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods, require_POST

from sixia.activities import export, selectors, services
from sixia.activities import permissions as rights
from sixia.activities.forms import CarriedCaseForm, HouseholdRows, ProblemRows, activity_form
from sixia.activities.forms.activities import ActivityForm, regions
from sixia.activities.models import Activity, CarriedCase, Kind, Problem
from sixia.activities.views.common import (
    KIND_TITLES,
    PROBLEM_LABEL,
    activity_or_404,
    attachment_name,
    cases_created,
    kind_or_404,
    kind_titles,
)
from sixia.activities.views.visits import record_from_form
from sixia.cases.workflow import STATES
from sixia.core import audit, uploads
from sixia.core.errors import DomainError, error_text, page_status
from sixia.core.validation import parse_year
from sixia.org import selectors as org_selectors
from sixia.web.rights import page_needs


@login_required
def home(request):
    kind = request.GET.get("kind", "")
    kind = kind if kind in Kind.values else ""
    mine = request.GET.get("mine") == "on"  # the leader's today list: my activities from today on
    if mine:
        official = getattr(request.user, "official", None)
        qs = selectors.upcoming_of(request.user, official.pk if official else None, kind=kind,
                                   today=timezone.localdate()).filter(title__contains=request.GET.get("q", ""))
    else:
        qs = selectors.activities_for(request.user, kind=kind, q=request.GET.get("q", ""), **_list_filters(request.GET))
    page = Paginator(qs, 30).get_page(request.GET.get("page"))
    year = timezone.localdate().year
    counts = {k: selectors.activities_for(request.user, kind=k, start=date(year, 1, 1),
                                          end=date(year, 12, 31)).filter(status=Activity.Status.HELD).count()
              for k in Kind.values}
    return render(request, "activities/home.html", {
        "page": page, "kind": kind, "kinds": kind_titles(), "q": request.GET.get("q", ""), "year": year,
        "mine": mine, "stats": [(gettext(KIND_TITLES[k]), counts[k], k) for k in Kind.values],
        "kept": [(name, request.GET[name]) for name in LIST_FILTERS if request.GET.get(name)]})


LIST_FILTERS = ("from", "to", "region", "status", "visit_type")


def _day(text: str) -> date | None:
    try:
        return date.fromisoformat(text.strip()) if text else None
    except ValueError:
        return None


def _list_filters(get) -> dict:
    """The statistics' links (reports.statistics): a period (from/to, both days included), a region subtree, a
    status and a 走访 type; a bad value counts as not given, as in the case queue."""
    region = get.get("region", "").strip()
    status, visit_type = get.get("status", ""), get.get("visit_type", "")
    return {"start": _day(get.get("from", "")), "end": _day(get.get("to", "")),
            "region_code": region if region.isdigit() and len(region) <= 12 else "",
            "status": status if status in Activity.Status.values else "",
            "visit_type": visit_type if visit_type in Activity.VisitType.values else ""}


def _form_context(request, kind: str, *, form: ActivityForm | None = None, rows: ProblemRows | None = None,
                  households: HouseholdRows | None = None, error: str = "") -> dict:
    user = request.user
    data: QueryDict | None = form.data if form is not None and form.is_bound else None  # type: ignore[assignment]
    return {"kind": kind, "title": gettext(KIND_TITLES[kind]), "problem_label": gettext(PROBLEM_LABEL[kind]),
            "error": error, "regions": regions(user),
            "officials": org_selectors.officials_for(user).filter(is_active=True)[:500],
            "units": org_selectors.units_for(user).filter(is_active=True)[:500],
            "forms": selectors.lecture_forms(), "topics": selectors.topics_for(user)[:200],
            "outcomes": Problem.Outcome.choices, "rows": (rows or ProblemRows(user=user)).rows(),
            "households": (households or HouseholdRows()).rows(), "v": data or {},
            "chosen_officials": set(data.getlist("official_ids")) if data is not None else set(),
            "today": timezone.localdate().isoformat()}


@login_required
@require_http_methods(["GET", "POST"])
@page_needs(rights.RECORD)
def new(request, kind: str):
    kind = kind_or_404(kind)
    if request.method != "POST":
        return render(request, "activities/form.html", _form_context(request, kind))
    form = activity_form(kind, request.POST, user=request.user)
    rows = ProblemRows(request.POST, user=request.user)
    households = HouseholdRows(request.POST)
    valid = [form.is_valid(), rows.is_valid(), households.is_valid()]
    error, status = form.first_error() or rows.first_error() or households.first_error(), 422
    if all(valid):
        try:
            recorded = record_from_form(request, kind, form, rows, households)
        except DomainError as exc:
            error, status = error_text(exc), page_status(exc)
        else:
            cases_created(request, recorded.cases)
            return redirect("activities:detail", recorded.activity.pk)
    return render(request, "activities/form.html",
                  _form_context(request, kind, form=form, rows=rows, households=households, error=error),
                  status=status)


def _detail(request, activity: Activity, *, rows: ProblemRows | None = None, carried: CarriedCaseForm | None = None,
            error: str = "", status: int = 200):
    problems = selectors.problems_of(activity)
    ctx = _form_context(request, activity.kind, rows=rows or ProblemRows(user=request.user, count=3), error=error)
    ctx.update({"a": activity, "problems": problems, "all_closed": all(r["closed"] for r in problems),
                "open_count": sum(1 for r in problems if not r["closed"]),
                "attachments": activity.attachments.all(),
                "summary": selectors.day_summary(activity) if activity.kind == Kind.RECEPTION else None,
                "appointments": activity.appointments.all() if activity.kind == Kind.RECEPTION else [],
                "carries": activity.kind in services.carried.KINDS, "carried": [(c, STATES.get(c.case.state, c.case.state)) for c in selectors.carried_of(activity)],
                "carried_form": carried or CarriedCaseForm(), "carried_outcomes": CarriedCase.Outcome.choices})
    return render(request, "activities/detail.html", ctx, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def detail(request, activity_id: int):
    activity = activity_or_404(request.user, activity_id)
    if request.method != "POST":
        return _detail(request, activity)
    rows = ProblemRows(request.POST, user=request.user, count=3)
    if not rows.is_valid():
        return _detail(request, activity, rows=rows, error=rows.first_error(), status=422)
    try:
        cases = services.add_problems(actor=request.user, activity=activity, problems=rows.items(activity.kind))
    except DomainError as exc:
        return _detail(request, activity, rows=rows, error=error_text(exc), status=page_status(exc))
    cases_created(request, cases)
    return redirect("activities:detail", activity.pk)


@login_required
@require_POST
@page_needs(rights.RECORD)
def carried(request, activity_id: int):
    """带案下访 from the activity page: carry a case, or record what was done about it (on its timeline)."""
    activity = activity_or_404(request.user, activity_id)
    form = CarriedCaseForm(request.POST)
    if not form.is_valid():
        return _detail(request, activity, carried=form, status=422)
    data = form.cleaned_data
    try:
        if (data["action_taken"] or "").strip() or data["outcome"]:
            services.record_done(actor=request.user, activity=activity, case_ref=data["case"],
                                 action_taken=data["action_taken"], outcome=data["outcome"])
            messages.success(request, gettext("已记录带案下访处理情况"))
        else:
            services.carry(actor=request.user, activity=activity, refs=[data["case"]])
            messages.success(request, gettext("已带案下访"))
    except DomainError as exc:
        form.add_error(exc.field if exc.field in form.fields else None, error_text(exc))
        return _detail(request, activity, carried=form, status=page_status(exc))
    return redirect("activities:detail", activity.pk)


@login_required
@require_POST
def upload(request, activity_id: int):
    activity = activity_or_404(request.user, activity_id)
    file = request.FILES.get("file")
    try:
        if file is None:
            raise DomainError("file_required", "请选择文件", "choose a file")
        services.attach(actor=request.user, data=file.read(uploads.max_bytes() + 1), filename=file.name,
                        activity=activity, topic=activity.topic if request.POST.get("report") else None,
                        is_report=bool(request.POST.get("report") and activity.topic_id),
                        keep_location=bool(request.POST.get("keep_location")))
        messages.success(request, gettext("附件已上传"))
    except DomainError as exc:
        messages.error(request, error_text(exc))
    return redirect("activities:detail", activity.pk)


@login_required
def download(request, attachment_id: int):
    row = selectors.get_attachment(request.user, attachment_id)
    if row is None:
        raise Http404
    data = uploads.open_stored(row.path)
    response = HttpResponse(data, content_type=row.content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{attachment_name(row.name)}"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def export_ledger(request, kind: str):
    kind = kind_or_404(kind)
    year = parse_year(request.GET.get("year")) or timezone.localdate().year
    qs = selectors.activities_for(request.user, kind=kind, start=date(year, 1, 1), end=date(year, 12, 31))
    data = export.ledger(kind, qs)
    audit.record(audit.Action.EXPORT, actor=request.user, object_type="activities.activity",
                 summary=f"导出{KIND_TITLES[kind]}台账 {year}", changes={"kind": kind, "rows": qs.count()})
    response = HttpResponse(data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    name = attachment_name(f"{KIND_TITLES[kind]}台账-{year}.xlsx")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{name}"
    return response
