"""Reading the in-app inbox: mark one message, or all of them, as read.

A user may mark exactly the messages ``selectors.inbox`` shows them (their own and their unit's). A unit's
message has one ``read_at`` for the whole unit, like a shared mailbox: once a colleague has read it, it no
longer waits for the others.

Both writes are conditional UPDATEs on ``read_at IS NULL``: marking again, or two members marking at the same
time, keeps the first read time, and "all" is one statement however full the inbox is. No CaseEvent and no
audit entry: reading a message changes nothing of a case, and an audit row per click would bury the entries
that matter.
"""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone

from sixia.cases import selectors
from sixia.cases.models import Notification
from sixia.core.errors import NotFound


def mark_read(*, actor, notification_id: int, now: datetime | None = None) -> Notification:
    """Mark one of ``actor``'s visible messages read (no-op when it already is); return it.

    Who may: anyone, for the messages ``selectors.inbox`` shows them — the rule is the scope itself."""
    visible = selectors.inbox(actor).filter(pk=notification_id)
    visible.filter(read_at__isnull=True).update(read_at=now or timezone.now())
    row = visible.first()
    if row is None:
        raise NotFound("notification_not_found", "消息不存在或不属于您", "message not found or not yours")
    return row


def mark_all_read(*, actor, now: datetime | None = None) -> int:
    """Mark every unread message ``actor`` sees read, in one UPDATE; return how many changed."""
    return selectors.inbox(actor).filter(read_at__isnull=True).update(read_at=now or timezone.now())
