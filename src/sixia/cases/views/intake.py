"""登记受理: the intake form, and the lookup of the same person's open cases while the desk types."""

from __future__ import annotations

from datetime import datetime, time

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from sixia.cases import labels, selectors, services
from sixia.cases import permissions as rights
from sixia.cases.forms import BasePetitionerFormSet, IntakeForm, PetitionerFormSet
from sixia.cases.views.common import region_choices, unit_choices
from sixia.cases.workflow import TERMINAL
from sixia.core.errors import DomainError, error_text
from sixia.people import selectors as people_selectors
from sixia.people.models import Person
from sixia.web.rights import page_needs

LOOKUP_PERSONS = 5
LOOKUP_CASES = 10
FIELD_ALIASES = {"region": "region_code"}
PERSON_FIELDS = {"petitioners", "name", "id_number", "phone", "address", "person_id"}


def _create(request, form: IntakeForm, people: BasePetitionerFormSet) -> tuple[int | None, str]:
    """Create the case from valid forms; returns (case id, petitioners error)."""
    data = dict(form.cleaned_data)
    data.pop("confirm_duplicate", None)
    occurred = data.pop("occurred_at")
    if occurred:
        data["occurred_at"] = timezone.make_aware(datetime.combine(occurred, time(12, 0)))
    try:
        case = services.create_case(actor=request.user, petitioners=people.petitioners(), **data)
    except DomainError as exc:
        field = FIELD_ALIASES.get(exc.field or "", exc.field)
        if field in PERSON_FIELDS:
            return None, error_text(exc)
        form.add_error(field if field in form.fields else None, error_text(exc))
        return None, ""
    from sixia.insight.repeats import finalized_warnings

    for warning in finalized_warnings(request.user, case):
        messages.warning(request, _("同一诉求人的同一事项已终结（%(tracking_no)s）：同一事实和理由再次提出的，可不再受理"
                                    "（信访工作条例第36条第3款）") % {"tracking_no": warning["tracking_no"]})
    return case.pk, ""


@login_required
@require_http_methods(["GET", "POST"])
@page_needs(rights.REGISTER)
def intake(request):
    regions = region_choices(request.user)
    initial = {"region_code": request.user.jurisdiction_id or "", "channel": "visit"}
    form = IntakeForm(request.POST or None, regions=regions, units=unit_choices(request.user), initial=initial)
    people = PetitionerFormSet(request.POST or None, prefix="p")
    people_error, duplicates = "", []
    if request.method == "POST":
        form_ok, people_ok = form.is_valid(), people.is_valid()
        if form_ok and people_ok:
            duplicates = [] if form.cleaned_data["confirm_duplicate"] else _duplicates(request.user, form, people)
            if not duplicates:
                case_id, people_error = _create(request, form, people)
                if case_id is not None:
                    return redirect("cases:detail", case_id=case_id)
        elif not people_ok:
            people_error = " ".join(people.non_form_errors())
    status = 422 if request.method == "POST" and not duplicates else 200
    return render(request, "cases/intake.html", {
        "form": form, "people": people, "people_error": people_error, "duplicates": duplicates,
        "lookup_url": reverse("cases:person_cases"),
    }, status=status)


def _duplicates(user, form: IntakeForm, people: BasePetitionerFormSet) -> list:
    """可能重复登记: what this registration may repeat (same person or same title/text within the hour). The page
    stops once and asks the clerk to confirm; nothing is written until then."""
    return list(selectors.recent_duplicates(user, title=form.cleaned_data["title"],
                                            content=form.cleaned_data["content"],
                                            petitioners=people.petitioners())[:5])


@login_required
@require_GET
def person_cases(request) -> HttpResponse:
    """JSON: persons matching a name (≥ 2 characters) or, exactly, an ID number / phone, with their open
    cases in the user's jurisdiction."""
    terms = [(request.GET.get(k) or "").strip() for k in ("id_number", "phone", "name")]
    found: dict[int, Person] = {}
    for i, term in enumerate(terms):
        if len(term) < (2 if i == 2 else 6):
            continue
        for person in people_selectors.persons_for(request.user, q=term)[:LOOKUP_PERSONS]:
            found.setdefault(person.pk, person)
    rows = []
    for person in list(found.values())[:LOOKUP_PERSONS]:
        cases = list(selectors.cases_of_person(request.user, person.pk)[:LOOKUP_CASES * 2])
        rows.append({
            "id": person.pk, "name": person.name, "id_number": person.id_number_masked,
            "phone": person.phone_masked,
            "open_cases": [_case_row(c) for c in cases if c.state not in TERMINAL][:LOOKUP_CASES],
            # closed, finalized (终结: 条例第36条第3款), rejected … shown too, marked: a repeat of a finalized
            # matter may be declined, a closed one may come back
            "closed_cases": [_case_row(c) for c in cases if c.state in TERMINAL][:LOOKUP_CASES],
        })
    return JsonResponse({"persons": rows})


def _case_row(case) -> dict:
    return {"id": case.pk, "tracking_no": case.tracking_no, "title": case.title, "state": case.state,
            "state_label": labels.label(labels.STATES, case.state), "warning": case.warning,
            "finalized": case.state == "finalized", "url": reverse("cases:detail", args=[case.pk])}
