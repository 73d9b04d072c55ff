"""The 三率 monthly rollup gives exactly the live answer: visits across months, units, regions and formulas."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.conftest import COUNTY, OTHER_COUNTY, OTHER_TOWNSHIP, TOWNSHIP

TZ = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 12, 2, 10, 0, tzinfo=TZ)
PERIODS = ("2026", "2025", "2026-Q4", "2026-Q1", "2026-11", "2026-12", "2025-12", "2026-02")
REGIONS = (TOWNSHIP, OTHER_TOWNSHIP, COUNTY, "3509", OTHER_COUNTY + "101", OTHER_COUNTY)
SATISFACTIONS = ("satisfied", "basically", "dissatisfied", "")


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield NOW


@pytest.fixture
def visits(frozen, new_case, units):
    """150 visits from 2025-11 to the current month (2026-12), midnight edges included, over six region codes
    (townships of two counties, a county, a city) and four units (and none), every satisfaction."""
    from sixia.cases.models import ReturnVisit

    cases = [new_case(now=datetime(2025, 10, 1, 9, tzinfo=TZ)) for _ in range(2)]
    unit_ids = [None, units["housing"].pk, units["township"].pk, units["other_township"].pk, units["other_county"].pk]
    for i in range(150):
        month = 11 + i % 14
        year, month = (2025, month) if month <= 12 else (2026, month - 12)
        day, hour, minute = (1, 0, 0) if i % 11 == 0 else (1 + i % 27, (i * 7) % 24, (i * 13) % 60)
        ReturnVisit.objects.create(
            case=cases[i % 2], at=datetime(year, month, day, hour, minute, tzinfo=TZ), method="phone",
            unit_id=unit_ids[i % 5], region_code=REGIONS[i % 6], contacted=i % 4 != 0, resolved=i % 3 == 0,
            satisfaction=SATISFACTIONS[(i // 2) % 4])
    # one minute before a month starts in Shanghai is still the previous month
    ReturnVisit.objects.create(case=cases[0], at=datetime(2026, 3, 31, 23, 59, tzinfo=TZ), method="sms",
                               unit_id=units["housing"].pk, region_code=TOWNSHIP, satisfaction="satisfied")


@pytest.fixture
def readers(make_user, units, owner, township_user, outsider):
    return {"province": make_user("prov", ["admin"], "35"), "city": make_user("city", ["admin"], "3509"),
            "county": owner, "township": township_user, "outsider": outsider}


def answers(readers, units) -> dict:
    from sixia.cases.rates import rates_for
    from sixia.core.errors import DomainError
    from sixia.reports.rankings import ranking

    out: dict = {}
    for who, user in readers.items():
        for period in PERIODS:
            for unit in (None, units["housing"].pk, units["other_county"].pk):
                out[who, period, "rates", unit] = rates_for(user, period=period, unit=unit).as_dict()
            for region in ("", "35", "3509", COUNTY, TOWNSHIP):
                out[who, period, "rates", region] = rates_for(user, period=period, region_code=region).as_dict()
                try:
                    out[who, period, "ranking", region] = ranking(user, period=period, region_code=region).as_dict()
                except DomainError as error:
                    out[who, period, "ranking", region] = type(error).__name__
    return out


def live_answers(readers, units) -> dict:
    """The reference: the same questions with every month unmarked (counted from the visits)."""
    from sixia.cases.models import RateRollupMonth

    marks = list(RateRollupMonth.objects.all())
    RateRollupMonth.objects.all().delete()
    try:
        return answers(readers, units)
    finally:
        RateRollupMonth.objects.bulk_create(marks)


def test_rollup_equals_live_across_months_units_regions_and_formulas(visits, readers, units):
    from sixia.cases import rollup
    from sixia.cases.models import CaseSettings, RateRollup, RateRollupMonth, ReturnVisit

    before = answers(readers, units)
    with CaptureQueriesContext(connection) as queries:
        result = rollup.refresh()
    assert result["months"] == [f"2025-{m}" for m in (11, 12)] + [f"2026-{m:02d}" for m in range(1, 12)]
    assert result["visits"] == ReturnVisit.objects.filter(at__lt=datetime(2026, 12, 1, tzinfo=TZ)).count()
    inserts = [q for q in queries.captured_queries if q["sql"].startswith("INSERT INTO cases_raterollup")]
    assert len(inserts) == 13  # one INSERT … SELECT … GROUP BY per month
    assert not RateRollupMonth.objects.filter(month__gte="2026-12-01").exists()  # the current month stays live
    assert set(RateRollup.objects.values_list("region_code", flat=True)) == {COUNTY, "3509", OTHER_COUNTY}
    province = readers["province"]
    plan = rollup.plan(province, *rollup.month_bounds(rollup.month_of(NOW)), now=NOW)
    assert plan.rolled == [] and len(plan.live) == 1
    start, end = datetime(2026, 1, 1, tzinfo=TZ), datetime(2027, 1, 1, tzinfo=TZ)
    assert len(rollup.plan(province, start, end, now=NOW).rolled) == 11
    assert rollup.plan(readers["township"], start, end, now=NOW).rolled == []  # deeper than a county: live

    after = answers(readers, units)
    assert after == before
    assert any(v != 0 and isinstance(v, dict) and v.get("valid") for v in after.values())

    CaseSettings.objects.update(weight_response=0.3, weight_resolution=0.35, weight_satisfaction=0.35,
                                basically_factor=0.5)
    assert answers(readers, units) == live_answers(readers, units)
    assert RateRollupMonth.objects.count() == 13

    # a late visit in a rolled-up month: that month is counted live until the next refresh, and still equal
    ReturnVisit.objects.create(case=ReturnVisit.objects.first().case, at=datetime(2026, 6, 15, tzinfo=TZ),
                               method="phone", unit_id=units["housing"].pk, region_code=TOWNSHIP, resolved=True,
                               satisfaction="basically")
    assert not RateRollupMonth.objects.filter(month="2026-06-01").exists()
    assert answers(readers, units) == live_answers(readers, units)
    assert rollup.refresh()["months"] == ["2026-06"]
    assert answers(readers, units) == live_answers(readers, units)


def test_editing_or_deleting_a_visit_unmarks_its_months(visits, units):
    from sixia.cases import rollup
    from sixia.cases.models import RateRollupMonth, ReturnVisit

    rollup.refresh()
    visit = ReturnVisit.objects.filter(at__month=5, at__year=2026).first()
    visit.at = datetime(2026, 7, 2, tzinfo=TZ)
    visit.save()
    assert set(rollup.stale_months()) == {datetime(2026, 5, 1).date(), datetime(2026, 7, 1).date()}
    rollup.refresh()
    ReturnVisit.objects.filter(pk=visit.pk).first().delete()
    assert [m.isoformat() for m in rollup.stale_months()] == ["2026-07-01"]
    assert RateRollupMonth.objects.count() == 12


def test_refresh_rates_command_rolls_up_and_is_idempotent(visits, capsys):
    import json

    call_command("refresh_rates")
    first = json.loads(capsys.readouterr().out)
    assert len(first["months"]) == 13 and first["visits"] > 0
    call_command("refresh_rates")
    assert json.loads(capsys.readouterr().out)["months"] == []
