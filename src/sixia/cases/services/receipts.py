"""Delivery receipts of the SMS gateway (``POST /api/v1/sms/receipts``, ``cases.api_receipts``): the gateway says
whether a message it accepted reached the phone. The message is found by the gateway's id (kept when it was
sent) or, failing that, by our reference (the OutboundMessage id sent with it). The case file gets one entry
"已送达" / "未送达" per change; a repeated receipt with the same outcome changes nothing."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from sixia.cases import events
from sixia.cases.models import OutboundMessage
from sixia.core.errors import NotFound

Delivery = OutboundMessage.Delivery


def record_receipt(*, gateway_id: str = "", reference: str = "", delivered: bool, error: str = "",
                   at: datetime | None = None) -> OutboundMessage:
    """Mark one sent message delivered or undelivered; NotFound when no sent message has that id."""
    found = OutboundMessage.objects.filter(status=OutboundMessage.Status.SENT)
    if gateway_id:
        found = found.filter(gateway_id=gateway_id)
    elif reference.isdigit() and len(reference) <= 18:
        found = found.filter(pk=int(reference), gateway_id="")
    else:
        found = found.none()
    outcome = Delivery.DELIVERED if delivered else Delivery.UNDELIVERED
    moment = at or timezone.now()
    with transaction.atomic():
        # the case is nullable (a booking's message has none): lock only the message row — PostgreSQL refuses FOR
        # UPDATE on the nullable side of the outer join
        row = found.select_for_update(of=("self",)).select_related("case").first()
        if row is None:
            raise NotFound("message_not_found", "没有这条已发送的短信", "no sent message has this id")
        if row.delivery == outcome:
            return row
        row.delivery, row.delivered_at = outcome, moment
        row.save(update_fields=["delivery", "delivered_at"])
        if row.case is not None:
            from sixia.cases.services.intake import record_event

            data: dict[str, object] = {"notice": row.kind, "phone": row.phone_masked}
            if error:
                data["error"] = error[:200]
            record_event(case=row.case, actor=None, at=moment, from_state="", to_state="", reason=row.text,
                         action=events.NOTICE_DELIVERED if delivered else events.NOTICE_UNDELIVERED,
                         data=data, public=False)
    return row
