"""Region page (区划概况): one region of the user's jurisdiction — where it sits, what lies under it, and the
panels apps contribute through ``<app>.panels.region_panels(request, region)``. Thin: parse, call, render.

A region outside the jurisdiction answers 404 like a missing one (the jurisdiction rule of every object).
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from sixia.cases import selectors as case_selectors
from sixia.core import jurisdiction
from sixia.core.errors import DomainError
from sixia.geo import selectors as geo_selectors
from sixia.geo.models import CODE_LENGTHS, Region
from sixia.web import panels
from sixia.web.charts import Chart, Row, number


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
        "region": None, "crumbs": [], "children": (kids := _children(provinces, counts)), "total": total,
        "chart": children_chart(kids), "panels": []})


def _children(regions, counts: dict[str, dict[str, int]]) -> list[dict]:
    return [{"code": r.code, "name": r.name, **counts.get(r.code, {"cases": 0, "open": 0})} for r in regions]


def children_chart(children: list[dict]) -> Chart | None:
    """The child regions' volume as bars (the list above it has the same numbers); only those with cases."""
    rows = [Row(c["name"], [number(c["cases"]), number(c["open"])], reverse("web:region", args=[c["code"]]))
            for c in children if c["cases"]]
    if not rows:
        return None
    return Chart("children", "bar", _("下级区划诉求量"), _("区划"), [_("诉求总数"), _("在办")], rows)


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
    kids = _children(children, counts)
    return render(request, "web/region.html", {
        "region": region, "crumbs": crumbs, "children": kids, "total": total, "chart": children_chart(kids),
        "own": counts.get(region.code) if children else None,  # cases filed on the region itself (本级)
        "panels": panels.collect(request, region, hook="region_panels")})
