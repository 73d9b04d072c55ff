"""Organisation-administration pages (组织管理): units as a tree, officials, users, linkages, the chart's import and
export. Thin: parse a form, call one service, render; a refusal of the service becomes 403 or 404 here."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sixia.core.errors import DomainError, Forbidden, NotFound, error_text
from sixia.core.validation import is_digits
from sixia.core.xlsx import xlsx_response
from sixia.org import chart, permissions, selectors, services
from sixia.org.forms import ImportForm, LinkageForm, OfficialForm, PasswordForm, UnitForm, UserForm
from sixia.org.models import Linkage
from sixia.org.roles import Role
from sixia.web.rights import refused

PAGE_SIZE = 30


def _refused(request, exc: DomainError) -> HttpResponse:
    if isinstance(exc, NotFound):
        return render(request, "web/not_found.html", status=404)
    return refused(request, exc)


def admin_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Signed in and an administrator (the services check again on every write); 403 otherwise."""

    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            permissions.require_admin(request.user)
            return view(request, *args, **kwargs)
        except (Forbidden, NotFound) as exc:
            return _refused(request, exc)

    return wrapped


def _save(request, form, call: Callable[[], Any]) -> Any:
    """Run a service with a valid form; a refusal of the input becomes the form's error (typed values kept)."""
    if not form.is_valid():
        return None
    try:
        return call()
    except Forbidden:
        raise
    except DomainError as exc:
        if isinstance(exc, NotFound) and exc.field not in form.fields:
            raise  # the object itself is out of reach: the page is not found
        form.add_error(exc.field if exc.field in form.fields else None, error_text(exc))
        return None


def _form_page(request, form, title: str, *, status_on_error: int = 422, back: str = "") -> HttpResponse:
    status = status_on_error if request.method == "POST" and form.errors else 200
    return render(request, "org/form.html", {"form": form, "title": title, "back": back}, status=status)


# ---- units ----


@admin_page
@require_GET
def home(request):
    return render(request, "org/units.html", {"tree": selectors.unit_tree(request.user)})


@admin_page
@require_http_methods(["GET", "POST"])
def unit_new(request):
    form = UnitForm(request.POST or None, user=request.user,
                    initial={"region_code": request.user.jurisdiction_id or "", "is_active": True})
    if request.method == "POST":
        d = form.cleaned_data if form.is_valid() else {}
        if _save(request, form, lambda: services.create_unit(
                actor=request.user, name=d["name"], kind=d["kind"], region_code=d["region_code"],
                parent=d["parent_id"], short_name=d["short_name"], phone=d["phone"])):
            messages.success(request, _("已新增单位"))
            return redirect("org:home")
    return _form_page(request, form, _("新增单位"), back="org:home")


@admin_page
@require_http_methods(["GET", "POST"])
def unit_edit(request, unit_id: int):
    unit = selectors.get_unit(request.user, unit_id)
    initial = {"name": unit.name, "short_name": unit.short_name, "kind": unit.kind, "region_code": unit.region_id,
               "parent_id": unit.parent_id, "phone": unit.phone, "is_active": unit.is_active}
    form = UnitForm(request.POST or None, user=request.user, exclude_id=unit.pk, initial=initial)
    if request.method == "POST" and _save(request, form, lambda: services.update_unit(
            actor=request.user, unit=unit.pk, changes=form.cleaned_data)):
        messages.success(request, _("已保存"))
        return redirect("org:home")
    return _form_page(request, form, _("修改单位：%(name)s") % {"name": unit.name}, back="org:home")


# ---- officials ----


@admin_page
@require_GET
def officials(request):
    q, unit = request.GET.get("q", ""), request.GET.get("unit", "")
    qs = selectors.officials_for(request.user, q=q, unit_id=int(unit) if is_digits(unit) and len(unit) < 19 else None)
    page = Paginator(qs.select_related("user"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "org/officials.html", {"page": page, "q": q})


def _official_values(d: dict[str, Any]) -> dict[str, Any]:
    values = dict(d)
    if not values.get("phone"):
        values.pop("phone", None)
    return values


@admin_page
@require_http_methods(["GET", "POST"])
def official_new(request):
    form = OfficialForm(request.POST or None, user=request.user, initial={"status": "active"})
    if request.method == "POST":
        d = form.cleaned_data if form.is_valid() else {}
        if _save(request, form, lambda: services.create_official(
                actor=request.user, name=d["name"], unit=d["unit_id"], rank=d["rank"], title=d["position"],
                is_leader=d["is_leader"], is_principal=d["is_principal"], status=d["status"], phone=d["phone"])):
            messages.success(request, _("已新增干部"))
            return redirect("org:officials")
    return _form_page(request, form, _("新增干部"), back="org:officials")


@admin_page
@require_http_methods(["GET", "POST"])
def official_edit(request, official_id: int):
    o = selectors.get_official(request.user, official_id)
    initial = {"name": o.name, "unit_id": o.unit_id, "rank": o.rank, "position": o.title, "is_leader": o.is_leader,
               "is_principal": o.is_principal, "status": o.status}
    form = OfficialForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and _save(request, form, lambda: services.update_official(
            actor=request.user, official=o.pk, changes=_official_values(form.cleaned_data))):
        messages.success(request, _("已保存"))
        return redirect("org:officials")
    return _form_page(request, form, _("修改干部：%(name)s") % {"name": o.name}, back="org:officials")


# ---- users ----


@admin_page
@require_GET
def users(request):
    q, role = request.GET.get("q", ""), request.GET.get("role", "")
    qs = selectors.users_for(request.user, q=q, role=role)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "org/users.html", {"page": page, "q": q, "role": role, "roles": Role.choices})


