"""规则设置: one page linking every rule that is data and has a page of its own. Each entry names the right
that edits it; a user sees the entries it may edit (everyone signed in may read the rules themselves)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from sixia.core import permissions

# (url name, title, what it decides, right that edits it)
ENTRIES = [
    ("cases:rules_dispatch", _("派单目录"), _("问题分类 × 区划 → 承办单位、抄送督办单位"), "cases.edit_dispatch"),
    ("cases:rules_policies", _("时限规则"), _("各环节的办理时限（自然日、工作日、小时）"), "cases.edit_policies"),
    ("cases:rules_weights", _("三率权重"), _("响应率、解决率、满意率在综合得分中的权重"), "reports.edit_weights"),
    ("insight:risk_weights", _("风险指数权重"), _("诉求量、重复件、超期、不满意、集体访的权重"), "insight.edit_weights"),
    ("quotas:rules", _("履职指标规则"), _("各职级领导干部下基层的次数和天数要求"), "quotas.edit_rules"),
]
RIGHTS = {code for *_rest, code in ENTRIES}


def may_edit_any(user) -> bool:
    return any(permissions.allows(user, code) for code in RIGHTS)


@login_required
def rules_index(request):
    shown = []
    for name, title, what, code in ENTRIES:
        try:
            url = reverse(name)
        except NoReverseMatch:  # the app is not installed in this deployment
            continue
        shown.append({"url": url, "title": title, "what": what, "editable": permissions.allows(request.user, code)})
    return render(request, "web/rules.html", {"entries": shown})
