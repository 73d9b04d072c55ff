"""告知诉求人: the SMS outbox. The petitioner is told of acceptance or non-acceptance (信访工作条例第23条), of an
extension and its reason (第34条), of the reply (第32、35、36条) and of the return visit; a person who books a
reception-day slot is told the booking, its refusal (the per-phone limits, never shown on the page) or its
cancellation. Every SMS goes through here.

``enqueue`` (a case's petitioners) and ``enqueue_to`` (one phone, e.g. a booking) write OutboundMessage rows in
the transaction of the action they report (a rolled-back action tells nobody) and hand their ids to the Huey
task ``cases.tasks.send_outbound`` once that transaction has committed. ``send_one`` claims a message with a
conditional UPDATE (two workers never send it twice), sends it through ``cases.notifications.sms_gateway()`` (the
logging backend by default, ``cases.sms_http`` for a real gateway) and records the outcome: every attempt goes
to the log and the audit trail (the phone is decrypted for it), the gateway's message id is kept for its
delivery receipt (``receipts.py``), and the case file gets one entry when the message was sent, or when it
failed for the last time (``CaseSettings.sms_max_attempts``).

Texts come from MessageTemplate rows of the recipient's language (the longest region prefix wins), else
``cases.defaults.MESSAGE_TEMPLATES`` / ``MESSAGE_TEMPLATES_EN``; lazy labels in the context are rendered in that
language. Recipients of a case: a collective petition's representatives (第20条) if it has any, otherwise every
petitioner linked to the case, one message per distinct phone, each in the person's ``language``; a person
without a phone gets none (the event says so).
"""

from __future__ import annotations

import logging
from datetime import datetime

from django.db import transaction
from django.db.models import F
from django.utils import timezone, translation

from sixia.cases import defaults, events
from sixia.cases.models import Case, CasePetitioner, CaseSettings, MessageTemplate, OutboundMessage
from sixia.core import audit, crypto
from sixia.core.personal import Sealed

log = logging.getLogger("sixia.notifications")
KINDS = tuple(defaults.MESSAGE_TEMPLATES)
DEFAULT_LANGUAGE = "zh-hans"
LANGUAGES = (DEFAULT_LANGUAGE, "en")


class _Blank(dict):
    def __missing__(self, key: str) -> str:
        return ""


def language_of(value: str | None) -> str:
    """A language the templates have: ``en`` for any English variant, else Chinese."""
    return "en" if (value or "").lower().startswith("en") else DEFAULT_LANGUAGE


def template_for(kind: str, region_code: str, language: str = DEFAULT_LANGUAGE) -> str:
    rows = [r for r in MessageTemplate.objects.filter(kind=kind, is_active=True, language=language)
            if region_code.startswith(r.region_prefix)]
    if rows:
        return max(rows, key=lambda r: len(r.region_prefix)).text
    if language == "en" and kind in defaults.MESSAGE_TEMPLATES_EN:
        return defaults.MESSAGE_TEMPLATES_EN[kind]
    if language != DEFAULT_LANGUAGE:
        return template_for(kind, region_code, DEFAULT_LANGUAGE)
    return defaults.MESSAGE_TEMPLATES[kind][0]


def render_text(kind: str, region_code: str, values: dict[str, object], language: str = DEFAULT_LANGUAGE) -> str:
    """The template of ``kind`` filled with ``values`` (lazy labels in ``language``; a missing one is blank)."""
    with translation.override(language):
        filled = _Blank({k: str(v) for k, v in values.items() if v is not None})
        return template_for(kind, region_code, language).format_map(filled)


def render(kind: str, case: Case, context: dict[str, object], language: str = DEFAULT_LANGUAGE) -> str:
    values: dict[str, object] = {"tracking_no": case.tracking_no, "title": case.title}
    values.update(context)
    return render_text(kind, case.region_id, values, language)


def recipients(case: Case) -> list[CasePetitioner]:
    links = list(case.petitioners.select_related("person").order_by("id"))
    representatives = [link for link in links if link.role == CasePetitioner.Role.REPRESENTATIVE]
    return representatives or links


