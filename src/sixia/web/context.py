"""Navigation shown to a signed-in official, by role. Apps add entries through ``NAV_ITEMS``."""

from __future__ import annotations

from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

StrOrPromise = str | Promise

# (url name, label, roles that see it — empty means everyone signed in)
NAV_ITEMS: list[tuple[str, StrOrPromise, set[str]]] = [  # labels are gettext_lazy: shown in the user's language
    ("web:home", _("工作台"), set()),
    ("web:regions", _("区划概况"), set()),
    ("cases:queue", _("诉求办理"), set()),
    ("cases:intake", _("登记受理"), {"dispatcher", "admin"}),
    ("activities:home", _("下基层活动"), set()),
    ("quotas:compliance", _("履职统计"), set()),
    ("reports:rates", _("三率排名"), set()),
    ("insight:hotspots", _("热点研判"), set()),
    ("web:persons", _("群众信息"), set()),
    ("web:units", _("单位"), set()),
    ("web:officials", _("干部"), set()),
    ("web:audit", _("审计日志"), {"auditor", "admin"}),
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
