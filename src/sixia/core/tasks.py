"""Huey jobs of the platform itself."""

from __future__ import annotations

import os
import socket
import threading
import time

from huey.contrib.djhuey import task


@task()
def queue_probe(hold_seconds: float = 0.0) -> str:
    """A health probe of the task queue: which consumer process and worker took the job
    (``host:pid:thread``). ``hold_seconds`` (at most 5) keeps the worker busy, so a burst of probes shows how
    many workers take jobs in parallel — the test of Huey on Redis with several consumers uses it."""
    time.sleep(max(0.0, min(float(hold_seconds), 5.0)))
    return f"{socket.gethostname()}:{os.getpid()}:{threading.get_ident()}"