def enqueue(*, case: Case, kind: str, context: dict[str, object] | None = None,
            now: datetime | None = None) -> dict[str, object]:
    """Queue one message of ``kind`` to each recipient of ``case``; call inside the action's transaction.

    Returns what the action's case event records: the masked phones told, and how many had no phone."""
    _check_kind(kind)
    now = now or timezone.now()
    texts: dict[str, str] = {}
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
        language = language_of(person.language)
        if language not in texts:
            texts[language] = render(kind, case, context or {}, language)
        created.append(OutboundMessage.objects.create(
            case=case, kind=kind, person=person, phone_token=person.phone_token, phone_index=person.phone_index,
            phone_masked=person.phone_masked, text=texts[language], language=language, created_at=now))
    ids = [row.pk for row in created]
    if ids:
        transaction.on_commit(lambda: _schedule(ids))
    told: dict[str, object] = {"notified": "、".join(row.phone_masked for row in created)}
    if without_phone:
        told["not_reachable"] = without_phone
    return told


def enqueue_to(*, kind: str, phone: Sealed, region_code: str = "", context: dict[str, object] | None = None,
               language: str = DEFAULT_LANGUAGE, appointment=None, now: datetime | None = None) -> OutboundMessage:
    """Queue one message of ``kind`` to one sealed phone (a booking: ``appointment`` set, or none when a booking
    was refused); call inside the action's transaction."""
    _check_kind(kind)
    language = language_of(language)
    row = OutboundMessage.objects.create(
        appointment=appointment, kind=kind, phone_token=phone.token, phone_index=phone.index,
        phone_masked=phone.masked, language=language, created_at=now or timezone.now(),
        text=render_text(kind, region_code, context or {}, language))
    transaction.on_commit(lambda: _schedule([row.pk]))
    return row


def _check_kind(kind: str) -> None:
    if kind not in defaults.MESSAGE_TEMPLATES:
        raise ValueError(f"unknown message kind: {kind}")


def _schedule(ids: list[int]) -> None:
    from sixia.cases.tasks import send_outbound

    for pk in ids:
        send_outbound(pk)


class SendFailed(Exception):
    """The gateway refused a message that has attempts left: the task retries it later."""


def send_one(message_id: int, *, now: datetime | None = None) -> str:
    """Try to send one pending message. Returns its status afterwards; raises SendFailed to ask for a retry."""
    limit = max(CaseSettings.current().sms_max_attempts, 1)
    row = OutboundMessage.objects.filter(pk=message_id).select_related("case", "appointment__activity").first()
    if row is None or row.status != OutboundMessage.Status.PENDING:
        return row.status if row else "missing"
    claimed = OutboundMessage.objects.filter(pk=row.pk, status=OutboundMessage.Status.PENDING,
                                             attempts=row.attempts).update(attempts=F("attempts") + 1)
    if not claimed:
        return "claimed"  # another worker has it
    attempt = row.attempts + 1
    from sixia.cases.notifications import sms_gateway

    subject = row.case.tracking_no if row.case else f"约访 {row.appointment.code}" if row.appointment else "约访"
    audit.record(audit.Action.VIEW_PERSONAL, obj=row.case or row.appointment or row, actor=None,
                 summary=f"发送告知短信 {subject} → {row.phone_masked}（第{attempt}次）",
                 changes={"message": row.pk, "kind": row.kind, "attempt": attempt},
                 region_code=row.appointment.activity.region_id if row.appointment else "")
    try:
        gateway_id = _deliver(sms_gateway(), crypto.decrypt(row.phone_token), row.text, reference=str(row.pk))
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
                                                         last_error="", gateway_id=gateway_id)
        _event(row, events.NOTICE_SENT, moment, attempt, "")
    return OutboundMessage.Status.SENT


def _deliver(gateway, phone: str, text: str, *, reference: str) -> str:
    """Hand one message to the gateway; returns its message id when it gives one (``send_message``)."""
    send_message = getattr(gateway, "send_message", None)
    if callable(send_message):
        return str(send_message(phone, text, reference=reference) or "")[:64]
    gateway.send(phone, text)
    return ""


def _event(row: OutboundMessage, action: str, now: datetime | None, attempts: int, error: str) -> None:
    from sixia.cases.services.intake import record_event

    if row.case is None:
        return  # a booking's message: the outbox row and the audit trail are its record
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
