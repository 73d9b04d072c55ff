"""REST API of the reports: the case ledger and one case's file as .xlsx (streamed), 三率 rankings, imports."""

from __future__ import annotations

from ninja import Router

from sixia.cases import selectors as case_selectors
from sixia.reports import casefile, ledger
from sixia.reports.views import xlsx_response

router = Router(tags=["reports 统计报表"])


@router.get("/reports/ledger.xlsx", summary="导出诉求台账（.xlsx；筛选条件同诉求列表；personal=full 导出完整个人信息并记审计）",
            response={200: None})
def export_ledger(request, state: str = "", region_code: str = "", unit: int | None = None,
                  overdue: bool | None = None, warning: str = "", category: str = "", q: str = "",
                  date_from: str = "", date_to: str = "", personal: str = "masked"):
    filters = ledger.LedgerFilter.from_query({
        "state": state, "region_code": region_code, "unit": str(unit or ""), "warning": warning,
        "overdue": "" if overdue is None else str(overdue).lower(), "category": category, "q": q,
        "date_from": date_from, "date_to": date_to})
    full = personal == "full"
    if full:
        ledger.check_full_personal(request.auth)
    return xlsx_response(
        lambda out: ledger.export_ledger(actor=request.auth, filters=filters, out=out, full_personal=full),
        ledger.ledger_filename())


@router.get("/reports/cases/{case_id}/file.xlsx", summary="导出一案一档（.xlsx：案件信息与全部办理过程）",
            response={200: None})
def export_case_file(request, case_id: int):
    case = case_selectors.get_case(request.auth, case_id)
    return xlsx_response(lambda out: casefile.export_case_file(actor=request.auth, case_id=case.pk, out=out),
                         casefile.case_filename(case))
