"""Helpers shared by the case pages: choices scoped to the user's jurisdiction, labels, the 404 page."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse

from sixia.cases import workflow
from sixia.geo import selectors as geo_selectors
from sixia.geo.models import Region
from sixia.org import selectors as org_selectors

REGION_ROWS_MAX = 3000


def region_choices(user) -> list[tuple[str, str]]:
    """The user's region and the levels below it a desk picks from (county → townships; township →
    villages), indented by level."""
    base = user.jurisdiction
    base_level = base.level if base is not None else 0
    deepest = max(base_level + 1, 4) if base_level >= 3 else min(base_level + 2, 4)
    rows = (geo_selectors.regions_for(user).filter(level__lte=deepest, level__gte=max(base_level, 1))
            .order_by("code").values_list("code", "name", "level")[:REGION_ROWS_MAX])
    return [(code, "\u3000" * (level - max(base_level, 1)) + name) for code, name, level in rows]


def unit_choices(user) -> list[tuple[int, str]]:
    return list(org_selectors.units_for(user).filter(is_active=True).order_by("region_id", "name")
                .values_list("pk", "name"))


def mark_links(cases) -> None:
    """Give each case of a case table its page's URL (``detail_url``): one ``reverse`` per table instead of two
    per row in the template (60 per queue page)."""
    sentinel = 987654321
    pattern = reverse("cases:detail", args=[sentinel]).replace(str(sentinel), "{}")
    for case in cases:
        case.detail_url = pattern.format(case.pk)


def region_name(code: str) -> str:
    region = Region.objects.filter(code=code).first()
    return region.full_name() if region else code


def not_found(request) -> HttpResponse:
    return render(request, "web/not_found.html", status=404)




def is_desk(user) -> bool:
    return user.is_superuser or user.has_role(*workflow.DESK)
