"""Regions by code, cached per process (``sixia.core.rowcache``): every registration names one, and the
division table changes only when it is loaded. Only regions that exist are kept (a code that is missing is
asked again next time), at most ``LIMIT`` of them."""

from __future__ import annotations

from sixia.core import rowcache
from sixia.geo.models import Region

LIMIT = 20_000

rowcache.register("regions", Region)


def region_by_code(code: str) -> Region | None:
    """The region of ``code`` or None. The instance is shared: read it, do not change it."""
    known: dict[str, Region] = rowcache.get("regions", dict)
    region = known.get(code)
    if region is None:
        region = Region.objects.filter(code=code).first()
        if region is not None and len(known) < LIMIT:
            known[code] = region
    return region
