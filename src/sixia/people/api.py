from __future__ import annotations

from ninja import Query, Router, Schema

from sixia.api.auth import needs
from sixia.api.pagination import page_by_pk
from sixia.api.schemas import Page
from sixia.people import permissions as rights
from sixia.people import selectors, services

router = Router(tags=["people 群众"])


class PersonOut(Schema):
    """Personal fields are always masked here; ``/persons/{id}/reveal`` shows one in full, audited."""

    id: int
    kind: str
    name: str
    gender: str
    id_number: str
    phone: str
    region_code: str
    address: str

    @staticmethod
    def resolve_id_number(obj) -> str:
        return obj.id_number_masked

    @staticmethod
    def resolve_phone(obj) -> str:
        return obj.phone_masked

    @staticmethod
    def resolve_region_code(obj) -> str:
        return obj.region_id


class PersonIn(Schema):
    name: str
    region_code: str
    id_number: str = ""
    phone: str = ""
    address: str = ""
    gender: str = ""
    kind: str = "person"


class PersonFilter(Schema):
    q: str = ""
    region_code: str = ""
    page_size: int = 50
    cursor: str | None = None


class RevealIn(Schema):
    field: str
    reason: str = ""


@router.get("/persons", response=Page[PersonOut], summary="群众列表（管辖范围内；q 可精确匹配身份证号或电话）")
def list_persons(request, filters: Query[PersonFilter]):
    qs = selectors.persons_for(request.auth, q=filters.q, region_code=filters.region_code)
    items, next_cursor = page_by_pk(qs, page_size=filters.page_size, cursor=filters.cursor)
    return {"items": items, "next_cursor": next_cursor}


@router.post("/persons", auth=needs(rights.REGISTER), response={201: PersonOut}, summary="登记群众")
def create_person(request, payload: PersonIn):
    return 201, services.create_person(actor=request.auth, **payload.dict())


@router.get("/persons/{person_id}", response=PersonOut, summary="一名群众")
def get_person(request, person_id: int):
    return selectors.get_person(request.auth, person_id)


class RevealOut(Schema):
    field: str
    value: str


@router.post("/persons/{person_id}/reveal", auth=needs(rights.REVEAL, early=False), response={200: RevealOut},
             summary="查看完整个人信息（留痕）")
def reveal(request, person_id: int, payload: RevealIn):
    return {"field": payload.field, "value": services.reveal_by_id(actor=request.auth, person_id=person_id,
                                                                    field=payload.field, reason=payload.reason)}
