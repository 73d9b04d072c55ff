"""Huey jobs of the reports."""

from __future__ import annotations

from huey.contrib.djhuey import db_task


@db_task()
def index_imported_cases(case_ids: list[int]) -> int:
    """Bring the repeat index (insight) up to date for cases created in bulk by a ledger import (bulk inserts
    send no ``post_save``). Returns the number of cases indexed."""
    try:
        from sixia.insight.repeats import reindex
    except ImportError:  # a deployment without the insight app
        return 0
    from sixia.cases.models import Case

    return reindex(Case.objects.filter(pk__in=case_ids))
