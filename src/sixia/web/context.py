"""Navigation shown to a signed-in official, by role. Apps add entries through ``NAV_ITEMS``.

An app may put a count next to an entry (the inbox's unread messages) with a hook found like the panels'
(web/panels.py): ``<app>.nav.nav_badges(request) -> dict[url name, Badge]``, so web needs no app's models.
The hooks run lazily, at most once a request, and only when a page shows the menu: an anonymous page or a
response that never renders the menu costs no query.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import cast

from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise, SimpleLazyObject
from django.utils.translation import pgettext_lazy

from sixia.core.hooks import app_modules

StrOrPromise = str | Promise

# (url name, label, roles that see it — empty means everyone signed in)
NAV_ITEMS: list[tuple[str, StrOrPromise, set[str]]] = [  # labels follow the user's language; context "nav": a menu says "Units" where a column says "Unit"
    ("web:home", pgettext_lazy("nav", "工作台"), set()),
    ("web:regions", pgettext_lazy("nav", "区划概况"), set()),
    ("cases:queue", pgettext_lazy("nav", "诉求办理"), set()),
    ("cases:inbox", pgettext_lazy("nav", "待办事项"), set()),
    ("cases:intake", pgettext_lazy("nav", "登记受理"), {"dispatcher", "admin"}),
    # the 包案 desk (cases.set_leader: admin, dispatcher, head; cases.lead: leader) and the 督办 desk
    # (cases.supervise: admin, supervisor, discipline); supervisors follow the leaders' cases as well
    ("cases:leaders_mine", pgettext_lazy("nav", "我的包案"), {"leader"}),
    ("cases:leaders", pgettext_lazy("nav", "包案台账"), {"admin", "dispatcher", "head", "supervisor"}),
    ("cases:supervision", pgettext_lazy("nav", "督办台账"), {"admin", "supervisor", "discipline"}),
    ("activities:home", pgettext_lazy("nav", "下基层活动"), set()),
    # 点题整治: the curating desk and 纪委, the units that answer, the leaders and 督查 who follow it
    ("topics:home", pgettext_lazy("nav", "点题整治"), {"admin", "dispatcher", "handler", "head", "leader", "supervisor",
                                                     "discipline"}),
    ("quotas:compliance", pgettext_lazy("nav", "履职统计"), set()),
    ("reports:dashboard", pgettext_lazy("nav", "驾驶舱"), {"leader", "head", "admin", "supervisor", "dispatcher"}),
    ("reports:rates", pgettext_lazy("nav", "三率排名"), set()),
    # reports.statistics / reports.assessment (docs/statistics.md)
    ("reports:statistics", pgettext_lazy("nav", "统计分析"), {"admin", "dispatcher", "leader", "head", "supervisor",
                                                             "auditor"}),
    ("reports:assessment", pgettext_lazy("nav", "干部考核"), {"admin", "organization_dept"}),
    ("insight:hotspots", pgettext_lazy("nav", "热点研判"), set()),
    ("web:persons", pgettext_lazy("nav", "群众信息"), set()),
    ("web:units", pgettext_lazy("nav", "单位"), set()),
    ("web:officials", pgettext_lazy("nav", "干部"), set()),
    ("web:audit", pgettext_lazy("nav", "审计日志"), {"auditor", "admin"}),
    ("web:rules", pgettext_lazy("nav", "规则设置"), {"admin", "dispatcher", "organization_dept"}),
    ("org:home", pgettext_lazy("nav", "组织管理"), {"admin"}),
]


BADGE_MAX = 99  # above it the badge says "99+": a wider badge would push the menu onto two lines


@dataclass(frozen=True)
class Badge:
    count: int
    label: str  # the full sentence for screen readers and the tooltip, in the request's language

    @property
    def text(self) -> str:
        return f"{BADGE_MAX}+" if self.count > BADGE_MAX else str(self.count)


def collect_badges(request) -> dict[str, Badge]:
    """Every installed sixia app's ``nav.nav_badges(request)``, merged; zero counts dropped."""
    badges: dict[str, Badge] = {}
    for _app, module in app_modules("nav", skip="sixia.web"):
        provider = getattr(module, "nav_badges", None)
        if provider is not None:
            badges.update({name: b for name, b in provider(request).items() if b.count > 0})
    return badges


def _badges_of(request) -> Mapping[str, Badge]:
    # Kept on the request: a view that renders twice (or a template rendered again) asks the apps once.
    lazy = getattr(request, "_sixia_nav_badges", None)
    if lazy is None:
        lazy = request._sixia_nav_badges = SimpleLazyObject(lambda: collect_badges(request))
    return cast(Mapping[str, Badge], lazy)


@dataclass(frozen=True)
class NavItem:
    name: str
    url: str
    label: StrOrPromise
    active: bool
    badges: Mapping[str, Badge]  # lazy: read only when the template asks for ``badge``

    @property
    def badge(self) -> Badge | None:
        return self.badges.get(self.name)


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    shown = []
    for name, label, roles in NAV_ITEMS:
        if roles and not user.has_role(*roles):
            continue
        try:
            url = reverse(name)
        except NoReverseMatch:  # the app is not installed in this deployment
            continue
        shown.append((name, url, label))
    # The longest matching URL is the one the page belongs to: /cases/inbox/ is the inbox, not also the queue.
    matching = [url for _name, url, _label in shown
                if request.path == url or (url != "/" and request.path.startswith(url))]
    here = max(matching, key=len, default=None)
    badges = _badges_of(request)
    return {"nav_items": [NavItem(name, url, label, url == here, badges) for name, url, label in shown]}
