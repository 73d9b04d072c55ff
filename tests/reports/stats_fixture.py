"""A small county with known counts for the statistics tests (November 2026, and November 2025 for 同比)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from tests.conftest import OTHER_TOWNSHIP, TOWNSHIP

TZ = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 12, 2, 10, 0, tzinfo=TZ)


def at(*args) -> datetime:
    return datetime(*args, tzinfo=TZ)


@pytest.fixture
def frozen():
    import time_machine

    with time_machine.travel(NOW, tick=False):
        yield NOW


@pytest.fixture
def county_data(frozen, new_case, owner, units):
    """2026-11: five cases (12 人次: one 集体访 of 8), one repeated, one 越级, three accepted (two in time), two
    replied (one in time), both rated (one satisfied); 2025-11: two cases. Activities: a reception day (5 people,
    1 solved on the spot + 1 case), a door-to-door visit to 2 households, a 2-day research trip, a planned lecture
    (not counted); 2025-11: a lecture to 50 people."""
    from sixia.activities.models import Activity, Problem
    from sixia.cases.models import Case

    made = [new_case(now=at(2026, 11, 3 + i, 9), title=f"诉求{i}", content=f"内容{i}",
                     region_code=OTHER_TOWNSHIP if i == 4 else TOWNSHIP, channel="letter" if i == 4 else "visit")
            for i in range(5)]
    c = [Case.objects.get(pk=x.pk) for x in made]
    Case.objects.filter(pk=c[0].pk).update(headcount=8, is_collective=True, accepted_at=c[0].registered_at +
                                           timedelta(days=1), replied_at=c[0].handle_due or at(2026, 11, 20),
                                           satisfaction="satisfied")
    Case.objects.filter(pk=c[0].pk, handle_due__isnull=True).update(handle_due=at(2026, 12, 30))
    Case.objects.filter(pk=c[1].pk).update(is_repeated=True, accepted_at=c[1].registered_at + timedelta(days=2),
                                           replied_at=at(2027, 3, 1), handle_due=at(2027, 1, 1),
                                           satisfaction="dissatisfied")
    Case.objects.filter(pk=c[2].pk).update(is_over_level=True, accepted_at=c[2].accept_due + timedelta(days=1))
    for i in range(2):
        new_case(now=at(2025, 11, 10 + i, 9), title=f"旧诉求{i}", content=f"旧内容{i}")
    day = Activity.objects.create(kind="reception", title="接访日", region_id=TOWNSHIP, start_day=date(2026, 11, 15))
    Problem.objects.create(activity=day, description="路灯", headcount=3, outcome=Problem.Outcome.SOLVED)
    Problem.objects.create(activity=day, description="用水", headcount=2, outcome=Problem.Outcome.CASE)
    Activity.objects.create(kind="visit", visit_type="door_to_door", title="走访", region_id=OTHER_TOWNSHIP,
                            start_day=date(2026, 11, 18), households=[{"name": "甲"}, {"name": "乙"}])
    Activity.objects.create(kind="research", title="调研", region_id=TOWNSHIP, start_day=date(2026, 11, 20), days=2)
    Activity.objects.create(kind="lecture", title="宣讲（计划）", region_id=TOWNSHIP, start_day=date(2026, 11, 28),
                            status="planned", audience=99)
    Activity.objects.create(kind="lecture", title="旧宣讲", region_id=TOWNSHIP, start_day=date(2025, 11, 5), audience=50)
    return c
