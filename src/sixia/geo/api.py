from __future__ import annotations

from ninja import Router, Schema

from sixia.geo import selectors

router = Router(tags=["regions 行政区划"])


class RegionOut(Schema):
    code: str
    name: str
    level: int
    level_name: str
    parent_code: str | None

    @staticmethod
    def resolve_parent_code(obj) -> str | None:
        return obj.parent_id


@router.get("/regions/{code}", response=RegionOut, summary="一个行政区划")
def get_region(request, code: str):
    return selectors.get_region(request.auth, code)


@router.get("/regions/{code}/children", response=list[RegionOut], summary="下级区划")
def region_children(request, code: str):
    return list(selectors.children(request.auth, code))
