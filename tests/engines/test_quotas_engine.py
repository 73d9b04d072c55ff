"""The pure quotas engine: periods, compliance statuses, place conditions, roll-ups and sentences."""

from __future__ import annotations

from datetime import date

import pytest

from sixia.engines.quotas import (
    Link,
    Participation,
    Rule,
    Status,
    evaluate,
    evaluation_period,
    official_sentence,
    parse_period,
    period_sentence,
    periods_containing,
    rollup,
    totals_by_kind,
)
from sixia.engines.quotas.compliance import evaluation_span, place_matches
from sixia.engines.quotas.periods import PeriodError, period_of

TOWNSHIP = "350921101"
VILLAGE = "350921101201"
OTHER_TOWNSHIP = "350921102"


def part(kind="reception", day=date(2026, 11, 15), days=1.0, region=VILLAGE, activity=1, official=1, fntd=False):
    return Participation(official, kind, day, days, region, activity, fntd)


# ---- periods ----

@pytest.mark.parametrize(("text", "kind", "start", "end", "key"), [
    ("2026", "year", date(2026, 1, 1), date(2026, 12, 31), "2026"),
    ("2026-H1", "half", date(2026, 1, 1), date(2026, 6, 30), "2026-H1"),
    ("2026-h2", "half", date(2026, 7, 1), date(2026, 12, 31), "2026-H2"),
    ("2026-Q1", "quarter", date(2026, 1, 1), date(2026, 3, 31), "2026-Q1"),
    ("2026-Q4", "quarter", date(2026, 10, 1), date(2026, 12, 31), "2026-Q4"),
    ("2026-11", "month", date(2026, 11, 1), date(2026, 11, 30), "2026-11"),
    ("2026-2", "month", date(2026, 2, 1), date(2026, 2, 28), "2026-02"),
    ("2028-02", "month", date(2028, 2, 1), date(2028, 2, 29), "2028-02"),
    (" 2026-12 ", "month", date(2026, 12, 1), date(2026, 12, 31), "2026-12"),
])
def test_it_parses_periods(text, kind, start, end, key):
    p = parse_period(text)
    assert (p.kind, p.start, p.end, p.key) == (kind, start, end, key)


@pytest.mark.parametrize("text", ["", "26", "2026-13", "2026-0", "2026-Q5", "2026-H3", "2026/11", "abcd", "2026-Q"])
def test_it_refuses_bad_periods_with_a_chinese_message(text):
    with pytest.raises(PeriodError) as err:
        parse_period(text)
    assert err.value.message_zh and err.value.message_en


def test_it_labels_periods_in_chinese():
    assert [parse_period(t).label_zh for t in ("2026", "2026-H1", "2026-H2", "2026-Q4", "2026-11")] == [
        "2026年", "2026年上半年", "2026年下半年", "2026年第四季度", "2026年11月"]


def test_it_lists_the_periods_containing_a_day():
    keys = [p.key for p in periods_containing(date(2026, 8, 31))]
    assert keys == ["2026", "2026-H2", "2026-Q3", "2026-08"]
    assert [p.key for p in periods_containing(date(2026, 1, 1), ("month",))] == ["2026-01"]


def test_periods_tile_their_parent():
    year = parse_period("2026")
    assert [p.key for p in year.subperiods("quarter")] == ["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"]
    assert len(year.subperiods("month")) == 12 and sum(p.days for p in year.subperiods("month")) == 365
    assert [p.key for p in parse_period("2026-H2").subperiods("quarter")] == ["2026-Q3", "2026-Q4"]
    with pytest.raises(ValueError):
        parse_period("2026-Q1").subperiods("year")


def test_elapsed_fraction_counts_today_and_clamps():
    nov = parse_period("2026-11")
    assert nov.elapsed_fraction(date(2026, 10, 31)) == 0.0
    assert nov.elapsed_fraction(date(2026, 11, 1)) == pytest.approx(1 / 30)
    assert nov.elapsed_fraction(date(2026, 11, 15)) == pytest.approx(0.5)
    assert nov.elapsed_fraction(date(2026, 11, 30)) == 1.0
    assert nov.elapsed_fraction(date(2027, 1, 1)) == 1.0
    assert nov.days_left(date(2026, 11, 25)) == 5


# ---- evaluation ----

