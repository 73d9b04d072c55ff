"""Writes to the organisation. Each is one transaction with its audit entry.

Every write asks ``permissions`` first (403 for a non-administrator, 404 for anything outside the
administrator's jurisdiction), validates, and only then writes: a refusal leaves nothing behind.
Updates take a mapping of the fields to change (a PATCH body, a form's cleaned data): absent keys stay.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction

from sixia.core import audit
from sixia.core.errors import InvalidInput
from sixia.core.personal import seal_phone
from sixia.geo.models import Region
from sixia.org import permissions
from sixia.org.models import ApiToken, Linkage, Official, OfficialStatus, Rank, Unit, User
from sixia.org.permissions import require_admin, require_region
from sixia.org.roles import Role

# ---- lookups (inside the actor's jurisdiction) ----


def _region(code: str, *, field: str = "region_code") -> Region:
    code = (code or "").strip()
    region = Region.objects.filter(code=code).first() if code else None
    if region is None:
        raise InvalidInput("unknown_region", f"行政区划代码 {code} 不存在", f"unknown region code {code}", field=field)
    return region


def _managed_region(actor: User | None, code: str, *, field: str = "region_code") -> Region:
    region = _region(code, field=field)
    require_region(actor, region.code, field=field)
    return region


def _unit(actor: User | None, unit: Unit | int, *, field: str = "unit_id") -> Unit:
    if isinstance(unit, Unit):
        require_region(actor, unit.region_id, field=field)
        return unit
    found = permissions.managed(actor, Unit.objects.select_related("region"), unit, field="region__code",
                                what_zh="单位", what_en="unit")
    return found


def _official(actor: User | None, official: Official | int) -> Official:
    if isinstance(official, Official):
        require_region(actor, official.unit.region_id, field="official_id")
        return official
    return permissions.managed(actor, Official.objects.select_related("unit", "user"), official,
                               field="unit__region__code", what_zh="干部", what_en="official")


def _user(actor: User | None, user: User | int) -> User:
    if isinstance(user, User):
        require_region(actor, user.jurisdiction_id, field="user_id")
        return user
    return permissions.managed(actor, User.objects.select_related("jurisdiction", "unit"), user,
                               field="jurisdiction__code", what_zh="用户", what_en="user")


def _text(value: Any, *, field: str, label_zh: str, label_en: str, max_length: int, required: bool = True) -> str:
    value = str(value or "").strip()
    if required and not value:
        raise InvalidInput(f"{field}_required", f"{label_zh}不能为空", f"{label_en} is required", field=field)
    if len(value) > max_length:
        raise InvalidInput(f"{field}_too_long", f"{label_zh}不能超过{max_length}个字",
                           f"{label_en} is longer than {max_length} characters", field=field)
    return value


def _unknown_keys(changes: Mapping[str, Any], allowed: set[str]) -> None:
    unknown = set(changes) - allowed
    if unknown:
        raise InvalidInput("unknown_field", f"不能修改的字段：{'、'.join(sorted(unknown))}",
                           f"fields that cannot be changed: {', '.join(sorted(unknown))}")


# ---- units ----


def _check_parent(unit_region: Region, parent: Unit | None, *, unit: Unit | None = None) -> None:
    if parent is None:
        return
    if not unit_region.code.startswith(parent.region_id):
        raise InvalidInput("parent_outside", "上级单位应在本单位所在区划或其上级区划",
                           "the parent unit must be in the unit's region or above it", field="parent_id")
    seen: set[int] = set()
    node: Unit | None = parent
    while node is not None and unit is not None:
        if node.pk == unit.pk or node.pk in seen:
            raise InvalidInput("parent_cycle", "上级单位不能是本单位或其下级单位",
                               "a unit cannot be its own parent or ancestor", field="parent_id")
        seen.add(node.pk)
        node = node.parent


def _unit_fields(name: Any, kind: Any) -> tuple[str, str]:
    name = _text(name, field="name", label_zh="单位名称", label_en="unit name", max_length=100)
    if kind not in Unit.Kind.values:
        raise InvalidInput("invalid_kind", f"单位类型无效：{kind}", f"invalid unit kind: {kind}", field="kind")
    return name, str(kind)


@transaction.atomic
def create_unit(*, actor: User | None, name: str, kind: str, region_code: str, parent: Unit | int | None = None,
                short_name: str = "", phone: str = "") -> Unit:
    require_admin(actor)
    name, kind = _unit_fields(name, kind)
    region = _managed_region(actor, region_code)
    parent_unit = _unit(actor, parent, field="parent_id") if parent else None
    _check_parent(region, parent_unit)
    if Unit.objects.filter(region=region, name=name).exists():
        raise InvalidInput("duplicate_unit", "该区划下已有同名单位", "a unit with this name exists in the region",
                           field="name")
    unit = Unit.objects.create(name=name, kind=kind, region=region, parent=parent_unit,
                               short_name=(short_name or "").strip()[:40], phone=(phone or "").strip()[:30])
    audit.record(audit.Action.CREATE, obj=unit, actor=actor, summary=f"新增单位 {unit.name}",
                 changes={"name": unit.name, "kind": kind, "region": region.code, "parent": unit.parent_id})
    return unit


UNIT_FIELDS = {"name", "kind", "region_code", "parent_id", "short_name", "phone", "is_active"}


def _unit_state(unit: Unit) -> dict[str, Any]:
    return {"name": unit.name, "kind": unit.kind, "region_code": unit.region_id, "parent_id": unit.parent_id,
            "short_name": unit.short_name, "phone": unit.phone, "is_active": unit.is_active}


@transaction.atomic
def update_unit(*, actor: User | None, unit: Unit | int, changes: Mapping[str, Any]) -> Unit:
    require_admin(actor)
    unit = _unit(actor, unit)
    _unknown_keys(changes, UNIT_FIELDS)
    before = _unit_state(unit)
    after = before | dict(changes)
    name, kind = _unit_fields(after["name"], after["kind"])
    region = unit.region if after["region_code"] == unit.region_id else _managed_region(actor, after["region_code"])
    parent = _unit(actor, after["parent_id"], field="parent_id") if after["parent_id"] else None
    _check_parent(region, parent, unit=unit)
    if Unit.objects.filter(region=region, name=name).exclude(pk=unit.pk).exists():
        raise InvalidInput("duplicate_unit", "该区划下已有同名单位", "a unit with this name exists in the region",
                           field="name")
    unit.name, unit.kind, unit.region, unit.parent = name, kind, region, parent
    unit.short_name = str(after["short_name"] or "").strip()[:40]
    unit.phone = str(after["phone"] or "").strip()[:30]
    unit.is_active = bool(after["is_active"])
    unit.save()
    changed = audit.diff(before, _unit_state(unit))
    audit.record(audit.Action.UPDATE, obj=unit, actor=actor, summary=f"修改单位 {unit.name}", changes=changed)
    return unit


# ---- officials ----


def _official_fields(name: Any, rank: Any, status: Any) -> tuple[str, str, bool]:
    name = _text(name, field="name", label_zh="姓名", label_en="name", max_length=40)
    if rank not in Rank.values:
        raise InvalidInput("invalid_rank", f"职级无效：{rank}", f"invalid rank: {rank}", field="rank")
    if status not in OfficialStatus.values:
        raise InvalidInput("invalid_status", f"状态无效：{status}（应为 active 在职 或 retired 退休/离任）",
                           f"invalid status: {status} (active or retired)", field="status")
    return name, str(rank), status == OfficialStatus.ACTIVE


@transaction.atomic
def create_official(*, actor: User | None, name: str, unit: Unit | int, rank: str, title: str = "",
                    is_leader: bool = False, is_principal: bool = False, status: str = OfficialStatus.ACTIVE,
                    phone: str = "") -> Official:
    require_admin(actor)
    name, rank, active = _official_fields(name, rank, status)
    title = _text(title, field="position", label_zh="职务", label_en="position", max_length=60, required=False)
    the_unit = _unit(actor, unit)
    sealed = seal_phone(phone)
    official = Official.objects.create(
        name=name, unit=the_unit, rank=rank, title=title, is_leader=is_leader or is_principal,
        is_principal=is_principal, is_active=active,
        phone_token=sealed.token, phone_index=sealed.index, phone_masked=sealed.masked,
    )
    audit.record(audit.Action.CREATE, obj=official, actor=actor, summary=f"新增干部 {official.name}",
                 changes={"name": official.name, "unit": the_unit.pk, "rank": rank, "title": title,
                          "is_principal": is_principal, "status": status, "phone": sealed.masked})
    return official


OFFICIAL_FIELDS = {"name", "unit_id", "rank", "position", "is_leader", "is_principal", "status", "phone"}


def _official_state(o: Official) -> dict[str, Any]:
    return {"name": o.name, "unit_id": o.unit_id, "rank": o.rank, "position": o.title, "is_leader": o.is_leader,
            "is_principal": o.is_principal, "status": str(o.status), "phone": o.phone_masked}


@transaction.atomic
def update_official(*, actor: User | None, official: Official | int, changes: Mapping[str, Any]) -> Official:
    require_admin(actor)
    official = _official(actor, official)
    _unknown_keys(changes, OFFICIAL_FIELDS)
    before = _official_state(official)
    after = before | {k: v for k, v in changes.items() if k != "phone"}
    name, rank, active = _official_fields(after["name"], after["rank"], after["status"])
    unit = official.unit if after["unit_id"] == official.unit_id else _unit(actor, after["unit_id"])
    official.name, official.rank, official.is_active, official.unit = name, rank, active, unit
    official.title = _text(after["position"], field="position", label_zh="职务", label_en="position",
                           max_length=60, required=False)
    official.is_principal = bool(after["is_principal"])
    official.is_leader = bool(after["is_leader"]) or official.is_principal
    if "phone" in changes:
        sealed = seal_phone(changes["phone"])
        official.phone_token, official.phone_index, official.phone_masked = sealed.token, sealed.index, sealed.masked
    official.save()
    audit.record(audit.Action.UPDATE, obj=official, actor=actor, summary=f"修改干部 {official.name}",
                 changes=audit.diff(before, _official_state(official)))
    return official


# ---- users ----


def _roles(roles: Any) -> list[str]:
    if isinstance(roles, str):
        roles = [r for r in roles.replace("，", ",").replace("、", ",").split(",") if r.strip()]
    roles = sorted({str(r).strip() for r in roles or []})
    unknown = set(roles) - set(Role.values)
    if unknown:
        raise InvalidInput("invalid_role", f"角色无效：{', '.join(sorted(unknown))}",
                           f"invalid role: {', '.join(sorted(unknown))}", field="roles")
    if not roles:
        raise InvalidInput("roles_required", "至少选择一个角色", "choose at least one role", field="roles")
    return roles


def _password(password: str, user: User) -> None:
    try:
        validate_password(password or "", user)
    except ValidationError as exc:
        raise InvalidInput("weak_password", "密码不符合要求：" + "；".join(exc.messages),
                           "password too weak: " + " ".join(exc.messages), field="password") from None


def _check_binding(roles: list[str], unit: Unit | None, official: Official | None, user: User | None = None) -> None:
    if Role.HANDLER in roles and unit is None:
        raise InvalidInput("unit_required", "承办人必须绑定承办单位", "a handler must belong to a unit", field="unit_id")
    if official is not None and official.user_id and (user is None or official.user_id != user.pk):
        raise InvalidInput("official_has_user", f"干部 {official.name} 已绑定其他登录账号",
                           f"official {official.name} already has a login", field="official_id")


@transaction.atomic
def create_user(*, actor: User | None, username: str, password: str, roles: list[str], jurisdiction_code: str,
                unit: Unit | int | None = None, official: Official | int | None = None,
                is_superuser: bool = False) -> User:
    require_admin(actor)
    username = _text(username, field="username", label_zh="用户名", label_en="user name", max_length=150)
    roles = _roles(roles)
    region = _managed_region(actor, jurisdiction_code, field="jurisdiction_code")
    the_unit = _unit(actor, unit) if unit else None
    the_official = _official(actor, official) if official else None
    _check_binding(roles, the_unit, the_official)
    if is_superuser and actor is not None and not actor.is_superuser:
        raise permissions.not_found("超级管理员权限", "superuser right")
    if User.objects.filter(username__iexact=username).exists():
        raise InvalidInput("duplicate_username", f"用户名 {username} 已被使用", f"user name {username} is taken",
                           field="username")
    user = User(username=username, jurisdiction=region, unit=the_unit, is_superuser=is_superuser,
                is_staff=is_superuser)
    _password(password, user)
    user.set_password(password)
    user.save()
    user.groups.set([Group.objects.get_or_create(name=r)[0] for r in roles])
    if the_official is not None:
        the_official.user = user
        the_official.save(update_fields=["user"])
    audit.record(audit.Action.CREATE, obj=user, actor=actor, summary=f"新增用户 {username}",
                 changes={"roles": roles, "jurisdiction": region.code, "unit": user.unit_id,
                          "official": the_official.pk if the_official else None})
    return user


USER_FIELDS = {"unit_id", "official_id", "roles", "jurisdiction_code", "is_active"}


def _user_state(user: User) -> dict[str, Any]:
    official = Official.objects.filter(user=user).values_list("pk", flat=True).first()
    return {"unit_id": user.unit_id, "official_id": official, "roles": sorted(user.groups.values_list("name", flat=True)),
            "jurisdiction_code": user.jurisdiction_id, "is_active": user.is_active}


def _not_self(actor: User | None, user: User, what_zh: str, what_en: str) -> None:
    if actor is not None and actor.pk == user.pk:
        raise InvalidInput("not_yourself", f"不能{what_zh}自己的账号", f"you cannot {what_en} your own account")


@transaction.atomic
def update_user(*, actor: User | None, user: User | int, changes: Mapping[str, Any]) -> User:
    require_admin(actor)
    user = _user(actor, user)
    _unknown_keys(changes, USER_FIELDS)
    if user.is_superuser and actor is not None and not actor.is_superuser:
        raise permissions.not_found("用户", "user")
    before = _user_state(user)
    after = before | dict(changes)
    roles = _roles(after["roles"])
    if (roles, after["jurisdiction_code"], bool(after["is_active"])) != (
            before["roles"], before["jurisdiction_code"], before["is_active"]):
        _not_self(actor, user, "修改角色、管辖范围或停用", "change the roles, jurisdiction or status of")
    region = (user.jurisdiction if after["jurisdiction_code"] == user.jurisdiction_id
              else _managed_region(actor, after["jurisdiction_code"], field="jurisdiction_code"))
    unit = _unit(actor, after["unit_id"]) if after["unit_id"] else None
    official = _official(actor, after["official_id"]) if after["official_id"] else None
    _check_binding(roles, unit, official, user)
    user.jurisdiction, user.unit, user.is_active = region, unit, bool(after["is_active"])
    user.save(update_fields=["jurisdiction", "unit", "is_active"])
    user.groups.set([Group.objects.get_or_create(name=r)[0] for r in roles])
    user.__dict__.pop("roles", None)
    Official.objects.filter(user=user).exclude(pk=official.pk if official else 0).update(user=None)
    if official is not None and official.user_id != user.pk:
        official.user = user
        official.save(update_fields=["user"])
    audit.record(audit.Action.UPDATE, obj=user, actor=actor, summary=f"修改用户 {user.username}",
                 changes=audit.diff(before, _user_state(user)))
    return user


@transaction.atomic
def deactivate_user(*, actor: User | None, user: User | int) -> User:
    """Deactivate a login (never delete it: its audit trail and cases keep pointing at it). Its API tokens
    are revoked as well; while inactive it can neither sign in nor use a token that predates this."""
    require_admin(actor)
    user = _user(actor, user)
    if user.is_superuser and actor is not None and not actor.is_superuser:
        raise permissions.not_found("用户", "user")
    _not_self(actor, user, "停用", "deactivate")
    revoked = ApiToken.objects.filter(user=user, revoked=False).update(revoked=True)
    was_active, user.is_active = user.is_active, False
    user.save(update_fields=["is_active"])
    audit.record(audit.Action.UPDATE, obj=user, actor=actor, summary=f"停用用户 {user.username}",
                 changes={"is_active": [was_active, False], "tokens_revoked": revoked})
    return user


@transaction.atomic
def reset_password(*, actor: User | None, user: User | int, password: str) -> User:
    """Set a new password chosen by the administrator; the login lockout is lifted at the same time."""
    require_admin(actor)
    user = _user(actor, user)
    if user.is_superuser and actor is not None and not actor.is_superuser:
        raise permissions.not_found("用户", "user")
    _password(password, user)
    user.set_password(password)
    user.failed_logins, user.locked_until = 0, None
    user.save(update_fields=["password", "failed_logins", "locked_until"])
    audit.record(audit.Action.UPDATE, obj=user, actor=actor, summary=f"重置用户 {user.username} 的密码",
                 changes={"password": "reset", "unlocked": True})
    return user


# ---- linkages (挂钩联系) ----

LINKAGE_LEVELS = {Linkage.Kind.TOWNSHIP: 4, Linkage.Kind.VILLAGE: 5}


@transaction.atomic
def create_linkage(*, actor: User | None, official: Official | int, kind: str, region_code: str,
                   starts_on: date, ends_on: date | None = None, target_name: str = "") -> Linkage:
    require_admin(actor)
    the_official = _official(actor, official)
    if kind not in Linkage.Kind.values:
        raise InvalidInput("invalid_kind", f"挂钩类型无效：{kind}", f"invalid linkage kind: {kind}", field="kind")
    region = _managed_region(actor, region_code)
    level = LINKAGE_LEVELS.get(Linkage.Kind(kind))
    if level is not None and region.level != level:
        raise InvalidInput("wrong_level", f"{Linkage.Kind(kind).label}应填写{'乡镇' if level == 4 else '村（社区）'}的区划代码",
                           f"a {kind} linkage needs a {'township' if level == 4 else 'village'} region code",
                           field="region_code")
    target_name = _text(target_name, field="target_name", label_zh="对象名称", label_en="target name",
                        max_length=100, required=kind not in LINKAGE_LEVELS)
    if ends_on is not None and ends_on < starts_on:
        raise InvalidInput("ends_before_start", "结束日期不能早于开始日期", "the end date is before the start date",
                           field="ends_on")
    linkage = Linkage.objects.create(official=the_official, kind=kind, region=region, target_name=target_name,
                                     starts_on=starts_on, ends_on=ends_on)
    audit.record(audit.Action.CREATE, obj=linkage, actor=actor,
                 summary=f"新增挂钩联系 {the_official.name} → {target_name or region.name}",
                 changes={"official": the_official.pk, "kind": kind, "region": region.code, "target": target_name,
                          "starts_on": starts_on.isoformat(), "ends_on": ends_on.isoformat() if ends_on else None})
    return linkage


@transaction.atomic
def issue_token(*, user: User, name: str = "", actor: User | None = None) -> str:
    row, token = ApiToken.issue(user, name=name)
    audit.record(audit.Action.CREATE, obj=row, actor=actor or user, summary=f"签发接口令牌 {row.prefix}…")
    return token
