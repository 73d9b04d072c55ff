"""Huey jobs of insight: the repeat index of new cases, written after the registration has answered."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task


@db_task(retries=2, retry_delay=30)
def index_cases(case_ids: list[int]) -> int:
    """Signature and band keys of newly registered cases (``insight.signals``); returns how many were written."""
    from sixia.cases.models import Case
    from sixia.insight.repeats import reindex

    return reindex(Case.objects.filter(pk__in=case_ids))


@db_periodic_task(crontab(minute="*/5"))
def index_missing_every_five_minutes() -> int:
    """Whatever case still has no index row (a task lost with its queue) is indexed here."""
    from sixia.insight.repeats import index_missing

    return index_missing()
