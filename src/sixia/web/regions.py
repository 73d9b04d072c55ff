"""Region page (区划概况): one region of the user's jurisdiction — where it sits, what lies under it, and the
panels apps contribute through ``<app>.panels.region_panels(request, region)``. Thin: parse, call, render.

A region outside the jurisdiction answers 404 like a missing one (the jurisdiction rule of every object).
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from sixia.cases import selectors as case_selectors
from sixia.core import jurisdiction
from sixia.core.errors import DomainError
from sixia.geo import selectors as geo_selectors
from sixia.geo.models import CODE_LENGTHS, Region
from sixia.web import panels


def _not_found(request):
    return render(request, "web/not_found.html", status=404)


@login_required
def my_region(request):
    """The user's own jurisdiction; a national user (no jurisdiction code) gets the list of provinces."""
    prefix = jurisdiction.prefix_of(request.user)
    if prefix is None:
        return _not_found(request)
    if prefix:
        return redirect("web:region", code=prefix)
    provinces = Region.objects.filter(level=1).order_by("code")
    counts = case_selectors.counts_by_area(request.user, region_code="", width=CODE_LENGTHS[1])
    total = {k: sum(c[k] for c in counts.values()) for k in ("cases", "open")}
    return render(request, "web/region.html", {
        "region": None, "crumbs": [], "children": _children(provinces, counts), "total": total, "panels": []})


def _children(regions, counts: dict[str, dict[str, int]]) -> list[dict]:
    return [{"code": r.code, "name": r.name, **counts.get(r.code, {"cases": 0, "open": 0})} for r in regions]


@login_required
def region_page(request, code: str):
    user = request.user
    try:
        region = geo_selectors.get_region(user, code)
    except DomainError:
        return _not_found(request)
    crumbs = [{"code": a.code, "name": a.name, "link": jurisdiction.covers(user, a.code)}
              for a in region.ancestors()]
    children = list(Region.objects.filter(parent_id=region.code).order_by("code"))
    width = len(children[0].code) if children else len(region.code)
    counts = case_selectors.counts_by_area(user, region_code=region.code, width=width)
    total = {k: sum(c[k] for c in counts.values()) for k in ("cases", "open")}
    return render(request, "web/region.html", {
        "region": region, "crumbs": crumbs, "children": _children(children, counts), "total": total,
        "own": counts.get(region.code) if children else None,  # cases filed on the region itself (本级)
        "panels": panels.collect(request, region, hook="region_panels")})
