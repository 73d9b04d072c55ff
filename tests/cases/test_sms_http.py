"""The HTTP SMS gateway adapter (``cases.sms_http``) against a real HTTP server on 127.0.0.1 (a random port, a
thread of this process), and the gateway's delivery receipts (``POST /api/v1/sms/receipts``):

- a message the gateway accepts is marked sent with the gateway's id; the request carries the bearer token and a
  valid HMAC signature, the phone in clear only on the wire;
- a 5xx answer is a failed attempt (retried), then the next attempt succeeds;
- a gateway that does not answer in time is a failed attempt too;
- a receipt with no, a wrong or an old signature is 403 and changes nothing; a signed one marks the message
  delivered (or undelivered) and the officials' case page and timeline say so.
"""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from sixia.cases import sms_http
from sixia.cases.models import CaseEvent, OutboundMessage
from sixia.cases.services import notices

from .conftest import at

pytestmark = pytest.mark.django_db
START = at(2026, 3, 2, 9)
SECRET = "test-shared-secret"
TOKEN = "test-bearer-token"


class FakeGateway:
    """What the server does with each request: a list of (status, body, delay) consumed in order."""

    def __init__(self) -> None:
        self.plan: list[tuple[int, dict, float]] = []
        self.received: list[tuple[dict, dict, bytes]] = []  # (headers, JSON body, raw body)

    def answer(self) -> tuple[int, dict, float]:
        return self.plan.pop(0) if self.plan else (200, {"id": f"gw-{len(self.received)}"}, 0.0)


@pytest.fixture
def gateway(settings):
    fake = FakeGateway()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            raw = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            fake.received.append((dict(self.headers), json.loads(raw), raw))
            status, body, delay = fake.answer()
            time.sleep(delay)
            payload = json.dumps(body).encode()
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)
            except OSError:
                pass  # the client gave up (the timeout test)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.SIXIA_SMS_GATEWAY = "http"
    settings.SIXIA_SMS_HTTP_URL = f"http://127.0.0.1:{server.server_address[1]}/sms/send"
    settings.SIXIA_SMS_HTTP_TOKEN = TOKEN
    settings.SIXIA_SMS_HTTP_SECRET = SECRET
    settings.SIXIA_SMS_HTTP_SENDER = "霞浦信访"
    settings.SIXIA_SMS_HTTP_TIMEOUT = 0.5
    yield fake
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


@pytest.fixture
def accepted(new_case, act, owner):
    case = act(owner, new_case(now=START), "accept", now=at(2026, 3, 2, 10))
    return case, OutboundMessage.objects.get(case=case, kind="accepted")


def test_the_gateway_takes_the_message_and_its_id_is_kept(gateway, accepted):
    case, message = accepted
    assert notices.send_one(message.pk, now=at(2026, 3, 2, 10, 1)) == "sent"
    message.refresh_from_db()
    assert (message.status, message.attempts, message.gateway_id) == ("sent", 1, "gw-1")
    headers, body, raw = gateway.received[0]
    assert body == {"phone": "13900001111", "text": message.text, "reference": str(message.pk), "sender": "霞浦信访"}
    assert headers["Authorization"] == f"Bearer {TOKEN}"
    assert sms_http.verify(SECRET, headers[sms_http.TIMESTAMP_HEADER], headers[sms_http.SIGNATURE_HEADER], raw)
    assert CaseEvent.objects.filter(case=case, action="notice_sent").count() == 1


def test_a_5xx_is_a_failed_attempt_and_the_retry_succeeds(gateway, accepted):
    _case, message = accepted
    gateway.plan = [(503, {"error": "busy"}, 0.0)]
    with pytest.raises(notices.SendFailed):
        notices.send_one(message.pk)
    message.refresh_from_db()
    assert (message.status, message.attempts, message.gateway_id) == ("pending", 1, "")
    assert message.last_error == "GatewayError: gateway answered HTTP 503"
    assert notices.send_pending() == {"sent": 1}  # the sweep (or the task's retry) sends it
    message.refresh_from_db()
    assert (message.status, message.attempts, message.last_error, message.gateway_id) == ("sent", 2, "", "gw-2")
    assert len(gateway.received) == 2


