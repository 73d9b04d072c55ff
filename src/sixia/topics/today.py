"""点题整治 in the today list (``core.today``): the discipline organ's topics that need attention (a measure
overdue, or no measure yet while under rectification) and the answering unit's measures due within a week
(overdue ones included). A section appears only when it has work: roles that answer or supervise topics are
also case roles, whose lists stay as they are in a county without topics. Each count is the length of the list
its link opens (``/topics/?attention=on``, ``/topics/measures/?unit=…&due_within=7``)."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_noop

from sixia.core.today import ITEMS, Item, Section, link
from sixia.topics import rules, selectors

SUPERVISING = ("discipline",)
ANSWERING = ("handler", "head")


def _count(qs, rows: list) -> int:
    return len(rows) if len(rows) < ITEMS else qs.count()


def today_sections(user) -> list[Section]:
    sections: list[Section] = []
    today = timezone.localdate()
    if user.has_role(*SUPERVISING):
        qs = selectors.topics_for(user, attention=True, today=today)
        rows = list(qs[:ITEMS])
        if rows:
            sections.append(Section(
                key="topics_attention", title_zh=gettext_noop("点题整治待督办"), count=_count(qs, rows), order=45,
                url=link("topics:home", attention="on"),
                items=[Item(label=t.title, url=reverse("topics:detail", args=(t.pk,)),
                            note=f"{t.year} · {t.lead_unit.name}") for t in rows]))
    unit = getattr(user, "unit_id", None)
    if unit and user.has_role(*ANSWERING):
        qs = selectors.measures_for(user, unit_id=unit, due_within=rules.DUE_SOON_DAYS, today=today)
        rows = list(qs[:ITEMS])
        if rows:
            sections.append(Section(
                key="topics_measures_due", title_zh=gettext_noop("点题整治举措到期"), count=_count(qs, rows), order=46,
                url=link("topics:measures", unit=unit, due_within=rules.DUE_SOON_DAYS),
                items=[Item(label=m.title, url=reverse("topics:detail", args=(m.topic_id,)),
                            note=f"{m.topic.title} · {m.due_date:%Y-%m-%d} · {m.progress}%",
                            warning="overdue" if m.due_date < today else "approaching") for m in rows]))
    return sections
