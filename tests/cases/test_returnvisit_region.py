"""Return visits carry their case's region code (issue 17 item 4): the 三率 read the visits alone by
(region_code, at), so the code must be the case's, and a region filter must count exactly its visits."""

from __future__ import annotations

import pytest
from django.utils import timezone

from sixia.cases import rates
from sixia.cases.models import ReturnVisit

pytestmark = pytest.mark.django_db


def test_a_visit_gets_its_cases_region_and_the_rates_filter_by_it(owner, new_case, units):
    here = new_case(region_code="350921101")
    there = new_case(region_code="350921102")
    now = here.registered_at  # the visits' moment from the data, not the day the suite runs
    for case in (here, there):
        ReturnVisit.objects.create(case=case, unit=units["housing"], at=now, method="phone", contacted=True,
                                   resolved=True, satisfaction="satisfied")
    assert sorted(ReturnVisit.objects.values_list("region_code", flat=True)) == ["350921101", "350921102"]
    period = str(timezone.localtime(now).year)
    assert rates.rates_for(owner, period=period).valid == 2
    assert rates.rates_for(owner, period=period, region_code="350921101").valid == 1
