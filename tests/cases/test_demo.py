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


def test_the_demo_leader_owns_cases_and_the_supervisor_supervised_some(db, regions):
    from sixia.cases.models import LeaderNote, Supervision
    from sixia.org.demo import build

    ctx = build(seed=7)
    ctx.rng = random.Random(7)
    demo.populate(ctx, cases=60)
    official = ctx.users["leader"].official
    owned = Case.objects.filter(owner_leader=official)
    assert owned.count() >= 3 and LeaderNote.objects.filter(case__in=owned).exists()
    manual = Supervision.objects.filter(automatic=False, by=ctx.users["supervisor"])
    assert manual.exists() and all(row.unit_id and row.reply_by for row in manual)
