"""Gunicorn hooks for `make run`: start the Huey consumer (timed jobs: deadline scans, reminders) beside
the web workers, and stop it with them. Production runs the consumer as its own service instead."""

from __future__ import annotations

import subprocess
import sys

_consumer: subprocess.Popen | None = None


def on_starting(server) -> None:
    global _consumer
    _consumer = subprocess.Popen([sys.executable, "-m", "sixia.cli", "run_huey", "--workers", "1", "--quiet"])


def on_exit(server) -> None:
    if _consumer is not None:
        _consumer.terminate()
        try:
            _consumer.wait(timeout=10)
        except subprocess.TimeoutExpired:
            _consumer.kill()
