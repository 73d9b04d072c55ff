from __future__ import annotations

from django.db.models import QuerySet

from sixia.core import jurisdiction
from sixia.geo.models import Region


def regions_for(user) -> QuerySet[Region]:
    """Regions a user may see: the jurisdiction subtree (and nothing above it)."""
    return jurisdiction.scope(Region.objects.all(), user, field="code")


def get_region(user, code: str) -> Region:
    return jurisdiction.get_scoped(Region.objects.all(), user, field="code", code=code)


def children(user, code: str) -> QuerySet[Region]:
    region = get_region(user, code)
    return Region.objects.filter(parent_id=region.code).order_by("code")
