"""Reads of the public portal: a case found by query code + phone, and what of it the petitioner may see.

A wrong code and a wrong phone give the same ``None`` (and cost the same: the phone is always compared against
something, in constant time), so the answer never tells which of the two was wrong.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q

from sixia.cases import events, workflow
from sixia.cases.models import Case, CasePetitioner, ReturnVisit
from sixia.cases.services import tracking
from sixia.core.errors import DomainError
from sixia.core.personal import phone_index
from sixia.geo.models import Level, Region

_NO_INDEX = "-" * 64  # compared against when there is no case, so both refusals take the same path


def normalize_code(code: str) -> str:
    return (code or "").strip().upper()[:40]


def phone_key(phone: str) -> str:
    """The blind index of a typed phone ("" when it is no phone number) — what the session keeps, never the phone."""
    try:
        return phone_index(phone or "")
    except DomainError:
        return ""


def case_for(code: str, phone: str) -> Case | None:
    """The case whose query code is ``code`` and one of whose petitioners has ``phone``; else None."""
    return case_for_key(code, phone_key(phone))


def case_for_key(code: str, wanted: str) -> Case | None:
    """An unknown code costs the same two statements as a wrong phone (no timing tells a code exists)."""
    code = normalize_code(code)
    case = (Case.objects.select_related("region", "category", "responsible_unit")
            .filter(tracking_no=code, is_public=True).first())
    if case is not None and not tracking.is_valid(code):
        case = None
    links = CasePetitioner.objects.select_related("person").filter(case_id=case.pk if case else -1)
    known = [link.person.phone_index or "" for link in links]
    match = False
    for index in known or [_NO_INDEX]:
        match |= hmac.compare_digest(index or _NO_INDEX, wanted or "")
    return case if case is not None and match and wanted else None


@dataclass(frozen=True)
class PublicEvent:
    at: datetime
    label: str
    state: str
    unit: str


def public_timeline(case: Case) -> list[PublicEvent]:
    """What the petitioner may see of the file: public events only, with the unit but never a person's name."""
    rows = case.events.filter(public=True).order_by("at", "id")
    return [PublicEvent(at=e.at, label=events.label(e.action), state=workflow.STATES.get(e.to_state, ""),
                        unit=e.actor_unit) for e in rows]


def public_rating(case: Case) -> ReturnVisit | None:
    """The rating the petitioner gave on the portal (a return visit of the web channel without an official)."""
    return case.return_visits.filter(method=ReturnVisit.Method.WEB, by__isnull=True).order_by("at").first()


def regions_to_pick(root: str = "", limit: int = 3000) -> list[Region]:
    """Counties and townships (under ``root`` if set) for the submit form's list, picked by name."""
    qs = Region.objects.filter(level__in=[Level.COUNTY, Level.TOWNSHIP])
    if root:
        qs = qs.filter(code__startswith=root)
    return list(qs.order_by("code")[:limit])


def region_by_name(text: str) -> list[Region]:
    """Regions called ``text``: a code, a plain name (长春镇) or a name with its ancestors (霞浦县长春镇)."""
    text = "".join((text or "").split())[:80]
    if not text:
        return []
    if text.isdigit():
        return list(Region.objects.filter(code=text))
    plain = list(Region.objects.filter(Q(name=text)).order_by("code")[:20])
    if plain:
        return plain
    tails = Region.objects.filter(level__gte=Level.COUNTY).order_by("code")
    return [r for r in tails.filter(name__in=_suffixes(text)) if r.full_name().endswith(text)][:20]


def _suffixes(text: str) -> list[str]:
    return [text[i:] for i in range(1, len(text))]
