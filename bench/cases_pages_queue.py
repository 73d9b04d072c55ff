"""Time the work-queue page (/cases/) and a case page over many cases on the current database.

    SIXIA_VAR_DIR=$(mktemp -d) .tools/bin/uv run python bench/cases_pages_queue.py [--cases 100000]
    .tools/bin/uv run python scripts/with_postgres.py -- .tools/bin/uv run python bench/cases_pages_queue.py

Migrates a fresh database, bulk-inserts cases in one county spread over the four deadline colours and
three townships, then renders the queue page (server side, Django test client, a county dispatcher) with
the default filters, one colour, a text search, a region filter and a deep page; prints the median of
five renders each.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from datetime import timedelta

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sixia.settings")
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "src"))

WARNINGS = ["normal", "approaching", "urgent", "overdue"]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--reuse", action="store_true", help="keep the cases already in the database")
    parser.add_argument("--profile", action="store_true", help="cProfile 20 default queue renders (top 25, tottime)")
    parser.add_argument("--show-sql", action="store_true", help="print the statements of the default queue render")
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.test import Client
    from django.utils import timezone

    settings.ALLOWED_HOSTS = ["*"]
    call_command("migrate", verbosity=0)
    from sixia.cases.models import Case
    from sixia.geo.models import Region
    from sixia.org.models import Unit
    from sixia.org.services import create_user

    county, _ = Region.objects.get_or_create(code="350921", defaults={"name": "霞浦县", "level": 3})
    towns = []
    for i, name in enumerate(["松城街道", "长春镇", "牙城镇"]):
        town, _ = Region.objects.get_or_create(code=f"3509211{i:02d}",
                                               defaults={"name": name, "level": 4, "parent": county})
        towns.append(town)
    unit, _ = Unit.objects.get_or_create(name="霞浦县住建局", region=county, defaults={"kind": "department"})
    desk_unit, _ = Unit.objects.get_or_create(name="霞浦县人民政府", region=county, defaults={"kind": "government"})
    from sixia.org.models import User

    user = User.objects.filter(username="bench-desk").first() or create_user(
        actor=None, username="bench-desk", password="Bench-Password-42x", roles=["dispatcher"],
        jurisdiction_code=county.code, unit=desk_unit)
    now = timezone.now()
    started = time.perf_counter()
    batch = []
    with transaction.atomic():
        for i in range(0 if args.reuse and Case.objects.exists() else args.cases):
            due = now + timedelta(days=50 - (i % 90))
            start = due - timedelta(days=60)
            batch.append(Case(
                tracking_no=f"B{i:09d}", track="petition", channel="visit", title=f"基准诉求{i}", content="基准",
                region=towns[i % 3], registered_at=start, state="handling", responsible_unit=unit, step="handle",
                step_started_at=start, due_at=due, approaching_at=start + timedelta(days=36),
                urgent_at=start + timedelta(days=51), handle_due=due, warning=WARNINGS[i % 4]))
            if len(batch) == 5000:
                Case.objects.bulk_create(batch)
                batch = []
        Case.objects.bulk_create(batch)
    insert_s = time.perf_counter() - started
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute(f"ANALYZE {Case._meta.db_table}")

    client = Client()
    client.force_login(user)
    some = Case.objects.order_by("pk").values_list("pk", flat=True)[args.cases // 2]

    from django.test.utils import CaptureQueriesContext

    from sixia.org.services import issue_token

    headers = {"Authorization": f"Bearer {issue_token(user=user)}"}
    statements: dict[str, int] = {}

    def median_ms(path: str, params: dict | None = None, **extra) -> float:
        times = []
        for _ in range(args.runs):
            t = time.perf_counter()
            with CaptureQueriesContext(connection) as queries:
                response = client.get(path, params or {}, **extra)
            times.append((time.perf_counter() - t) * 1000)
            assert response.status_code == 200, (path, response.status_code)
        statements[path + str(params or "")] = len(queries)
        return statistics.median(times)

    def deep_cursor() -> dict:
        """The queue 40 pages deep: by cursor where the page has one, else by page number (older code)."""
        params: dict = {}
        import re

        for _ in range(39):
            found = re.search(r'cursor=([A-Za-z0-9_-]+)" rel="next"', client.get("/cases/", params).content.decode())
            if not found:
                return {"page": 40}
            params = {"cursor": found.group(1)}
        return params

    print(f"database: {connection.vendor}")
    if args.show_sql:
        client.get("/cases/")
        with CaptureQueriesContext(connection) as shown:
            client.get("/cases/")
        for q in shown.captured_queries:
            print(f"  [{q['time']}] {q['sql'][:300]}")
    if args.profile:
        import cProfile
        import pstats

        client.get("/cases/")  # warm: imports, URLconf, template cache
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(20):
            client.get("/cases/")
        profiler.disable()
        pstats.Stats(profiler).sort_stats("tottime").print_stats(25)
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(40)
    print(f"cases: {Case.objects.count():,} (inserted in {insert_s:.1f} s); median of {args.runs} renders")
    cases_list: list[tuple[str, dict]] = [
        ("queue, default (open, by deadline)", {}),
        ("queue, overdue only", {"warning": "overdue"}),
        ("queue, text search", {"q": "基准诉求4242"}),
        ("queue, query-code fragment", {"q": "0004242"}),
        ("queue, phone (blind index)", {"q": "13900001111"}),
        ("queue, one township + state", {"region": towns[1].code, "state": "handling"}),
        ("queue, page 40", deep_cursor()),
    ]
    for label, params in cases_list:
        ms = median_ms("/cases/", params)
        print(f"  {label:40s} {ms:8.1f} ms  {statements['/cases/' + str(params or '')]:3d} statements")
    for label, params in [("list API, first page", {}), ("list API, state=handling", {"state": "handling"})]:
        ms = median_ms("/api/v1/cases", params, headers=headers)
        print(f"  {label:40s} {ms:8.1f} ms  {statements['/api/v1/cases' + str(params or '')]:3d} statements")
    print(f"  {'inbox (dispatcher)':40s} {median_ms('/cases/inbox/'):8.1f} ms")
    print(f"  {'case page':40s} {median_ms(f'/cases/{some}/'):8.1f} ms")


if __name__ == "__main__":
    main()
