"""Menu badge (web/context.py hook): how many inbox messages the user has not read yet."""

from __future__ import annotations

from django.utils.translation import ngettext

from sixia.cases import selectors
from sixia.web.context import Badge


def nav_badges(request) -> dict[str, Badge]:
    # One COUNT over exactly what the inbox page shows (own + unit messages), on the (unit|user, read_at) indexes.
    unread = selectors.inbox(request.user).filter(read_at__isnull=True).count()
    if not unread:
        return {}
    label = ngettext("%(n)s 条未读消息", "%(n)s 条未读消息", unread) % {"n": unread}
    return {"cases:inbox": Badge(unread, label)}
