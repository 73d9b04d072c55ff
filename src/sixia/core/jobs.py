"""Long jobs with progress (today: large ledger exports). A job is a ``core.Job`` row run by a Huey task
(``core.tasks.run_job``) that calls the runner its app registered for its kind; the runner writes the file and
reports rows done through ``progress(n)``. The page polls ``/jobs/<id>/status.json`` and offers the download
when done. Only the user who started a job sees or downloads it (anyone else: not found).

Apps register runners at import time: ``jobs.register("ledger_export", runner)`` with
``runner(job, path, progress) -> filename``.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from sixia.core.errors import NotFound
from sixia.core.models import Job

log = logging.getLogger("sixia.jobs")
Runner = Callable[[Job, Path, Callable[[int], None]], str]
RUNNERS: dict[str, Runner] = {}
KEEP_DAYS = 7  # finished jobs and their files are deleted after a week (core.tasks.purge_jobs, daily)


def register(kind: str, runner: Runner) -> None:
    RUNNERS[kind] = runner


def jobs_dir() -> Path:
    path = Path(settings.VAR_DIR) / "jobs"
    path.mkdir(parents=True, exist_ok=True)
    return path


def start(*, actor, kind: str, params: dict, total: int) -> Job:
    """Record the job and hand it to Huey once the transaction commits."""
    if kind not in RUNNERS:
        raise ValueError(f"no job runner registered for {kind!r}")
    job = Job.objects.create(kind=kind, user=actor, params=params, total=total)
    from sixia.core.tasks import run_job

    transaction.on_commit(lambda: run_job(job.pk))
    return job


def run(job_id: int) -> None:
    """Run one job (the Huey task's body): status running → done (with its file) or failed."""
    job = Job.objects.select_related("user").filter(pk=job_id, status=Job.Status.QUEUED).first()
    if job is None:
        return
    Job.objects.filter(pk=job.pk).update(status=Job.Status.RUNNING)
    path = jobs_dir() / f"{job.pk}-{secrets.token_hex(12)}"

    def progress(done: int) -> None:
        Job.objects.filter(pk=job.pk).update(done=done)

    try:
        filename = RUNNERS[job.kind](job, path, progress)
    except Exception as exc:  # the job records its failure; the page says so instead of spinning forever
        log.exception("job %s failed", job.pk)
        path.unlink(missing_ok=True)
        Job.objects.filter(pk=job.pk).update(status=Job.Status.FAILED, error=str(exc)[:300],
                                             finished_at=timezone.now())
        return
    Job.objects.filter(pk=job.pk).update(status=Job.Status.DONE, done=job.total, file_path=path.name,
                                         filename=filename, finished_at=timezone.now())


def purge(*, older_than_days: int = KEEP_DAYS, now=None) -> int:
    """Delete finished jobs (and their files) older than ``older_than_days``; returns how many. An export holds
    personal data (masked or in full): it is kept for download, not archived."""
    cutoff = (now or timezone.now()) - timedelta(days=older_than_days)
    old = list(Job.objects.filter(created_at__lt=cutoff).exclude(status__in=[Job.Status.QUEUED, Job.Status.RUNNING]))
    for job in old:
        if job.file_path:
            (jobs_dir() / Path(job.file_path).name).unlink(missing_ok=True)
    Job.objects.filter(pk__in=[j.pk for j in old]).delete()
    return len(old)


def own_job(user, job_id: int) -> Job:
    """The job if ``user`` started it; otherwise not found (whether it exists is nobody else's business)."""
    user_id = getattr(user, "pk", None)
    job = Job.objects.filter(pk=job_id, user_id=user_id).first() if user_id is not None else None
    if job is None:
        raise NotFound("not_found", "任务不存在", "job not found")
    return job


def file_of(job: Job) -> Path:
    if job.status != Job.Status.DONE or not job.file_path:
        raise NotFound("not_found", "文件尚未生成", "the file is not ready")
    path = (jobs_dir() / job.file_path).resolve()
    if path.parent != jobs_dir().resolve() or not path.exists():
        raise NotFound("not_found", "文件不存在", "file not found")
    return path


def status_dict(job: Job) -> dict:
    return {"id": job.pk, "kind": job.kind, "status": job.status, "total": job.total, "done": job.done,
            "percent": job.percent, "filename": job.filename, "error": job.error}
