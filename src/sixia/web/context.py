"""Navigation shown to a signed-in official, by role. Apps add entries through ``NAV_ITEMS``."""

from __future__ import annotations

from django.urls import NoReverseMatch, reverse

# (url name, label, roles that see it — empty means everyone signed in)
NAV_ITEMS: list[tuple[str, str, set[str]]] = [
    ("web:home", "工作台", set()),
    ("web:regions", "区划概况", set()),
    ("cases:queue", "诉求办理", set()),
    ("cases:intake", "登记受理", {"dispatcher", "admin"}),
    ("activities:home", "下基层活动", set()),
    ("quotas:compliance", "履职统计", set()),
    ("reports:rates", "三率排名", set()),
    ("insight:hotspots", "热点研判", set()),
    ("web:persons", "群众信息", set()),
    ("web:units", "单位", set()),
    ("web:officials", "干部", set()),
    ("web:audit", "审计日志", {"auditor", "admin"}),
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
