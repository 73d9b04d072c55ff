"""规则设置: one page linking every rule that is data and has a page of its own. Each entry names the right
that edits it; a user sees the entries it may edit (everyone signed in may read the rules themselves)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from sixia.core import jurisdiction, permissions
from sixia.core.errors import DomainError, Forbidden, error_text
from sixia.web.forms import WeightsForm
from sixia.web.rights import refused

# (url name, title, what it decides, right that edits it)
ENTRIES = [
    ("cases:rules_dispatch", _("派单目录"), _("问题分类 × 区划 → 承办单位、抄送督办单位"), "cases.edit_dispatch"),
    ("cases:rules_policies", _("时限规则"), _("各环节的办理时限（自然日、工作日、小时）"), "cases.edit_policies"),
    ("reports:weights", _("三率权重"), _("响应率、解决率、满意率在综合得分中的权重"), "reports.edit_weights"),
    ("insight:risk_weights", _("风险指数权重"), _("诉求量、重复件、超期、不满意、集体访的权重"), "insight.edit_weights"),
    ("quotas:rules", _("履职指标规则"), _("各职级领导干部下基层的次数和天数要求"), "quotas.edit_rules"),
    ("documents:templates", _("文书模板"), _("告知书、意见书和台账的 Word 模板（按区划替换默认模板）"),
     "documents.manage_templates"),
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


def weights_page(request, *, model, names: tuple[str, ...], right: str, save, title, url_name: str):
    """A settings row's weights: shown to everyone signed in, saved by ``save(actor=…, **weights)`` (the
    service checks ``right`` and the national scope, and refuses weights that do not add up to 1)."""
    user = request.user
    conf = model.current()
    current = {name: getattr(conf, name) for name in names}
    form = WeightsForm(request.POST or None, initial=current, model=model, names=names)
    can_edit = permissions.allows(user, right) and jurisdiction.may_edit_rules_of(user, "")
    status = 200
    if request.method == "POST":
        try:
            permissions.require(user, right)  # the right before the input, as the API does
        except Forbidden as exc:
            return refused(request, exc)
        if not form.is_valid():
            status = 422
        else:
            try:
                save(actor=user, **form.cleaned_data)
            except Forbidden as exc:
                return refused(request, exc)
            except DomainError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, error_text(exc))
                status = exc.status
            else:
                messages.success(request, gettext("权重已保存"))
                return redirect(url_name)
    total = sum(current.values())
    return render(request, "web/rules_weights.html", {
        "form": form, "can_edit": can_edit, "total": total, "sums_to_one": abs(total - 1) <= 0.001,
        "title": title}, status=status)
