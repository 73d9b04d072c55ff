"""Officials' pages of the grassroots activities, the reception-day calendar, the public page and the ledgers.

Thin: parse the form, call one service, render. Forms are plain HTML (the problem list is a table of rows).
"""

from __future__ import annotations

import calendar as pycal
from datetime import date, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils import dateformat, timezone
from django.utils.translation import gettext, gettext_noop
from django.views.decorators.http import require_http_methods, require_POST

from sixia.activities import export, research, rules, selectors, services
from sixia.activities import permissions as rights
from sixia.activities.models import Activity, Appointment, Attachment, Kind, LectureForm, Problem
from sixia.core import audit, jurisdiction, uploads
from sixia.core.errors import DomainError, NotFound, error_text, page_status
from sixia.core.validation import is_digits, parse_id, parse_year
from sixia.geo.models import Level, Region
from sixia.org import selectors as org_selectors
from sixia.web.rights import page_needs

PROBLEM_ROWS = 6
# Chinese, as stored (default titles, audit summaries, ledger file names); pages show gettext(...) of them.
KIND_TITLES: dict[str, str] = {Kind.RECEPTION: gettext_noop("领导接待日"), Kind.VISIT: gettext_noop("登门走访"),
                               Kind.ONSITE: gettext_noop("现场办公"), Kind.RESEARCH: gettext_noop("调查研究"),
                               Kind.LECTURE: gettext_noop("政策宣讲")}
PROBLEM_LABEL: dict[str, str] = {Kind.RECEPTION: gettext_noop("来访登记"), Kind.VISIT: gettext_noop("走访发现的问题"),
                                 Kind.ONSITE: gettext_noop("问题清单"), Kind.RESEARCH: gettext_noop("调研发现的问题"),
                                 Kind.LECTURE: gettext_noop("群众提问")}


def _kind_titles() -> dict[str, str]:
    return {k: gettext(title) for k, title in KIND_TITLES.items()}


def _cases_created(request, cases) -> None:
    if cases:
        messages.success(request, gettext("已生成诉求：%(numbers)s") % {
            "numbers": gettext("、").join(c.tracking_no for c in cases)})


def _activity(user, activity_id: int) -> Activity:
    try:
        return selectors.get_activity(user, activity_id)
    except NotFound:
        raise Http404("activity not found")


def _topic(user, topic_id: int):
    try:
        return research.get_topic(user, topic_id)
    except NotFound:
        raise Http404("topic not found")


def _kind(kind: str) -> str:
    if kind not in Kind.values:
        raise Http404
    return kind


def _month(value: str | None) -> date:
    try:
        year, month = (int(x) for x in (value or "").split("-"))
        return date(year, month, 1)
    except ValueError:
        today = date.today()
        return date(today.year, today.month, 1)


@login_required
def home(request):
    kind = request.GET.get("kind", "")
    kind = kind if kind in Kind.values else ""
    qs = selectors.activities_for(request.user, kind=kind, q=request.GET.get("q", ""))
    page = Paginator(qs, 30).get_page(request.GET.get("page"))
    year = date.today().year
    counts = {k: selectors.activities_for(request.user, kind=k, start=date(year, 1, 1),
                                          end=date(year, 12, 31)).filter(status=Activity.Status.HELD).count()
              for k in Kind.values}
    return render(request, "activities/home.html", {
        "page": page, "kind": kind, "kinds": _kind_titles(), "q": request.GET.get("q", ""), "year": year,
        "stats": [(gettext(KIND_TITLES[k]), counts[k], k) for k in Kind.values]})


def _regions(user):
    qs = jurisdiction.scope(Region.objects.filter(level__lte=Level.TOWNSHIP), user, field="code")
    return qs.order_by("code")[:400]


def _form_context(request, kind: str, values: QueryDict | None = None, error: str = "") -> dict:
    user = request.user
    return {"kind": kind, "title": gettext(KIND_TITLES[kind]), "problem_label": gettext(PROBLEM_LABEL[kind]), "error": error,
            "regions": _regions(user), "officials": org_selectors.officials_for(user).filter(is_active=True)[:500],
            "units": org_selectors.units_for(user).filter(is_active=True)[:500],
            "forms": LectureForm.objects.filter(is_active=True), "topics": selectors.topics_for(user)[:200],
            "outcomes": Problem.Outcome.choices, "rows": typed_rows(values), "v": values or {},
            "chosen_officials": set(values.getlist("official_ids")) if values else set(),
            "today": date.today().isoformat()}


PROBLEM_FIELDS = ("visitor_name", "headcount", "description", "outcome", "action_taken", "unit_id", "due_date", "own")


