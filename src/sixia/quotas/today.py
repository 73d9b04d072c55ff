"""The quota sections of the today list (``core.today``), for the current quarter:

* a leader (an official with a login): my indicators — each applicable rule with done / required;
  the link opens my year record (``quotas:mine``), one row per rule;
* 组织部 (``organization_dept``): the officials of the jurisdiction whose compliance is behind schedule; the link
  opens the 履职统计 page with ``behind=on`` (same period, same roll-up, ``compliance.rollup``).
"""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop

from sixia.core.today import ITEMS, Item, Section, link
from sixia.engines import quotas as engine
from sixia.quotas import compliance, summary

STATUS = {engine.Status.MET: gettext_noop("已达标"), engine.Status.ON_TRACK: gettext_noop("进度正常"),
          engine.Status.BEHIND: gettext_noop("进度滞后")}


def today_sections(user) -> list[Section]:
    sections = []
    period = compliance.current_period("quarter")
    official = getattr(user, "official", None)
    if official is not None and user.has_role("leader", "head"):
        row = compliance.evaluate_officials([official], period, timezone.localdate())[0]
        sections.append(Section(
            key="leader_quotas", title_zh=gettext_noop("我的履职进度"), count=len(row.results), order=36,
            url=reverse("quotas:mine"),
            items=[Item(label=f"{summary.activity_phrase(r.rule.kind, r.rule.where)} "
                              f"{summary.fmt(r.done)}/{summary.amount(r.required, r.rule.measure)}",
                        url=reverse("quotas:mine"),
                        note=f"{gettext(STATUS.get(r.status, r.status))} · {summary.period_name(r.period)}")
                   for r in row.results[:ITEMS]]))
    if user.has_role("organization_dept"):
        behind = [row for row in compliance.rollup(user, period=period.key).rows if row.behind]
        sections.append(Section(
            key="org_behind", title_zh=gettext_noop("履职进度滞后的干部"), count=len(behind), order=50,
            url=link("quotas:compliance", period=period.key, behind="on"),
            items=[Item(label=row.official.name, url=reverse("quotas:official", args=(row.official.pk,)),
                        note=f"{row.official.unit.name} {row.official.title}".strip()) for row in behind[:ITEMS]]))
    return sections
