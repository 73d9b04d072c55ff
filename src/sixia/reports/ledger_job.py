"""The ledger export as a long job (``core.jobs``): over ``settings.EXPORT_JOB_ROWS`` rows the page starts a job
instead of blocking the request (a 100k-row export takes tens of seconds); the rows written are its progress."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings

from sixia.core import jobs
from sixia.core.models import Job
from sixia.reports import ledger

KIND = "ledger_export"


def is_large(count: int) -> bool:
    return count > settings.EXPORT_JOB_ROWS


def start(*, actor, filters: ledger.LedgerFilter, full_personal: bool, total: int) -> Job:
    if full_personal:
        ledger.check_full_personal(actor)  # refused now, not in the worker
    query = {k: str(v).lower() if isinstance(v, bool) else str(v) for k, v in filters.as_dict().items()}
    return jobs.start(actor=actor, kind=KIND, total=total,
                      params={"filters": query, "personal": "full" if full_personal else "masked"})


def _run(job: Job, path: Path, progress) -> str:
    filters = ledger.LedgerFilter.from_query(job.params.get("filters", {}))
    with open(path, "wb") as out:
        ledger.export_ledger(actor=job.user, filters=filters, out=out, progress=progress,
                             full_personal=job.params.get("personal") == "full")
    return ledger.ledger_filename()


def register() -> None:
    jobs.register(KIND, _run)
