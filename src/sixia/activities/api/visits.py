"""走访 / 回访: door-to-door visits (households as persons, findings, carried cases) and return visits."""

from __future__ import annotations

from ninja import Query, Router

from sixia.activities import permissions as rights
from sixia.activities import selectors, services
from sixia.activities.api import out
from sixia.activities.api.schemas import (
    ERRORS,
    ActivityCreated,
    ActivityDetail,
    ActivityOut,
    ListFilter,
    ReturnVisitIn,
    VisitIn,
)
from sixia.activities.models import Activity, Kind
from sixia.api.auth import needs
from sixia.api.schemas import Page

router = Router()


@router.post("/visits", auth=needs(rights.RECORD), response={201: ActivityCreated, **ERRORS},
             summary="登门走访（走访户、发现问题、带案下访）")
def create_visit(request, payload: VisitIn):
    recorded = services.record_visit(
        actor=request.auth, **out.base(payload, "登门走访"), problems=out.problems(payload.findings),
        visit_type=payload.visit_type if payload.visit_type in Activity.VisitType.values else "door_to_door",
        households=[h.dict() for h in payload.households], carried_cases=payload.carried_cases)
    return out.created(request, recorded)


@router.post("/return-visits", auth=needs(rights.RETURN_VISIT), response={201: ActivityCreated, **ERRORS},
             summary="上门回访（计为诉求的回访）")
def create_return_visit(request, payload: ReturnVisitIn):
    data = payload.dict()
    data["households"] = [h.dict() for h in payload.households]
    return out.created(request, services.record_return_visit(actor=request.auth, **data))


@router.get("/visits", response={200: Page[ActivityOut], **ERRORS}, summary="走访回访列表")
def list_visits(request, filters: Query[ListFilter]):
    return out.listing(request, Kind.VISIT, filters)


@router.get("/visits/{activity_id}", response={200: ActivityDetail, **ERRORS}, summary="一次走访：走访户、问题与带案下访")
def get_visit(request, activity_id: int):
    return out.activity_out(selectors.get_activity(request.auth, activity_id, Kind.VISIT))
