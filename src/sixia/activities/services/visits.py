"""走访 / 回访: a door-to-door visit with its households (as persons) and findings, and the return visit of a
case (上门回访), which is recorded on the case as its return visit."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction

from sixia.activities import permissions as rights
from sixia.activities.models import Activity, Kind
from sixia.activities.services import persons, recording
from sixia.activities.services.common import Recorded
from sixia.cases import services as case_services
from sixia.core import permissions
from sixia.core.errors import InvalidInput


def prepare(actor, fields: dict, region_code: str) -> list:
    """Check a visit's own fields; returns the household persons to link once the activity exists."""
    visit_type = fields.get("visit_type") or Activity.VisitType.DOOR
    if visit_type not in Activity.VisitType.values:
        raise InvalidInput("invalid_visit_type", f"走访类型无效：{visit_type}", "visit_type must be door_to_door|return",
                           field="visit_type")
    fields["visit_type"] = visit_type
    fields["households"], people = persons.households(actor=actor, rows=fields.get("households") or [],
                                                      region_code=region_code)
    return people


def record_visit(*, actor, households: list | None = None, visit_type: str = Activity.VisitType.DOOR,
                 carried_cases: list | None = None, **kwargs) -> Recorded:
    """登门走访: households (name, optional ID number and phone → a person), findings as the problem list."""
    return recording.record_activity(actor=actor, kind=Kind.VISIT, households=households or [],
                                     visit_type=visit_type, carried_cases=carried_cases, **kwargs)


def record_return_visit(*, actor, case_id: int, official_ids: list[int], start_day, satisfaction: str,
                        resolved: bool = True, note: str = "", households: list | None = None) -> Recorded:
    """上门回访: an activity linked to a case, recorded on the case as its return visit (in person)."""
    permissions.require(actor, rights.RETURN_VISIT)
    from sixia.cases import selectors as case_selectors

    case = case_selectors.get_case(actor, case_id)
    with transaction.atomic():
        result = recording.record_activity(
            actor=actor, kind=Kind.VISIT, title=f"上门回访：{case.title}"[:200], region_code=case.region_id,
            start_day=start_day, official_ids=official_ids, summary=note, visit_type=Activity.VisitType.RETURN,
            case=case, households=households or [], days=Decimal("0.5"))
        case_services.perform_action(actor=actor, case=case, action="return_visit",
                                     args={"method": "in_person", "contacted": True, "resolved": resolved,
                                           "satisfaction": satisfaction, "note": note})
    return result
