"""Reading the in-app inbox: mark one message, or all of them, as read.

A user may mark exactly the messages ``selectors.inbox`` shows them (their own and their unit's). A unit's
message has one ``read_at`` for the whole unit, like a shared mailbox: once a colleague has read it, it no
longer waits for the others.

Both writes are conditional UPDATEs on ``read_at IS NULL``: marking again, or two members marking at the same
time, keeps the first read time, and "all" is one statement however full the inbox is. No CaseEvent (reading a message changes nothing
of a case), but an audit entry when something was marked — every write is audited (issue 14); marking again
writes nothing and records nothing.
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from sixia.cases import selectors
from sixia.cases.models import Notification
from sixia.core import audit
from sixia.core.errors import NotFound


def mark_read(*, actor, notification_id: int, now: datetime | None = None) -> Notification:
    """Mark one of ``actor``'s visible messages read (no-op when it already is); return it.

    Who may: anyone, for the messages ``selectors.inbox`` shows them — the rule is the scope itself."""
    visible = selectors.inbox(actor).filter(pk=notification_id)
    with transaction.atomic():
        marked = visible.filter(read_at__isnull=True).update(read_at=now or timezone.now())
        row = visible.first()
        if row is None:
            raise NotFound("notification_not_found", "消息不存在或不属于您", "message not found or not yours")
        if marked:
            audit.record(audit.Action.UPDATE, obj=row, actor=actor, summary="消息标为已读",
                         changes={"read_at": [None, "set"]})
    return row


def mark_all_read(*, actor, now: datetime | None = None) -> int:
    """Mark every unread message ``actor`` sees read, in one UPDATE; return how many changed."""
    with transaction.atomic():
        marked = selectors.inbox(actor).filter(read_at__isnull=True).update(read_at=now or timezone.now())
        if marked:
            audit.record(audit.Action.UPDATE, object_type="cases.notification", actor=actor,
                         summary=f"全部消息标为已读：{marked} 条", changes={"marked": marked})
    return marked