def typed_rows(post) -> list[dict]:
    """The problem table's rows as typed (after a refused save nothing is lost); blank rows for a new form."""
    rows = []
    for i in range(PROBLEM_ROWS):
        row = {"i": i} | {f: (post.get(f"p{i}-{f}", "") if post else "") for f in PROBLEM_FIELDS}
        row["outcome"] = row["outcome"] or "case"
        row["own"] = row["own"] == "on" if post else True
        rows.append(row)
    return rows


def _ints(values: list[str]) -> list[int]:
    return [int(v) for v in values if is_digits(v.strip())]


def problems_from_post(post, kind: str) -> list[dict]:
    """The filled rows of the problem table (a row without a description is ignored)."""
    rows = []
    for i in range(PROBLEM_ROWS):
        description = (post.get(f"p{i}-description") or "").strip()
        if not description:
            continue
        row = {"description": description, "outcome": post.get(f"p{i}-outcome") or "case",
               "action_taken": post.get(f"p{i}-action_taken", ""), "visitor_name": post.get(f"p{i}-visitor_name", ""),
               "unit_id": int(post[f"p{i}-unit_id"]) if is_digits(post.get(f"p{i}-unit_id", "")) else None,
               "due_date": post.get(f"p{i}-due_date") or None}
        if is_digits(post.get(f"p{i}-headcount") or ""):
            row["headcount"] = int(post[f"p{i}-headcount"])
        if kind == Kind.RECEPTION:
            row["own"] = post.get(f"p{i}-own") == "on"
        rows.append(row)
    return rows


def _kind_fields(post, kind: str) -> dict:
    fields: dict = {}
    if kind == Kind.ONSITE:
        fields["target_name"] = post.get("target_name", "")
    elif kind == Kind.RESEARCH:
        fields["topic_id"] = int(post["topic_id"]) if is_digits(post.get("topic_id", "")) else None
        fields["people_met"] = int(post.get("people_met") or 0) if is_digits(post.get("people_met") or "0") else 0
        fields["four_not_two_direct"] = post.get("four_not_two_direct") == "on"
    elif kind == Kind.LECTURE:
        fields["lecture_form"] = post.get("lecture_form") or None
        fields["team"] = post.get("team", "")
        fields["audience"] = int(post.get("audience") or 0) if is_digits(post.get("audience") or "0") else 0
    elif kind == Kind.VISIT:
        fields["visit_type"] = Activity.VisitType.DOOR
        fields["households"] = [{"name": line.strip()} for line in post.get("households", "").splitlines()
                                if line.strip()]
    elif kind == Kind.RECEPTION:
        fields["is_published"] = post.get("is_published") == "on"
    return fields


def _return_visit(request, post) -> services.Recorded:
    """上门回访 from the visit form: the case is found by its tracking number within the user's view."""
    from sixia.cases import selectors as case_selectors

    case = case_selectors.visible_cases(request.user).filter(tracking_no=post["case_no"].strip().upper()).first()
    if case is None:
        raise NotFound("case_not_found", "回访的诉求不存在或不在您的管辖范围内", "case not found", field="case_no")
    return services.record_return_visit(actor=request.user, case_id=case.pk,
                                        official_ids=_ints(post.getlist("official_ids")),
                                        start_day=post.get("start_day", ""),
                                        satisfaction=post.get("satisfaction", ""), resolved=post.get("resolved") == "on",
                                        note=post.get("summary", ""))


@login_required
@require_http_methods(["GET", "POST"])
@page_needs(rights.RECORD)
def new(request, kind: str):
    kind = _kind(kind)
    if request.method == "POST":
        post = request.POST
        try:
            if kind == Kind.VISIT and post.get("case_no", "").strip():
                recorded = _return_visit(request, post)
            else:
                recorded = services.record_activity(
                    actor=request.user, kind=kind, title=post.get("title") or KIND_TITLES[kind],
                    region_code=post.get("region_code", ""), start_day=post.get("start_day", ""),
                    days=post.get("days") or 1, place=post.get("place", ""),
                    official_ids=_ints(post.getlist("official_ids")), member_ids=_ints(post.getlist("member_ids")),
                    other_participants=post.get("other_participants", ""), summary=post.get("summary", ""),
                    problems=problems_from_post(post, kind), **_kind_fields(post, kind))
        except DomainError as exc:
            return render(request, "activities/form.html", _form_context(request, kind, post, error_text(exc)),
                          status=page_status(exc))
        _cases_created(request, recorded.cases)
        return redirect("activities:detail", recorded.activity.pk)
    return render(request, "activities/form.html", _form_context(request, kind))


