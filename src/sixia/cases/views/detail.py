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
from sixia.cases.desk_forms import SideActionForm
from sixia.cases.forms import ActionForm, AttachmentForm
from sixia.cases.models import Case
from sixia.cases.services import attachments, side_actions
from sixia.cases.views.common import is_desk, not_found, region_name, unit_choices
from sixia.cases.views.timeline import NOTICE_LABELS, VALUE_LABELS, event_rows
from sixia.core import jurisdiction, permissions
from sixia.core.errors import DomainError, Forbidden, NotFound, error_text
from sixia.org import selectors as org_selectors
from sixia.web.rights import refused

FIELD_ALIASES = {"into_id": "into_tracking_no"}


def may_upload(user, case: Case) -> bool:
    """The desk and leaders of the jurisdiction, and handlers of the responsible unit, add attachments."""
    if is_desk(user) or user.has_role("leader"):
        return True
    return user.has_role("handler") and bool(user.unit_id) and user.unit_id == case.responsible_unit_id


def leader_choices(user) -> list[tuple[int, str]]:
    """Active leaders of the user's jurisdiction, for 指定包案领导."""
    rows = org_selectors.officials_for(user).filter(is_leader=True, is_active=True).order_by("name", "pk")
    return [(o.pk, f"{o.name}（{o.title}）" if o.title else o.name) for o in rows]


def _side_forms(case: Case, user, failed) -> list[SideActionForm]:
    """The 包案 / 督办 forms the user may use now; a failed one comes back bound, with its errors."""
    forms = []
    for action in side_actions.allowed_side_actions(case, user):
        if isinstance(failed, SideActionForm) and failed.action == action:
            forms.append(failed)
        else:
            forms.append(SideActionForm(action=action, leaders=leader_choices(user) if action == "set_leader" else [],
                                        initial={"version": case.version}))
    return forms


def _render(request, case: Case, *, failed: ActionForm | SideActionForm | None = None,
            upload: AttachmentForm | None = None, error: str = "", status: int = 200):
    user = request.user
    allowed = workflow.allowed_actions(case, user)
    side_forms = _side_forms(case, user, failed)
    units = unit_choices(user) if {"assign", "reassign"} & set(allowed) else []
    forms = []
    for action in allowed:
        if isinstance(failed, ActionForm) and failed.action == action:
            forms.append(failed)
        else:
            forms.append(ActionForm(action=action, units=units, initial={"version": case.version}))
    shown = set(allowed) | {f.action for f in side_forms}
    if failed is not None and failed.action not in shown:
        error = error or " ".join(str(e) for e in failed.non_field_errors()) or _("该操作当前不可执行")
    petitioners = list(case.petitioners.select_related("person").order_by("pk"))
    # 一人一表: the person page opens for whoever's jurisdiction covers the person (web:person_detail)
    person_pages = {link.person_id for link in petitioners if jurisdiction.covers(user, link.person.region_id)}
    return render(request, "cases/detail.html", {
        "case": case, "state_label": labels.label(labels.STATES, case.state),
        "region_path": region_name(case.region_id),
        "petitioners": petitioners, "person_pages": person_pages,
        "events": event_rows(case), "forms": forms, "side_forms": side_forms, "failed": failed, "error": error,
        "supervisions": case.supervisions.select_related("unit").order_by("-at", "-id")[:20],
        "assignments": case.assignments.select_related("unit", "copy_unit").order_by("assigned_at", "pk"),
        "attachments": case.attachments.select_related("uploaded_by").order_by("uploaded_at", "pk"),
        "outbox": [(NOTICE_LABELS.get(m.kind, m.kind), m) for m in case.outbound_messages.order_by("created_at", "pk")],
        "upload_form": upload or AttachmentForm(), "may_upload": may_upload(user, case),
        "max_mb": attachments.max_bytes() / (1024 * 1024),
        # scoped like every read of cases (and so names the region: one shard under Citus, docs/adr/0006)
        "merged_cases": selectors.visible_cases(user).filter(merged_into=case).only("pk", "tracking_no", "title"),
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
    if action in side_actions.SIDE_ACTIONS:
        return _side_act(request, case_id, action)
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


def _side_act(request, case_id: int, action: str):
    """A 包案 / 督办 action from the case page: 403 without its right (before the form is read), 404 outside the
    jurisdiction; the service decides the rest (ownership, state, reply-by range) and its refusal is shown on
    the bound form, in the page's language."""
    try:
        permissions.require(request.user, side_actions.right_of(action))
    except Forbidden as exc:
        return refused(request, exc)
    case = _case_or_none(request, case_id)
    if case is None:
        return not_found(request)
    leaders = leader_choices(request.user) if action == "set_leader" else []
    form = SideActionForm(request.POST, action=action, leaders=leaders)
    if not form.is_valid():
        return _render(request, case, failed=form, status=422)
    if form.cleaned_data.get("version"):
        case.version = form.cleaned_data["version"]
    try:
        side_actions.perform_side_action(actor=request.user, case=case, action=action, args=form.args())
    except DomainError as exc:
        form.add_error(exc.field if exc.field in form.fields else None, error_text(exc))
        fresh = _case_or_none(request, case_id)
        if fresh is None:
            return not_found(request)
        return _render(request, fresh, failed=form, status=exc.status)
    messages.success(request, _("已%(action)s") % {"action": form.label})
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
            attachments.add_attachment(actor=request.user, case=case, upload=form.cleaned_data["file"],
                                       keep_location=form.cleaned_data["keep_location"])
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
