"""Quota pages: compliance table with roll-ups, a leader's year record, the rule table. Thin."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from sixia.core import permissions
from sixia.core.errors import DomainError, InvalidInput, NotFound
from sixia.core.validation import parse_int
from sixia.org import selectors as org_selectors
from sixia.org.models import Rank
from sixia.quotas import charts, compliance, selectors, services
from sixia.quotas import permissions as rights
from sixia.quotas.forms import QuotaRuleForm
from sixia.quotas.models import QuotaRule

QUICK_PERIODS = [("month", _("本月")), ("quarter", _("本季度")), ("half", _("本半年")), ("year", _("本年"))]
PAGE_SIZE = 50  # officials per page; a county has hundreds
STATUS_LABELS = {"met": _("已达标"), "on_track": _("进度正常"), "behind": _("进度滞后")}


def _int(value: str | None) -> int | None:
    try:
        return parse_int(value, field="query")
    except InvalidInput:
        return None


@login_required
def compliance_page(request):
    user = request.user
    period = request.GET.get("period") or compliance.current_period("quarter").key
    unit_id, region_code = _int(request.GET.get("unit")), request.GET.get("region", "").strip()
    error, report, status = "", None, 200
    try:
        report = compliance.rollup(user, period=period, unit_id=unit_id, region_code=region_code)
    except DomainError as exc:
        error, status = exc.message, exc.status
    # Only the officials' table is paged: the summary sentence and the unit / region roll-ups are computed by
    # rollup over every row, so they stay the jurisdiction's totals whatever page is shown.
    behind = request.GET.get("behind") == "on"  # 组织部's today list: only the officials behind schedule
    rows = [row for row in report.rows if row.behind or not behind] if report is not None else []
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page")) if report is not None else None
    context = {"report": report, "page": page,
               "chart": charts.activities_vs_quota(report) if report is not None else None, "error": error, "period": period, "unit_id": unit_id, "region_code": region_code,
               "behind": behind,
               "units": org_selectors.units_for(user).order_by("region_id", "name"),
               "status_labels": STATUS_LABELS,
               "quick": [(label, compliance.current_period(kind).key) for kind, label in QUICK_PERIODS]}
    return render(request, "quotas/compliance.html", context, status=status)


def _year(request) -> int:
    year = _int(request.GET.get("year"))
    return year if year and 1900 < year < 9999 else timezone.localdate().year


def _record_page(request, official, *, own: bool):
    year = _year(request)
    record = compliance.year_record(official, year, user=request.user)
    return render(request, "quotas/official.html", {"record": record, "own": own, "year": year,
                                                    "status_labels": STATUS_LABELS})


@login_required
def mine(request):
    official = getattr(request.user, "official", None)
    if official is None:
        return render(request, "quotas/official.html", {"record": None, "own": True, "year": _year(request)})
    return _record_page(request, official, own=True)


@login_required
def official_record(request, official_id: int):
    try:
        official = org_selectors.get_official(request.user, official_id)
    except NotFound:
        return render(request, "web/not_found.html", status=404)
    own = official.user_id == request.user.pk
    return _record_page(request, official, own=own)


@login_required
def rules(request):
    order = {value: i for i, (value, _label) in enumerate(Rank.choices)}
    rows = sorted(selectors.rules_visible_to(request.user),
                  key=lambda r: (r.region_prefix, order.get(r.rank, 9), r.kind, r.measure))
    return render(request, "quotas/rules.html", {
        "rows": [{"rule": r, "editable": services.can_edit_rules(request.user, r.region_prefix)} for r in rows],
        "can_edit": permissions.allows(request.user, rights.EDIT_RULES)})


@login_required
@require_http_methods(["GET", "POST"])
def rule_edit(request, rule_id: int | None = None):
    if not permissions.allows(request.user, rights.EDIT_RULES):  # admins and 组织部
        return HttpResponse(gettext("您无权修改履职指标规则"), status=403)
    rule = None
    if rule_id is not None:
        rule = selectors.rules_visible_to(request.user).filter(pk=rule_id).first()
        if rule is None:
            return render(request, "web/not_found.html", status=404)
        if not services.can_edit_rules(request.user, rule.region_prefix):
            return HttpResponse(gettext("您无权修改该区划的履职指标规则 (you may not edit this rule)"), status=403)
    initial = {} if rule else {"region_prefix": request.user.jurisdiction_id or ""}
    # The form validates a copy: the service compares the stored rule with the new values (audit, permission).
    instance = QuotaRule.objects.get(pk=rule.pk) if rule else QuotaRule()
    form = QuotaRuleForm(request.POST or None, instance=instance, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = {k: form.cleaned_data[k] for k in QuotaRuleForm.Meta.fields}
            try:
                services.save_rule(actor=request.user, rule=rule, **data)
            except DomainError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
                status = exc.status
            else:
                messages.success(request, gettext("履职指标规则已保存"))
                return redirect("quotas:rules")
        else:
            status = 422
    return render(request, "quotas/rule_form.html", {"form": form, "rule": rule}, status=status)
