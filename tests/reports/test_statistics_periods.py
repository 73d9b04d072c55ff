"""Statistics periods (pure): month, quarter, year, custom span; the same period last year; bad input."""

from __future__ import annotations

from datetime import date

import pytest

from sixia.reports.statistics.periods import StatPeriodError, months_of, parse


@pytest.mark.parametrize(("text", "start", "end", "label", "last_key"), [
    ("2026-11", date(2026, 11, 1), date(2026, 11, 30), "2026年11月", "2025-11"),
    ("2026-Q4", date(2026, 10, 1), date(2026, 12, 31), "2026年第四季度", "2025-Q4"),
    ("2026", date(2026, 1, 1), date(2026, 12, 31), "2026年", "2025"),
    ("2026-h1", date(2026, 1, 1), date(2026, 6, 30), "2026年上半年", "2025-H1"),
])
def test_named_periods(text, start, end, label, last_key):
    p = parse(text)
    assert (p.start, p.end, p.label_zh, p.last_year().key) == (start, end, label, last_key)


def test_custom_span_and_leap_day():
    p = parse(date_from="2024-02-01", date_to="2024-02-29")
    assert p.kind == "custom" and p.label_zh == "2024年2月1日至2024年2月29日" and p.quota_key == ""
    last = p.last_year()
    assert (last.start, last.end) == (date(2023, 2, 1), date(2023, 2, 28))
    assert [m for m in months_of(parse(date_from="2026-01-15", date_to="2026-03-02"))] == [
        (date(2026, 1, 15), date(2026, 1, 31)), (date(2026, 2, 1), date(2026, 2, 28)),
        (date(2026, 3, 1), date(2026, 3, 2))]


def test_no_period_is_the_current_quarter():
    assert parse(today=date(2026, 12, 2)).key == "2026-Q4"


@pytest.mark.parametrize(("kwargs", "field", "zh"), [
    ({"period": "2026-13"}, "period", "月份"), ({"period": "26-Q1"}, "period", "统计期格式"),
    ({"date_from": "2026-03-02", "date_to": "2026-03-01"}, "to", "结束日期"),
    ({"date_to": "2026-03-01"}, "from", "同时填写"), ({"date_from": "2026-3-1x", "date_to": "2026-03-01"}, "from", "日期格式"),
    ({"date_from": "2000-01-01", "date_to": "2026-03-01"}, "to", "十年"),
    ({"period": "2026", "date_from": "2026-01-01", "date_to": "2026-01-02"}, "period", "只能填一种"),
])
def test_bad_input_names_the_field(kwargs, field, zh):
    with pytest.raises(StatPeriodError) as info:
        parse(**kwargs)
    assert info.value.field == field and zh in info.value.message_zh and info.value.message_en
