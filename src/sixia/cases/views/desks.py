"""Pages of the 包案 and 督办 desks: the 包案台账 (all owned cases of the jurisdiction, or one leader's — 我的包案),
the 督办台账 with the 通报 of a period; both export to Excel (``?export=xlsx``). Reads only: the writes are the
side actions on the case page."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from sixia.cases import desk_export, desks, selectors
from sixia.cases.desk_forms import LedgerFilterForm, PeriodForm
from sixia.cases.models import SupervisionLevel
from sixia.core.errors import DomainError, error_text
from sixia.core.xlsx import xlsx_response


def _leader_choices(user) -> list[tuple[int, str]]:
    return [(o.pk, f"{o.name}（{o.title}）" if o.title else o.name) for o in selectors.leaders_for(user)]


def _ledger(request, *, official=None, mine: bool = False):
    user = request.user
    form = LedgerFilterForm(request.GET, leaders=_leader_choices(user))
    f = form.values()
    official_id = official.pk if official is not None else f.get("official")
    state: str = f.get("state") or ""
    overdue: bool | None = True if f.get("overdue") else None
    if request.GET.get("export") == "xlsx":
        return xlsx_response(lambda out: desk_export.export_ledger(actor=user, out=out, official_id=official_id,
                                                                   state=state, overdue=overdue),
                             desk_export.filename("包案台账"))
    if request.GET.get("export") == "docx":
        from sixia.documents import services as documents
        from sixia.documents.views import docx_response

        return docx_response(documents.leaders_list(actor=user, official_id=official_id, state=state, overdue=overdue))
    rows = desks.ledger(user, official_id=official_id, state=state, overdue=overdue)
    return render(request, "cases/desk_leaders.html", {
        "form": form, "rows": rows, "mine": mine, "official": official,
        "overdue_count": sum(1 for r in rows if r["overdue"]),
        "export_query": request.GET.urlencode(),
    })


@login_required
@require_GET
def leaders(request):
    return _ledger(request)


@login_required
@require_GET
def leaders_mine(request):
    """我的包案: the signed-in leader's own cases (an official without such cases sees an empty list)."""
    official = getattr(request.user, "official", None)
    if official is None:
        return render(request, "cases/desk_leaders.html", {"mine": True, "rows": [], "no_official": True})
    return _ledger(request, official=official, mine=True)


@login_required
@require_GET
def supervision(request):
    """督办台账 and 通报: the period's units with their counts, each unit's cases, and every 督办 row."""
    from sixia.cases.api_desks import period_of

    user = request.user
    form = PeriodForm(request.GET)
    form.is_valid()
    data = getattr(form, "cleaned_data", {})
    error = ""
    try:
        date_from, date_to = period_of(data.get("date_from"), data.get("date_to"))
    except DomainError as exc:
        error = error_text(exc)
        date_from, date_to = desks.default_period()
    if request.GET.get("export") == "xlsx" and not error:
        return xlsx_response(lambda out: desk_export.export_notice(actor=user, out=out, date_from=date_from,
                                                                   date_to=date_to),
                             desk_export.filename("督办通报"))
    if request.GET.get("export") == "docx" and not error:
        from sixia.documents import services as documents
        from sixia.documents.views import docx_response

        return docx_response(documents.supervision_list(actor=user, date_from=date_from, date_to=date_to))
    units = desks.notice(user, date_from=date_from, date_to=date_to)
    rows = list(selectors.supervisions_for(user, date_from=date_from, date_to=date_to).order_by("-at", "-id")[:200])
    return render(request, "cases/desk_supervision.html", {
        "form": form, "date_from": date_from, "date_to": date_to, "units": units, "rows": rows, "error": error,
        "levels": dict(SupervisionLevel.choices), "export_query": f"date_from={date_from}&date_to={date_to}",
        "title": _("督办台账"),
    }, status=422 if error else 200)
