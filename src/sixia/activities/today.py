"""The leader's activity sections of the today list (``core.today``): my next reception days and my next
visits — activities I take part in, from today on, not cancelled. The link opens the activities page with the
same filters (``mine=on``, ``selectors.upcoming_of``)."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_noop

from sixia.activities import selectors
from sixia.activities.models import Kind
from sixia.core.today import ITEMS, Item, Section, link

ROLES = ("leader", "head")
SECTIONS = [("leader_receptions", gettext_noop("我的接访日"), Kind.RECEPTION),
            ("leader_visits", gettext_noop("我的走访安排"), Kind.VISIT)]


def today_sections(user) -> list[Section]:
    official = getattr(user, "official", None)
    if official is None or not user.has_role(*ROLES):
        return []
    today = timezone.localdate()
    sections = []
    for key, title, kind in SECTIONS:
        qs = selectors.upcoming_of(user, official.pk, kind=kind, today=today)
        rows = list(qs.prefetch_related(None).select_related("region")[:ITEMS])
        sections.append(Section(
            key=key, title_zh=title, count=len(rows) if len(rows) < ITEMS else qs.count(), order=35,
            url=link("activities:home", kind=kind, mine="on"),
            items=[Item(label=a.title, url=reverse("activities:detail", args=(a.pk,)),
                        note=f"{a.start_day:%Y-%m-%d} · {a.region.name} {a.place}".strip()) for a in rows]))
    return sections
