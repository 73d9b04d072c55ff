"""Navigation shown to a signed-in official, by role. Apps add entries through ``NAV_ITEMS``."""

from __future__ import annotations

from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import pgettext_lazy

StrOrPromise = str | Promise

# (url name, label, roles that see it — empty means everyone signed in)
NAV_ITEMS: list[tuple[str, StrOrPromise, set[str]]] = [  # labels follow the user's language; context "nav": a menu says "Units" where a column says "Unit"
    ("web:home", pgettext_lazy("nav", "工作台"), set()),
    ("web:regions", pgettext_lazy("nav", "区划概况"), set()),
    ("cases:queue", pgettext_lazy("nav", "诉求办理"), set()),
    ("cases:intake", pgettext_lazy("nav", "登记受理"), {"dispatcher", "admin"}),
    ("activities:home", pgettext_lazy("nav", "下基层活动"), set()),
    ("quotas:compliance", pgettext_lazy("nav", "履职统计"), set()),
    ("reports:rates", pgettext_lazy("nav", "三率排名"), set()),
    ("insight:hotspots", pgettext_lazy("nav", "热点研判"), set()),
    ("web:persons", pgettext_lazy("nav", "群众信息"), set()),
    ("web:units", pgettext_lazy("nav", "单位"), set()),
    ("web:officials", pgettext_lazy("nav", "干部"), set()),
    ("web:audit", pgettext_lazy("nav", "审计日志"), {"auditor", "admin"}),
]


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    items = []
    for name, label, roles in NAV_ITEMS:
        if roles and not user.has_role(*roles):
            continue
        try:
            url = reverse(name)
        except NoReverseMatch:  # the app is not installed in this deployment
            continue
        items.append({"url": url, "label": label, "active": request.path == url or (
            url != "/" and request.path.startswith(url))})
    return {"nav_items": items}
