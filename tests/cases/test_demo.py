"""The demo hook builds cases in every stage, some overdue, with return visits."""

import random

from sixia.cases import demo
from sixia.cases.models import Case, ReturnVisit


def test_it_builds_cases_in_many_states(db, regions):
    from sixia.org.demo import build

    ctx = build(seed=7)
    ctx.rng = random.Random(7)
    demo.populate(ctx, cases=40)
    assert Case.objects.count() == 40
    assert Case.objects.values("state").distinct().count() >= 4
    assert ReturnVisit.objects.exists()
    assert Case.objects.filter(warning="overdue").exists()
