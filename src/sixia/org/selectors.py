"""Jurisdiction-scoped reads of the organisation (every page and endpoint goes through these)."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from sixia.core import jurisdiction
from sixia.org import permissions
from sixia.org.models import Linkage, Official, Unit, User


def units_for(user, *, q: str = "", region_code: str = "", kind: str = "") -> QuerySet[Unit]:
    qs = jurisdiction.scope(Unit.objects.select_related("region", "parent"), user)
    if region_code:
        qs = qs.filter(region__code__startswith=region_code)
    if kind:
        qs = qs.filter(kind=kind)
    if q:
        qs = qs.filter(Q(name__contains=q) | Q(short_name__contains=q))
    return qs


def get_unit(user, unit_id: int) -> Unit:
    return jurisdiction.get_scoped(Unit.objects.select_related("region"), user, pk=unit_id)


def officials_for(user, *, q: str = "", unit_id: int | None = None, rank: str = "") -> QuerySet[Official]:
    qs = jurisdiction.scope(Official.objects.select_related("unit", "unit__region"), user, field="unit__region__code")
    if unit_id:
        qs = qs.filter(unit_id=unit_id)
    if rank:
        qs = qs.filter(rank=rank)
    if q:
        qs = qs.filter(Q(name__contains=q) | Q(title__contains=q))
    return qs


def get_official(user, official_id: int) -> Official:
    return jurisdiction.get_scoped(
        Official.objects.select_related("unit", "unit__region"), user, field="unit__region__code", pk=official_id
    )


def linkages_of(official: Official) -> QuerySet[Linkage]:
    return official.linkages.select_related("region")


def users_for(user, *, q: str = "", role: str = "", active: bool | None = None) -> QuerySet[User]:
    """Logins inside the jurisdiction, for administrators only (others: 403)."""
    permissions.require_admin(user)
    qs = jurisdiction.scope(User.objects.select_related("jurisdiction", "unit", "official"), user,
                            field="jurisdiction__code")
    if q:
        qs = qs.filter(Q(username__contains=q) | Q(official__name__contains=q))
    if role:
        qs = qs.filter(groups__name=role)
    if active is not None:
        qs = qs.filter(is_active=active)
    return qs.prefetch_related("groups").order_by("username")


def get_user(user, user_id: int) -> User:
    permissions.require_admin(user)
    return permissions.managed(user, User.objects.select_related("jurisdiction", "unit", "official"), user_id,
                               field="jurisdiction__code", what_zh="用户", what_en="user")


def linkages_for(user, *, official_id: int | None = None, kind: str = "") -> QuerySet[Linkage]:
    qs = jurisdiction.scope(Linkage.objects.select_related("official", "official__unit", "region"), user,
                            field="official__unit__region__code")
    if official_id:
        qs = qs.filter(official_id=official_id)
    if kind:
        qs = qs.filter(kind=kind)
    return qs


def unit_tree(user) -> list[tuple[Unit, int]]:
    """The units of the jurisdiction in tree order, each with its depth (a parent outside the list is a root).
    One query; the tree is walked in memory."""
    units = list(units_for(user).order_by("region_id", "name"))
    ids = {u.pk for u in units}
    children: dict[int | None, list[Unit]] = {}
    for u in units:
        children.setdefault(u.parent_id if u.parent_id in ids else None, []).append(u)
    out: list[tuple[Unit, int]] = []
    stack = [(u, 0) for u in reversed(children.get(None, []))]
    while stack:
        unit, depth = stack.pop()
        out.append((unit, depth))
        stack.extend((c, depth + 1) for c in reversed(children.get(unit.pk, [])))
    return out
