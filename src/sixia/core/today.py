"""The today list (今日工作): what each role starts its day with, contributed by the apps.

Every installed sixia app may have a ``today.py`` with ``today_sections(user) -> list[Section]``; ``collect``
finds them like the panels and API routers (``core.hooks.app_modules``), so a new app adds its section without
editing here. A provider returns the sections of the roles ``user`` holds and nothing for the others; a user
with several roles gets the union, each key once.

A section's ``count`` is the length of the list its ``url`` opens for the same user (a test requests every
URL and compares), and ``items`` are the first few rows of that list. ``groups`` (optional) split the count,
for instance per unit, each with a link to its own part of the list.

The auditor's section lives here too: the audit trail belongs to core.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop

from sixia.core.hooks import app_modules

ITEMS = 5  # rows shown per section; the link opens the rest
AUDIT_DAYS = 7


@dataclass
class Item:
    label: str
    url: str
    note: str = ""  # a short second line: state, unit, date
    due_at: datetime | None = None
    warning: str = ""  # a case's deadline colour (normal / approaching / urgent / overdue)


@dataclass
class Group:
    label: str
    count: int
    url: str


@dataclass
class Section:
    key: str
    title_zh: str  # the msgid; ``title`` is its translation in the active language
    count: int
    url: str
    items: list[Item] = field(default_factory=list)
    groups: list[Group] = field(default_factory=list)
    order: int = 50

    @property
    def title(self) -> str:
        return gettext(self.title_zh)


def link(name: str, args: tuple = (), **params) -> str:
    """``reverse(name)`` with the query string of the non-empty ``params`` (in the given order)."""
    query = urlencode({k: v for k, v in params.items() if v not in ("", None, False)})
    url = reverse(name, args=args)
    return f"{url}?{query}" if query else url


def collect(user) -> list[Section]:
    """Every app's sections for ``user``, by ``order``; a key already given by an earlier app is skipped."""
    seen: set[str] = set()
    sections: list[Section] = []
    for _app, module in app_modules("today"):
        provider = getattr(module, "today_sections", None)
        if provider is None:
            continue
        for section in provider(user):
            if section.key not in seen:
                seen.add(section.key)
                sections.append(section)
    return sorted(sections, key=lambda s: s.order)


# ---- the auditor: recent reveals of personal data and exports ----

AUDIT_SECTIONS = [("reveals", gettext_noop("近7日查看个人信息"), "view_personal"),
                  ("exports", gettext_noop("近7日导出"), "export")]


def today_sections(user) -> list[Section]:
    if not user.has_role("auditor"):
        return []
    from sixia.core import selectors

    since = timezone.localdate() - timedelta(days=AUDIT_DAYS - 1)
    sections = []
    for key, title, action in AUDIT_SECTIONS:
        qs = selectors.audit_for(user, action=action, since=day_start(since))
        rows = list(qs[:ITEMS])
        sections.append(Section(
            key=f"audit_{key}", title_zh=title, count=qs.count(), order=80,
            url=link("web:audit", action=action, since=since.isoformat()),
            items=[Item(label=f"{e.actor_name} · {e.summary or e.object_type}",
                        url=link("web:audit", action=action, object_type=e.object_type, object_id=e.object_id),
                        note=timezone.localtime(e.at).strftime("%Y-%m-%d %H:%M")) for e in rows]))
    return sections


def day_start(day) -> datetime:
    """Midnight of ``day`` in the local time zone (the audit page's ``since`` means the same)."""
    return timezone.make_aware(datetime.combine(day, datetime.min.time()))
