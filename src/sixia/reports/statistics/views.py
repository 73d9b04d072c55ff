"""Pages of the statistics: the page itself, its Excel, the Word work report and the 组织部's 考核 sheet.

Thin: parse the query, call the service, render or stream. Bad input → the reports' error page (400) in the page's
language; a region outside the jurisdiction → 404; without the right → 403.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from sixia.core.errors import DomainError, Forbidden, NotFound, error_text
from sixia.core.xlsx import xlsx_response
from sixia.reports import permissions as rights
from sixia.reports.statistics import assessment, service, workbook
from sixia.web.rights import page_needs, refused

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _error(request, exc: DomainError, template: str = "reports/error.html") -> HttpResponse:
    if isinstance(exc, NotFound):
        return render(request, "web/not_found.html", status=404)
    if isinstance(exc, Forbidden):
        return refused(request, exc)
    return render(request, template, {"error": error_text(exc), "field": getattr(exc, "field", "")}, status=400)


def _args(get) -> dict:
    return {"region_code": get.get("region_code", ""), "period": get.get("period", ""),
            "date_from": get.get("from", ""), "date_to": get.get("to", "")}


def _region_options(user, code: str) -> list[tuple[str, str]]:
    from sixia.geo.models import Region
    from sixia.geo.selectors import regions_for

    own = getattr(user, "jurisdiction", None)
    rows: list[tuple[str, str]] = [(own.code, own.name)] if own is not None else []
    width = service.child_width(own.code if own is not None else "")
    level = next((lv for lv, n in service.CODE_LENGTHS.items() if n == width), None)
    if level is not None:
        rows += list(regions_for(user).filter(level=level).order_by("code").values_list("code", "name")[:500])
    if code and code not in {c for c, _n in rows}:
        rows += list(Region.objects.filter(code=code).values_list("code", "name"))
    return rows


@login_required
@require_GET
@page_needs(rights.STATISTICS)
def statistics_page(request):
    args = _args(request.GET)
    try:
        s = service.statistics(request.user, **args)
    except DomainError as exc:
        if isinstance(exc, NotFound | Forbidden):
            return _error(request, exc)
        return render(request, "reports/statistics.html", {
            "error": error_text(exc), "field": exc.field, "args": args,
            "regions": _region_options(request.user, "")}, status=400)
    query = request.GET.urlencode()
    return render(request, "reports/statistics.html", {
        "s": s, "args": args, "query": query, "regions": _region_options(request.user, s.region_code)})


@login_required
@require_GET
@page_needs(rights.STATISTICS)
def statistics_xlsx(request):
    try:
        s = service.statistics(request.user, **_args(request.GET))
    except DomainError as exc:
        return _error(request, exc)
    return xlsx_response(lambda out: workbook.write_statistics(s, out), workbook.filename(s))


@login_required
@require_GET
@page_needs(rights.STATISTICS)
def work_report(request):
    from sixia.reports.statistics import work_report as report

    try:
        s = service.statistics(request.user, **_args(request.GET))
        data = report.build(s)
    except DomainError as exc:
        return _error(request, exc)
    response = HttpResponse(data, content_type=DOCX)
    response["Content-Disposition"] = report.disposition(s)
    return response


@login_required
@require_GET
@page_needs(rights.ASSESSMENT)
def assessment_page(request):
    try:
        sheet = _sheet(request)
    except DomainError as exc:
        return _error(request, exc)
    return render(request, "reports/assessment.html", {"sheet": sheet, "query": request.GET.urlencode()})


@login_required
@require_GET
@page_needs(rights.ASSESSMENT)
def assessment_xlsx(request):
    try:
        sheet = _sheet(request)
    except DomainError as exc:
        return _error(request, exc)
    return xlsx_response(lambda out: assessment.write(sheet, out), assessment.filename(sheet))


def _sheet(request):
    """The 考核 sheet the page and its Excel both show, for the year and region asked."""
    return assessment.sheet(request.user, year=request.GET.get("year", ""),
                            region_code=request.GET.get("region_code", ""))
