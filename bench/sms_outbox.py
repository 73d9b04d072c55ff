"""Time the SMS outbox through the HTTP gateway adapter against a local HTTP server, and the delivery receipts.

    SIXIA_DEBUG=true SIXIA_VAR_DIR=$(mktemp -d) .tools/bin/uv run python bench/sms_outbox.py [--messages 500]

Migrates a fresh database, queues ``--messages`` booking-style messages (sealed phones, no case) with
``notices.enqueue_to``, then times ``notices.send_pending`` — per message: the claim, the audit entry, the phone's
decryption, the gateway, the status update — once through the logging gateway and once through the HTTP adapter
(one signed POST to a ``http.server`` on 127.0.0.1 answering 200 with an id at once), and then one signed receipt per message through ``POST /api/v1/sms/receipts`` (Django's test
client: the signature check, the lookup by gateway id, the update). Prints messages per second for both.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sixia.settings")
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "src"))


class Handler(BaseHTTPRequestHandler):
    counter = 0
    wbufsize = 1 << 16  # headers and body leave in one segment (else Nagle + delayed ACK add ~40 ms per request)
    disable_nagle_algorithm = True

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        Handler.counter += 1
        body = json.dumps({"id": f"gw-{Handler.counter}"}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=int, default=500)
    args = parser.parse_args()
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    os.environ.update({"SIXIA_SMS_GATEWAY": "http", "SIXIA_SMS_HTTP_SECRET": "bench-secret",
                       "SIXIA_SMS_HTTP_URL": f"http://127.0.0.1:{server.server_address[1]}/send"})

    import django

    django.setup()
    import logging

    from django.core.management import call_command
    from django.db import transaction
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()  # the test client's host name is allowed
    call_command("migrate", verbosity=0)
    logging.getLogger("sixia.notifications").setLevel(logging.WARNING)
    from sixia.cases import sms_http
    from sixia.cases.models import OutboundMessage
    from sixia.cases.services import notices
    from sixia.core.personal import seal_phone

    def queue(offset: int) -> None:
        with transaction.atomic():
            for n in range(offset, offset + args.messages):
                notices.enqueue_to(kind="booking_confirmed", phone=seal_phone(f"139{n:08d}"),
                                   context={"day": "2026-06-11", "slot": "09:00", "code": f"C{n:07d}"})

    from django.conf import settings

    for gateway, offset in (("", 0), ("http", args.messages)):  # the logging backend first: the cost without HTTP
        settings.SIXIA_SMS_GATEWAY = gateway
        queue(offset)
        started = time.perf_counter()
        counts = {str(k): v for k, v in notices.send_pending().items()}
        took = time.perf_counter() - started
        print(f"send_pending via {gateway or 'log'} gateway: {counts} in {took:.2f}s = {args.messages / took:.0f} "
              f"messages/s ({took / args.messages * 1000:.1f} ms each)")

    client = Client()
    ids = list(OutboundMessage.objects.exclude(gateway_id="").values_list("gateway_id", flat=True))
    started = time.perf_counter()
    statuses: dict[int, int] = {}
    for gateway_id in ids:
        raw = json.dumps({"id": gateway_id, "status": "delivered"}).encode()
        stamp = str(int(time.time()))
        answer = client.post("/api/v1/sms/receipts", raw, content_type="application/json",
                             headers={sms_http.TIMESTAMP_HEADER: stamp,
                                      sms_http.SIGNATURE_HEADER: sms_http.sign("bench-secret", stamp, raw)})
        statuses[answer.status_code] = statuses.get(answer.status_code, 0) + 1
    took = time.perf_counter() - started
    delivered = OutboundMessage.objects.filter(delivery="delivered").count()
    print(f"receipts: {statuses}, {delivered} delivered, in {took:.2f}s = {len(ids) / took:.0f} receipts/s")
    server.shutdown()


if __name__ == "__main__":
    main()
