from __future__ import annotations

from datetime import date
from typing import Any

from ninja import File, Query, Router, Schema, Status
from ninja.files import UploadedFile

from sixia.api.auth import needs
from sixia.api.pagination import page_by_pk
from sixia.api.schemas import Error, Page
from sixia.org import chart, selectors, services
from sixia.org import permissions as rights
from sixia.org.models import Official

router = Router(tags=["organisation 组织"])


class UnitOut(Schema):
    id: int
    name: str
    kind: str
    region_code: str
    parent_id: int | None
    short_name: str
    phone: str
    is_active: bool

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
    position: str
    is_leader: bool
    is_principal: bool
    status: str
    phone: str

    @staticmethod
    def resolve_position(obj) -> str:
        return obj.title

    @staticmethod
    def resolve_status(obj) -> str:
        return str(obj.status)

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


# ---- administration (系统管理员; the services refuse anyone else: 403, and anything outside the
# administrator's jurisdiction: 404) ----


class UnitIn(Schema):
    name: str
    kind: str
    region_code: str
    parent_id: int | None = None
    short_name: str = ""
    phone: str = ""


class UnitPatch(Schema):
    name: str | None = None
    kind: str | None = None
    region_code: str | None = None
    parent_id: int | None = None
    short_name: str | None = None
    phone: str | None = None
    is_active: bool | None = None


class OfficialIn(Schema):
    name: str
    unit_id: int
    rank: str
    position: str = ""
    is_leader: bool = False
    is_principal: bool = False
    status: str = "active"
    phone: str = ""


class OfficialPatch(Schema):
    name: str | None = None
    unit_id: int | None = None
    rank: str | None = None
    position: str | None = None
    is_leader: bool | None = None
    is_principal: bool | None = None
    status: str | None = None
    phone: str | None = None


class UserIn(Schema):
    username: str
    password: str
    roles: list[str]
    jurisdiction_code: str
    unit_id: int | None = None
    official_id: int | None = None


class UserPatch(Schema):
    roles: list[str] | None = None
    jurisdiction_code: str | None = None
    unit_id: int | None = None
    official_id: int | None = None
    is_active: bool | None = None


class PasswordIn(Schema):
    password: str


class UserOut(Schema):
    id: int
    username: str
    display_name: str
    roles: list[str]
    jurisdiction_code: str | None
    unit_id: int | None
    official_id: int | None
    is_active: bool
    is_locked: bool

    @staticmethod
    def resolve_roles(obj) -> list[str]:
        return sorted(obj.groups.values_list("name", flat=True))

    @staticmethod
    def resolve_jurisdiction_code(obj) -> str | None:
        return obj.jurisdiction_id

    @staticmethod
    def resolve_official_id(obj) -> int | None:
        return Official.objects.filter(user=obj).values_list("pk", flat=True).first()

    @staticmethod
    def resolve_is_locked(obj) -> bool:
        return obj.is_locked()


class LinkageIn(Schema):
    official_id: int
    kind: str
    region_code: str
    target_name: str = ""
    starts_on: date
    ends_on: date | None = None


class LinkageOut(Schema):
    id: int
    official_id: int
    official_name: str
    kind: str
    region_code: str
    region_name: str
    target_name: str
    starts_on: date
    ends_on: date | None

    @staticmethod
    def resolve_official_name(obj) -> str:
        return obj.official.name

    @staticmethod
    def resolve_region_code(obj) -> str:
        return obj.region_id

    @staticmethod
    def resolve_region_name(obj) -> str:
        return obj.region.name


class UserFilter(Schema):
    q: str = ""
    role: str = ""
    active: bool | None = None
    page_size: int = 50
    cursor: str | None = None


class LinkageFilter(Schema):
    official: int | None = None
    kind: str = ""
    page_size: int = 50
    cursor: str | None = None


def _patch(payload: Schema) -> dict[str, Any]:
    return payload.model_dump(exclude_unset=True)


@router.post("/units", auth=needs(rights.MANAGE), response={201: UnitOut, 403: Error, 404: Error, 422: Error}, summary="新增单位（管理员）")
def create_unit(request, payload: UnitIn):
    unit = services.create_unit(actor=request.auth, name=payload.name, kind=payload.kind,
                                region_code=payload.region_code, parent=payload.parent_id,
                                short_name=payload.short_name, phone=payload.phone)
    return Status(201, unit)


@router.patch("/units/{unit_id}", auth=needs(rights.MANAGE), response={200: UnitOut, 403: Error, 404: Error, 422: Error},
              summary="修改单位（管理员）")
def update_unit(request, unit_id: int, payload: UnitPatch):
    return services.update_unit(actor=request.auth, unit=unit_id, changes=_patch(payload))


