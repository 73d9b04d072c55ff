"""Time one deadline scan over 100k open cases on the current database.

    SIXIA_VAR_DIR=$(mktemp -d) uv run python bench/cases_overdue_scan.py [--cases 100000]
    uv run python scripts/with_postgres.py -- uv run python bench/cases_overdue_scan.py

Migrates a fresh database, bulk-inserts open cases whose clocks are spread so that a quarter each are
normal, approaching, urgent and overdue (some long overdue), then times ``scan_deadlines`` once (the
first, heaviest pass: every warning and escalation changes) and a second, idle pass.
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
    from django.utils import timezone

    call_command("migrate", verbosity=0)
    from sixia.cases.models import Case, Supervision
    from sixia.cases.services.supervision import scan_deadlines
    from sixia.geo.models import Region
    from sixia.org.models import Unit

    region, _ = Region.objects.get_or_create(code="350921", defaults={"name": "霞浦县", "level": 3})
    unit, _ = Unit.objects.get_or_create(name="霞浦县住建局", region=region, defaults={"kind": "department"})
    now = timezone.now()
    started = time.perf_counter()
    batch = []
    with transaction.atomic():
        for i in range(args.cases):
            # due between 40 days ago and 50 days ahead; 60-day steps
            due = now + timedelta(days=50 - (i % 90))
            start = due - timedelta(days=60)
            batch.append(Case(
                tracking_no=f"B{i:09d}", track="petition", channel="visit", title="基准", content="基准",
                region=region, registered_at=start, state="handling", responsible_unit=unit, step="handle",
                step_started_at=start, due_at=due, approaching_at=start + timedelta(days=36),
                urgent_at=start + timedelta(days=51), handle_due=due))
            if len(batch) == 5000:
                Case.objects.bulk_create(batch)
                batch = []
        Case.objects.bulk_create(batch)
    insert_s = time.perf_counter() - started
    if connection.vendor == "postgresql":  # what autovacuum does on its own after a bulk load
        with connection.cursor() as cur:
            cur.execute(f"ANALYZE {Case._meta.db_table}")

    timings: list[tuple[float, str]] = []

    def timed(execute, sql, params, many, context):
        t = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            timings.append((time.perf_counter() - t, sql[:90]))

    t0 = time.perf_counter()
    with connection.execute_wrapper(timed):
        first = scan_deadlines(now=now)
    first_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    scan_deadlines(now=now + timedelta(seconds=1))
    second_s = time.perf_counter() - t0

    print(f"database: {connection.vendor}")
    print(f"open cases: {Case.objects.count():,} (inserted in {insert_s:.1f} s)")
    print(f"first scan: {first_s:.2f} s — marked {first.marked}, escalated {first.escalated}, "
          f"supervision rows {Supervision.objects.count():,}, notifications {first.notifications}")
    for seconds, sql in sorted(timings, reverse=True)[:4]:
        print(f"  {seconds:6.2f} s  {sql}")
    print(f"second (idle) scan: {second_s:.2f} s")


if __name__ == "__main__":
    main()
