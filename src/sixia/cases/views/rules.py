"""Pages of the case rules that are data: the dispatch catalogue and the time-limit policies.

Thin: a form parses, one service decides and writes. A row outside the user's region is not found (404); a row
the user sees but may not change (a default, for a county) is refused (403), as is a user without the right.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods

from sixia.cases import permissions as rights
from sixia.cases.rule_forms import STEP_LABELS, DispatchRuleForm, PolicyForm
from sixia.cases.services import rules as services
from sixia.cases.views.common import not_found
from sixia.core import permissions
from sixia.core.errors import DomainError, Forbidden, NotFound, error_text
from sixia.web.rights import refused


def _forbidden(request, exc: DomainError):
    return refused(request, exc)


def _save(form, call):
    """Run the service; bad input goes on the form (422 with what was typed); a refusal (Forbidden) is left to
    the caller for the 403 page. Returns (saved, status)."""
    try:
        call()
    except Forbidden:
        raise
    except DomainError as exc:
        form.add_error(exc.field if exc.field in form.fields else None, error_text(exc))
        return False, exc.status
    return True, 200


@login_required
def dispatch_rules(request):
    user = request.user
    rows = services.dispatch_rules_visible_to(user).order_by("region_prefix", "category_code")
    return render(request, "cases/rules_dispatch.html", {
        "rows": [{"rule": r, "editable": services.can_edit_dispatch(user, r.region_prefix)} for r in rows],
        "can_edit": permissions.allows(user, rights.EDIT_DISPATCH)})


@login_required
@require_http_methods(["GET", "POST"])
def dispatch_rule_edit(request, rule_id: int | None = None):
    user = request.user
    rule = None
    try:
        if rule_id is not None:
            rule = services.get_dispatch_rule(user, rule_id)
        permissions.require(user, rights.EDIT_DISPATCH)
        if rule is not None:
            services.require_region(user, rule.region_prefix)
    except NotFound:
        return not_found(request)
    except Forbidden as exc:
        return _forbidden(request, exc)
    initial = ({"category_code": rule.category_code, "region_prefix": rule.region_prefix, "unit": rule.unit_id,
                "copy_unit": rule.copy_unit_id, "is_active": rule.is_active} if rule
               else {"region_prefix": user.jurisdiction_id or "", "is_active": True})
    form = DispatchRuleForm(request.POST or None, initial=initial, user=user)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                saved, status = _save(form, lambda: services.save_dispatch_rule(
                    actor=user, rule=rule, category_code=data["category_code"], region_prefix=data["region_prefix"],
                    unit=data["unit"], copy_unit=data["copy_unit"], is_active=data["is_active"]))
            except Forbidden as exc:
                return _forbidden(request, exc)
            if saved:
                messages.success(request, gettext("派单规则已保存"))
                return redirect("cases:rules_dispatch")
        else:
            status = 422
    return render(request, "cases/rule_form.html", {
        "form": form, "title": gettext("修改派单规则") if rule else gettext("新增派单规则"),
        "back": "cases:rules_dispatch"}, status=status)


@login_required
def policies(request):
    user = request.user
    rows = services.policies_visible_to(user).order_by("track", "step", "region_prefix", "kind_key", "category_code")
    return render(request, "cases/rules_policies.html", {
        "rows": [{"policy": p, "step": STEP_LABELS.get(p.step, p.step),
                  "editable": services.can_edit_policy(user, p.region_prefix)} for p in rows],
        "can_edit": permissions.allows(user, rights.EDIT_POLICIES)})


@login_required
@require_http_methods(["GET", "POST"])
def policy_edit(request, policy_id: int | None = None):
    user = request.user
    policy = None
    try:
        if policy_id is not None:
            policy = services.get_policy(user, policy_id)
        permissions.require(user, rights.EDIT_POLICIES)
        if policy is not None:
            services.require_region(user, policy.region_prefix)
    except NotFound:
        return not_found(request)
    except Forbidden as exc:
        return _forbidden(request, exc)
    initial = ({name: getattr(policy, name) for name in services.POLICY_FIELDS} if policy
               else {"region_prefix": user.jurisdiction_id or ""})
    form = PolicyForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = {name: form.cleaned_data[name] for name in services.POLICY_FIELDS}
            try:
                saved, status = _save(form, lambda: services.save_policy(actor=user, policy=policy, **data))
            except Forbidden as exc:
                return _forbidden(request, exc)
            if saved:
                messages.success(request, gettext("时限规则已保存"))
                return redirect("cases:rules_policies")
        else:
            status = 422
    return render(request, "cases/rule_form.html", {
        "form": form, "title": gettext("修改时限规则") if policy else gettext("新增时限规则"),
        "back": "cases:rules_policies"}, status=status)
