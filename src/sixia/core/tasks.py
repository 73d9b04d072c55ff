"""Huey jobs of the core: the generic long-job runner (``core.jobs``) and a probe of the task queue itself."""

from __future__ import annotations

import os
import socket
import threading
import time

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task, task


@db_task()
def run_job(job_id: int) -> None:
    from sixia.core import jobs

    jobs.run(job_id)


@db_periodic_task(crontab(hour="3", minute="17"))
def purge_jobs() -> int:
    """Daily: finished jobs older than a week, with their files (core.jobs.KEEP_DAYS)."""
    from sixia.core import jobs

    return jobs.purge()


@task()
def queue_probe(hold_seconds: float = 0.0) -> str:
    """A health probe of the task queue: which consumer process and worker took the job
    (``host:pid:thread``). ``hold_seconds`` (at most 5) keeps the worker busy, so a burst of probes shows how
    many workers take jobs in parallel — the test of Huey on Redis with several consumers uses it."""
    time.sleep(max(0.0, min(float(hold_seconds), 5.0)))
    return f"{socket.gethostname()}:{os.getpid()}:{threading.get_ident()}"
