"""A real SMS gateway over HTTP (issue 15 item 2): ``SIXIA_SMS_GATEWAY=http`` (or the dotted path of
``HttpSmsGateway``) and the ``SIXIA_SMS_HTTP_*`` settings (docs/operations.md).

Sending: one ``POST`` of JSON ``{"phone", "text", "reference", "sender"}`` to ``SIXIA_SMS_HTTP_URL`` with
``Authorization: Bearer <SIXIA_SMS_HTTP_TOKEN>`` (when set) and, when ``SIXIA_SMS_HTTP_SECRET`` is set, an
HMAC-SHA256 signature of ``"<timestamp>.<body>"`` in ``X-Sixia-Signature`` (``sha256=<hex>``) with the timestamp
in ``X-Sixia-Timestamp``. A 2xx answer is accepted; its JSON ``id`` (or ``message_id``) is the gateway's id of the
message, kept on the OutboundMessage for the delivery receipt. Anything else — a non-2xx status, a redirect, a
timeout, a refused connection — raises ``GatewayError`` and the outbox retries (``cases.services.notices``).
Standard library only (urllib): one JSON POST needs no HTTP client dependency. No proxy from the environment is
used, and only http(s) URLs are accepted.

Receipts: the gateway calls ``POST /api/v1/sms/receipts`` (``cases.api_receipts``) signed the same way with the
same secret; ``verify`` checks the signature and that the timestamp is within ``MAX_SKEW`` seconds.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from functools import cache
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

SIGNATURE_HEADER = "X-Sixia-Signature"
TIMESTAMP_HEADER = "X-Sixia-Timestamp"
MAX_SKEW = 300  # seconds a signed request may be old (or early): a captured receipt cannot be replayed later
MAX_ANSWER = 64 * 1024


class GatewayError(Exception):
    """The gateway did not accept the message (the outbox retries it)."""


@dataclass(frozen=True)
class HttpConfig:
    url: str
    token: str = ""
    secret: str = ""
    sender: str = ""
    timeout: float = 10.0


def config() -> HttpConfig:
    return HttpConfig(url=getattr(settings, "SIXIA_SMS_HTTP_URL", ""),
                      token=getattr(settings, "SIXIA_SMS_HTTP_TOKEN", ""),
                      secret=getattr(settings, "SIXIA_SMS_HTTP_SECRET", ""),
                      sender=getattr(settings, "SIXIA_SMS_HTTP_SENDER", ""),
                      timeout=float(getattr(settings, "SIXIA_SMS_HTTP_TIMEOUT", 10.0)))


def sign(secret: str, timestamp: str, body: bytes) -> str:
    mac = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return "sha256=" + mac.hexdigest()


def verify(secret: str, timestamp: str, signature: str, body: bytes, *, now: float | None = None) -> bool:
    """True when ``signature`` is ours for ``body`` at ``timestamp`` and the timestamp is recent."""
    if not secret or not timestamp or not signature or len(timestamp) > 20:
        return False
    try:
        moment = int(timestamp)
    except ValueError:
        return False
    if abs((time.time() if now is None else now) - moment) > MAX_SKEW:
        return False
    return hmac.compare_digest(sign(secret, timestamp, body), signature)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):  # a gateway that redirects is misconfigured
        return None


@cache
def _opener() -> urllib.request.OpenerDirector:
    """Built once per process: its HTTPS handler loads the CA certificates (~30 ms), too slow for every message."""
    return urllib.request.build_opener(urllib.request.ProxyHandler({}), _NoRedirect())


class HttpSmsGateway:
    """``send_message`` returns the gateway's id of the message; ``send`` is the plain gateway interface."""

    def __init__(self, conf: HttpConfig | None = None) -> None:
        self.conf = conf or config()
        parts = urlsplit(self.conf.url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ImproperlyConfigured("SIXIA_SMS_HTTP_URL must be an http(s) URL of the SMS gateway")
        self._opener = _opener()

    def send(self, phone: str, text: str) -> None:
        self.send_message(phone, text, reference="")

    def send_message(self, phone: str, text: str, *, reference: str) -> str:
        body = json.dumps({"phone": phone, "text": text, "reference": reference, "sender": self.conf.sender},
                          ensure_ascii=False).encode()
        stamp = str(int(time.time()))
        headers = {"Content-Type": "application/json; charset=utf-8", "Accept": "application/json",
                   "User-Agent": "sixia-sms/1", TIMESTAMP_HEADER: stamp}
        if self.conf.token:
            headers["Authorization"] = f"Bearer {self.conf.token}"
        if self.conf.secret:
            headers[SIGNATURE_HEADER] = sign(self.conf.secret, stamp, body)
        request = urllib.request.Request(self.conf.url, data=body, headers=headers, method="POST")
        try:
            with self._opener.open(request, timeout=self.conf.timeout) as answer:
                status, raw = answer.status, answer.read(MAX_ANSWER)
        except urllib.error.HTTPError as exc:
            raise GatewayError(f"gateway answered HTTP {exc.code}") from None
        except urllib.error.URLError as exc:
            raise GatewayError(f"gateway unreachable: {exc.reason}") from None
        except (TimeoutError, OSError) as exc:
            raise GatewayError(f"gateway unreachable: {type(exc).__name__} {exc}") from None
        if not 200 <= status < 300:
            raise GatewayError(f"gateway answered HTTP {status}")
        return _message_id(raw)


def _message_id(raw: bytes) -> str:
    try:
        answer = json.loads(raw or b"{}")
    except ValueError:
        return ""
    if not isinstance(answer, dict):
        return ""
    value = answer.get("id") or answer.get("message_id") or ""
    return str(value)[:64] if isinstance(value, str | int) else ""
