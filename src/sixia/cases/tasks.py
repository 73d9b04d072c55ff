"""Huey jobs of the case system."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task


@db_periodic_task(crontab(minute="*/15"))
def scan_deadlines_every_quarter_hour():
    """预警督办扫描: mark approaching / urgent / overdue cases and escalate them (also ``sixia scan-deadlines``)."""
    from sixia.cases.services.supervision import scan_deadlines

    return scan_deadlines().as_dict()


@db_task(retries=4, retry_delay=120)
def send_outbound(message_id: int):
    """告知诉求人: send one outbox message; a gateway failure raises, and Huey retries it (4 times, 2 min apart)."""
    from sixia.cases.services.notices import send_one

    return send_one(message_id)


@db_periodic_task(crontab(minute="*/10"))
def send_pending_messages_every_ten_minutes():
    """Sweep the outbox: whatever is still pending (a lost task, retries exhausted early) is tried again."""
    from sixia.cases.services.notices import send_pending

    return send_pending()


@db_periodic_task(crontab(minute="7"))
def purge_idempotency_keys_hourly():
    """Forget ``Idempotency-Key`` rows older than 24 h (the lookup already ignores them)."""
    from sixia.cases.services.idempotency import purge_expired

    return purge_expired()


@db_periodic_task(crontab(minute="23"))
def refresh_rate_rollup_hourly():
    """三率 monthly rollup: roll up every past month not yet (or no longer) current (also ``sixia refresh-rates``)."""
    from sixia.cases.rollup import refresh

    return refresh()