@admin_page
@require_http_methods(["GET", "POST"])
def user_new(request):
    form = UserForm(request.POST or None, user=request.user,
                    initial={"jurisdiction_code": request.user.jurisdiction_id or ""})
    if request.method == "POST":
        d = form.cleaned_data if form.is_valid() else {}
        if _save(request, form, lambda: services.create_user(
                actor=request.user, username=d["username"], password=d["password"], roles=d["roles"],
                jurisdiction_code=d["jurisdiction_code"], unit=d["unit_id"], official=d["official_id"])):
            messages.success(request, _("已新增用户"))
            return redirect("org:users")
    return _form_page(request, form, _("新增用户"), back="org:users")


@admin_page
@require_http_methods(["GET", "POST"])
def user_edit(request, user_id: int):
    account = selectors.get_user(request.user, user_id)
    official = getattr(account, "official", None)
    initial = {"username": account.username, "roles": sorted(account.roles),
               "jurisdiction_code": account.jurisdiction_id or "", "unit_id": account.unit_id,
               "official_id": official.pk if official else None}
    form = UserForm(request.POST or None, user=request.user, editing=True, initial=initial)
    if request.method == "POST":
        changes = {k: v for k, v in (form.cleaned_data if form.is_valid() else {}).items() if k != "username"}
        if _save(request, form, lambda: services.update_user(actor=request.user, user=account.pk, changes=changes)):
            messages.success(request, _("已保存"))
            return redirect("org:users")
    return render(request, "org/user_edit.html", {"form": form, "account": account,
                                                  "password_form": PasswordForm()},
                  status=422 if form.errors else 200)


@admin_page
@require_POST
def user_deactivate(request, user_id: int):
    try:
        account = services.deactivate_user(actor=request.user, user=user_id)
    except (Forbidden, NotFound):
        raise
    except DomainError as exc:
        messages.error(request, error_text(exc))
        return redirect("org:users")
    messages.success(request, _("已停用用户 %(name)s，其接口令牌同时失效") % {"name": account.username})
    return redirect("org:users")


@admin_page
@require_POST
def user_password(request, user_id: int):
    account = selectors.get_user(request.user, user_id)
    form = PasswordForm(request.POST)
    if _save(request, form, lambda: services.reset_password(actor=request.user, user=account.pk,
                                                           password=form.cleaned_data["password"])):
        messages.success(request, _("已重置 %(name)s 的密码并解除锁定") % {"name": account.username})
        return redirect("org:users")
    official = getattr(account, "official", None)
    edit = UserForm(user=request.user, editing=True, initial={
        "username": account.username, "roles": sorted(account.roles),
        "jurisdiction_code": account.jurisdiction_id or "", "unit_id": account.unit_id,
        "official_id": official.pk if official else None})
    return render(request, "org/user_edit.html", {"form": edit, "account": account, "password_form": form},
                  status=422)


# ---- linkages ----


@admin_page
@require_http_methods(["GET", "POST"])
def linkages(request):
    form = LinkageForm(request.POST or None)
    if request.method == "POST":
        d = form.cleaned_data if form.is_valid() else {}
        if _save(request, form, lambda: services.create_linkage(
                actor=request.user, official=d["official_id"], kind=d["kind"], region_code=d["region_code"],
                target_name=d["target_name"], starts_on=d["starts_on"], ends_on=d["ends_on"])):
            messages.success(request, _("已新增挂钩联系"))
            return redirect("org:linkages")
    kind = request.GET.get("kind", "")
    qs = selectors.linkages_for(request.user, kind=kind).order_by("-starts_on", "-pk")
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "org/linkages.html", {"page": page, "form": form, "kind": kind,
                                                 "kinds": Linkage.Kind.choices},
                  status=422 if request.method == "POST" and form.errors else 200)


# ---- the chart as a spreadsheet ----


@admin_page
@require_http_methods(["GET", "POST"])
def import_page(request):
    form = ImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST":
        result = _save(request, form, lambda: chart.import_chart(actor=request.user, file=form.cleaned_data["file"]))
        if result is not None and not result.errors:
            messages.success(request, _("导入完成：新增单位 %(units)d 个，新增干部 %(new)d 名，更新干部 %(upd)d 名") % {
                "units": result.units_created, "new": result.officials_created, "upd": result.officials_updated})
            return redirect("org:import")
    status = 422 if request.method == "POST" else 200
    return render(request, "org/import.html", {"form": form, "result": result,
                                               "english": (request.LANGUAGE_CODE or "").startswith("en")},
                  status=status)


@login_required
@require_GET
def import_template(request):
    return xlsx_response(chart.write_template, "组织机构导入模板.xlsx")


@admin_page
@require_GET
def export(request):
    return xlsx_response(lambda out: chart.export_chart(actor=request.user, out=out), chart.export_filename())
