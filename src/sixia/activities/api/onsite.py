"""现场办公: on-site meetings and their problem lists."""

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
    OnsiteIn,
)
from sixia.activities.models import Kind
from sixia.api.auth import needs
from sixia.api.schemas import Page

router = Router()


@router.post("/onsite-meetings", auth=needs(rights.RECORD), response={201: ActivityCreated, **ERRORS},
             summary="现场办公（问题清单：当场解决或交办）")
def create_onsite(request, payload: OnsiteIn):
    recorded = services.record_onsite(actor=request.auth, **out.base(payload, "现场办公"),
                                      problems=out.problems(payload.problems), target_name=payload.target_name)
    return out.created(request, recorded)


@router.get("/onsite-meetings", response={200: Page[ActivityOut], **ERRORS}, summary="现场办公列表")
def list_onsite(request, filters: Query[ListFilter]):
    return out.listing(request, Kind.ONSITE, filters)


@router.get("/onsite-meetings/{activity_id}", response={200: ActivityDetail, **ERRORS},
            summary="一次现场办公及其问题跟踪")
def get_onsite(request, activity_id: int):
    return out.activity_out(selectors.get_activity(request.auth, activity_id, Kind.ONSITE))
