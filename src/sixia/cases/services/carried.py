"""带案下访 on the case file: what a reception day or a visit that carried the case did about it.

A side event (``carried_visit``): the case keeps its state, its deadlines and its handler; the entry only
tells who took the case to the grassroots, when, and what was done. Called by ``sixia.activities`` (which
checked its own right and the jurisdiction) inside its transaction.
"""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone

from sixia.cases import events
from sixia.cases.models import Case, CaseEvent
from sixia.cases.services.intake import record_event


def record_carried_visit(*, actor, case: Case, activity_id: int, kind: str, day, action_taken: str,
                         outcome: str, at: datetime | None = None) -> CaseEvent:
    return record_event(case=case, actor=actor, action=events.CARRIED_VISIT, from_state=case.state,
                        to_state=case.state, at=at or timezone.now(), reason=action_taken,
                        data={"activity_id": activity_id, "kind": kind, "day": str(day), "outcome": outcome})
