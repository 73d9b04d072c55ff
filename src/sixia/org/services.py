"""Writes to the organisation. Each is one transaction with its audit entry."""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.db import transaction

from sixia.core import audit, jurisdiction
from sixia.core.errors import Forbidden, InvalidInput
from sixia.core.personal import seal_phone
from sixia.geo.models import Region
from sixia.org.models import ApiToken, Official, Rank, Unit, User
from sixia.org.roles import CAN_MANAGE_ORG, Role


def _require_manager(actor: User | None, region_code: str) -> None:
    if actor is not None and not (actor.has_role(*CAN_MANAGE_ORG) and jurisdiction.covers(actor, region_code)):
        raise Forbidden("forbidden", "您无权管理该区划的组织信息", "you may not manage this region's organisation")


def _region(code: str) -> Region:
    region = Region.objects.filter(code=code).first()
    if region is None:
        raise InvalidInput("unknown_region", f"行政区划代码 {code} 不存在", f"unknown region code {code}", field="region")
    return region


@transaction.atomic
def create_unit(*, actor: User | None, name: str, kind: str, region_code: str, parent: Unit | None = None,
                short_name: str = "", phone: str = "") -> Unit:
    if not name.strip():
        raise InvalidInput("name_required", "单位名称不能为空", "unit name is required", field="name")
    if kind not in Unit.Kind.values:
        raise InvalidInput("invalid_kind", "单位类型无效", "invalid unit kind", field="kind")
    _require_manager(actor, region_code)
    region = _region(region_code)
    if Unit.objects.filter(region=region, name=name.strip()).exists():
        raise InvalidInput("duplicate_unit", "该区划下已有同名单位", "a unit with this name exists", field="name")
    unit = Unit.objects.create(
        name=name.strip(), kind=kind, region=region, parent=parent, short_name=short_name, phone=phone
    )
    audit.record(audit.Action.CREATE, obj=unit, actor=actor, summary=f"新增单位 {unit.name}",
                 changes={"name": unit.name, "kind": kind, "region": region_code})
    return unit


@transaction.atomic
def create_official(*, actor: User | None, name: str, unit: Unit, rank: str, title: str = "",
                    is_leader: bool = False, phone: str = "") -> Official:
    if not name.strip():
        raise InvalidInput("name_required", "姓名不能为空", "name is required", field="name")
    if rank not in Rank.values:
        raise InvalidInput("invalid_rank", "职级无效", "invalid rank", field="rank")
    _require_manager(actor, unit.region_id)
    sealed = seal_phone(phone)
    official = Official.objects.create(
        name=name.strip(), unit=unit, rank=rank, title=title, is_leader=is_leader,
        phone_token=sealed.token, phone_index=sealed.index, phone_masked=sealed.masked,
    )
    audit.record(audit.Action.CREATE, obj=official, actor=actor, summary=f"新增干部 {official.name}",
                 changes={"name": official.name, "unit": unit.pk, "rank": rank, "phone": sealed.masked})
    return official


@transaction.atomic
def create_user(*, actor: User | None, username: str, password: str, roles: list[str], jurisdiction_code: str,
                unit: Unit | None = None, official: Official | None = None, is_superuser: bool = False) -> User:
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    unknown = set(roles) - set(Role.values)
    if unknown:
        raise InvalidInput("invalid_role", f"角色无效：{', '.join(sorted(unknown))}", "invalid role", field="roles")
    if Role.HANDLER in roles and unit is None:
        raise InvalidInput("unit_required", "承办人必须绑定承办单位", "a handler must belong to a unit", field="unit")
    _require_manager(actor, jurisdiction_code)
    user = User(username=username, jurisdiction=_region(jurisdiction_code), unit=unit, is_superuser=is_superuser,
                is_staff=is_superuser)
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise InvalidInput("weak_password", "密码不符合要求：" + "；".join(exc.messages), "password too weak",
                           field="password")
    user.set_password(password)
    user.save()
    user.groups.set([Group.objects.get_or_create(name=r)[0] for r in roles])
    if official is not None:
        official.user = user
        official.save(update_fields=["user"])
    audit.record(audit.Action.CREATE, obj=user, actor=actor, summary=f"新增用户 {username}",
                 changes={"roles": sorted(roles), "jurisdiction": jurisdiction_code})
    return user


@transaction.atomic
def issue_token(*, user: User, name: str = "", actor: User | None = None) -> str:
    row, token = ApiToken.issue(user, name=name)
    audit.record(audit.Action.CREATE, obj=row, actor=actor or user, summary=f"签发接口令牌 {row.prefix}…")
    return token
