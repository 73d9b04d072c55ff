"""The portal's 点题整治 pages, no login: the published topics (vote on those in voting), nominate a problem,
one topic's progress and results (rate a completed one).

Each POST is counted against its throttle scope first (429 with the Chinese message); the nomination form asks
for a captcha once the address made ``SIXIA_CAPTCHA_AFTER`` attempts within the hour, like the public booking
form. Errors are in the page's language only, with everything typed kept."""

from __future__ import annotations

from django.conf import settings
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from sixia.core import throttle
from sixia.core.errors import DomainError, TooManyRequests, page_text
from sixia.core.validation import parse_year
from sixia.public import selectors as public_selectors
from sixia.topics import out, selectors
from sixia.topics.forms import NominateForm, RateForm, VoteForm
from sixia.topics.models import Topic
from sixia.topics.services import public

ATTEMPTS = "topic_nominate_attempts"  # counts toward the captcha (a very high rate: never refuses by itself)


def _captcha_due(request) -> bool:
    return throttle.count(request, scope=ATTEMPTS, key="ip", rate="100000/h") >= settings.SIXIA_CAPTCHA_AFTER


def _status(exc: DomainError) -> int:
    return 429 if isinstance(exc, TooManyRequests) else exc.status


# throttle: public_read
def topics(request):
    throttle.limit(request, scope="public_read", key="ip")
    try:
        year = parse_year(request.GET.get("year", ""), field="year")
    except DomainError:
        year = None  # a strange year shows every period
    rows = [out.topic_summary(t) for t in selectors.public_topics(year=year)[:200]]
    years = selectors.public_years()
    return render(request, "topics/public/list.html", {"topics": rows, "years": years, "year": year})


# throttle: topic_nominate
@require_http_methods(["GET", "POST"])
def nominate(request):
    captcha = _captcha_due(request)
    form = NominateForm(with_captcha=captcha)
    error, status, done = "", 200, None
    if request.method == "POST":
        form = NominateForm(request.POST, with_captcha=captcha)  # kept on every refusal, 429 included
        try:
            throttle.limit(request, scope="topic_nominate", key="ip")
            throttle.limit(request, scope=ATTEMPTS, key="ip", rate="100000/h")
            if not form.is_valid():
                error, status = form.first_error(), 422
            else:
                data = {k: v for k, v in form.cleaned_data.items() if k != "captcha"}
                done = public.nominate(**data)
                form = NominateForm(with_captcha=_captcha_due(request))
                status = 201
        except DomainError as exc:
            error, status = page_text(exc), _status(exc)
        if error and not captcha and _captcha_due(request):
            form = NominateForm(request.POST, with_captcha=True)  # this attempt reached the threshold
    regions = public_selectors.regions_to_pick(getattr(settings, "SIXIA_PUBLIC_REGION_ROOT", ""))
    return render(request, "topics/public/nominate.html", {"form": form, "error": error, "regions": regions,
                                                           "done": done}, status=status)


# throttle: topic_vote
@require_http_methods(["GET", "POST"])
def topic(request, topic_id: int):
    found = selectors.public_topic(topic_id)
    if found is None:
        return render(request, "topics/public/missing.html", {}, status=404)
    vote_form, rate_form = VoteForm(), RateForm()
    error, status, notice = "", 200, ""
    if request.method == "POST":
        op = request.POST.get("op", "")
        if op == "vote":
            vote_form = VoteForm(request.POST)
        else:
            rate_form = RateForm(request.POST)
        try:
            throttle.limit(request, scope="topic_vote", key="ip")
            if op == "vote":
                if not vote_form.is_valid():
                    error, status = vote_form.first_error(), 422
                else:
                    public.vote(topic_id=found.pk, phone=vote_form.cleaned_data["phone"])
                    notice, vote_form = "voted", VoteForm()
            else:
                if not rate_form.is_valid():
                    error, status = rate_form.first_error(), 422
                else:
                    public.rate(topic_id=found.pk, **rate_form.cleaned_data)
                    notice, rate_form = "rated", RateForm()
        except DomainError as exc:
            error, status = page_text(exc), _status(exc)
        found = selectors.public_topic(topic_id) or found
    return render(request, "topics/public/detail.html", {
        "t": found, "view": out.topic_public(found), "vote_form": vote_form, "rate_form": rate_form,
        "error": error, "notice": notice, "voting": found.state == Topic.State.VOTING,
        "ratable": found.state == Topic.State.DONE}, status=status)