def test_a_gateway_that_does_not_answer_in_time_is_a_failed_attempt(gateway, accepted):
    _case, message = accepted
    gateway.plan = [(200, {"id": "late"}, 1.5)]  # longer than SIXIA_SMS_HTTP_TIMEOUT = 0.5 s
    with pytest.raises(notices.SendFailed):
        notices.send_one(message.pk)
    message.refresh_from_db()
    assert (message.status, message.attempts, message.gateway_id) == ("pending", 1, "")
    assert "unreachable" in message.last_error and "timed out" in message.last_error.lower()


def test_an_unconfigured_or_non_http_url_is_refused(settings):
    from django.core.exceptions import ImproperlyConfigured

    for url in ("", "file:///etc/passwd", "ftp://gateway/"):
        settings.SIXIA_SMS_HTTP_URL = url
        with pytest.raises(ImproperlyConfigured):
            sms_http.HttpSmsGateway()


def _receipt(client, payload: dict, *, secret: str = SECRET, stamp: int | None = None, signed: bool = True):
    raw = json.dumps(payload).encode()
    when = str(int(time.time()) if stamp is None else stamp)
    headers = {sms_http.TIMESTAMP_HEADER: when}
    if signed:
        headers[sms_http.SIGNATURE_HEADER] = sms_http.sign(secret, when, raw)
    return client.post("/api/v1/sms/receipts", raw, content_type="application/json", headers=headers)


def test_receipts_without_the_right_signature_are_refused_and_change_nothing(gateway, accepted, client):
    case, message = accepted
    notices.send_one(message.pk, now=at(2026, 3, 2, 10, 1))
    payload = {"id": "gw-1", "status": "delivered"}
    refused = [_receipt(client, payload, signed=False), _receipt(client, payload, secret="guessed"),
               _receipt(client, payload, stamp=int(time.time()) - 3600)]  # a replay an hour later
    assert [r.status_code for r in refused] == [403, 403, 403]
    assert refused[0].json()["code"] == "bad_signature"
    message.refresh_from_db()
    assert (message.delivery, message.delivered_at) == ("", None)
    assert not CaseEvent.objects.filter(case=case, action="notice_delivered").exists()
    assert _receipt(client, {"id": "gw-unknown", "status": "delivered"}).status_code == 404
    assert _receipt(client, {"id": "gw-1", "status": "maybe"}).status_code == 422


def test_a_signed_receipt_marks_the_message_delivered_on_the_case_page(gateway, accepted, client, owner):
    from django.urls import reverse

    case, message = accepted
    notices.send_one(message.pk, now=at(2026, 3, 2, 10, 1))
    answer = _receipt(client, {"id": "gw-1", "status": "delivered", "at": "2026-03-02T10:02:00+08:00"})
    assert answer.status_code == 200, answer.content
    assert answer.json() == {"id": "gw-1", "delivery": "delivered"}
    message.refresh_from_db()
    assert (message.delivery, message.delivered_at) == ("delivered", at(2026, 3, 2, 10, 2))
    assert _receipt(client, {"id": "gw-1", "status": "delivered"}).status_code == 200  # repeated: one entry
    assert CaseEvent.objects.filter(case=case, action="notice_delivered").count() == 1
    client.force_login(owner)
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert 'data-delivery="delivered"' in page and "已送达" in page and "告知短信已送达" in page
    assert "13900001111" not in page


def test_an_undelivered_receipt_is_shown_as_such(gateway, accepted, client, owner):
    from django.urls import reverse

    case, message = accepted
    notices.send_one(message.pk, now=at(2026, 3, 2, 10, 1))
    answer = _receipt(client, {"id": "gw-1", "status": "undelivered", "error": "空号"})
    assert answer.json()["delivery"] == "undelivered"
    event = CaseEvent.objects.get(case=case, action="notice_undelivered")
    assert event.data["error"] == "空号" and not event.public
    client.force_login(owner)
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert 'data-delivery="undelivered"' in page and "告知短信未送达" in page
