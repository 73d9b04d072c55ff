"""Officials' pages of 点题整治: the topics of a period, one topic (measures, progress, 督办, cases, states),
the nomination queue (record from a visit, merge into a topic, decline) and the open measures.

Every write goes through ``services``; a refusal is shown above the form in the page's language, with what was
typed kept (422 / 403 / 404 / 409 — never a 500)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods

from sixia.activities.forms.activities import regions
from sixia.core import permissions
from sixia.core.errors import DomainError, InvalidInput, NotFound, error_text, page_status
from sixia.core.validation import parse_id, parse_int, parse_year
from sixia.org import selectors as org_selectors
from sixia.topics import out, selectors, services
from sixia.topics import permissions as rights
from sixia.topics.forms import (
    CaseLinkForm,
    MeasureForm,
    MoveForm,
    NoteForm,
    ProgressForm,
    RecordForm,
    TopicForm,
)
from sixia.topics.models import Nomination, Topic
from sixia.topics.services.common import may_answer


def _valid(form) -> dict:
    if not form.is_valid():
        text = form.first_error()
        raise InvalidInput("invalid_input", text, text)
    return form.cleaned_data


def _q(request, name: str, parse, **kw):
    try:
        return parse(request.GET.get(name, ""), field=name, **kw)
    except DomainError:
        return None


@login_required
def home(request):
    year = _q(request, "year", parse_year)
    unit = _q(request, "unit", parse_id)
    state = request.GET.get("state", "")[:12]
    attention = request.GET.get("attention") == "on"
    rows = list(selectors.topics_for(request.user, year=year, state=state, unit_id=unit, attention=attention)[:500])
    return render(request, "topics/home.html", {
        "topics": [out.topic_summary(t) for t in rows], "total": len(rows), "year": year or "", "state": state,
        "states": Topic.State.choices, "attention": attention, "unit": unit or "",
        "may_curate": permissions.allows(request.user, rights.CURATE)})


@login_required
def measures(request):
    """Open measures (the list the unit's today section opens): own unit, due within N days, overdue."""
    unit = _q(request, "unit", parse_id)
    within = _q(request, "due_within", parse_int, minimum=0, maximum=366)
    overdue = request.GET.get("overdue") == "on"
    rows = list(selectors.measures_for(request.user, unit_id=unit, due_within=within, overdue=overdue)[:500])
    today = timezone.localdate()
    return render(request, "topics/measures.html", {"measures": rows, "total": len(rows), "today": today,
                                                    "unit": unit or "", "due_within": within, "overdue": overdue})


def _record(request):
    form = RecordForm(request.POST)
    data = _valid(form)
    services.record_nomination(actor=request.user, region_code=data["region_code"], text=data["text"],
                               category=data["category"], activity_id=data["activity_id"], name=data["name"],
                               phone=data["phone"])
    messages.success(request, gettext("已保存"))


@login_required
@require_http_methods(["GET", "POST"])
def nominations(request):
    status_filter = request.GET.get("status", "new")[:10]
    queue = list(selectors.nominations_for(request.user, status=status_filter)[:300])
    units = list(org_selectors.units_for(request.user).filter(is_active=True)[:400])
    record_form, topic_form = RecordForm(), TopicForm(units=units, nominations=queue)
    error, status = "", 200
    if request.method == "POST":
        op = request.POST.get("op", "")
        try:
            if op == "record":
                record_form = RecordForm(request.POST)
                _record(request)
                return redirect("topics:nominations")
            if op == "decline":
                n = selectors.nominations_for(request.user).filter(
                    pk=parse_id(request.POST.get("nomination_id"), field="nomination_id")).first()
                if n is None:
                    raise NotFound("not_found", "点题不存在", "nomination not found")
                services.decline_nomination(actor=request.user, nomination=n)
                return redirect("topics:nominations")
            if op == "merge":
                target = selectors.get_topic(request.user, parse_id(request.POST.get("topic_id"), field="topic_id"))
                ids = [parse_id(v, field="nomination_ids") for v in request.POST.getlist("nomination_ids")[:200]]
                services.merge_nominations(actor=request.user, topic=target, nomination_ids=[i for i in ids if i])
                return redirect("topics:detail", target.pk)
            if op == "topic":
                topic_form = TopicForm(request.POST, units=units, nominations=queue)
                topic = services.create_topic(actor=request.user, **_valid(topic_form))
                return redirect("topics:detail", topic.pk)
            raise InvalidInput("invalid_op", "未知操作", "unknown operation")
        except DomainError as exc:
            error, status = error_text(exc), page_status(exc)
    return render(request, "topics/nominations.html", {
        "nominations": queue, "total": len(queue), "status": status_filter, "statuses": Nomination.Status.choices,
        "record_form": record_form, "topic_form": topic_form, "units": units, "regions": regions(request.user),
        "error": error, "year": timezone.localdate().year,
        "open_topics": selectors.topics_for(request.user).exclude(state__in=["done", "dropped"])[:200],
        "may_record": permissions.allows(request.user, rights.RECORD),
        "may_curate": permissions.allows(request.user, rights.CURATE)}, status=status)


def _act(request, topic: Topic, op: str) -> None:
    post, user = request.POST, request.user
    if op == "move":
        services.move(actor=user, topic=topic, **_valid(MoveForm(post)))
    elif op == "measure":
        data = _valid(MeasureForm(post))
        services.add_measure(actor=user, topic=topic, **data)
    elif op == "progress":
        data = _valid(ProgressForm(post))
        measure = topic.measures.filter(pk=data["measure_id"]).first()
        if measure is None:
            raise NotFound("measure_not_found", "举措不存在", "measure not found")
        services.report_progress(actor=user, measure=measure, percent=data["percent"], text=data["text"],
                                 on=data["day"])
    elif op == "supervise":
        services.supervise(actor=user, topic=topic, **_valid(NoteForm(post)))
    elif op == "case":
        services.link_case(actor=user, topic=topic, case_id=_valid(CaseLinkForm(post))["case_id"])
    else:
        raise InvalidInput("invalid_op", "未知操作", "unknown operation")


@login_required
@require_http_methods(["GET", "POST"])
def detail(request, topic_id: int):
    try:
        topic = selectors.get_topic(request.user, topic_id)
    except NotFound:
        raise Http404("topic not found") from None
    error, status = "", 200
    if request.method == "POST":
        try:
            _act(request, topic, request.POST.get("op", ""))
            return redirect("topics:detail", topic.pk)
        except DomainError as exc:
            error, status = error_text(exc), page_status(exc)
            topic = selectors.get_topic(request.user, topic_id)
    data = out.topic_full(topic)
    user = request.user
    return render(request, "topics/detail.html", {
        "t": topic, "view": data, "rows": selectors.measure_rows(topic), "error": error, "posted": request.POST,
        "units": [topic.lead_unit, *topic.co_units.all()],
        "may_curate": permissions.allows(user, rights.CURATE), "may_answer": may_answer(user, topic),
        "may_supervise": permissions.allows(user, rights.SUPERVISE),
        "is_admin": "admin" in permissions.roles_of(user)}, status=status)
