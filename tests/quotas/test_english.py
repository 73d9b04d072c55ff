"""The quota pages in English after the language switch, and still Chinese without it. The summary sentences,
period names, phrases and amounts follow the language too (sixia.quotas.summary); in Chinese they are the
engine's text byte for byte; the API and the audit trail stay Chinese."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.urls import reverse
from django.utils import translation

from sixia.engines import quotas as engine
from sixia.engines.quotas import Link, Participation, Rule, evaluate, parse_period
from sixia.engines.quotas.periods import period_of
from sixia.quotas import summary
from tests.conftest import COUNTY, PASSWORD, TOWNSHIP, to_english
from tests.quotas.conftest import VILLAGE

pytestmark = pytest.mark.django_db


def english(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    return client


def test_the_compliance_page_in_english(client, owner, leader, cadre, activities):
    activities.add(leader, "reception", date(2026, 11, 15))
    html = english(client, owner).get(reverse("quotas:compliance"), {"period": "2026-11"}).content.decode()
    assert "<h1>Quota compliance" in html and "By unit" in html and "By region" in html
    assert "<th>Quotas (done/required)</th>" in html and "This quarter" in html
    assert "按单位汇总" not in html and "干部完成情况" not in html and "本季度" not in html
    assert "林副县长" in html  # data stays as it is


def test_the_year_record_and_rules_in_english(client, owner, leader, activities):
    activities.add(leader, "research", date(2026, 11, 3), days=2, fntd=True)
    html = english(client, leader.user).get(reverse("quotas:mine"), {"year": 2026}).content.decode()
    assert "grassroots work record 2026" in html and "Month by month" in html and "Whole year" in html
    assert "逐月统计" not in html and "下基层履职记录" not in html
    client.logout()
    rules = english(client, owner).get(reverse("quotas:rules")).content.decode()
    assert "<h1>Quota rules</h1>" in rules and "Reminder before period end" in rules and "期末前提醒" not in rules


def test_the_region_panel_in_english(client, owner, leader, activities):
    activities.add(leader, "reception", date.today())
    html = english(client, owner).get(reverse("web:region", args=[COUNTY])).content.decode()
    assert "Quota compliance" in html and "Met rate" in html and "达标率" not in html


def test_the_pages_stay_chinese_by_default(client, owner, leader, activities):
    activities.add(leader, "reception", date(2026, 11, 15))
    assert client.login(username="owner", password=PASSWORD)
    html = client.get(reverse("quotas:compliance"), {"period": "2026-11"}).content.decode()
    assert "按单位汇总" in html and "By unit" not in html
    assert "期末前提醒" in client.get(reverse("quotas:rules")).content.decode()


# ---- generated text: the engine's Chinese, or English ----

def _q4_results():
    """The engine test's scenario: a county leader in Q4 2026, as of 23 November."""
    q4 = parse_period("2026-Q4")
    rules = [Rule(1, "county", "reception", "count", "month", 1, "linked_township"),
             Rule(2, "county", "research", "days", "year", 60)]
    links = [Link("township", TOWNSHIP, date(2020, 1, 1))]
    parts = [Participation(1, "reception", date(2026, 10, 15), 1.0, VILLAGE, 1, False),
             Participation(1, "reception", date(2026, 11, 16), 1.0, VILLAGE, 2, False),
             Participation(1, "research", date(2026, 11, 2), 1.5, VILLAGE, 3, False)]
    return q4, evaluate(rules, parts, q4, date(2026, 11, 23), links), evaluate(rules, [], q4, date(2026, 11, 23), links)


@pytest.mark.parametrize("key", ["2026", "2026-H1", "2026-H2", "2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4", "2026-11",
                                 "2027-01"])
def test_period_names_are_the_engine_labels_in_chinese(key):
    assert summary.period_name(parse_period(key)) == parse_period(key).label_zh


def test_the_sentences_are_the_engine_sentences_in_chinese():
    q4, results, other = _q4_results()
    assert summary.official_sentence("张三", q4, results) == engine.official_sentence("张三", q4, results) == (
        "张三2026年第四季度：应到挂钩乡镇接访3次，已完成2次（进度正常）；应下基层调研60天（2026年），已完成1.5天（进度滞后）。")
    groups = [("县处级", 2, results + other), ("乡科级", 1, other)]
    assert summary.period_sentence(q4, groups) == engine.period_sentence(q4, groups)
    assert summary.period_sentence(q4, []) == engine.period_sentence(q4, []) == "2026年第四季度，没有适用的下基层履职指标。"
    assert summary.official_sentence("张三", q4, []) == engine.official_sentence("张三", q4, [])


def test_the_sentences_and_labels_in_english():
    q4, results, other = _q4_results()
    with translation.override("en"):
        assert summary.official_sentence("Zhang San", q4, results) == (
            "Zhang San, Q4 2026 — receptions at the linked township: 3 times required, 2 times done (on track); "
            "research at the grassroots: 60 days required (2026), 1.5 days done (behind).")
        assert summary.period_sentence(q4, [("County level", 2, results + other)]) == (
            "Q4 2026: County level, 2 officials — receptions at the linked township: 6 times required, 2 times done; "
            "research at the grassroots: 120 days required (2026), 1.5 days done, 3 items behind.")
        assert summary.period_sentence(q4, []) == "Q4 2026: no grassroots-work quotas apply."
        assert summary.official_sentence("Zhang San", q4, []) == (
            "No grassroots-work quotas apply to Zhang San for Q4 2026.")
        names = [summary.period_name(parse_period(k)) for k in ("2026", "2026-H1", "2026-H2", "2026-Q1", "2026-11")]
        assert names == ["2026", "first half of 2026", "second half of 2026", "Q1 2026", "November 2026"]
        assert (summary.amount(1, "count"), summary.amount(1, "days"), summary.amount(0.5, "days")) == (
            "1 time", "1 day", "0.5 days")
        assert summary.activity_phrase("onsite", "village") == "on-site office work at village (community) level"


