"""Research pages: the topics (领题调研) and one topic with its measures, progress, exchange meetings, report."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods

from sixia.activities import research, selectors, services
from sixia.activities.forms import ExchangeForm, MeasureForm, ProgressForm, ReportForm, TopicForm
from sixia.activities.forms.activities import regions
from sixia.core import uploads
from sixia.core.errors import DomainError, InvalidInput, NotFound, error_text
from sixia.org import selectors as org_selectors


def _topic(user, topic_id: int):
    try:
        return research.get_topic(user, topic_id)
    except NotFound:
        raise Http404("topic not found")


def _valid(form) -> dict:
    """The cleaned data, or the form's first refusal as a ``DomainError`` (shown like a service's)."""
    if not form.is_valid():
        text = form.first_error()
        raise InvalidInput("invalid_input", text, text)
    return form.cleaned_data


@login_required
@require_http_methods(["GET", "POST"])
def topics(request):
    if request.method == "POST":
        try:
            t = research.create_topic(actor=request.user, **_valid(TopicForm(request.POST)))
            return redirect("activities:topic", t.pk)
        except DomainError as exc:
            messages.error(request, error_text(exc))
    return render(request, "activities/topics.html", {
        "topics": [(t, research.topic_progress(t)) for t in selectors.topics_for(request.user)],
        "officials": org_selectors.officials_for(request.user).filter(is_active=True, is_leader=True)[:300],
        "regions": regions(request.user), "year": timezone.localdate().year})


def _act(request, t, op: str) -> None:
    """One operation of the topic page, by ``op``."""
    post = request.POST
    if op == "measure":
        data = _valid(MeasureForm(post))
        research.add_measure(actor=request.user, topic=t, title=data["title"], owner_id=data["owner_id"],
                             due_date=data["due_date"], parent_id=data["parent_id"], progress=data["progress"] or 0)
    elif op == "progress":
        data = _valid(ProgressForm(post))
        measure = t.measures.filter(pk=data["measure_id"]).first()
        if measure is None:
            raise NotFound("not_found", "措施不存在", "measure not found")
        research.update_measure(actor=request.user, measure=measure, progress=data["progress"] or 0)
    elif op == "exchange":
        data = _valid(ExchangeForm(post))
        research.hold_exchange_meeting(actor=request.user, day=data["day"], region_code=t.region_id,
                                       topic_ids=[t.pk], place=data["place"], summary=data["summary"])
    elif op == "report":
        data = _valid(ReportForm(post, request.FILES))
        research.set_report(actor=request.user, topic=t, summary=data["summary"])
        if data["file"]:
            f = data["file"]
            services.attach(actor=request.user, data=f.read(uploads.max_bytes() + 1), filename=f.name, topic=t,
                            is_report=True)


@login_required
@require_http_methods(["GET", "POST"])
def topic(request, topic_id: int):
    t = _topic(request.user, topic_id)
    if request.method == "POST":
        try:
            _act(request, t, request.POST.get("op", ""))
            messages.success(request, gettext("已保存"))
        except DomainError as exc:
            messages.error(request, error_text(exc))
        return redirect("activities:topic", t.pk)
    return render(request, "activities/topic.html", {
        "t": t, "measures": research.measure_tree(t), "progress": research.topic_progress(t),
        "trips": t.trips.all(), "reports": t.attachments.filter(is_report=True),
        "meetings": t.exchange_meetings.all(),
        "officials": org_selectors.officials_for(request.user).filter(is_active=True)[:300]})
