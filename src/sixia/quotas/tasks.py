"""Huey jobs of quotas."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task


@db_periodic_task(crontab(hour="8", minute="30"))
def remind_quotas_daily():
    """履职提醒: officials behind on a quota whose period ends soon (also ``sixia remind-quotas``)."""
    from sixia.quotas.services import send_reminders

    return send_reminders().as_dict()
