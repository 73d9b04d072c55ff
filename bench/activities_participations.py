"""Time ``activities.selectors.participations`` (what the quotas count) and one reception-period summary.

    SIXIA_VAR_DIR=$(mktemp -d) .tools/bin/uv run python bench/activities_participations.py [--activities 50000]
    .tools/bin/uv run python scripts/with_postgres.py -- .tools/bin/uv run python bench/activities_participations.py

Migrates a fresh database, bulk-inserts activities of every kind over 2026 for 500 officials (two officials
each), then times a year of participations for all officials, for one official, and a quarter's reception
summary computed from the records (problems: 5 per reception day).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from datetime import date, timedelta

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sixia.settings")
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "src"))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--activities", type=int, default=50_000)
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import transaction

    call_command("migrate", verbosity=0)
    from sixia.activities import selectors
    from sixia.activities.models import Activity, Kind, Participant, Problem
    from sixia.geo.models import Region
    from sixia.org.models import Official, Unit, User

    region, _ = Region.objects.get_or_create(code="350921", defaults={"name": "霞浦县", "level": 3})
    unit, _ = Unit.objects.get_or_create(name="霞浦县人民政府", region=region, defaults={"kind": "government"})
    officials = Official.objects.bulk_create([Official(name=f"干部{i}", unit=unit, rank="county")
                                              for i in range(500)])
    kinds = list(Kind.values)
    started = time.perf_counter()
    with transaction.atomic():
        rows = [Activity(kind=kinds[i % 5], title=f"活动{i}", region=region, start_day=date(2026, 1, 1)
                         + timedelta(days=i % 365), days=2 if i % 5 == 3 else 1, four_not_two_direct=i % 10 == 3)
                for i in range(args.activities)]
        Activity.objects.bulk_create(rows, batch_size=2000)
        ids = list(Activity.objects.values_list("pk", "kind"))
        Participant.objects.bulk_create(
            [Participant(activity_id=pk, official=officials[(n * 2 + j) % 500]) for n, (pk, _) in enumerate(ids)
             for j in range(2)], batch_size=5000)
        Problem.objects.bulk_create(
            [Problem(activity_id=pk, description="问题", headcount=1, outcome="solved" if j == 0 else "explained")
             for pk, kind in ids if kind == Kind.RECEPTION for j in range(5)], batch_size=5000)
    print(f"inserted {args.activities} activities in {time.perf_counter() - started:.1f}s")
    from django.db import connection

    if connection.vendor == "postgresql":  # fresh statistics, as autovacuum would have gathered by now
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

    def timed(label, fn):
        t0 = time.perf_counter()
        result = fn()
        print(f"{label}: {(time.perf_counter() - t0) * 1000:.0f} ms ({len(result) if hasattr(result, '__len__') else result})")

    timed("participations, all officials, one year",
          lambda: selectors.participations(None, date(2026, 1, 1), date(2026, 12, 31)))
    timed("participations, one official, one year",
          lambda: selectors.participations([officials[7].pk], date(2026, 1, 1), date(2026, 12, 31)))
    timed("participations, 100 officials, one quarter",
          lambda: selectors.participations([o.pk for o in officials[:100]], date(2026, 1, 1), date(2026, 3, 31)))
    admin = User.objects.filter(is_superuser=True).first() or User.objects.create(username="bench", is_superuser=True)
    timed("reception summary, one quarter",
          lambda: selectors.period_summary(admin, date(2026, 1, 1), date(2026, 3, 31))["sentence"])


if __name__ == "__main__":
    main()
