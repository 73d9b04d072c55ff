"""Memory of one gunicorn worker: RSS and PSS after startup and after 50 mixed requests, in MiB.

    .tools/bin/uv run python bench/worker_rss.py [--requests 50] [--no-preload]

Prepares a throwaway var dir (SQLite, migrated, a county desk user with a token, a small trained classifier),
starts ``gunicorn sixia.wsgi`` with 2 sync workers (preloaded, with ``sixia.gunicorn_conf``'s ``when_ready`` —
its Huey consumer left out — unless ``--no-preload``, which is how ../shared/peer-bench serves it), sends creates (the peer bench's body), case lists, case reads and home pages, and prints JSON:
each worker's RSS / PSS (``/proc/<pid>/smaps_rollup``) after startup and after the requests, which heavy modules
the workers hold (scikit-learn, scipy, the segmenter), and the first request's latency.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SETUP = r"""
import django, json, sys
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from sixia.cases.models import Category
from sixia.engines.insight.classifier import Document, train
from sixia.geo.models import Region
from sixia.insight import classify
from sixia.org.models import Unit
from sixia.org.services import create_user, issue_token
county, _ = Region.objects.get_or_create(code="350921", defaults={"name": "霞浦县", "level": 3})
Region.objects.get_or_create(code="350921101", defaults={"name": "松城街道", "level": 4, "parent": county})
desk, _ = Unit.objects.get_or_create(name="霞浦县人民政府", region=county, defaults={"kind": "government"})
for code, name in (("urban", "城乡建设"), ("labour", "劳动保障")):
    Category.objects.get_or_create(code=code, defaults={"name": name})
train_rows = [("路灯不亮，晚上出行不便", "urban"), ("小区路灯坏了", "urban"), ("工资拖欠三个月", "labour"),
              ("老板不发工资", "labour")] * 5
classify.save_model(train({"category": ([Document(title=t) for t, _ in train_rows], [c for _, c in train_rows])}))
user = create_user(actor=None, username="bench-desk", password="Bench-Password-42x", roles=["dispatcher"],
                   jurisdiction_code=county.code, unit=desk)
print(json.dumps({"token": issue_token(user=user)}))
"""


def mem(pid: int) -> dict[str, float]:
    out = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        key, _, rest = line.partition(":")
        if key in ("Rss", "Pss"):
            out[key.lower() + "_mib"] = round(int(rest.split()[0]) / 1024, 1)
    return out


def modules(pid: int) -> list[str]:
    maps = Path(f"/proc/{pid}/maps").read_text()
    return sorted({name for name in ("sklearn", "scipy", "rjieba") if f"/{name}/" in maps})


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def workers_of(master: int) -> list[int]:
    kids = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    return sorted(int(k) for k in kids)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--no-preload", action="store_true")
    args = parser.parse_args()
    var = Path(tempfile.mkdtemp(prefix="sixia-rss-"))
    env = os.environ | {"SIXIA_VAR_DIR": str(var), "DJANGO_SETTINGS_MODULE": "sixia.settings",
                        "SIXIA_SECRET_KEY": "bench-" + "x" * 50, "SIXIA_FIELD_KEY": "bench-" + "y" * 50,
                        "SIXIA_DEBUG": "false", "SIXIA_ALLOWED_HOSTS": "127.0.0.1,localhost",
                        "PYTHONPATH": str(ROOT / "src")}
    python = sys.executable
    token = json.loads(subprocess.run([python, "-c", SETUP], env=env, check=True, capture_output=True,
                                      text=True).stdout.strip().splitlines()[-1])["token"]
    port = free_port()
    cmd = [python, "-m", "gunicorn", "sixia.wsgi", "-b", f"127.0.0.1:{port}", "-w", "2", "--worker-class", "sync",
           "--no-control-socket", "--log-level", "warning"]
    if not args.no_preload:
        conf = var / "gunicorn_bench.py"
        conf.write_text("from sixia.gunicorn_conf import preload_app, when_ready  # noqa: F401\n")
        cmd += ["--config", f"python:{conf.stem}"]
        env["PYTHONPATH"] += os.pathsep + str(var)
    server = subprocess.Popen(cmd, env=env, cwd=ROOT)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.2)
        time.sleep(3.0)  # both workers booted
        workers = workers_of(server.pid)
        startup = {pid: mem(pid) for pid in workers}

        def call(method: str, path: str, body: dict | None = None) -> float:
            req = urllib.request.Request(base + path, method=method, headers={
                "Authorization": f"Bearer {token}", "Content-Type": "application/json"},
                data=json.dumps(body).encode() if body is not None else None)
            started = time.perf_counter()
            with urllib.request.urlopen(req, timeout=60) as answer:
                answer.read()
            return (time.perf_counter() - started) * 1000

        first = call("POST", "/api/v1/cases", {
            "channel": "visit", "petition_class": "appeal", "title": "路灯不亮（1号楼）", "content": "路灯黑了一个星期。",
            "region_code": "350921101", "petitioners": [{"name": "陈建华", "phone": "13800000001"}]})
        for n in range(2, args.requests + 1):
            kind = n % 4
            if kind in (0, 1):
                call("POST", "/api/v1/cases", {
                    "channel": "visit", "petition_class": "appeal", "title": f"路灯不亮（{n}号楼）",
                    "content": f"{n}号楼外的路灯已经黑了一个星期。", "region_code": "350921101",
                    "petitioners": [{"name": "陈建华", "phone": f"138{n:08d}"}]})
            elif kind == 2:
                call("GET", "/api/v1/cases?page_size=25")
            else:
                call("GET", "/api/v1/me/today")
        after = {pid: mem(pid) for pid in workers}
        print(json.dumps({
            "preload": not args.no_preload, "requests": args.requests, "first_request_ms": round(first, 1),
            "master": mem(server.pid) | {"modules": modules(server.pid)},
            "workers": [{"pid": pid, "startup": startup[pid], "after": after[pid], "modules": modules(pid)}
                        for pid in workers]}, indent=1))
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
        shutil.rmtree(var, ignore_errors=True)


if __name__ == "__main__":
    main()
