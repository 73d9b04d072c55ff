"""Officials' pages for the foundation: home, units, officials, persons, audit log. Thin: parse, call, render."""

from __future__ import annotations

import contextlib
from datetime import date

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from sixia.core import selectors as core_selectors
from sixia.core import throttle, today
from sixia.core.errors import DomainError, Forbidden, TooManyRequests, error_text, page_text
from sixia.core.models import AuditEntry
from sixia.geo import selectors as geo_selectors
from sixia.org import selectors as org_selectors
from sixia.org.models import Rank, Unit
from sixia.people import permissions as people_rights
from sixia.people import selectors as people_selectors
from sixia.people import services as people_services
from sixia.web import panels, person_file
from sixia.web.forms import LockoutAuthenticationForm, PersonForm
from sixia.web.rights import page_needs

PAGE_SIZE = 30


class LoginView(auth_views.LoginView):
    form_class = LockoutAuthenticationForm
    template_name = "registration/login.html"
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        """Password guessing from one address is slowed before any account is tried (the lockout counts per
        account; this counts per address, across accounts)."""
        try:
            throttle.limit(request, scope="login", key="ip")  # throttle: login
        except TooManyRequests as exc:
            form = self.form_class(request, initial={"username": request.POST.get("username", "")[:150]})
            return render(request, self.template_name, {"form": form, "throttled": page_text(exc),
                                                        "next": request.POST.get("next", "")}, status=429)
        return super().post(request, *args, **kwargs)


def healthz(request):
    return JsonResponse({"status": "ok"})


def _page(request, qs):
    return Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))


@login_required
def home(request):
    user = request.user
    region = user.jurisdiction
    context = {
        "region": region,
        "counts": {
            "units": org_selectors.units_for(user).count(),
            "officials": org_selectors.officials_for(user).count(),
            "persons": people_selectors.persons_for(user).count(),
        },
        "today": today.collect(user),  # first: what the user's roles have to do (core.today)
        "panels": panels.collect(request),
    }
    return render(request, "web/home.html", context)


@login_required
def units(request):
    q, kind = request.GET.get("q", ""), request.GET.get("kind", "")
    qs = org_selectors.units_for(request.user, q=q, kind=kind)
    return render(request, "web/units.html", {"page": _page(request, qs), "q": q, "kind": kind,
                                              "kinds": Unit.Kind.choices})


@login_required
def officials(request):
    q, rank = request.GET.get("q", ""), request.GET.get("rank", "")
    qs = org_selectors.officials_for(request.user, q=q, rank=rank)
    return render(request, "web/officials.html", {"page": _page(request, qs), "q": q, "rank": rank,
                                                  "ranks": Rank.choices})


@login_required
def persons(request):
    q = request.GET.get("q", "")
    qs = people_selectors.persons_for(request.user, q=q)
    return render(request, "web/persons.html", {"page": _page(request, qs), "q": q})


@login_required
@require_http_methods(["GET", "POST"])
@page_needs(people_rights.REGISTER)
def person_new(request):
    form = PersonForm(request.POST or None, initial={"region_code": request.user.jurisdiction_id or ""})
    if request.method == "POST" and form.is_valid():
        try:
            person = people_services.create_person(actor=request.user, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, error_text(exc))
        else:
            return redirect("web:person_detail", person_id=person.pk)
    return render(request, "web/person_form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def person_detail(request, person_id: int):
    try:
        person = people_selectors.get_person(request.user, person_id)
    except DomainError:
        if request.method == "POST":  # a refused reveal is audited too (the service records it, then refuses)
            with contextlib.suppress(DomainError):
                people_services.reveal_by_id(actor=request.user, person_id=person_id,
                                             field=request.POST.get("field", ""), reason=request.POST.get("reason", ""))
        return render(request, "web/not_found.html", status=404)
    revealed, error = {}, ""
    if request.method == "POST":
        try:
            field = request.POST.get("field", "")
            revealed[field] = people_services.reveal(actor=request.user, person=person, field=field,
                                                     reason=request.POST.get("reason", ""))
        except DomainError as exc:
            error = error_text(exc)
    region_path = geo_selectors.get_region(request.user, person.region_id).full_name()
    cases = person_file.cases(request.user, person)
    contacts = person_file.contacts(request.user, person, [row["case"].pk for row in cases])
    return render(request, "web/person_detail.html", {"person": person, "revealed": revealed, "error": error,
                                                      "region_path": region_path, "cases": cases,
                                                      "contacts": contacts}, status=403 if error else 200)


def _date_or_none(text: str) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:  # a hand-edited address: show everything rather than an error
        return None


@login_required
def audit_log(request):
    filters = {k: request.GET.get(k, "") for k in ("actor", "action", "object_type", "object_id")}
    since = _date_or_none(request.GET.get("since", ""))  # the auditor's today list opens "the last 7 days"
    filters["since"] = since.isoformat() if since else ""
    try:
        qs = core_selectors.audit_for(request.user, **{k: v for k, v in filters.items() if k != "since"},
                                      since=today.day_start(since) if since else None)
    except Forbidden as exc:
        return HttpResponse(error_text(exc), status=403)
    return render(request, "web/audit.html", {"page": _page(request, qs), "filters": filters,
                                              "actions": AuditEntry.Action.choices})
