from __future__ import annotations

from datetime import datetime

from django.http import FileResponse
from ninja import Query, Router, Schema

from sixia.api.pagination import page_by_pk
from sixia.api.schemas import Error, Page
from sixia.core import jobs, selectors

router = Router(tags=["audit 审计"])


class AuditOut(Schema):
    id: int
    at: datetime
    actor_name: str
    action: str
    object_type: str
    object_id: str
    summary: str
    changes: dict
    ip: str
    channel: str
    success: bool


class AuditFilter(Schema):
    actor: str = ""
    action: str = ""
    object_type: str = ""
    object_id: str = ""
    page_size: int = 50
    cursor: str | None = None


@router.get("/audit", response=Page[AuditOut], summary="审计日志（审计员、管理员）")
def list_audit(request, filters: Query[AuditFilter]):
    qs = selectors.audit_for(request.auth, actor=filters.actor, action=filters.action,
                             object_type=filters.object_type, object_id=filters.object_id)
    items, next_cursor = page_by_pk(qs, page_size=filters.page_size, cursor=filters.cursor)
    return {"items": items, "next_cursor": next_cursor}


class JobOut(Schema):
    """A long job (an export over many rows): its progress, and where its file is once done."""
    id: int
    kind: str
    status: str
    total: int
    done: int
    percent: int
    filename: str
    error: str
    status_url: str
    file_url: str


def job_out(job) -> dict:
    return jobs.status_dict(job) | {"status_url": f"/api/v1/jobs/{job.pk}",
                                    "file_url": f"/api/v1/jobs/{job.pk}/file" if job.status == "done" else ""}


@router.get("/jobs/{job_id}", response={200: JobOut, 404: Error}, summary="后台任务的进度（仅发起人可见）", tags=["jobs 后台任务"])
def job_status(request, job_id: int):
    return job_out(jobs.own_job(request.auth, job_id))


@router.get("/jobs/{job_id}/file", response={200: None, 404: Error}, summary="后台任务生成的文件（完成后；仅发起人）",
            tags=["jobs 后台任务"], openapi_extra={"responses": {200: {"description": "the job's file",
                                               "content": {"application/octet-stream": {
                                                   "schema": {"type": "string", "format": "binary"}}}}}})
def job_file(request, job_id: int):
    job = jobs.own_job(request.auth, job_id)
    response = FileResponse(open(jobs.file_of(job), "rb"), as_attachment=True,  # noqa: SIM115 (closed by Django)
                            filename=job.filename)
    response["Cache-Control"] = "no-store"
    return response
