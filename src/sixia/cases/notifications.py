"""Notification layer: the in-app inbox (Notification rows), a log backend, and an SMS gateway interface.

Deployments plug a real SMS gateway in with ``SIXIA_SMS_GATEWAY = "package.module.Class"`` (a class with
``send(phone, text)``, and optionally ``send_message(phone, text, *, reference) -> gateway id``), or ``http`` for
the HTTP adapter ``cases.sms_http.HttpSmsGateway``; the default only logs. The outbox
(``cases.services.notices``) sends every notice after the transaction commits.
"""

from __future__ import annotations

import logging
from importlib import import_module
from typing import Protocol

from django.conf import settings

from sixia.cases.models import Notification

log = logging.getLogger("sixia.notifications")


class SmsGateway(Protocol):
    def send(self, phone: str, text: str) -> None: ...


GATEWAY_ALIASES = {"http": "sixia.cases.sms_http.HttpSmsGateway", "log": ""}


class LogSmsGateway:
    """Default gateway: writes the message to the log (no SMS leaves the machine)."""

    sent: list[tuple[str, str]] = []

    def send(self, phone: str, text: str) -> None:
        masked = phone[:3] + "****" + phone[-4:] if len(phone) >= 7 else "***"
        log.info("sms to %s: %s", masked, text)
        LogSmsGateway.sent.append((masked, text))
        del LogSmsGateway.sent[:-100]  # the last 100 only: the outbox sends through it in long-running workers


def sms_gateway() -> SmsGateway:
    path = getattr(settings, "SIXIA_SMS_GATEWAY", "")
    path = GATEWAY_ALIASES.get(path, path)
    if not path:
        return LogSmsGateway()
    module, _, name = path.rpartition(".")
    return getattr(import_module(module), name)()


def notify(*, title: str, body: str = "", kind: str, user=None, unit=None, case=None) -> Notification:
    """Put one message into a user's or a unit's inbox and the log."""
    row = Notification.objects.create(user=user, unit=unit, case=case, kind=kind, title=title[:200], body=body)
    log.info("notify %s %s: %s", kind, f"user={user.pk}" if user else f"unit={getattr(unit, 'pk', None)}", title)
    return row


def notify_units(rows: list[Notification]) -> None:
    """Bulk insert inbox rows (the scan groups messages per unit, never one per case)."""
    Notification.objects.bulk_create(rows)
    for row in rows:
        log.info("notify %s unit=%s: %s", row.kind, row.unit_id, row.title)
