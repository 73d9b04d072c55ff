"""Who may manage the organisation (组织管理): the one place the services ask.

An administrator (role ``admin``, or a superuser) manages what lies inside its jurisdiction, the region-code
prefix it is bound to. The order of the checks is the contract of every write:

1. not an administrator → ``Forbidden`` (403), whatever the object — nothing is looked up;
2. an object or region outside the jurisdiction → ``NotFound`` (404), so its existence does not leak.

``actor=None`` is the system itself (data migrations, ``sixia demo``, test fixtures) and is never refused.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Model, QuerySet

from sixia.core import jurisdiction, permissions
from sixia.core.errors import Forbidden, NotFound
from sixia.core.permissions import Right, declare
from sixia.org.roles import CAN_MANAGE_ORG

MANAGE = "org.manage"

declare(
    Right(MANAGE, "管理组织机构、干部和用户", "manage units, officials and users",
          frozenset(str(role) for role in CAN_MANAGE_ORG),
          "the administrator of each level, inside its jurisdiction (等保2.0: 系统管理员 separate from 审计员)"),
)


def is_org_admin(user: Any) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False) and permissions.allows(user, MANAGE))


def require_admin(actor: Any) -> None:
    if actor is not None and not is_org_admin(actor):
        raise Forbidden("forbidden", "只有系统管理员可以管理组织机构、干部和用户",
                        "only administrators may manage units, officials and users")


def not_found(what_zh: str = "对象", what_en: str = "object") -> NotFound:
    return NotFound("not_found", f"{what_zh}不存在或不在您的管辖范围内", f"{what_en} not found or outside your jurisdiction")


def require_region(actor: Any, region_code: str | None, *, field: str = "region_code") -> None:
    """The region lies inside the actor's jurisdiction (404 otherwise)."""
    if actor is not None and not jurisdiction.covers(actor, region_code):
        exc = not_found("行政区划", "region")
        exc.field = field
        raise exc


def managed[M: Model](actor: Any, qs: QuerySet[M], pk: Any, *, field: str, what_zh: str, what_en: str) -> M:
    """One object inside the actor's jurisdiction (``field`` is its region-code path), else 404."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise not_found(what_zh, what_en) from None
    if actor is not None:
        qs = jurisdiction.scope(qs, actor, field)
    obj = qs.filter(pk=pk).first()
    if obj is None:
        raise not_found(what_zh, what_en)
    return obj
