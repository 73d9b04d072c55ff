"""Portal pages, no login: submit a matter, track it with code + phone, rate the reply.

A successful submission redirects to ``submitted/`` (POST → redirect → GET), which shows the query code kept in
the session, so reloading it submits nothing. After a successful code + phone, the session remembers that one code (and only it) so the case page and its
rating form need no second entry; the phone itself is never kept. Errors are shown in the page's language with
everything typed kept (status 422 / 404 / 409, never a 500).
"""

from __future__ import annotations

from django.conf import settings
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from sixia.core import throttle
from sixia.core.errors import DomainError, page_text
from sixia.public import selectors, services
from sixia.public.forms import RateForm, SubmitForm, TrackForm
from sixia.public.view_model import public_view

SESSION_KEY = "public_case"  # {"code": …, "key": …}: the one case this browser proved it may see
SUBMITTED_KEY = "public_submitted"  # the query code of this browser's last submission, for the confirmation page


def _remember(request, code: str, phone: str) -> None:
    """Keep the code and the phone's blind index (never the phone) for this one case; a new code replaces it."""
    request.session[SESSION_KEY] = {"code": code, "key": selectors.phone_key(phone)}
    request.session.cycle_key()


def _remembered_key(request, code: str) -> str:
    kept = request.session.get(SESSION_KEY) or {}
    return kept.get("key", "") if kept.get("code") == code else ""


def home(request):
    return render(request, "public/home.html", {"track_form": TrackForm()})


# throttle: public_submit
@require_http_methods(["GET", "POST"])
def submit(request):
    form = SubmitForm(request.POST or None)
    error = ""
    if request.method == "POST":
        throttle.limit(request, scope="public_submit", key="ip")
        if form.is_valid():
            try:
                case = services.submit_case(**form.cleaned_data, photos=request.FILES.getlist("photos"))
            except DomainError as exc:
                error, status = page_text(exc), exc.status
            else:
                _remember(request, case.tracking_no, form.cleaned_data["phone"])
                request.session[SUBMITTED_KEY] = case.tracking_no
                return redirect("public:submitted")  # POST → redirect → GET: a reload does not submit again
        else:
            error, status = form.first_error(), 422
    regions = selectors.regions_to_pick(getattr(settings, "SIXIA_PUBLIC_REGION_ROOT", ""))
    return render(request, "public/submit.html", {"form": form, "error": error, "regions": regions},
                  status=status if error else 200)


@require_http_methods(["GET"])
def submitted(request):
    """The confirmation after a submission: its query code, from the session (nothing in the URL)."""
    code = request.session.get(SUBMITTED_KEY)
    if not code:
        return redirect("public:submit")
    return render(request, "public/submitted.html", {"code": code})


# throttle: public_query
@require_http_methods(["GET", "POST"])
def track(request):
    form = TrackForm(request.POST or None)
    error = ""
    if request.method == "POST":
        throttle.limit(request, scope="public_query", key="ip")  # code + phone guessing
        if form.is_valid():
            code, phone = selectors.normalize_code(form.cleaned_data["code"]), form.cleaned_data["phone"]
            case = selectors.case_for(code, phone)
            if case is not None:
                _remember(request, case.tracking_no, phone)
                return redirect("public:case", case.tracking_no)
            error = page_text(services.not_found())
        else:
            error = form.first_error()
    return render(request, "public/track.html", {"form": form, "error": error},
                  status=(404 if form.is_valid() else 422) if error else 200)


# throttle: public_query
@require_http_methods(["GET", "POST"])
def case(request, code: str):
    code = selectors.normalize_code(code)
    key = _remembered_key(request, code)
    found = selectors.case_for_key(code, key) if key else None
    if found is None:
        return redirect("public:track")
    form = RateForm(request.POST or None)
    error, status, objection = "", 200, None
    if request.method == "POST":
        throttle.limit(request, scope="public_query", key="ip")
        if form.is_valid():
            try:
                _visit, objection = services.rate_case(code=code, phone_key=key, **form.cleaned_data)
            except DomainError as exc:
                error, status = page_text(exc), exc.status
            else:
                found = selectors.case_for_key(code, key) or found
                form = RateForm()
        else:
            error, status = form.first_error(), 422
    return render(request, "public/case.html", {"view": public_view(found), "form": form, "error": error,
                                                "rated_objection": objection}, status=status)
