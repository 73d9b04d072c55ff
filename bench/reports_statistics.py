"""Time the statistics of a county (``reports.statistics.service.statistics``), its Excel and its Word report.

    SIXIA_DEBUG=true SIXIA_VAR_DIR=$(mktemp -d) .tools/bin/uv run python bench/reports_statistics.py [--cases 100000]
    SIXIA_DEBUG=true SIXIA_VAR_DIR=$(mktemp -d) .tools/bin/uv run python scripts/with_postgres.py -- .tools/bin/uv run python bench/reports_statistics.py

Migrates a fresh database, bulk-inserts cases over 2025–2026 in 14 townships (every channel, a tenth repeated,
a twentieth over-level, accepted / replied / rated mixes) and activities, then times one quarter's statistics as a
national superuser and as the county, with the number of SQL statements, and the .xlsx and .docx built from it.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import time
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sixia.settings")
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "src"))
TZ = ZoneInfo("Asia/Shanghai")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--activities", type=int, default=20_000)
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    call_command("migrate", verbosity=0)
    from sixia.activities.models import Activity, Kind
    from sixia.cases.models import Case
    from sixia.geo.models import Region
    from sixia.org.models import Unit, User
    from sixia.reports.statistics import service, work_report, workbook

    county, _ = Region.objects.get_or_create(code="350921", defaults={"name": "霞浦县", "level": 3})
    towns = [Region.objects.get_or_create(code=f"350921{100 + i}", defaults={"name": f"镇{i}", "level": 4,
                                                                             "parent_id": "350921"})[0]
             for i in range(14)]
    unit, _ = Unit.objects.get_or_create(name="霞浦县人民政府", region=county, defaults={"kind": "government"})
    channels = ["visit", "letter", "phone", "online", "hotline"]
    start = datetime(2025, 1, 1, 9, tzinfo=TZ)
    t0 = time.perf_counter()
    with transaction.atomic():
        rows = []
        for i in range(args.cases):
            reg = start + timedelta(minutes=(i * 10_000_000 // max(args.cases, 1)) % (730 * 24 * 60))
            rows.append(Case(
                tracking_no=f"B{i:09d}", track="hotline" if i % 5 == 4 else "petition", channel=channels[i % 5],
                petition_class="appeal", title=f"诉求{i}", content="内容", region=towns[i % 14], registered_at=reg,
                state="closed" if i % 3 else "handling", headcount=8 if i % 50 == 0 else 1,
                is_collective=i % 50 == 0, is_repeated=i % 10 == 1, is_over_level=i % 20 == 2,
                accept_due=reg + timedelta(days=15), accepted_at=reg + timedelta(days=1 + i % 20) if i % 4 else None,
                handle_due=reg + timedelta(days=75), replied_at=reg + timedelta(days=30 + i % 60) if i % 3 else None,
                satisfaction=["satisfied", "basically", "dissatisfied", ""][i % 4] if i % 3 else "",
                responsible_unit=unit))
        Case.objects.bulk_create(rows, batch_size=2000)
        kinds = list(Kind.values)
        Activity.objects.bulk_create([Activity(kind=kinds[i % 5], title=f"活动{i}", region=towns[i % 14],
                                               start_day=date(2025, 1, 1) + timedelta(days=i % 730))
                                      for i in range(args.activities)], batch_size=2000)
    print(f"inserted {args.cases} cases, {args.activities} activities in {time.perf_counter() - t0:.1f}s "
          f"on {connection.vendor}")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    admin = User.objects.filter(is_superuser=True).first() or User.objects.create(username="bench", is_superuser=True)

    def timed(label, fn):
        with CaptureQueriesContext(connection) as q:
            t = time.perf_counter()
            result = fn()
            ms = (time.perf_counter() - t) * 1000
        print(f"{label}: {ms:.0f} ms, {len(q.captured_queries)} SQL statements")
        for slow in sorted(q.captured_queries, key=lambda x: -float(x["time"]))[:3]:
            print(f"    {float(slow['time']) * 1000:.0f} ms  {slow['sql'][:160]}")
        return result

    s = timed("statistics 2026-Q4, county 350921 (14 townships side by side)",
              lambda: service.statistics(admin, region_code="350921", period="2026-Q4"))
    print(f"  批次 {s.figure('batches').value}, 人次 {s.figure('persons').value}, children {len(s.children)}")
    timed("statistics 2026 (a year), county", lambda: service.statistics(admin, region_code="350921", period="2026"))
    timed("statistics .xlsx", lambda: workbook.write_statistics(s, io.BytesIO()))
    data = timed("work report .docx (with the chart)", lambda: work_report.build(s))
    print(f"  .docx {len(data) // 1024} KB")


if __name__ == "__main__":
    main()
