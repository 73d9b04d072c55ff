"""Jurisdiction-scoped reads of the organisation (every page and endpoint goes through these)."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from sixia.core import jurisdiction
from sixia.org.models import Linkage, Official, Unit


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
