"""领导接待日: a reception day recorded with its visitors (each a person when an ID number or phone is given)
and the cases it carries (带案下访). Planning days from a schedule is in ``schedules``; bookings in
``appointments``."""

from __future__ import annotations

from sixia.activities.models import Kind
from sixia.activities.services import recording
from sixia.activities.services.common import Recorded
from sixia.core.errors import InvalidInput


def prepare(actor, fields: dict, region_code: str) -> list:
    due_days = fields.get("due_days")
    if due_days is not None and not 1 <= int(due_days) <= 365:
        raise InvalidInput("invalid_due_days", "办结时限应在1到365天之间", "due_days must be 1..365", field="due_days")
    return []


def record_reception_day(*, actor, visitors: list[dict] | None = None, carried_cases: list | None = None,
                         **kwargs) -> Recorded:
    """Record a reception day: its leaders, its visitors (the problem list) and the cases it carries."""
    return recording.record_activity(actor=actor, kind=Kind.RECEPTION, problems=visitors or [],
                                     carried_cases=carried_cases, **kwargs)
