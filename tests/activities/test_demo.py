"""The demo hook builds a year of activities whose records produce summaries and participations."""

from __future__ import annotations

import random
from datetime import date

from sixia.activities import demo, selectors
from sixia.activities.models import Activity, Problem


def test_it_builds_activities_of_every_kind(db, regions):
    from sixia.org.demo import build
    from sixia.people import demo as people_demo

    ctx = build(seed=7)
    ctx.rng = random.Random(7)
    people_demo.populate(ctx, persons=30)
    demo.populate(ctx)
    held = Activity.objects.filter(status="held", start_day__lt=date.today())
    assert {a.kind for a in held} == {"reception", "onsite", "research", "lecture", "visit"}
    assert Activity.objects.filter(kind="reception", status="planned", is_published=True).exists() or \
        date.today() >= date(2026, 12, 15)
    assert Problem.objects.filter(case__isnull=False).exists()
    day = held.filter(kind="reception").first()
    assert selectors.day_summary(day)["sentence"].startswith("接待群众")
    assert selectors.participations(None, date(2026, 1, 1), date(2026, 12, 31))
    from django.utils import timezone

    first = Problem.objects.filter(case__isnull=False).select_related("case", "activity").first()
    assert timezone.localtime(first.case.registered_at).date() == first.activity.start_day  # backdated