@router.post("/officials", auth=needs(rights.MANAGE), response={201: OfficialOut, 403: Error, 404: Error, 422: Error},
             summary="新增干部（管理员）")
def create_official(request, payload: OfficialIn):
    official = services.create_official(
        actor=request.auth, name=payload.name, unit=payload.unit_id, rank=payload.rank, title=payload.position,
        is_leader=payload.is_leader, is_principal=payload.is_principal, status=payload.status, phone=payload.phone)
    return Status(201, official)


@router.patch("/officials/{official_id}", auth=needs(rights.MANAGE), response={200: OfficialOut, 403: Error, 404: Error, 422: Error},
              summary="修改干部（管理员）")
def update_official(request, official_id: int, payload: OfficialPatch):
    return services.update_official(actor=request.auth, official=official_id, changes=_patch(payload))


@router.get("/users", response={200: Page[UserOut], 403: Error}, summary="用户列表（管理员，管辖范围内）")
def list_users(request, filters: Query[UserFilter]):
    qs = selectors.users_for(request.auth, q=filters.q, role=filters.role, active=filters.active)
    items, next_cursor = page_by_pk(qs, page_size=filters.page_size, cursor=filters.cursor)
    return {"items": items, "next_cursor": next_cursor}


@router.get("/users/{user_id}", response={200: UserOut, 403: Error, 404: Error}, summary="一个用户（管理员）")
def get_user(request, user_id: int):
    return selectors.get_user(request.auth, user_id)


@router.post("/users", auth=needs(rights.MANAGE), response={201: UserOut, 403: Error, 404: Error, 422: Error}, summary="新增用户（管理员）")
def create_user(request, payload: UserIn):
    user = services.create_user(actor=request.auth, username=payload.username, password=payload.password,
                                roles=payload.roles, jurisdiction_code=payload.jurisdiction_code,
                                unit=payload.unit_id, official=payload.official_id)
    return Status(201, user)


@router.patch("/users/{user_id}", auth=needs(rights.MANAGE), response={200: UserOut, 403: Error, 404: Error, 422: Error},
              summary="修改用户的角色、管辖范围、单位、干部或启用状态（管理员）")
def update_user(request, user_id: int, payload: UserPatch):
    return services.update_user(actor=request.auth, user=user_id, changes=_patch(payload))


@router.post("/users/{user_id}/deactivate", auth=needs(rights.MANAGE), response={200: UserOut, 403: Error, 404: Error, 422: Error},
             summary="停用用户（不删除；其接口令牌随即失效）（管理员）")
def deactivate_user(request, user_id: int):
    return services.deactivate_user(actor=request.auth, user=user_id)


@router.post("/users/{user_id}/reset-password", auth=needs(rights.MANAGE), response={200: UserOut, 403: Error, 404: Error, 422: Error},
             summary="重置用户密码并解除登录锁定（管理员）")
def reset_password(request, user_id: int, payload: PasswordIn):
    return services.reset_password(actor=request.auth, user=user_id, password=payload.password)


@router.get("/linkages", response=Page[LinkageOut], summary="挂钩联系列表（管辖范围内）")
def list_linkages(request, filters: Query[LinkageFilter]):
    qs = selectors.linkages_for(request.auth, official_id=filters.official, kind=filters.kind)
    items, next_cursor = page_by_pk(qs, page_size=filters.page_size, cursor=filters.cursor)
    return {"items": items, "next_cursor": next_cursor}


@router.post("/linkages", auth=needs(rights.MANAGE), response={201: LinkageOut, 403: Error, 404: Error, 422: Error},
             summary="新增挂钩联系：干部挂钩乡镇、村（社区）、企业、项目或结对户（管理员）")
def create_linkage(request, payload: LinkageIn):
    linkage = services.create_linkage(actor=request.auth, official=payload.official_id, kind=payload.kind,
                                      region_code=payload.region_code, target_name=payload.target_name,
                                      starts_on=payload.starts_on, ends_on=payload.ends_on)
    return Status(201, linkage)


class ChartRowError(Schema):
    row: int
    column: str
    message: str
    message_en: str


class ChartImportOut(Schema):
    rows: int
    units_created: int
    officials_created: int
    officials_updated: int
    errors: list[ChartRowError]



@router.post("/org/import", auth=needs(rights.MANAGE), response={201: ChartImportOut, 422: ChartImportOut | Error, 403: Error},
             summary="导入组织机构表（.xlsx，模板见 /org/import/template.xlsx；multipart：file）：全部校验通过才导入"
                     "（201），否则一行不导入并返回逐行错误（422）（管理员）")
def import_chart(request, file: File[UploadedFile]):
    result = chart.import_chart(actor=request.auth, file=file)
    return Status(422 if result.errors else 201, result)
