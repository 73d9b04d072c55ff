"""Writes of the activities: one transaction each, an audit entry, cases created through ``cases.services``.

One module per concern — ``recording`` (any kind, its problem list), one per kind (``reception``, ``visits``,
``onsite``, ``research``, ``lectures``), ``persons`` (visitors and households as persons), ``carried``
(带案下访), ``appointments`` (约访), ``schedules`` (接待日制度), ``attachments``. The public names stay importable
from ``sixia.activities.services`` (other apps and the tests use them). Research topics, measures and exchange
meetings are in ``sixia.activities.research``.
"""

from sixia.activities.services.appointments import (
    PUBLIC,
    book_appointment,
    cancel_appointment,
    cancel_appointment_by_code,
    day_starts_at,
    person_limits,
    receive_appointment,
    request_appointment,
    slots_of,
)
from sixia.activities.services.attachments import attach
from sixia.activities.services.carried import carry, record_done
from sixia.activities.services.common import (  # noqa: F401  (research.py and the pages use these helpers)
    CASE_CHANNEL,
    SOURCE_TYPE,
    Recorded,
    _date,
    _region,
    linkage_for,
    official,
    unit,
)
from sixia.activities.services.lectures import record_lecture
from sixia.activities.services.onsite import record_onsite
from sixia.activities.services.reception import record_reception_day
from sixia.activities.services.recording import add_problems, record_activity, update_problem
from sixia.activities.services.research import record_trip
from sixia.activities.services.schedules import (
    create_schedule,
    plan_reception_days,
    schedule_dates,
    update_schedule,
)
from sixia.activities.services.visits import record_return_visit, record_visit

__all__ = [
    "CASE_CHANNEL",
    "PUBLIC",
    "SOURCE_TYPE",
    "Recorded",
    "add_problems",
    "attach",
    "book_appointment",
    "cancel_appointment",
    "cancel_appointment_by_code",
    "carry",
    "create_schedule",
    "day_starts_at",
    "linkage_for",
    "official",
    "person_limits",
    "plan_reception_days",
    "receive_appointment",
    "record_activity",
    "record_done",
    "record_lecture",
    "record_onsite",
    "record_reception_day",
    "record_return_visit",
    "record_trip",
    "record_visit",
    "request_appointment",
    "schedule_dates",
    "slots_of",
    "unit",
    "update_problem",
    "update_schedule",
]
