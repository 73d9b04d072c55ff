"""REST API of the reports: the case ledger and one case's file as .xlsx (streamed), 三率 rankings, imports."""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpResponse
from ninja import File, Form, Query, Router, Schema, Status
from ninja.files import UploadedFile

from sixia.api.auth import needs
from sixia.api.schemas import Error
from sixia.cases import selectors as case_selectors
from sixia.cases.models import CaseSettings
from sixia.core.api import JobOut, job_out
from sixia.core.errors import InvalidInput
from sixia.core.xlsx import XLSX, xlsx_response
from sixia.reports import casefile, importer, ledger, ledger_job, rankings, weights
from sixia.reports import permissions as rights

router = Router(tags=["reports 统计报表"])
# the downloads' body, declared: an Excel workbook (binary), so the OpenAPI describes every answer
XLSX_RESPONSE = {"responses": {200: {"description": "Excel (.xlsx)",
                                     "content": {XLSX: {"schema": {"type": "string", "format": "binary"}}}}}}


@router.get("/reports/ledger.xlsx", summary="导出诉求台账（.xlsx；筛选条件同诉求列表；personal=full 导出完整个人信息并记审计；"
            "超过 SIXIA_EXPORT_JOB_ROWS 行时转为后台任务，答复 202 与任务，进度见 /jobs/{id}，完成后下载 /jobs/{id}/file）",
            response={200: None, 202: JobOut}, openapi_extra=XLSX_RESPONSE)
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
    total = ledger.ledger_queryset(request.auth, filters).count()
    if ledger_job.is_large(total):  # a long export runs as a job (core.jobs), as on the page: no 30-s request
        job = ledger_job.start(actor=request.auth, filters=filters, full_personal=full, total=total)
        return Status(202, job_out(job))
    return xlsx_response(
        lambda out: ledger.export_ledger(actor=request.auth, filters=filters, out=out, full_personal=full),
        ledger.ledger_filename())


@router.get("/reports/cases/{case_id}/file.xlsx", summary="导出一案一档（.xlsx：案件信息与全部办理过程）",
            response={200: None}, openapi_extra=XLSX_RESPONSE)
def export_case_file(request, case_id: int):
    case = case_selectors.get_case(request.auth, case_id)
    return xlsx_response(lambda out: casefile.export_case_file(actor=request.auth, case_id=case.pk, out=out),
                         casefile.case_filename(case))


class ImportOut(Schema):
    id: int
    name: str
    status: str
    headers: list[str]
    mapping: dict[str, int]
    rows: int
    created: int
    error_count: int
    errors: list[dict]


def _batch_out(batch) -> dict:
    return {"id": batch.pk, "name": batch.name, "status": batch.status, "headers": batch.headers,
            "mapping": batch.mapping, "rows": batch.rows, "created": batch.created,
            "error_count": batch.error_count, "errors": batch.errors}


@router.post("/reports/imports", auth=needs(rights.IMPORT_LEDGER), response={201: ImportOut, 422: ImportOut | Error},
             summary="台账导入：上传 .xlsx（multipart：file，可选 mapping 为 JSON {字段: 列序号}，缺省按表头自动映射），"
                     "全部校验通过才导入（201），否则一行不导入并返回逐行错误（422）")
def create_import(request, file: File[UploadedFile], mapping: Form[str] = ""):
    batch = importer.upload(actor=request.auth, file=file)
    chosen = batch.mapping
    if mapping:
        try:
            chosen = json.loads(mapping)
        except ValueError:
            raise InvalidInput("invalid_mapping", "mapping 应为 JSON 对象，如 {\"title\": 0}", "mapping must be JSON",
                               field="mapping") from None
        if not isinstance(chosen, dict):
            raise InvalidInput("invalid_mapping", "mapping 应为 JSON 对象", "mapping must be a JSON object",
                               field="mapping")
    result = importer.import_batch(actor=request.auth, batch=batch, mapping=chosen)
    return Status(422 if result.errors else 201, _batch_out(batch))


@router.get("/reports/imports/{batch_id}", response=ImportOut, summary="一次台账导入的结果")
def get_import(request, batch_id: int):
    return _batch_out(importer.get_batch(request.auth, batch_id))


