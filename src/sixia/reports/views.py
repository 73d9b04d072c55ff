"""Report pages: the ledger export, one case's file, the Excel import with its column mapping, 三率 rankings.

Thin: parse the request, call one service, render or stream the result.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from sixia.cases import selectors as case_selectors
from sixia.cases.models import CaseSettings
from sixia.cases.workflow import STATES
from sixia.core import jurisdiction, permissions, sheet_reader
from sixia.core.errors import DomainError, Forbidden, NotFound, error_text
from sixia.core.validation import is_digits
from sixia.core.xlsx import xlsx_response
from sixia.reports import casefile, dashboard, importer, ledger, ledger_job, rankings, weights
from sixia.reports import permissions as rights
from sixia.reports.models import LedgerImport
from sixia.web.rights import page_needs
from sixia.web.rules import weights_page

ERRORS_ON_PAGE = 200




def _error_page(request, exc: DomainError) -> HttpResponse:
    status = exc.status if isinstance(exc, Forbidden | NotFound) else 400
    if isinstance(exc, NotFound):
        return render(request, "web/not_found.html", status=404)
    return render(request, "reports/error.html", {"error": error_text(exc)}, status=status)


@login_required
def ledger_page(request):
    try:
        filters = ledger.LedgerFilter.from_query(request.GET)
        count = ledger.ledger_queryset(request.user, filters).count()
    except DomainError as exc:
        return _error_page(request, exc)
    user = request.user
    return render(request, "reports/ledger.html", {
        "filters": filters, "count": count, "query": request.GET.urlencode(),
        "can_full": permissions.allows(user, rights.EXPORT_PERSONAL),
        "states": list(STATES.items()), "columns": [c.header for c in ledger.COLUMNS]})


@login_required
def ledger_export(request):
    try:
        filters = ledger.LedgerFilter.from_query(request.GET)
        full = request.GET.get("personal") == "full"
        if full:
            ledger.check_full_personal(request.user)
        total = ledger.ledger_queryset(request.user, filters).count()
        if ledger_job.is_large(total):  # a long export runs as a job with a progress bar (core.jobs)
            job = ledger_job.start(actor=request.user, filters=filters, full_personal=full, total=total)
            return redirect("web:job", job_id=job.pk)
        return xlsx_response(
            lambda out: ledger.export_ledger(actor=request.user, filters=filters, out=out, full_personal=full),
            ledger.ledger_filename())
    except DomainError as exc:
        return _error_page(request, exc)


@login_required
def case_file(request, case_id: int):
    try:
        case = case_selectors.get_case(request.user, case_id)
        return xlsx_response(lambda out: casefile.export_case_file(actor=request.user, case_id=case.pk, out=out),
                             casefile.case_filename(case))
    except DomainError as exc:
        return _error_page(request, exc)


@login_required
@require_http_methods(["GET"])
def rates_page(request):
    """三率排名: per unit and per region for a month, quarter or year (chosen, or ``?period=2026-Q1``)."""
    get = request.GET
    kind = get.get("kind", "") or "quarter"
    try:
        if get.get("period"):
            period = get["period"].strip()
        elif get.get("year"):
            period = rankings.period_from(kind, get.get("year", "").strip(), get.get("n", "").strip())
        else:
            period = rankings.current_period(kind)
        result = rankings.ranking(request.user, period=period, region_code=get.get("region_code", ""))
    except DomainError as exc:
        return _error_page(request, exc)
    year, _, rest = period.partition("-")
    kind = "year" if not rest else ("quarter" if rest.upper().startswith("Q") else "month")
    number = rest.upper().lstrip("Q").lstrip("0") if rest else ""
    parent = result.region_code[:-3] if len(result.region_code) > 6 else result.region_code[:-2]
    return render(request, "reports/rates.html", {
        "r": result, "formula": rankings.formula_lines(result.formula), "period": period, "kind": kind,
        "year": year, "number": number, "quarters": range(1, 5), "months": range(1, 13),
        "parent": parent if parent and jurisdiction.covers(request.user, parent) else "",
        "drill": len(result.region_code) < 12, "is_admin": permissions.allows(request.user, rights.EDIT_WEIGHTS)})


@login_required
@require_http_methods(["GET"])
def dashboard_page(request):
    """领导驾驶舱: the charts of a region (default: the jurisdiction) and period (default: this quarter)."""
    try:
        d = dashboard.dashboard(request.user, region_code=request.GET.get("region_code", ""),
                                period=request.GET.get("period", ""))
    except DomainError as exc:
        return _error_page(request, exc)
    return render(request, "reports/dashboard.html", {"d": d})


# ---- import from an Excel ledger: upload → column mapping → validate all → import all or nothing ----


@login_required
@require_http_methods(["GET", "POST"])
@page_needs(rights.IMPORT_LEDGER)
def import_upload(request):
    error, status = "", 200
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            error, status = gettext("请选择要导入的 .xlsx 文件"), 400
        else:
            try:
                batch = importer.upload(actor=request.user, file=upload)
            except DomainError as exc:
                error, status = error_text(exc), (exc.status if isinstance(exc, Forbidden) else 400)
            else:
                return redirect("reports:import_map", batch_id=batch.pk)
    recent = LedgerImport.objects.filter(created_by=request.user)[:10]
    return render(request, "reports/import_upload.html", {"error": error, "recent": recent,
                                                          "fields": sheet_reader.FIELDS},
                  status=status)


def _mapping_from_post(post) -> dict[str, int]:
    mapping = {}
    for f in sheet_reader.FIELDS:
        raw = post.get(f"map_{f.key}", "")
        if is_digits(raw) and len(raw) < 6:
            mapping[f.key] = int(raw)
    return mapping


@login_required
@require_http_methods(["GET", "POST"])
@page_needs(rights.IMPORT_LEDGER)
def import_map(request, batch_id: int):
    try:
        batch = importer.get_batch(request.user, batch_id)
    except DomainError:
        return render(request, "web/not_found.html", status=404)
    mapping, error, result = dict(batch.mapping), "", None
    if request.method == "POST":
        mapping = _mapping_from_post(request.POST)
        try:
            result = importer.import_batch(actor=request.user, batch=batch, mapping=mapping)
        except DomainError as exc:
            error = error_text(exc)
    with batch.file.open("rb") as fh:
        preview = sheet_reader.read(fh, with_rows=True, limit=5).rows
    columns = [(i, sheet_reader.column_label(i, batch.headers)) for i in range(len(batch.headers))]
    fields = [{"field": f, "selected": mapping.get(f.key)} for f in sheet_reader.FIELDS]
    status = 400 if error else (422 if result is not None and result.errors else 200)
    return render(request, "reports/import_map.html", {
        "batch": batch, "columns": columns, "fields": fields, "preview": preview, "error": error,
        "result": result, "errors": batch.errors[:ERRORS_ON_PAGE] if result is not None else [],
        "more_errors": max(batch.error_count - ERRORS_ON_PAGE, 0)}, status=status)


@login_required
def import_errors(request, batch_id: int):
    try:
        batch = importer.get_batch(request.user, batch_id)
    except DomainError:
        return render(request, "web/not_found.html", status=404)
    return xlsx_response(lambda out: importer.write_error_report(batch, out), f"导入错误报告-{batch.pk}.xlsx")


@login_required
@require_http_methods(["GET", "POST"])
def case_weights(request):
    """The 三率 weights: shown to everyone signed in, saved by a national administrator."""
    return weights_page(request, model=CaseSettings, names=weights.CASE_WEIGHTS, right=rights.EDIT_WEIGHTS,
                        save=weights.save_case_weights, title=_("三率权重"), url_name="reports:weights")
