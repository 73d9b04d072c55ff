"""``{% load rights %}`` … ``{% if request.user|may:"reports.statistics" %}``: a link is shown only to whoever may
follow it — the same check (``core.permissions.allows``) the page and the service make."""

from __future__ import annotations

from django import template

from sixia.core import permissions

register = template.Library()


@register.filter
def may(user, code: str) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and permissions.allows(user, code)