@login_required
@require_http_methods(["GET", "POST"])
def detail(request, activity_id: int):
    activity = _activity(request.user, activity_id)
    error = ""
    if request.method == "POST":
        try:
            cases = services.add_problems(actor=request.user, activity=activity,
                                          problems=problems_from_post(request.POST, activity.kind))
            _cases_created(request, cases)
            return redirect("activities:detail", activity.pk)
        except DomainError as exc:
            error = exc.message
    rows = selectors.problems_of(activity)
    ctx = _form_context(request, activity.kind, error=error)
    ctx.update({"a": activity, "problems": rows, "all_closed": all(r["closed"] for r in rows),
                "open_count": sum(1 for r in rows if not r["closed"]),
                "attachments": activity.attachments.all(), "rows": typed_rows(request.POST if error else None)[:3],
                "summary": selectors.day_summary(activity) if activity.kind == Kind.RECEPTION else None,
                "appointments": activity.appointments.all() if activity.kind == Kind.RECEPTION else []})
    return render(request, "activities/detail.html", ctx, status=422 if error else 200)


def _appointment(user, appointment_id: int) -> tuple[Appointment, Activity]:
    """An appointment and its reception day, 404 unless the day is in the user's jurisdiction."""
    appt = Appointment.objects.filter(pk=appointment_id).first()
    if appt is None:
        raise Http404
    return appt, _activity(user, appt.activity_id)


@login_required
@require_POST
def receive(request, appointment_id: int):
    appt, activity = _appointment(request.user, appointment_id)
    try:
        cases = services.receive_appointment(actor=request.user, appointment=appt, problem={
            "outcome": request.POST.get("outcome", "case"), "action_taken": request.POST.get("action_taken", "")})
        _cases_created(request, cases)
    except DomainError as exc:
        messages.error(request, error_text(exc))
    return redirect("activities:detail", activity.pk)


@login_required
@require_POST
def upload(request, activity_id: int):
    activity = _activity(request.user, activity_id)
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
        messages.error(request, exc.message)
    return redirect("activities:detail", activity.pk)


@login_required
def download(request, attachment_id: int):
    row = Attachment.objects.filter(pk=attachment_id).select_related("activity", "topic").first()
    owner = (row.activity or row.topic) if row is not None else None
    if row is None or owner is None or not jurisdiction.covers(request.user, owner.region_id):
        raise Http404
    data = uploads.open_stored(row.path)
    response = HttpResponse(data, content_type=row.content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{_quote(row.name)}"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _quote(name: str) -> str:
    from urllib.parse import quote

    return quote(name)


@login_required
def reception_calendar(request):
    first = _month(request.GET.get("month"))
    last = date(first.year, first.month, pycal.monthrange(first.year, first.month)[1])
    days = selectors.activities_for(request.user, kind=Kind.RECEPTION, start=first, end=last)
    by_day: dict[date, list] = {}
    for a in days:
        by_day.setdefault(a.start_day, []).append(a)
    weeks = [[(d, by_day.get(d, []), d.month == first.month) for d in week]
             for week in pycal.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month)]
    prev_month = (first - timedelta(days=1)).replace(day=1)
    next_month = last + timedelta(days=1)
    period = selectors.period_summary(request.user, first, last, label=rules.month_label(first))
    return render(request, "activities/calendar.html", {
        "weeks": weeks, "first": first, "prev": f"{prev_month:%Y-%m}", "next": f"{next_month:%Y-%m}",
        "period": period, "schedules": selectors.schedules_for(request.user)})


@require_http_methods(["GET", "POST"])
def public(request):
    """The published reception days, appointment booking (约访) and cancelling a booking (取消预约) — no login."""
    booked = None
    error = cancel_error = ""
    if request.method == "POST" and request.POST.get("op") == "cancel":
        try:
            appt = services.cancel_appointment_by_code(code=request.POST.get("code", ""),
                                                       phone=request.POST.get("phone", ""),
                                                       reason=request.POST.get("reason", ""))
            messages.success(request, gettext("已取消预约：%(day)s %(slot)s，预约码 %(code)s。") % {
                "day": dateformat.format(appt.activity.start_day, gettext("Y年n月j日")),
                "slot": f"{appt.slot:%H:%M}", "code": appt.code})
            return redirect("activities:public")
        except DomainError as exc:
            cancel_error = error_text(exc)
    elif request.method == "POST":
        try:
            day_id = parse_id(request.POST.get("day_id"), field="day_id", default=0)
            activity = Activity.objects.select_related("schedule").filter(pk=day_id).first()
            if activity is None:
                raise DomainError("not_found", "接待日不存在", "reception day not found")
            booked = services.book_appointment(activity=activity, slot=request.POST.get("slot", ""),
                                               name=request.POST.get("name", ""), phone=request.POST.get("phone", ""),
                                               matter=request.POST.get("matter", ""))
        except DomainError as exc:
            error = error_text(exc)
    days = [(a, services.slots_of(a)) for a in selectors.public_reception_days(date.today())[:60]]
    return render(request, "activities/public.html", {
        "days": days, "booked": booked, "error": error, "cancel_error": cancel_error,
        "cancel_form": request.POST if cancel_error else {}}, status=422 if error or cancel_error else 200)


