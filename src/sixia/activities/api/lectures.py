"""政策宣讲: lectures and the audience's questions."""

from __future__ import annotations

from ninja import Query, Router

from sixia.activities import permissions as rights
from sixia.activities import services
from sixia.activities.api import out
from sixia.activities.api.schemas import ERRORS, ActivityCreated, ActivityOut, LectureIn, ListFilter
from sixia.activities.models import Kind
from sixia.api.auth import needs
from sixia.api.schemas import Page

router = Router()


@router.post("/lectures", auth=needs(rights.RECORD), response={201: ActivityCreated, **ERRORS},
             summary="政策宣讲（形式、受众人数、群众提问转诉求）")
def create_lecture(request, payload: LectureIn):
    recorded = services.record_lecture(
        actor=request.auth, **out.base(payload, "政策宣讲"), problems=out.problems(payload.questions),
        lecture_form=payload.lecture_form or None, team=payload.team, audience=payload.audience)
    return out.created(request, recorded)


@router.get("/lectures", response={200: Page[ActivityOut], **ERRORS}, summary="宣讲列表")
def list_lectures(request, filters: Query[ListFilter]):
    return out.listing(request, Kind.LECTURE, filters)
