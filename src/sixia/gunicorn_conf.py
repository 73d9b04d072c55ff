"""Gunicorn hooks for `make run`: start the Huey consumer (timed jobs: deadline scans, reminders, the repeat
index of new cases) beside the web workers, and stop it with them. Production runs the consumer as its own
service instead.

``preload_app``: the master imports the application — and with it loads the classifier's memory-mapped arrays
and the segmenter (``sixia.wsgi`` → ``insight.classify.warm``) — before it forks, so the workers share those
pages and none of them loads a model on its first request."""

from __future__ import annotations

import gc
import os
import subprocess
import sys

_consumer: subprocess.Popen | None = None
preload_app = True
# the master loads the model and the segmenter before forking (sixia.wsgi), so the workers share the pages
os.environ.setdefault("SIXIA_WARM", "sync")


def on_starting(server) -> None:
    global _consumer
    _consumer = subprocess.Popen([sys.executable, "-m", "sixia.cli", "run_huey", "--workers", "1", "--quiet"])


def when_ready(server) -> None:
    """After the preload, before the first fork: move everything the master has built into the permanent
    generation, so that the workers' garbage collector does not write to (and so copy) those shared pages."""
    gc.collect()
    gc.freeze()


def on_exit(server) -> None:
    if _consumer is not None:
        _consumer.terminate()
        try:
            _consumer.wait(timeout=10)
        except subprocess.TimeoutExpired:
            _consumer.kill()