@login_required
@require_POST
def cancel_appointment(request, appointment_id: int):
    """The desk cancels a pending appointment of a day in its jurisdiction, with a reason."""
    appt, activity = _appointment(request.user, appointment_id)
    try:
        services.cancel_appointment(actor=request.user, appointment=appt, reason=request.POST.get("reason", ""))
        messages.success(request, gettext("约访已取消"))
    except DomainError as exc:
        messages.error(request, error_text(exc))
    return redirect("activities:detail", activity.pk)


@login_required
def export_ledger(request, kind: str):
    kind = _kind(kind)
    year = parse_year(request.GET.get("year")) or timezone.localdate().year
    qs = selectors.activities_for(request.user, kind=kind, start=date(year, 1, 1), end=date(year, 12, 31))
    data = export.ledger(kind, qs)
    audit.record(audit.Action.EXPORT, actor=request.user, object_type="activities.activity",
                 summary=f"导出{KIND_TITLES[kind]}台账 {year}", changes={"kind": kind, "rows": qs.count()})
    response = HttpResponse(data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{_quote(f'{KIND_TITLES[kind]}台账-{year}.xlsx')}"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def topics(request):
    if request.method == "POST":
        post = request.POST
        try:
            t = research.create_topic(actor=request.user, title=post.get("title", ""),
                                      leader_id=int(post["leader_id"]) if is_digits(post.get("leader_id", "")) else 0,
                                      region_code=post.get("region_code", ""),
                                      year=int(post["year"]) if is_digits(post.get("year", "")) else 0,
                                      description=post.get("description", ""))
            return redirect("activities:topic", t.pk)
        except DomainError as exc:
            messages.error(request, exc.message)
    return render(request, "activities/topics.html", {
        "topics": [(t, research.topic_progress(t)) for t in selectors.topics_for(request.user)],
        "officials": org_selectors.officials_for(request.user).filter(is_active=True, is_leader=True)[:300],
        "regions": _regions(request.user), "year": date.today().year})


@login_required
@require_http_methods(["GET", "POST"])
def topic(request, topic_id: int):
    t = _topic(request.user, topic_id)
    if request.method == "POST":
        post = request.POST
        try:
            if post.get("op") == "measure":
                research.add_measure(actor=request.user, topic=t, title=post.get("title", ""),
                                     owner_id=int(post["owner_id"]) if is_digits(post.get("owner_id", "")) else None,
                                     due_date=post.get("due_date") or None,
                                     parent_id=int(post["parent_id"]) if is_digits(post.get("parent_id", "")) else None,
                                     progress=post.get("progress") or 0)
            elif post.get("op") == "progress":
                measure = t.measures.filter(pk=post.get("measure_id") or 0).first()
                if measure is None:
                    raise DomainError("not_found", "措施不存在", "measure not found")
                research.update_measure(actor=request.user, measure=measure, progress=post.get("progress") or 0)
            elif post.get("op") == "exchange":
                research.hold_exchange_meeting(actor=request.user, day=post.get("day", ""), region_code=t.region_id,
                                               topic_ids=[t.pk], place=post.get("place", ""),
                                               summary=post.get("summary", ""))
            elif post.get("op") == "report":
                research.set_report(actor=request.user, topic=t, summary=post.get("summary", ""))
                if request.FILES.get("file"):
                    f = request.FILES["file"]
                    services.attach(actor=request.user, data=f.read(uploads.max_bytes() + 1), filename=f.name,
                                    topic=t, is_report=True)
            messages.success(request, gettext("已保存"))
        except DomainError as exc:
            messages.error(request, exc.message)
        return redirect("activities:topic", t.pk)
    return render(request, "activities/topic.html", {
        "t": t, "measures": research.measure_tree(t), "progress": research.topic_progress(t),
        "trips": t.trips.all(), "reports": t.attachments.filter(is_report=True),
        "meetings": t.exchange_meetings.all(),
        "officials": org_selectors.officials_for(request.user).filter(is_active=True)[:300]})

