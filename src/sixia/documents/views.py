"""Pages of the documents: a case's notices as Word, and the county's templates (upload, list, delete).
Thin: parse, call one service, answer."""

from __future__ import annotations

from urllib.parse import quote

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sixia.core import permissions, uploads
from sixia.core.errors import DomainError, Forbidden, NotFound, error_text
from sixia.documents import permissions as rights
from sixia.documents import services
from sixia.documents.kinds import ALL_KINDS
from sixia.web.rights import page_needs, refused


def docx_response(produced: services.Produced) -> HttpResponse:
    response = HttpResponse(produced.data, content_type=services.DOCX)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(produced.filename)}"
    response["Cache-Control"] = "no-store"  # personal data
    return response


@login_required
@require_GET
def case_document(request, case_id: int, kind: str):
    try:
        return docx_response(services.case_document(actor=request.user, case_id=case_id, kind=kind))
    except NotFound:
        return render(request, "web/not_found.html", status=404)


@login_required
@require_http_methods(["GET", "POST"])
def templates_page(request):
    """The county's templates and the defaults: shown to every official, changed with the right."""
    error, status, typed = "", 200, {"kind": "", "region_prefix": ""}
    if request.method == "POST":
        if not permissions.allows(request.user, rights.MANAGE_TEMPLATES):
            return refused(request, Forbidden("forbidden", "您没有管理文书模板的权限", "you may not manage document templates"))
        typed = {"kind": request.POST.get("kind", ""), "region_prefix": request.POST.get("region_prefix", "")}
        upload = request.FILES.get("file")
        try:
            if upload is None:
                raise services.InvalidInput("no_file", "请选择 .docx 模板文件", "choose a .docx template", field="file")
            services.upload_template(actor=request.user, kind=typed["kind"], region_prefix=typed["region_prefix"],
                                     filename=upload.name, data=uploads.read_limited(upload))
        except DomainError as exc:
            error, status = error_text(exc), exc.status if isinstance(exc, Forbidden | NotFound) else 400
        else:
            return redirect("documents:templates")
    return render(request, "documents/templates.html", {
        "rows": services.templates_for(request.user).select_related("uploaded_by"), "kinds": ALL_KINDS.values(),
        "error": error, "typed": typed, "may_manage": permissions.allows(request.user, rights.MANAGE_TEMPLATES)},
        status=status)


@login_required
@require_POST
@page_needs(rights.MANAGE_TEMPLATES)
def template_delete(request, template_id: int):
    try:
        services.delete_template(actor=request.user, template_id=template_id)
    except NotFound:
        return render(request, "web/not_found.html", status=404)
    return redirect("documents:templates")


@login_required
@require_GET
def default_template(request, kind: str):
    """The shipped default of a kind, to start a county's own version from."""
    if kind not in ALL_KINDS:
        return render(request, "web/not_found.html", status=404)
    data = (services.DEFAULTS_DIR / f"{kind}.docx").read_bytes()
    return docx_response(services.Produced(data, gettext("默认模板") + f"-{ALL_KINDS[kind].title}.docx"))


