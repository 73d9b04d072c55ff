"""Time quota compliance: the pure engine alone, then the county roll-up and the reminder scan on a database.

    SIXIA_VAR_DIR=$(mktemp -d) .tools/bin/uv run python bench/quotas_compliance.py [--officials 2000]
    .tools/bin/uv run python scripts/with_postgres.py -- .tools/bin/uv run python bench/quotas_compliance.py

Builds one county with 20 townships, ``--officials`` officials (ranks mixed: 10% 县处级, 40% 乡科级, 50%
一般干部, each unit's leaders linked to their township) and ``--per-official`` held activities each over
2026 (real Activity + Participant rows, read back through activities.selectors.participations). Then times
(1) the engine over the same rows in memory, (2) ``compliance.rollup`` for the year and a quarter (what the
API and the page call), (3) one reminder scan on 2026-12-27 (month, quarter and year leads all open).
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from datetime import date, timedelta

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sixia.settings")
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "src"))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--officials", type=int, default=2000)
    parser.add_argument("--per-official", type=int, default=25)
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    call_command("migrate", verbosity=0)
    from sixia.activities.models import Activity, Participant
    from sixia.activities.selectors import participations
    from sixia.engines import quotas as engine
    from sixia.geo.models import Region
    from sixia.org.models import Linkage, Official, Unit, User
    from sixia.quotas import compliance, selectors
    from sixia.quotas.services import send_reminders

    rng = random.Random(4)
    county, _ = Region.objects.get_or_create(code="350921", defaults={"name": "霞浦县", "level": 3})
    townships = [Region.objects.get_or_create(code=f"350921{100 + i:03d}", defaults={
        "name": f"镇{i}", "level": 4, "parent_id": county.code})[0] for i in range(20)]
    Region.objects.bulk_create([Region(code=f"{t.code}{v}", name=f"{t.name}村{v}", level=5, parent_id=t.code)
                                for t in townships for v in range(200, 216)], ignore_conflicts=True)
    started = time.perf_counter()
    with transaction.atomic():
        units = [Unit.objects.get_or_create(name=f"基准单位{i}", region=townships[i], defaults={"kind": "township"})[0]
                 for i in range(20)]
        ranks = ["county"] * 10 + ["township"] * 40 + ["staff"] * 50
        Official.objects.bulk_create([Official(name=f"干部{i}", unit=units[i % 20], rank=ranks[i % 100])
                                      for i in range(args.officials)])
        officials = list(Official.objects.filter(name__startswith="干部").select_related("unit"))
        Linkage.objects.bulk_create([Linkage(official=o, kind="township", region_id=o.unit.region_id,
                                             starts_on=date(2025, 1, 1)) for o in officials if o.rank != "staff"])
        kinds = ["reception", "visit", "onsite", "research", "lecture"]
        acts = []
        for o in officials:
            for _ in range(args.per_official):
                kind = rng.choice(kinds)
                region = o.unit.region_id + f"{rng.randint(200, 215)}" if rng.random() < 0.7 else rng.choice(
                    townships).code
                acts.append(Activity(kind=kind, title="基准", region_id=region, start_day=date(2026, 1, 1) + timedelta(
                    days=rng.randint(0, 364)), days=2 if kind == "research" else 1))
        Activity.objects.bulk_create(acts, batch_size=5000)
        ids = list(Activity.objects.filter(title="基准").order_by("pk").values_list("pk", flat=True))
        Participant.objects.bulk_create([Participant(activity_id=a, official_id=officials[i // args.per_official].pk)
                                         for i, a in enumerate(ids)], batch_size=5000)
    insert_s = time.perf_counter() - started
    n_parts = len(ids)

    year = engine.parse_period("2026")
    t = time.perf_counter()
    rows = participations(None, year.start, year.end)
    fetch_s = time.perf_counter() - t
    by_official: dict[int, list] = {}
    for p in rows:
        by_official.setdefault(p.official_id, []).append(p)
    rules = selectors.active_rules()
    links = selectors.links_of([o.pk for o in officials])
    t = time.perf_counter()
    evaluated = 0
    for o in officials:
        mine = [selectors.to_engine(r) for r in selectors.applicable(rules, o.rank, o.unit.region_id)]
        evaluated += len(engine.evaluate(mine, by_official.get(o.pk, []), year, date(2026, 12, 1), links.get(o.pk, [])))
    engine_s = time.perf_counter() - t

    admin = User.objects.filter(username="bench-admin").first() or User.objects.create_superuser(
        "bench-admin", password="x-Bench-Admin-42")
    timings = {}
    for period in ("2026", "2026-Q4", "2026-11"):
        t = time.perf_counter()
        report = compliance.rollup(admin, period=period, region_code="350921", today=date(2026, 12, 1))
        timings[period] = time.perf_counter() - t
    t = time.perf_counter()
    run = send_reminders(date(2026, 12, 27))
    remind_s = time.perf_counter() - t
    t = time.perf_counter()
    again = send_reminders(date(2026, 12, 27))
    remind_again_s = time.perf_counter() - t

    print(f"database: {connection.vendor}")
    print(f"officials: {len(officials)}, participations: {n_parts} (inserted in {insert_s:.1f} s)")
    print(f"participations() for the year: {fetch_s * 1000:.0f} ms for {len(rows)} rows")
    print(f"engine: {evaluated} rule results in {engine_s * 1000:.0f} ms")
    for period, seconds in timings.items():
        print(f"compliance.rollup({period}): {seconds * 1000:.0f} ms ({len(report.rows)} officials)")
    print(f"send_reminders (first run): {remind_s * 1000:.0f} ms, sent {run.sent} of {run.behind} behind")
    print(f"send_reminders (second run, idempotent): {remind_again_s * 1000:.0f} ms, sent {again.sent}")


if __name__ == "__main__":
    main()
