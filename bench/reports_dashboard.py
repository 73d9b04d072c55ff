"""Time the leaders' dashboard (驾驶舱) over many cases, count its statements, and time the ledger export
request that hands a large export to a job (core.jobs) instead of writing it in the request.

    SIXIA_VAR_DIR=$(mktemp -d) .tools/bin/uv run python bench/reports_dashboard.py [--cases 100000]

Migrates a fresh database, loads the county's townships, bulk-inserts cases over the last 14 months across
the townships, channels and categories (a tenth overdue), then times ``reports.dashboard.dashboard`` (warm,
best of three) and ``GET /reports/ledger/export/`` of the whole ledger (over SIXIA_EXPORT_JOB_ROWS: answered
with a redirect to the job page; the job itself is the ledger export of bench/cases_ledger_export.py).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from datetime import timedelta

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sixia.settings")
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "src"))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=100_000)
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.test import Client
    from django.utils import timezone

    call_command("migrate", verbosity=0)
    from sixia.cases.models import Case, Category
    from sixia.geo.models import Region
    from sixia.org.models import Unit
    from sixia.org.services import create_user
    from sixia.reports.dashboard import dashboard

    county, _ = Region.objects.get_or_create(code="350921", defaults={"name": "霞浦县", "level": 3})
    towns = []
    for i in range(1, 15):
        town, _ = Region.objects.get_or_create(code=f"350921{100 + i:03d}", defaults={
            "name": f"第{i}镇", "level": 4, "parent": county})
        towns.append(town)
    units = [Unit.objects.get_or_create(name=f"霞浦县第{i}局", region=county, defaults={"kind": "department"})[0]
             for i in range(8)]
    user = create_user(actor=None, username="bench-dashboard", password="Correct-Horse-42x", roles=["dispatcher"],
                       jurisdiction_code="350921", unit=units[0])  # (admin would need a second factor)
    categories = list(Category.objects.filter(parent__isnull=False))
    channels = ["visit", "letter", "phone", "online", "hotline"]
    now = timezone.now()
    started = time.perf_counter()
    with transaction.atomic():
        batch: list[Case] = []
        for i in range(args.cases):
            registered = now - timedelta(minutes=i * (60 * 24 * 420 // max(args.cases, 1)))
            due = registered + timedelta(days=60 if i % 10 else 1)
            batch.append(Case(
                tracking_no=f"D{i:09d}", track="petition", channel=channels[i % len(channels)],
                petition_class="appeal", category=categories[i % len(categories)], title=f"第{i}号诉求",
                content="内容", region=towns[i % len(towns)], registered_at=registered, state="handling",
                responsible_unit=units[i % len(units)], step="handle", step_started_at=registered,
                due_at=due, handle_due=due, is_collective=i % 50 == 0))
            if len(batch) == 5000:
                Case.objects.bulk_create(batch)
                batch.clear()
        if batch:
            Case.objects.bulk_create(batch)
    insert_s = time.perf_counter() - started
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute("ANALYZE")

    from sixia.cases import selectors as case_selectors
    from sixia.cases.rates import period_bounds
    from sixia.reports import dashboard as dash

    d0 = dashboard(user, region_code="350921")  # warm
    start, end = period_bounds(d0.period)
    scoped = case_selectors.visible_cases(user).filter(region__code__startswith="350921")
    in_period = scoped.filter(registered_at__gte=start, registered_at__lt=end)
    parts = {"trend": lambda: dash.trend(scoped, end), "channels": lambda: dash.channel_mix(in_period),
             "categories": lambda: dash.category_mix(in_period),
             "rates": lambda: dash.rates_by_unit(user, d0.period, "350921"),
             "overdue": lambda: dash.overdue_by_unit(user, "350921", now),
             "map": lambda: dash.risk_map(user, "350921", now), "quotas": lambda: dash.quota_totals(user, d0.period, "350921")}
    part_ms = {}
    for name, fn in parts.items():
        t0 = time.perf_counter()
        fn()
        part_ms[name] = (time.perf_counter() - t0) * 1000
    timings = []
    for _i in range(3):
        statements: list[str] = []
        with connection.execute_wrapper(lambda execute, sql, params, many, context, seen=statements: (
                seen.append(sql), execute(sql, params, many, context))[1]):
            t0 = time.perf_counter()
            d = dashboard(user, region_code="350921")
            timings.append(time.perf_counter() - t0)
    client = Client(SERVER_NAME="127.0.0.1")
    client.force_login(user)
    t0 = time.perf_counter()
    response = client.get("/reports/ledger/export/", {"state": "all"})
    export_request_s = time.perf_counter() - t0

    print(f"database: {connection.vendor}")
    print(f"cases: {Case.objects.count():,} (inserted in {insert_s:.1f} s)")
    print(f"dashboard {d.period}: {len(d.charts)} charts, {len(statements)} statements, "
          f"best {min(timings) * 1000:.0f} ms (runs: {', '.join(f'{t * 1000:.0f}' for t in timings)} ms)")
    print("per chart: " + ", ".join(f"{k} {v:.0f} ms" for k, v in part_ms.items()))
    print(f"ledger export request of {Case.objects.count():,} rows: HTTP {response.status_code} "
          f"→ {response.get('Location', '(direct)')} in {export_request_s * 1000:.0f} ms")


if __name__ == "__main__":
    main()
