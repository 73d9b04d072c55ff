"""节假日安排 (administrators only): the years and whether their arrangement is known, the days entered, and a
form to preview and import an arrangement (the text of ``sixia import-holidays``) through the same service."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from sixia.cases.services import holidays as service
from sixia.core.errors import DomainError, Forbidden, error_text
from sixia.engines.deadlines import STATUTORY_SOURCE
from sixia.web.rights import refused

STATUS_LABELS = {"shipped": gettext_lazy("已发布（内置数据）"), "imported": gettext_lazy("已导入"),
                 "estimate": gettext_lazy("未发布：按法定节假日推算")}
FIELD_LABELS = {"accept_due": gettext_lazy("受理期限"), "handle_due": gettext_lazy("办理期限"),
                "due_at": gettext_lazy("当前环节期限"), "assignment.due_at": gettext_lazy("交办期限"),
                "assignment.dispute_due": gettext_lazy("退单期限")}


@login_required
@require_http_methods(["GET", "POST"])
def holidays(request):
    user = request.user
    try:
        service.check_admin(user)
    except Forbidden as exc:
        return refused(request, exc)
    text, plan, error, status = "", None, "", 200
    if request.method == "POST":
        text = request.POST.get("text", "")
        try:
            if request.POST.get("op") == "apply":
                done = service.apply_arrangement(actor=user, text=text, source="page")
                if done.applied:
                    messages.success(request, _("已导入 %(days)s 天，%(cases)s 件诉求的期限已重新计算") % {
                        "days": len(done.changed_days), "cases": done.cases})
                else:
                    messages.info(request, _("该安排已导入，没有变化"))
                return redirect(reverse("cases:holidays"))
            plan = service.preview_arrangement(actor=user, text=text)
        except DomainError as exc:
            error, status = error_text(exc), exc.status
    years = [service.year_status(y) for y in service.years_around(timezone.localdate())]
    moves = [{"move": m, "field": FIELD_LABELS.get(m.field, m.field)} for m in plan.visible_moves(user)] \
        if plan else []
    return render(request, "cases/holidays.html", {
        "years": [{"s": y, "label": STATUS_LABELS[y.status]} for y in years], "text": text, "plan": plan,
        "moves": moves, "hidden": (len(plan.moves) - len(moves)) if plan else 0, "error": error,
        "source": STATUTORY_SOURCE,
    }, status=status)