def test_finer_rules_are_multiplied_and_coarser_rules_use_their_own_period():
    q4 = parse_period("2026-Q4")
    assert evaluation_period("month", q4) == (q4, 3)
    assert evaluation_period("quarter", q4) == (q4, 1)
    assert evaluation_period("year", q4) == (parse_period("2026"), 1)
    assert evaluation_period("half", parse_period("2026-11")) == (parse_period("2026-H2"), 1)
    assert evaluation_span([Rule(1, "county", "research", "days", "year", 60)], parse_period("2026-11")) == (
        date(2026, 1, 1), date(2026, 12, 31))


def test_status_met_on_track_behind():
    rule = Rule(1, "county", "reception", "count", "month", 1)
    nov = parse_period("2026-11")
    done = [part(day=date(2026, 11, 3))]
    assert evaluate([rule], done, nov, date(2026, 11, 20))[0].status == Status.MET
    # nothing done: behind as soon as part of the period has passed (required × elapsed > 0)
    assert evaluate([rule], [], nov, date(2026, 11, 20))[0].status == Status.BEHIND
    # a period that has not begun: nothing expected yet
    assert evaluate([rule], [], nov, date(2026, 10, 20))[0].status == Status.ON_TRACK


def test_on_track_means_done_at_least_required_times_elapsed_fraction():
    rule = Rule(2, "county", "research", "days", "year", 60)
    year = parse_period("2026")
    trips = [part("research", date(2026, 3, 1), 20, activity=1), part("research", date(2026, 5, 1), 10, activity=2)]
    mid_june = date(2026, 6, 30)  # 181/365 elapsed → 29.75 days expected
    result = evaluate([rule], trips, year, mid_june)[0]
    assert (result.required, result.done, result.remaining) == (60, 30, 30)
    assert result.expected == pytest.approx(60 * 181 / 365)
    assert result.status == Status.ON_TRACK
    assert evaluate([rule], trips, year, date(2026, 7, 2))[0].status == Status.BEHIND  # 183/365 × 60 > 30


def test_count_measure_counts_activities_once_and_days_measure_sums_days():
    nov = parse_period("2026-11")
    parts = [part("research", date(2026, 11, 2), 2, activity=7, fntd=True),
             part("research", date(2026, 11, 2), 2, activity=7, fntd=True),  # same trip listed twice
             part("research", date(2026, 11, 9), 1.5, activity=8)]
    count = evaluate([Rule(1, "county", "research", "count", "month", 3)], parts, nov, date(2026, 11, 30))[0]
    days = evaluate([Rule(2, "county", "research", "days", "month", 3)], parts, nov, date(2026, 11, 30))[0]
    assert (count.done, count.activity_ids) == (2, (7, 8))
    assert days.done == 5.5 and days.status == Status.MET


def test_only_the_rules_kind_and_period_count():
    rule = Rule(1, "county", "onsite", "count", "quarter", 2)
    parts = [part("onsite", date(2026, 9, 30), activity=1), part("onsite", date(2026, 10, 1), activity=2),
             part("reception", date(2026, 10, 2), activity=3), part("onsite", date(2026, 12, 31), activity=4)]
    result = evaluate([rule], parts, parse_period("2026-Q4"), date(2027, 1, 5))[0]
    assert result.activity_ids == (2, 4) and result.status == Status.MET


def test_a_monthly_rule_asked_for_a_quarter_needs_three():
    rule = Rule(1, "county", "reception", "count", "month", 1)
    parts = [part(day=date(2026, 10, 15), activity=1), part(day=date(2026, 11, 16), activity=2)]
    result = evaluate([rule], parts, parse_period("2026-Q4"), date(2026, 12, 31))[0]
    assert (result.required, result.done, result.remaining, result.status) == (3, 2, 1, Status.BEHIND)


def test_linked_township_rules_count_only_activities_inside_an_active_linked_township():
    links = [Link("township", TOWNSHIP, date(2026, 1, 1), date(2026, 11, 20)), Link("village", "350921102201",
                                                                                       date(2026, 1, 1))]
    rule = Rule(1, "county", "reception", "count", "quarter", 5, where="linked_township")
    parts = [part(day=date(2026, 11, 1), region=VILLAGE, activity=1),  # inside the township: counts
             part(day=date(2026, 11, 2), region=TOWNSHIP, activity=2),  # the township itself: counts
             part(day=date(2026, 11, 3), region=OTHER_TOWNSHIP, activity=3),  # elsewhere
             part(day=date(2026, 11, 4), region="350921102201", activity=4),  # linked village, not township
             part(day=date(2026, 11, 25), region=VILLAGE, activity=5)]  # after the linkage ended
    result = evaluate([rule], parts, parse_period("2026-Q4"), date(2026, 12, 1), links)[0]
    assert result.activity_ids == (1, 2)
    any_link = evaluate([Rule(2, "county", "reception", "count", "quarter", 5, where="linked")], parts,
                        parse_period("2026-Q4"), date(2026, 12, 1), links)[0]
    assert any_link.activity_ids == (1, 2, 4)
    village = evaluate([Rule(3, "county", "reception", "count", "quarter", 5, where="linked_village")], parts,
                       parse_period("2026-Q4"), date(2026, 12, 1), links)[0]
    assert village.activity_ids == (4,)


