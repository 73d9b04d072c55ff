"""Huey jobs of the case system."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task


@db_periodic_task(crontab(minute="*/15"))
def scan_deadlines_every_quarter_hour():
    """预警督办扫描: mark approaching / urgent / overdue cases and escalate them (also ``sixia scan-deadlines``)."""
    from sixia.cases.services.supervision import scan_deadlines

    return scan_deadlines().as_dict()
