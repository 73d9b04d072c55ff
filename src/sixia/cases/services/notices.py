"""告知诉求人: the SMS outbox. The petitioner is told of acceptance or non-acceptance (信访工作条例第23条), of an
extension and its reason (第34条) and of the reply (第32、35、36条).

``enqueue`` writes OutboundMessage rows in the transaction of the action they report (a rolled-back action
tells nobody) and hands their ids to the Huey task ``cases.tasks.send_outbound`` once that transaction has
committed. ``send_one`` claims a message with a conditional UPDATE (two workers never send it twice), sends it
through ``cases.notifications.sms_gateway()`` (the logging backend by default) and records the outcome:
every attempt goes to the log and the audit trail (the phone is decrypted for it), and the case file gets one
entry when the message was sent, or when it failed for the last time (``CaseSettings.sms_max_attempts``).

Texts come from MessageTemplate rows (the longest region prefix wins), else ``cases.defaults.MESSAGE_TEMPLATES``.
Recipients: a collective petition's representatives (第20条) if it has any, otherwise every petitioner linked to
the case, one message per distinct phone; a person without a phone gets none (the event says so).
"""

from __future__ import annotations

import logging
from datetime import datetime

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from sixia.cases import defaults, events
from sixia.cases.models import Case, CasePetitioner, CaseSettings, MessageTemplate, OutboundMessage
from sixia.core import audit, crypto

log = logging.getLogger("sixia.notifications")
KINDS = tuple(defaults.MESSAGE_TEMPLATES)


class _Blank(dict):
    def __missing__(self, key: str) -> str:
        return ""


def template_for(kind: str, region_code: str) -> str:
    rows = [r for r in MessageTemplate.objects.filter(kind=kind, is_active=True)
            if region_code.startswith(r.region_prefix)]
    if rows:
        return max(rows, key=lambda r: len(r.region_prefix)).text
    return defaults.MESSAGE_TEMPLATES[kind][0]


def render(kind: str, case: Case, context: dict[str, object]) -> str:
    values = _Blank(tracking_no=case.tracking_no, title=case.title)
    values.update({k: v for k, v in context.items() if v is not None})
    return template_for(kind, case.region_id).format_map(values)


def recipients(case: Case) -> list[CasePetitioner]:
    links = list(case.petitioners.select_related("person").order_by("id"))
    representatives = [link for link in links if link.role == CasePetitioner.Role.REPRESENTATIVE]
    return representatives or links


def enqueue(*, case: Case, kind: str, context: dict[str, object] | None = None,
            now: datetime | None = None) -> dict[str, object]:
    """Queue one message of ``kind`` to each recipient of ``case``; call inside the action's transaction.

    Returns what the action's case event records: the masked phones told, and how many had no phone."""
    if kind not in defaults.MESSAGE_TEMPLATES:
        raise ValueError(f"unknown message kind: {kind}")
    now = now or timezone.now()
    text = render(kind, case, context or {})
    created: list[OutboundMessage] = []
    seen: set[str] = set()
    without_phone = 0
    for link in recipients(case):
        person = link.person
        if not person.phone_token:
            without_phone += 1
            continue
        if person.phone_index in seen:
            continue
        seen.add(person.phone_index)
        created.append(OutboundMessage.objects.create(
            case=case, kind=kind, person=person, phone_token=person.phone_token, phone_index=person.phone_index,
            phone_masked=person.phone_masked, text=text, created_at=now))
    ids = [row.pk for row in created]
    if ids:
        transaction.on_commit(lambda: _schedule(ids))
    told: dict[str, object] = {"notified": "、".join(row.phone_masked for row in created)}
    if without_phone:
        told["not_reachable"] = without_phone
    return told


def _schedule(ids: list[int]) -> None:
    from sixia.cases.tasks import send_outbound

    for pk in ids:
        send_outbound(pk)


class SendFailed(Exception):
    """The gateway refused a message that has attempts left: the task retries it later."""


def send_one(message_id: int, *, now: datetime | None = None) -> str:
    """Try to send one pending message. Returns its status afterwards; raises SendFailed to ask for a retry."""
    limit = max(CaseSettings.current().sms_max_attempts, 1)
    row = OutboundMessage.objects.filter(pk=message_id).select_related("case").first()
    if row is None or row.status != OutboundMessage.Status.PENDING:
        return row.status if row else "missing"
    claimed = OutboundMessage.objects.filter(pk=row.pk, status=OutboundMessage.Status.PENDING,
                                             attempts=row.attempts).update(attempts=F("attempts") + 1)
    if not claimed:
        return "claimed"  # another worker has it
    attempt = row.attempts + 1
    from sixia.cases.notifications import sms_gateway

    audit.record(audit.Action.VIEW_PERSONAL, obj=row.case, actor=None,
                 summary=f"发送告知短信 {row.case.tracking_no} → {row.phone_masked}（第{attempt}次）",
                 changes={"message": row.pk, "kind": row.kind, "attempt": attempt})
    try:
        sms_gateway().send(crypto.decrypt(row.phone_token), row.text)
    except Exception as exc:  # any gateway error is recorded and retried
        error = f"{type(exc).__name__}: {exc}"[:500]
        log.warning("sms %s to %s attempt %s failed: %s", row.pk, row.phone_masked, attempt, error)
        final = attempt >= limit
        with transaction.atomic():
            OutboundMessage.objects.filter(pk=row.pk).update(
                last_error=error, status=OutboundMessage.Status.FAILED if final else OutboundMessage.Status.PENDING)
            if final:
                _event(row, events.NOTICE_FAILED, now, attempt, error)
        if final:
            return OutboundMessage.Status.FAILED
        raise SendFailed(error) from exc
    log.info("sms %s to %s attempt %s sent", row.pk, row.phone_masked, attempt)
    moment = now or timezone.now()
    with transaction.atomic():
        OutboundMessage.objects.filter(pk=row.pk).update(status=OutboundMessage.Status.SENT, sent_at=moment,
                                                         last_error="")
        _event(row, events.NOTICE_SENT, moment, attempt, "")
    return OutboundMessage.Status.SENT


def _event(row: OutboundMessage, action: str, now: datetime | None, attempts: int, error: str) -> None:
    from sixia.cases.services.intake import record_event

    data: dict[str, object] = {"notice": row.kind, "phone": row.phone_masked, "attempts": attempts}
    if error:
        data["error"] = error
    record_event(case=row.case, actor=None, action=action, from_state="", to_state="", at=now or timezone.now(),
                 reason=row.text, data=data, public=False)


def send_pending(*, now: datetime | None = None) -> dict[str, int]:
    """Send every pending message (the periodic sweep behind the per-message task). Returns counts by status."""
    counts: dict[str, int] = {}
    for pk in OutboundMessage.objects.filter(status=OutboundMessage.Status.PENDING).values_list("pk", flat=True):
        try:
            status = send_one(pk, now=now)
        except SendFailed:
            status = "retry"
        counts[status] = counts.get(status, 0) + 1
    return counts