@router.get("/reports/imports/{batch_id}/errors.xlsx", summary="台账导入的逐行错误报告（.xlsx）", response={200: None}, openapi_extra=XLSX_RESPONSE)
def import_errors(request, batch_id: int):
    batch = importer.get_batch(request.auth, batch_id)
    return xlsx_response(lambda out: importer.write_error_report(batch, out), f"导入错误报告-{batch.pk}.xlsx")


@router.get("/reports/rates", response={200: dict[str, Any]}, summary="三率排名：按承办单位和按区划（下一级）排名，含总体与所用公式（period：2026 | 2026-03 | 2026-Q1）")
def rates_ranking(request, period: str = "", region_code: str = ""):
    return rankings.ranking(request.auth, period=period or rankings.current_period(),
                            region_code=region_code).as_dict()


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
DOCX_RESPONSE = {"responses": {200: {"description": "Word (.docx)",
                                     "content": {DOCX: {"schema": {"type": "string", "format": "binary"}}}}}}
PERIOD_HELP = "period：2026 | 2026-Q4 | 2026-11（或 from/to 自定义起止日期，含首尾）"


@router.get("/reports/statistics", response={200: dict[str, Any]},
            summary="统计分析：批次/人次、按渠道/类型/类别/分类/单位/下级区划、初信初访与重复、越级、三多、"
                    "及时受理率、按期办结率、参评率、群众满意率、三率、四下基层、履职达标，均含去年同期；每个数字带其清单链接 url。"
                    + PERIOD_HELP)
def statistics(request, region_code: str = "", period: str = "", date_from: str = Query("", alias="from"),
               date_to: str = Query("", alias="to")):
    from sixia.reports.statistics import service

    return service.statistics(request.auth, region_code=region_code, period=period, date_from=date_from,
                              date_to=date_to).as_dict()


@router.get("/reports/statistics.xlsx", summary="统计分析导出（.xlsx，版式同页面）", response={200: None},
            openapi_extra=XLSX_RESPONSE)
def statistics_xlsx(request, region_code: str = "", period: str = "", date_from: str = Query("", alias="from"),
                    date_to: str = Query("", alias="to")):
    from sixia.reports.statistics import service, workbook

    s = service.statistics(request.auth, region_code=region_code, period=period, date_from=date_from,
                           date_to=date_to)
    return xlsx_response(lambda out: workbook.write_statistics(s, out), workbook.filename(s))


@router.get("/reports/work-report.docx", summary="工作报告（.docx：语句由统计数字生成，含表格和图表）",
            response={200: None}, openapi_extra=DOCX_RESPONSE)
def work_report(request, region_code: str = "", period: str = "", date_from: str = Query("", alias="from"),
                date_to: str = Query("", alias="to")):
    from sixia.reports.statistics import service
    from sixia.reports.statistics import work_report as report

    s = service.statistics(request.auth, region_code=region_code, period=period, date_from=date_from,
                           date_to=date_to)
    response = HttpResponse(report.build(s), content_type=DOCX)
    response["Content-Disposition"] = report.disposition(s)
    return response


@router.get("/reports/assessment", response={200: dict[str, Any]},
            summary="干部年度考核表（组织部）：每名干部的履职达标、各类活动、包案件数及结果和满意率")
def assessment(request, year: str = "", region_code: str = ""):
    from sixia.reports.statistics import assessment as sheet

    s = sheet.sheet(request.auth, year=year, region_code=region_code)
    return {"year": s.year, "region_code": s.region_code, "region_name": s.region_name,
            "officials": [r.as_dict() for r in s.rows]}


@router.get("/reports/assessment.xlsx", summary="干部年度考核表导出（.xlsx）", response={200: None},
            openapi_extra=XLSX_RESPONSE)
def assessment_xlsx(request, year: str = "", region_code: str = ""):
    from sixia.reports.statistics import assessment as sheet

    s = sheet.sheet(request.auth, year=year, region_code=region_code)
    return xlsx_response(lambda out: sheet.write(s, out), sheet.filename(s))


class CaseWeights(Schema):
    weight_response: float
    weight_resolution: float
    weight_satisfaction: float


@router.get("/rules/case-weights", response=CaseWeights, summary="三率权重")
def get_case_weights(request):
    return CaseSettings.current()


@router.post("/rules/case-weights", auth=needs(rights.EDIT_WEIGHTS),
             response={200: CaseWeights, 403: Error, 422: Error}, summary="修改三率权重（合计须为 1；全国管理员）")
def set_case_weights(request, payload: CaseWeights):
    return weights.save_case_weights(actor=request.auth, **payload.model_dump())
