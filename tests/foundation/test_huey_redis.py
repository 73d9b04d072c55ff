"""Huey on Redis (issue 17 item 5): with ``SIXIA_HUEY_REDIS_URL`` the task queue is a RedisHuey that several
consumers on several machines share. Here: Debian's ``redis-server`` on a free port, two consumer processes of
two worker threads each (``sixia run_huey``), and a burst of ``core.tasks.queue_probe`` jobs enqueued from this
process — every job runs once, and both consumer processes take some. Skipped where redis-server is missing
(``scripts/system_deps.sh`` installs it)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time

import pytest

PROBES = 12


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def redis_url(tmp_path):
    server = shutil.which("redis-server")
    if not server:
        pytest.skip("redis-server is not installed (apt-get install redis-server)")
    port = _free_port()
    # The server is a service beside the app, not code under test: it runs on the real clock. Under
    # `make test-at` (libfaketime preloaded) redis-server aborts at start ("recursive calls to clock_gettime").
    env = {k: v for k, v in os.environ.items() if k != "LD_PRELOAD" and not k.startswith(("FAKETIME", "DONT_FAKE"))}
    proc = subprocess.Popen([server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                             "--dir", str(tmp_path)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                assert proc.poll() is None and time.monotonic() < deadline, "redis-server did not start"
                time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture
def consumers(redis_url, tmp_path):
    env = dict(os.environ, SIXIA_HUEY_REDIS_URL=redis_url, SIXIA_DEBUG="true", SIXIA_VAR_DIR=str(tmp_path))
    procs = [subprocess.Popen([sys.executable, "-m", "sixia.cli", "run_huey", "--workers", "2", "--quiet"], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) for _ in range(2)]
    try:
        yield procs
    finally:
        for proc in procs:
            proc.terminate()
        for proc in procs:
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()


def test_several_consumers_on_redis_share_the_jobs(redis_url, consumers):
    from huey import RedisHuey

    from sixia.core.tasks import queue_probe

    huey = RedisHuey("sixia", url=redis_url)  # the queue the consumers read, seen from another machine
    probe = huey.task()(queue_probe.func)
    took: list[str] = []
    deadline = time.monotonic() + 120  # a consumer starts in seconds (Django and the apps load) on a busy machine
    while time.monotonic() < deadline:  # bursts until both consumers have taken jobs
        burst = [probe(0.3) for _ in range(PROBES)]
        got = [r.get(blocking=True, timeout=120) for r in burst]
        assert all(got), got  # every job of the burst ran, once
        took += got
        if len({t.split(":")[1] for t in took}) == 2 and len({t for t in took}) >= 3:
            break
    processes = {t.split(":")[1] for t in took}
    workers = {tuple(t.split(":")[1:]) for t in took}
    assert len(processes) == 2, f"both consumer processes take jobs: {took}"
    assert len(workers) >= 3, f"several worker threads take jobs: {took}"
    assert {str(p.pid) for p in consumers} == processes


def test_the_settings_choose_redis_huey_when_the_url_is_set(tmp_path):
    env = dict(os.environ, SIXIA_HUEY_REDIS_URL="redis://127.0.0.1:1/0", SIXIA_DEBUG="true",
               SIXIA_VAR_DIR=str(tmp_path), DJANGO_SETTINGS_MODULE="sixia.settings")
    out = subprocess.run([sys.executable, "-c", "from django.conf import settings; print(settings.HUEY['huey_class'],"
                          " settings.HUEY['url'])"], env=env, capture_output=True, text=True, check=True).stdout
    assert out.split() == ["huey.RedisHuey", "redis://127.0.0.1:1/0"]
    env.pop("SIXIA_HUEY_REDIS_URL")
    env.pop("SIXIA_REDIS_URL", None)
    out = subprocess.run([sys.executable, "-c", "from django.conf import settings; print(settings.HUEY['huey_class'])"],
                         env=env, capture_output=True, text=True, check=True).stdout
    assert out.split() == ["huey.SqliteHuey"]
