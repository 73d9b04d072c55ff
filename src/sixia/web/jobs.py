"""A long job's page (progress bar, then the download), its status as JSON for the page's script, and its file.
Only the user who started the job: anyone else gets 404."""

from __future__ import annotations

from urllib.parse import quote

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from sixia.core import jobs
from sixia.core.errors import NotFound


def _not_found(request):
    return render(request, "web/not_found.html", status=404)


@login_required
@require_GET
def job_page(request, job_id: int):
    try:
        job = jobs.own_job(request.user, job_id)
    except NotFound:
        return _not_found(request)
    return render(request, "web/job.html", {"job": job})


@login_required
@require_GET
def job_status(request, job_id: int):
    try:
        job = jobs.own_job(request.user, job_id)
    except NotFound:
        return JsonResponse({"error": "not_found"}, status=404)
    return JsonResponse(jobs.status_dict(job), headers={"Cache-Control": "no-store"})


@login_required
@require_GET
def job_download(request, job_id: int):
    try:
        job = jobs.own_job(request.user, job_id)
        path = jobs.file_of(job)
    except NotFound:
        return _not_found(request)
    response = FileResponse(open(path, "rb"), content_type="application/octet-stream")  # noqa: SIM115 (closed by Django)
    if job.filename.endswith(".xlsx"):
        response["Content-Type"] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(job.filename)}"
    response["Cache-Control"] = "no-store"
    return response