def test_the_compliance_page_shows_the_english_summary(client, owner, leader, cadre, activities):
    activities.add(leader, "reception", date(2026, 11, 15))
    activities.add(leader, "research", date(2026, 11, 3), days=1.5)
    assert client.login(username="owner", password=PASSWORD)
    chinese = client.get(reverse("quotas:compliance"), {"period": "2026-11"}).content.decode()
    assert re.search(r'data-testid="quota-summary">(.*?)</p>', chinese).group(1) == (
        "2026年11月，县处级领导1人应到挂钩乡镇接访1次，已完成1次；应到挂钩乡镇现场办公1次（2026年第四季度），已完成0次；"
        "应下基层调研60天（2026年），已完成1.5天，2项进度滞后。乡科级领导1人应到村（社区）接访2次，已完成0次，1项进度滞后。")
    assert "到挂钩乡镇现场办公 0/1次（2026年第四季度）" in chinese
    to_english(client)
    html = client.get(reverse("quotas:compliance"), {"period": "2026-11"}).content.decode()
    assert re.search(r'data-testid="quota-summary">(.*?)</p>', html).group(1) == (
        "November 2026: County level, 1 official — receptions at the linked township: 1 time required, 1 time done; "
        "on-site office work at the linked township: 1 time required (Q4 2026), 0 times done; research at the "
        "grassroots: 60 days required (2026), 1.5 days done, 2 items behind. Township level, 1 official — receptions "
        "at village (community) level: 2 times required, 0 times done, 1 item behind.")
    assert "on-site office work at the linked township 0/1 time (Q4 2026)</span>" in html
    assert "research at the grassroots 1.5/60 days (2026)</span>" in html and "Officials' completion · November 2026" in html
    assert "应完成" not in html and "2026年" not in html


def test_the_year_record_and_the_rules_show_english_phrases(client, owner, leader, activities):
    activities.add(leader, "reception", date(2026, 11, 15))
    assert client.login(username="leader", password=PASSWORD)
    to_english(client)
    html = client.get(reverse("quotas:mine"), {"year": 2026}).content.decode()
    assert re.search(r'data-testid="quota-summary">(.*?)</p>', html).group(1) == (
        "林副县长, 2026 — receptions at the linked township: 12 times required, 1 time done (behind); on-site office "
        "work at the linked township: 4 times required, 0 times done (behind); research at the grassroots: 60 days "
        "required, 0 days done (behind).")
    assert "<td>Monthly receptions at the linked township: 1 time</td>" in html
    assert 'title="Met">November 2026 1/1</span>' in html and ">Q4 2026 0/1</span>" in html
    assert "<td>February 2026</td>" in html and "<td>Reception</td>" in html and "年" not in html
    client.logout()
    assert client.login(username="owner", password=PASSWORD)
    to_english(client)
    rules = client.get(reverse("quotas:rules")).content.decode()
    assert "<td>research at the grassroots</td>" in rules and ">30 days</td>" in rules and "下基层调研" not in rules


def test_the_home_and_region_panels_in_english(client, owner, leader, activities):
    activities.add(leader, "reception", date.today())
    period = period_of("quarter", date.today())
    assert client.login(username="leader", password=PASSWORD)
    to_english(client)
    with translation.override("en"):
        name = summary.period_name(period)
    home = client.get("/").content.decode()
    assert f"<p>林副县长, {name} — receptions at the linked township: " in home
    client.logout()
    assert client.login(username="owner", password=PASSWORD)
    to_english(client)
    region = client.get(reverse("web:region", args=[COUNTY])).content.decode()
    assert f'data-testid="region-quota-summary">{name}: County level, 1 official — ' in region
    assert f"{name}.<a" in region and period.label_zh not in region


def test_the_api_and_the_audit_trail_stay_chinese(api, token_for, owner, leader, activities):
    from sixia.core.models import AuditEntry
    from sixia.quotas import services

    activities.add(leader, "reception", date(2026, 11, 15))
    headers = {**token_for(owner), "Accept-Language": "en"}
    one = api.get("/quotas/compliance", headers, official=leader.pk, period="2026-11").json()
    assert one["summary"].startswith("林副县长2026年11月：应到挂钩乡镇接访1次，已完成1次（已达标）")
    rollup = api.get("/quotas/compliance", headers, period="2026-11").json()
    assert rollup["summary"].startswith("2026年11月，县处级领导1人应到挂钩乡镇接访1次")
    with translation.override("en"):
        rule = services.save_rule(actor=owner, rank="township", kind="lecture", period="quarter", amount=2,
                                  region_prefix=COUNTY)
        assert str(rule) == "Township level: Outreach 2 times, Quarterly (Anywhere at the grassroots)"
    entry = AuditEntry.objects.filter(object_type="quotas.quotarule", object_id=str(rule.pk)).get()
    assert entry.summary == "履职指标规则：乡科级 每季度宣传宣讲2次（基层任意地点）"