def test_village_rules_need_a_village_level_place():
    assert place_matches(part(region=VILLAGE), "village", [])
    assert not place_matches(part(region=TOWNSHIP), "village", [])
    assert not place_matches(part(region=VILLAGE), "linked", [])  # no linkage at all


def test_a_zero_amount_is_always_met():
    result = evaluate([Rule(1, "staff", "visit", "count", "year", 0)], [], parse_period("2026"), date(2026, 12, 1))
    assert result[0].status == Status.MET


def test_rules_refuse_unknown_values():
    with pytest.raises(ValueError):
        Rule(1, "county", "dance", "count", "month", 1)
    with pytest.raises(ValueError):
        Rule(1, "county", "reception", "count", "week", 1)
    with pytest.raises(ValueError):
        Rule(1, "county", "reception", "count", "month", -1)


def test_totals_by_kind_cover_every_kind():
    parts = [part("lecture", date(2026, 11, 5), 0.5, activity=3), part("research", date(2026, 11, 6), 2,
                                                                         activity=4, fntd=True),
             part("research", date(2026, 10, 6), 1, activity=5)]
    totals = totals_by_kind(parts, parse_period("2026-11"))
    assert totals["lecture"] == {"count": 1, "days": 0.5, "four_not_two_direct": 0}
    assert totals["research"] == {"count": 1, "days": 2, "four_not_two_direct": 1}
    assert totals["reception"]["count"] == 0


# ---- roll-ups and sentences ----

def test_rollup_per_key():
    nov = parse_period("2026-11")
    today = date(2026, 11, 30)
    rules = [Rule(1, "county", "reception", "count", "month", 1), Rule(2, "county", "onsite", "count", "month", 1)]
    a = evaluate(rules, [part(activity=1), part("onsite", activity=2)], nov, today)
    b = evaluate(rules, [part(activity=3, official=2)], nov, today)
    c = evaluate(rules, [], nov, today)
    agg = rollup([("unit-1", a), ("unit-1", b), ("unit-2", c)])
    assert list(agg) == ["unit-1", "unit-2"]
    one = agg["unit-1"]
    assert (one.officials, one.results, one.met, one.behind, one.officials_behind) == (2, 4, 3, 1, 1)
    assert one.met_rate == 0.75
    assert one.as_dict()["totals"] == [{"kind": "onsite", "measure": "count", "required": 2, "done": 1},
                                       {"kind": "reception", "measure": "count", "required": 2, "done": 2}]
    assert agg["unit-2"].met_rate == 0.0


def test_sentences_are_generated_from_the_numbers():
    q4 = parse_period("2026-Q4")
    rules = [Rule(1, "county", "reception", "count", "month", 1, "linked_township"),
             Rule(2, "county", "research", "days", "year", 60)]
    links = [Link("township", TOWNSHIP, date(2020, 1, 1))]
    parts = [part(day=date(2026, 10, 15), activity=1), part(day=date(2026, 11, 16), activity=2),
             part("research", date(2026, 11, 2), 2, activity=3)]
    results = evaluate(rules, parts, q4, date(2026, 11, 23), links)
    assert official_sentence("张三", q4, results) == (
        "张三2026年第四季度：应到挂钩乡镇接访3次，已完成2次（进度正常）；"
        "应下基层调研60天（2026年），已完成2天（进度滞后）。")
    other = evaluate(rules, [], q4, date(2026, 11, 23), links)
    assert period_sentence(q4, [("县处级", 2, results + other)]) == (
        "2026年第四季度，县处级领导2人应到挂钩乡镇接访6次，已完成2次；"
        "应下基层调研120天（2026年），已完成2天，3项进度滞后。")
    assert period_sentence(q4, []) == "2026年第四季度，没有适用的下基层履职指标。"


def test_period_of_rejects_unknown_kind():
    with pytest.raises(ValueError):
        period_of("week", date(2026, 1, 1))
