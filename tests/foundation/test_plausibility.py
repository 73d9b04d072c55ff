"""Plausibility rules: dates before the earliest date or in the future are refused, with the field named."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
import time_machine
from django.utils import timezone

from sixia.core.errors import InvalidInput
from sixia.core.models import InputRules
from sixia.core.plausibility import check_in_range, check_return_visit

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 6, 15, 10, 0, tzinfo=timezone.get_fixed_timezone(480))


@time_machine.travel(NOW, tick=False)
def test_future_and_early_dates_are_refused_with_the_field():
    check_in_range(date(2026, 6, 15), field="day", label_zh="日期", label_en="date")
    check_in_range(NOW + timedelta(minutes=5), field="at", label_zh="时间", label_en="time")
    with pytest.raises(InvalidInput) as err:
        check_in_range(date(2026, 6, 16), field="day", label_zh="日期", label_en="date")
    assert err.value.code == "date_in_future" and err.value.field == "day"
    with pytest.raises(InvalidInput):
        check_in_range(NOW + timedelta(hours=1), field="at", label_zh="时间", label_en="time")
    with pytest.raises(InvalidInput) as err:
        check_in_range(date(1, 1, 1), field="day", label_zh="日期", label_en="date", allow_future=True)
    assert err.value.code == "date_too_early"
    check_in_range(date(2030, 1, 1), field="day", label_zh="日期", label_en="date", allow_future=True)


def test_the_earliest_date_is_data():
    InputRules.objects.create(earliest_date=date(2020, 1, 1))
    with pytest.raises(InvalidInput):
        check_in_range(date(2019, 12, 31), field="day", label_zh="日期", label_en="date")
    check_in_range(date(2020, 1, 1), field="day", label_zh="日期", label_en="date")


def test_an_unreached_petitioner_says_nothing():
    check_return_visit(contacted=True, resolved=True, satisfaction="satisfied")
    check_return_visit(contacted=False, resolved=False, satisfaction="")
    with pytest.raises(InvalidInput):
        check_return_visit(contacted=False, resolved=False, satisfaction="satisfied")
