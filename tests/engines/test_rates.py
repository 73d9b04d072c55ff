"""三率 and the composite score, with values counted by hand."""

from __future__ import annotations

from datetime import date

import pytest

from sixia.engines.rates import Counts, Formula, RatesError, compute, parse_period


def test_the_default_formula_by_hand():
    # 10 valid visits: 9 contacted, 7 resolved, 5 satisfied, 3 basically satisfied
    rates = compute(Counts(valid=10, contacted=9, resolved=7, satisfied=5, basically=3), Formula(), "2026-Q1")
    assert (rates.response_rate, rates.resolution_rate) == (0.9, 0.7)
    assert rates.satisfaction_rate == 0.77                # (5 + 0.9 × 3) / 10
    assert rates.score == 74.8                           # 100 × (0.1×0.9 + 0.5×0.7 + 0.4×0.77) = 9 + 35 + 30.8
    assert rates.as_dict()["period"] == "2026-Q1"


def test_another_countys_weights_by_hand():
    formula = Formula(weight_response=0.3, weight_resolution=0.35, weight_satisfaction=0.35, basically_factor=0.8)
    rates = compute({"valid": 4, "contacted": 4, "resolved": 3, "satisfied": 2, "basically": 1}, formula)
    assert rates.satisfaction_rate == 0.7                 # (2 + 0.8) / 4
    assert rates.score == 80.75                           # 100 × (0.3×1 + 0.35×0.75 + 0.35×0.7) = 30 + 26.25 + 24.5


def test_rates_are_rounded_to_four_places():
    rates = compute(Counts(valid=3, contacted=3, resolved=2, satisfied=1, basically=1), Formula(), "")
    assert rates.resolution_rate == 0.6667                # 2/3
    assert rates.satisfaction_rate == 0.6333              # 1.9/3
    assert rates.score == round(100 * (0.1 + 0.5 * 0.6667 + 0.4 * 0.6333), 2) == 68.67


def test_no_valid_visit_gives_zero_not_a_division_error():
    rates = compute(Counts(), Formula(), "2026")
    assert (rates.valid, rates.response_rate, rates.score) == (0, 0.0, 0.0)


def test_inconsistent_counts_are_refused():
    for bad in (Counts(valid=2, contacted=3), Counts(valid=2, satisfied=2, basically=1), Counts(valid=-1)):
        with pytest.raises(RatesError):
            compute(bad, Formula())


def test_formula_problems_are_reported():
    assert Formula().problems() == []
    assert len(Formula(weight_response=-0.1, basically_factor=1.5).problems()) == 2


@pytest.mark.parametrize(("period", "start", "end"), [
    ("2026", date(2026, 1, 1), date(2027, 1, 1)),
    ("2026-03", date(2026, 3, 1), date(2026, 4, 1)),
    ("2026-12", date(2026, 12, 1), date(2027, 1, 1)),
    ("2026-Q1", date(2026, 1, 1), date(2026, 4, 1)),
    (" 2026-q4 ", date(2026, 10, 1), date(2027, 1, 1)),
])
def test_periods(period, start, end):
    assert parse_period(period) == (start, end)


@pytest.mark.parametrize("period", ["", "26", "2026-13", "2026-00", "2026-Q5", "2026/03", "last year"])
def test_bad_periods_are_refused_in_chinese_and_english(period):
    with pytest.raises(RatesError) as error:
        parse_period(period)
    assert error.value.code == "invalid_period" and error.value.field == "period"
    assert error.value.message_zh and error.value.message_en
