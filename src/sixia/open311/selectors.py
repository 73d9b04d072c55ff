"""Reads of the Open311 face. It is anonymous, so what it shows is only what is public by design:

- services: the active leaf categories (a parent category is the ``group``);
- requests: public cases (``Case.is_public``, never a 检举控告) with a category, inside the endpoint's region
  (``SIXIA_OPEN311_REGION``), read as a reader whose jurisdiction is that region (``core.jurisdiction.scope``).
  Of a case only the title, the public status, dates and the responsible unit are shown (see ``payloads``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Max, Q, QuerySet
from django.utils import timezone

from sixia.cases.models import Case, Category
from sixia.cases.selectors import ACCUSATION
from sixia.core import jurisdiction
from sixia.geo.models import Region

WINDOW = timedelta(days=90)  # the spec's default window and largest date range
LIMIT = 1000  # the spec's default volume


@dataclass(frozen=True)
class EndpointReader:
    """The anonymous public, seen as a reader whose jurisdiction is the endpoint's region."""

    jurisdiction_id: str
    is_authenticated: bool = True
    is_active: bool = True
    is_superuser: bool = False


def endpoint_region() -> str:
    return str(settings.OPEN311_REGION)


def region_in_endpoint(code: str) -> Region | None:
    """A region a client may name in ``attribute[region]``: one that exists, inside the endpoint's region."""
    if not code.startswith(endpoint_region()):
        return None
    return Region.objects.filter(code=code).first()


def services() -> list[Category]:
    """Active categories that have no active children (a request names the most specific one)."""
    rows = list(Category.objects.filter(is_active=True).select_related("parent").order_by("sort", "code"))
    parents = {c.parent_id for c in rows if c.parent_id}
    return [c for c in rows if c.pk not in parents]


def service(code: str) -> Category | None:
    return next((c for c in services() if c.code == code), None)


def public_cases() -> QuerySet[Case]:
    qs = Case.objects.filter(is_public=True, category__isnull=False).exclude(petition_class=ACCUSATION)
    qs = jurisdiction.scope(qs, EndpointReader(endpoint_region())).select_related("category", "responsible_unit")
    # the last change the public may see: one aggregate, not a query per request
    return qs.annotate(public_changed_at=Max("events__at", filter=Q(events__public=True)))


def requests(*, ids: list[str], service_codes: list[str], statuses: list[str], start: datetime | None,
             end: datetime | None, now: datetime | None = None) -> list[Case]:
    """GET requests: ``ids`` override every other filter; otherwise at most 90 days and 1000 rows."""
    from sixia.engines.workflow.catalog import TERMINAL

    qs = public_cases()
    if ids:
        return list(qs.filter(tracking_no__in=ids[:LIMIT]).order_by("-registered_at")[:LIMIT])
    if service_codes:
        qs = qs.filter(category__code__in=service_codes)
    if statuses and set(statuses) != {"open", "closed"}:
        qs = qs.filter(state__in=TERMINAL) if "closed" in statuses else qs.exclude(state__in=TERMINAL)
    end = end or (start + WINDOW if start else (now or timezone.now()))
    start = start or end - WINDOW
    return list(qs.filter(registered_at__gte=start, registered_at__lte=end).order_by("-registered_at")[:LIMIT])


def request(tracking_no: str) -> Case | None:
    return public_cases().filter(tracking_no=tracking_no).first()
