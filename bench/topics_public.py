"""Time the portal's 点题整治 pages and count their statements: the list of published topics and one topic page
(measures, dated progress timeline, votes, ratings and the satisfaction rate).

    SIXIA_DEBUG=true SIXIA_VAR_DIR=$(mktemp -d) .tools/bin/uv run python bench/topics_public.py [--topics 300] [--votes 5000]

Migrates a fresh database, bulk-inserts ``--topics`` published topics of 霞浦县 (5 measures × 12 progress reports
each, half of them done with 200 ratings), ``--votes`` votes on the first one, then renders each page 20 times.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from datetime import date, timedelta

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sixia.settings")
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "src"))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--topics", type=int, default=300)
    parser.add_argument("--votes", type=int, default=5000)
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    setup_test_environment()
    settings.ALLOWED_HOSTS = ["*"]
    settings.SIXIA_THROTTLE = {"default": "off", "public_read": "off", "topic_vote": "off"}
    call_command("migrate", verbosity=0)
    from sixia.geo.models import Region
    from sixia.org.models import Unit
    from sixia.topics.models import Measure, Progress, Rating, Topic, Vote

    region, _ = Region.objects.get_or_create(code="350921", defaults={"name": "霞浦县", "level": 3})
    unit, _ = Unit.objects.get_or_create(name="霞浦县住建局", region=region, defaults={"kind": "department"})
    started = time.perf_counter()
    with transaction.atomic():
        topics = Topic.objects.bulk_create([
            Topic(year=2026, region=region, title=f"题目{i}", problem="问题描述" * 20, lead_unit=unit,
                  state="done" if i % 2 else "answering", result="成效" * 30 if i % 2 else "")
            for i in range(args.topics)])
        measures = Measure.objects.bulk_create([Measure(topic=t, unit=unit, title=f"举措{j}",
                                                        due_date=date(2026, 6, 1) + timedelta(days=j), progress=60)
                                                for t in topics for j in range(5)], batch_size=5000)
        Progress.objects.bulk_create([Progress(measure=m, day=date(2026, 1, 1) + timedelta(days=10 * k), percent=5 * k,
                                               text="进展") for m in measures for k in range(12)], batch_size=10000)
        Rating.objects.bulk_create([Rating(topic=t, satisfaction=("satisfied", "basically", "dissatisfied")[n % 3],
                                           phone_index=f"{t.pk}-{n}") for t in topics if t.state == "done"
                                    for n in range(200)], batch_size=10000)
        Vote.objects.bulk_create([Vote(topic=topics[0], phone_index=str(n)) for n in range(args.votes)],
                                 batch_size=10000)
    print(f"inserted {args.topics} topics, {len(measures)} measures, {len(measures) * 12} progress reports in "
          f"{time.perf_counter() - started:.1f}s ({connection.vendor})")

    client = Client()
    done = next(t for t in topics if t.state == "done")
    for label, url in (("list /public/topics/", "/public/topics/"), ("topic page, done", f"/public/topics/{done.pk}/"),
                       ("topic page, most votes", f"/public/topics/{topics[0].pk}/"),
                       ("API topic", f"/api/v1/public/topics/{done.pk}")):
        times = []
        for _ in range(20):
            t0 = time.perf_counter()
            with CaptureQueriesContext(connection) as queries:
                answer = client.get(url)
            times.append((time.perf_counter() - t0) * 1000)
            assert answer.status_code == 200, (url, answer.status_code)
        print(f"{label}: median {statistics.median(times):.1f} ms, p95 {sorted(times)[18]:.1f} ms, "
              f"{len(queries)} statements")


if __name__ == "__main__":
    main()
