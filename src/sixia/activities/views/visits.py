"""Recording from the activity form by kind: 登门走访 with households, or — with a case number — the case's
上门回访; every other kind goes to its own service verb."""

from __future__ import annotations

from collections.abc import Callable

from sixia.activities import services
from sixia.activities.forms import HouseholdRows, ProblemRows
from sixia.activities.forms.activities import ActivityForm, VisitForm
from sixia.activities.models import Kind
from sixia.activities.views.common import KIND_TITLES
from sixia.core.errors import NotFound

VERBS: dict[str, Callable[..., services.Recorded]] = {Kind.RECEPTION: services.record_reception_day, Kind.ONSITE: services.record_onsite,
         Kind.RESEARCH: services.record_trip, Kind.LECTURE: services.record_lecture}


def record_from_form(request, kind: str, form: ActivityForm, rows: ProblemRows,
                     households: HouseholdRows) -> services.Recorded:
    title = form.cleaned_data["title"] or KIND_TITLES[kind]
    problems = rows.items(kind)
    if kind == Kind.VISIT:
        assert isinstance(form, VisitForm)
        if form.cleaned_data["case_no"]:
            return return_visit(request, form, households)
        return services.record_visit(actor=request.user, title=title, **form.common(), **form.kind_fields(),
                                     households=households.items(), problems=problems)
    if kind == Kind.RECEPTION:
        return services.record_reception_day(actor=request.user, title=title, **form.common(), **form.kind_fields(),
                                             visitors=problems)
    return VERBS[kind](actor=request.user, title=title, **form.common(), **form.kind_fields(), problems=problems)


def return_visit(request, form: VisitForm, households: HouseholdRows) -> services.Recorded:
    """上门回访 from the visit form: the case is found by its tracking number within the user's view."""
    data = form.cleaned_data
    from sixia.cases import selectors as case_selectors

    case = case_selectors.visible_cases(request.user).filter(tracking_no=data["case_no"]).first()
    if case is None:
        raise NotFound("case_not_found", "回访的诉求不存在或不在您的管辖范围内", "case not found", field="case_no")
    return services.record_return_visit(actor=request.user, case_id=case.pk, official_ids=data["official_ids"],
                                        start_day=data["start_day"], satisfaction=data["satisfaction"],
                                        resolved=data["resolved"], note=data["summary"],
                                        households=households.items())
