"""Huey jobs of the core: the generic long-job runner (``core.jobs``)."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task


@db_task()
def run_job(job_id: int) -> None:
    from sixia.core import jobs

    jobs.run(job_id)


@db_periodic_task(crontab(hour="3", minute="17"))
def purge_jobs() -> int:
    """Daily: finished jobs older than a week, with their files (core.jobs.KEEP_DAYS)."""
    from sixia.core import jobs

    return jobs.purge()
