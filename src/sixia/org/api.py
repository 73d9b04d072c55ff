from __future__ import annotations

from ninja import Query, Router, Schema

from sixia.api.pagination import page_by_pk
from sixia.api.schemas import Page
from sixia.org import selectors

router = Router(tags=["organisation 组织"])


class UnitOut(Schema):
    id: int
    name: str
    kind: str
    region_code: str
    parent_id: int | None

    @staticmethod
    def resolve_region_code(obj) -> str:
        return obj.region_id


class OfficialOut(Schema):
    id: int
    name: str
    unit_id: int
    unit_name: str
    rank: str
    title: str
    is_leader: bool
    phone: str

    @staticmethod
    def resolve_unit_name(obj) -> str:
        return obj.unit.name

    @staticmethod
    def resolve_phone(obj) -> str:
        return obj.phone_masked


class UnitFilter(Schema):
    q: str = ""
    region_code: str = ""
    kind: str = ""
    page_size: int = 50
    cursor: str | None = None


class OfficialFilter(Schema):
    q: str = ""
    unit: int | None = None
    rank: str = ""
    page_size: int = 50
    cursor: str | None = None


@router.get("/units", response=Page[UnitOut], summary="单位列表（管辖范围内）")
def list_units(request, filters: Query[UnitFilter]):
    qs = selectors.units_for(request.auth, q=filters.q, region_code=filters.region_code, kind=filters.kind)
    items, next_cursor = page_by_pk(qs, page_size=filters.page_size, cursor=filters.cursor)
    return {"items": items, "next_cursor": next_cursor}


@router.get("/units/{unit_id}", response=UnitOut, summary="一个单位")
def get_unit(request, unit_id: int):
    return selectors.get_unit(request.auth, unit_id)


@router.get("/officials", response=Page[OfficialOut], summary="干部列表（管辖范围内）")
def list_officials(request, filters: Query[OfficialFilter]):
    qs = selectors.officials_for(request.auth, q=filters.q, unit_id=filters.unit, rank=filters.rank)
    items, next_cursor = page_by_pk(qs, page_size=filters.page_size, cursor=filters.cursor)
    return {"items": items, "next_cursor": next_cursor}


@router.get("/officials/{official_id}", response=OfficialOut, summary="一名干部")
def get_official(request, official_id: int):
    return selectors.get_official(request.auth, official_id)
