"""The case page (一案一档): header, petitioners (masked), timeline, the forms of the actions allowed now,
attachments (upload and scoped download)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from sixia.cases import deadlines, labels, selectors, services, workflow
from sixia.cases.forms import ActionForm, AttachmentForm
from sixia.cases.models import Case
from sixia.cases.services import attachments
from sixia.cases.views.common import is_desk, not_found, region_name, unit_choices
from sixia.cases.views.timeline import NOTICE_LABELS, VALUE_LABELS, event_rows
from sixia.core.errors import DomainError, NotFound, error_text

FIELD_ALIASES = {"into_id": "into_tracking_no", "official_id": None}


def may_upload(user, case: Case) -> bool:
    """The desk and leaders of the jurisdiction, and handlers of the responsible unit, add attachments."""
    if is_desk(user) or user.has_role("leader"):
        return True
    return user.has_role("handler") and bool(user.unit_id) and user.unit_id == case.responsible_unit_id


def _render(request, case: Case, *, failed: ActionForm | None = None, upload: AttachmentForm | None = None,
            error: str = "", status: int = 200):
    user = request.user
    allowed = workflow.allowed_actions(case, user)
    units = unit_choices(user) if {"assign", "reassign"} & set(allowed) else []
    forms = []
    for action in allowed:
        if failed is not None and failed.action == action:
            forms.append(failed)
        else:
            forms.append(ActionForm(action=action, units=units, initial={"version": case.version}))
    if failed is not None and failed.action not in allowed:
        error = error or " ".join(str(e) for e in failed.non_field_errors()) or _("该操作当前不可执行")
    return render(request, "cases/detail.html", {
        "case": case, "state_label": labels.label(labels.STATES, case.state),
        "region_path": region_name(case.region_id),
        "petitioners": case.petitioners.select_related("person").order_by("pk"),
        "events": event_rows(case), "forms": forms, "failed": failed, "error": error,
        "assignments": case.assignments.select_related("unit", "copy_unit").order_by("assigned_at", "pk"),
        "attachments": case.attachments.select_related("uploaded_by").order_by("uploaded_at", "pk"),
        "outbox": [(NOTICE_LABELS.get(m.kind, m.kind), m) for m in case.outbound_messages.order_by("created_at", "pk")],
        "upload_form": upload or AttachmentForm(), "may_upload": may_upload(user, case),
        "max_mb": attachments.max_bytes() / (1024 * 1024),
        "merged_cases": case.merged_cases.only("pk", "tracking_no", "title"),
        "channel_label": labels.label(labels.CHANNELS, case.channel),
        "demand_label": labels.label(labels.DEMAND_TYPES, case.demand_type),
        "class_label": labels.label(labels.PETITION_CLASSES, case.petition_class),
        "outcome_label": labels.label(labels.OUTCOMES, case.outcome),
        "satisfaction_label": str(VALUE_LABELS.get(case.satisfaction, case.satisfaction)),
        "now": timezone.now(), "estimate_years": deadlines.case_estimated_years(case),
    }, status=status)


def _case_or_none(request, case_id: int) -> Case | None:
    try:
        return selectors.get_case(request.user, case_id)
    except NotFound:
        return None


@login_required
@require_GET
def detail(request, case_id: int):
    case = _case_or_none(request, case_id)
    if case is None:
        return not_found(request)
    return _render(request, case)


@login_required
@require_POST
def act(request, case_id: int, action: str):
    case = _case_or_none(request, case_id)
    if case is None or action not in workflow.ACTIONS:
        return not_found(request)
    form = ActionForm(request.POST, action=action, units=unit_choices(request.user))
    if not form.is_valid():
        return _render(request, case, failed=form, status=422)
    if form.cleaned_data.get("version"):
        case.version = form.cleaned_data["version"]  # the version the user saw: a stale page is refused
    try:
        services.perform_action(actor=request.user, case=case, action=action, args=form.args())
    except DomainError as exc:
        field = FIELD_ALIASES.get(exc.field or "", exc.field)
        form.add_error(field if field in form.fields else None, error_text(exc))
        fresh = _case_or_none(request, case_id)
        if fresh is None:
            return not_found(request)
        return _render(request, fresh, failed=form, status=exc.status)
    messages.success(request, _("已%(action)s") % {"action": labels.label(labels.ACTIONS, action)})
    return redirect(reverse("cases:detail", args=[case_id]) + "#timeline")


@login_required
@require_POST
def attach(request, case_id: int):
    case = _case_or_none(request, case_id)
    if case is None:
        return not_found(request)
    if not may_upload(request.user, case):
        return _render(request, case, upload=AttachmentForm(), error=_("您无权为该诉求上传附件"), status=403)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            attachments.add_attachment(actor=request.user, case=case, upload=form.cleaned_data["file"])
        except DomainError as exc:
            form.add_error("file", error_text(exc))
        else:
            messages.success(request, _("附件已上传"))
            return redirect(reverse("cases:detail", args=[case_id]) + "#attachments")
    return _render(request, case, upload=form, status=422)


@login_required
@require_GET
def download(request, case_id: int, attachment_id: int):
    case = _case_or_none(request, case_id)
    row = case.attachments.filter(pk=attachment_id).first() if case is not None else None
    if row is None:
        return not_found(request)
    store, stored = attachments.storage(), row.file.name or ""
    if not stored or not store.exists(stored):
        raise Http404("attachment file missing")
    response = FileResponse(store.open(stored, "rb"), as_attachment=True, filename=row.name)
    response["X-Content-Type-Options"] = "nosniff"
    return response
