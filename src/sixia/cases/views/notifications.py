"""The inbox's messages: mark one or all read (POST, then back to the inbox), and open one (mark it read and
go to its case). Thin: one service call each."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.views.decorators.http import require_GET, require_POST

from sixia.cases.services import inbox as inbox_service
from sixia.cases.views.common import not_found
from sixia.core.errors import NotFound


@login_required
@require_POST
def mark_read(request, notification_id: int):
    try:
        inbox_service.mark_read(actor=request.user, notification_id=notification_id)
    except NotFound:
        return not_found(request)
    return redirect("cases:inbox")


@login_required
@require_POST
def mark_all_read(request):
    inbox_service.mark_all_read(actor=request.user)
    return redirect("cases:inbox")


@login_required
@require_GET
def open_notification(request, notification_id: int):
    """Follow a message's link and mark it read on the way.

    GET, not POST, on purpose: this is the message's link, so it must behave like one (open in a new tab,
    copy, middle-click), which a form button cannot. A GET with an effect is acceptable here because the
    effect is idempotent (the first read time stays), touches only a message of the user's own inbox (someone
    else's is a 404 and stays unread), and is harmless if triggered by a crafted link or a prefetch: the worst
    case is a message shown as read that was not read, the same thing the "mark read" button does. The session
    cookie is SameSite=Lax (Django's default), so other sites cannot fire it from an image or a script."""
    try:
        row = inbox_service.mark_read(actor=request.user, notification_id=notification_id)
    except NotFound:
        return not_found(request)
    if row.case_id:
        return redirect("cases:detail", case_id=row.case_id)
    return redirect("cases:inbox")
