"""What one registration through ``POST /api/v1/cases`` costs: SQL statements and milliseconds per create.

    SIXIA_VAR_DIR=$(mktemp -d) .tools/bin/uv run python bench/create_cost.py [--creates 200] [--profile]
    .tools/bin/uv run python scripts/with_postgres.py -- .tools/bin/uv run python bench/create_cost.py --seed 100000

Migrates a fresh database, trains the demo-sized classifier on a few labelled messages (so that the create
runs the suggestions, as in ../shared/peer-bench), and posts the peer bench's body — a new petitioner phone
every time — with a Bearer token, in-process (Django's test client, no outer transaction, as a worker runs
it). Prints JSON: statements per create (every statement, savepoints included, counted with
``connection.execute_wrapper``), the statements of the last create, and the median wall / CPU ms per create.
``--profile`` adds the top functions of a cProfile over the creates.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import statistics
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sixia.settings")
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "src"))

TRAIN = [("路灯不亮，晚上出行不便", "urban"), ("小区路灯坏了", "urban"), ("道路积水严重", "urban"),
         ("工资拖欠三个月", "labour"), ("老板不发工资", "labour"), ("欠薪问题请求处理", "labour")] * 5


def body(n: int, region_code: str) -> dict:
    return {"channel": "visit", "petition_class": "appeal", "title": f"路灯不亮（{n}号楼）",
            "content": f"{n}号楼外的路灯已经黑了一个星期，居民希望节日前修好。",
            "region_code": region_code, "petitioners": [{"name": "陈建华", "phone": f"138{n:08d}"}]}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--creates", type=int, default=200)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--seed", type=int, default=0, help="bulk-insert this many older cases first")
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    settings.ALLOWED_HOSTS = ["*"]
    call_command("migrate", verbosity=0)
    from sixia.cases.models import Category
    from sixia.engines.insight.classifier import Document, train
    from sixia.geo.models import Region
    from sixia.insight import classify
    from sixia.org.models import Unit
    from sixia.org.services import create_user, issue_token

    county, _ = Region.objects.get_or_create(code="350921", defaults={"name": "霞浦县", "level": 3})
    town, _ = Region.objects.get_or_create(code="350921101", defaults={"name": "松城街道", "level": 4, "parent": county})
    desk, _ = Unit.objects.get_or_create(name="霞浦县人民政府", region=county, defaults={"kind": "government"})
    for code, name in (("urban", "城乡建设"), ("labour", "劳动保障")):
        Category.objects.get_or_create(code=code, defaults={"name": name})
    classify.save_model(train({"category": ([Document(title=t) for t, _ in TRAIN], [c for _, c in TRAIN])}))
    if args.seed:
        from datetime import timedelta

        from django.db import transaction
        from django.utils import timezone

        from sixia.cases.models import Case

        long_ago = timezone.now() - timedelta(days=30)
        with transaction.atomic():
            for start in range(0, args.seed, 5000):
                Case.objects.bulk_create([Case(
                    tracking_no=f"S{i:09d}", track="petition", channel="visit", title=f"基准诉求{i}", content="基准",
                    region=town, registered_at=long_ago - timedelta(minutes=i), state="handling")
                    for i in range(start, min(start + 5000, args.seed))])
        if connection.vendor == "postgresql":
            with connection.cursor() as cur:
                cur.execute("ANALYZE cases_case")
    user = create_user(actor=None, username="bench-desk", password="Bench-Password-42x", roles=["dispatcher"],
                       jurisdiction_code=county.code, unit=desk)
    client = Client(HTTP_AUTHORIZATION=f"Bearer {issue_token(user=user)}")

    def post(n: int):
        answer = client.post("/api/v1/cases", json.dumps(body(n, town.code)), content_type="application/json")
        assert answer.status_code == 201, answer.content[:300]
        return answer

    for n in range(20):  # warm-up: per-process caches, the model, the segmenter
        post(n)
    statements: list[str] = []

    def count(execute, sql, params, many, context):
        statements.append(sql)
        return execute(sql, params, many, context)

    counts, wall, cpu = [], [], []
    profiler = cProfile.Profile() if args.profile else None
    for n in range(1000, 1000 + args.creates):
        statements.clear()
        w, c = time.perf_counter(), time.process_time()
        if profiler:
            profiler.enable()
        with connection.execute_wrapper(count):
            answer = post(n)
        if profiler:
            profiler.disable()
        wall.append((time.perf_counter() - w) * 1000)
        cpu.append((time.process_time() - c) * 1000)
        counts.append(len(statements))
    out = {
        "database": connection.vendor, "creates": args.creates, "older_cases": args.seed,
        "statements_per_create": {"median": statistics.median(counts), "max": max(counts)},
        "wall_ms": round(statistics.median(wall), 2), "cpu_ms": round(statistics.median(cpu), 2),
        "suggested": bool(answer.json()["suggestions"].get("category")),
        "last_create": [s[:100] for s in statements],
    }
    print(json.dumps(out, ensure_ascii=False, indent=1))
    if profiler:
        buf = io.StringIO()
        pstats.Stats(profiler, stream=buf).sort_stats("cumulative").print_stats(35)
        print(buf.getvalue())


if __name__ == "__main__":
    main()
