"""Time the case-ledger export (台账 .xlsx) over 100k cases and measure its peak memory.

    SIXIA_VAR_DIR=$(mktemp -d) .tools/bin/uv run python bench/cases_ledger_export.py [--cases 100000]
    .tools/bin/uv run python scripts/with_postgres.py -- .tools/bin/uv run python bench/cases_ledger_export.py

Migrates a fresh database, bulk-inserts cases (one or two petitioners each, with sealed ID numbers and
phones) and exports the whole ledger of a county administrator to a temporary file, twice:
1. plain — wall time, rows per second, and the growth of the process's peak RSS (ru_maxrss) during the export;
2. under tracemalloc — the peak of Python allocations during the export (tracemalloc slows Python down, so
   this run's time is not the export time).
Memory "stays flat" when the peak does not grow with the number of rows: compare ``--cases 10000``.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
import tracemalloc
from datetime import timedelta

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sixia.settings")
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "src"))


def maxrss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--no-tracemalloc", action="store_true", help="skip the second, traced export")
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.utils import timezone

    call_command("migrate", verbosity=0)
    from sixia.cases.models import Case, CasePetitioner, Category
    from sixia.core.identity import id_check_char
    from sixia.core.personal import seal_id_number, seal_phone
    from sixia.geo.models import Region
    from sixia.org.models import Unit
    from sixia.org.services import create_user
    from sixia.people.models import Person
    from sixia.reports import ledger

    region, _ = Region.objects.get_or_create(code="350921", defaults={"name": "霞浦县", "level": 3})
    unit, _ = Unit.objects.get_or_create(name="霞浦县住建局", region=region, defaults={"kind": "department"})
    user = create_user(actor=None, username="bench-ledger", password="Correct-Horse-42x", roles=["admin"],
                       jurisdiction_code="350921", unit=unit)
    categories = list(Category.objects.filter(parent__isnull=False))
    now = timezone.now()
    started = time.perf_counter()
    with transaction.atomic():
        persons = []
        for i in range(max(args.cases // 5, 1)):
            body = f"350921{1950 + i % 50}{1 + i % 12:02d}{1 + i % 28:02d}{i % 1000:03d}"
            sid, sphone = seal_id_number(body + id_check_char(body)), seal_phone(f"139{i:08d}")
            persons.append(Person(name=f"群众{i}", region=region, id_number_token=sid.token,
                                  id_number_index=sid.index, id_number_masked=sid.masked, phone_token=sphone.token,
                                  phone_index=sphone.index, phone_masked=sphone.masked))
        persons = Person.objects.bulk_create(persons, batch_size=5000)
        batch: list[Case] = []
        links: list[CasePetitioner] = []

        def flush() -> None:
            created = Case.objects.bulk_create(batch)
            for case in created:
                for k in range(1 + (case.pk % 2)):
                    links.append(CasePetitioner(case=case, person=persons[(case.pk + k * 7) % len(persons)]))
            CasePetitioner.objects.bulk_create(links)
            batch.clear()
            links.clear()

        for i in range(args.cases):
            registered = now - timedelta(days=90, minutes=i)
            batch.append(Case(
                tracking_no=f"L{i:09d}", track="petition", channel="visit", petition_class="appeal",
                category=categories[i % len(categories)], title=f"第{i}号：小区电梯长期停运无人维修",
                content="电梯停运三个月无人维修，老人上下楼困难，多次向物业反映未果。" * 3, region=region,
                registered_at=registered, occurred_at=registered - timedelta(days=2), state="handling",
                responsible_unit=unit, step="handle", step_started_at=registered,
                due_at=registered + timedelta(days=60), handle_due=registered + timedelta(days=60)))
            if len(batch) == 5000:
                flush()
        if batch:
            flush()
    insert_s = time.perf_counter() - started
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute("ANALYZE")

    filters = ledger.LedgerFilter()
    with tempfile.TemporaryFile() as out:
        rss_before = maxrss_mib()
        t0 = time.perf_counter()
        rows = ledger.export_ledger(actor=user, filters=filters, out=out, full_personal=False)
        export_s = time.perf_counter() - t0
        rss_after = maxrss_mib()
        size_mib = out.tell() / 1024 / 1024
    traced_peak = None
    if not args.no_tracemalloc:
        with tempfile.TemporaryFile() as out:
            tracemalloc.start()
            ledger.export_ledger(actor=user, filters=filters, out=out, full_personal=False)
            traced_peak = tracemalloc.get_traced_memory()[1] / 1024 / 1024
            tracemalloc.stop()

    print(f"database: {connection.vendor}")
    print(f"cases: {Case.objects.count():,} with {CasePetitioner.objects.count():,} petitioner links "
          f"(inserted in {insert_s:.1f} s)")
    print(f"export: {rows:,} rows in {export_s:.1f} s ({rows / export_s:,.0f} rows/s), file {size_mib:.1f} MiB")
    print(f"peak RSS: {rss_before:.0f} MiB before, {rss_after:.0f} MiB after (growth {rss_after - rss_before:.0f} MiB)")
    if traced_peak is not None:
        print(f"tracemalloc peak during export: {traced_peak:.1f} MiB")


if __name__ == "__main__":
    main()
