"""Huey jobs of the core: the generic long-job runner (``core.jobs``)."""

from __future__ import annotations

from huey.contrib.djhuey import db_task


@db_task()
def run_job(job_id: int) -> None:
    from sixia.core import jobs

    jobs.run(job_id)
