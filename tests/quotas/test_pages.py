"""Quota pages: compliance table with roll-ups, the leader's own page, the rule table for admins."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from sixia.quotas.models import QuotaRule
from tests.conftest import COUNTY, PASSWORD

pytestmark = pytest.mark.django_db


def signed_in(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


def test_the_compliance_page_shows_officials_and_roll_ups(client, owner, leader, cadre, activities):
    activities.add(leader, "reception", date(2026, 11, 15))
    resp = signed_in(client, owner).get(reverse("quotas:compliance"), {"period": "2026-11"})
    assert resp.status_code == 200
    html = resp.content.decode()
    assert "林副县长" in html and "陈镇长" in html
    assert "2026年11月，县处级领导1人应到挂钩乡镇接访1次，已完成1次" in html
    assert "按单位汇总" in html and "牙城镇人民政府" in html and "按区划汇总" in html


def test_the_compliance_page_explains_a_bad_period(client, owner):
    resp = signed_in(client, owner).get(reverse("quotas:compliance"), {"period": "2026-Q9"})
    assert resp.status_code == 422 and "统计期格式" in resp.content.decode()


def test_the_compliance_page_defaults_to_the_current_quarter(client, owner, leader):
    resp = signed_in(client, owner).get(reverse("quotas:compliance"))
    assert resp.status_code == 200 and "季度" in resp.content.decode()


def test_the_compliance_page_hides_other_jurisdictions(client, outsider, leader):
    html = signed_in(client, outsider).get(reverse("quotas:compliance"), {"period": "2026"}).content.decode()
    assert "林副县长" not in html


def test_a_leader_sees_his_own_year(client, leader, activities):
    activities.add(leader, "reception", date(2026, 11, 15))
    activities.add(leader, "research", date(2026, 11, 3), days=2, fntd=True)
    resp = signed_in(client, leader.user).get(reverse("quotas:mine"), {"year": 2026})
    assert resp.status_code == 200
    html = resp.content.decode()
    assert "林副县长 · 2026年下基层履职记录" in html
    assert "2026年11月 1/1" in html  # the monthly reception cell
    assert "2026-11-03" in html and "是" in html  # the research trip, flagged 四不两直
    assert "2026年第四季度 0/1" in html  # the quarterly on-site cell


def test_a_user_without_an_official_gets_an_explanation(client, owner):
    resp = signed_in(client, owner).get(reverse("quotas:mine"))
    assert resp.status_code == 200 and "未关联干部信息" in resp.content.decode()


def test_an_officials_record_is_scoped(client, owner, outsider, leader):
    url = reverse("quotas:official", args=[leader.pk])
    assert signed_in(client, owner).get(url).status_code == 200
    client.logout()
    assert signed_in(client, outsider).get(url).status_code == 404


def test_the_rule_page_lists_rules_with_sources(client, colleague):
    html = signed_in(client, colleague).get(reverse("quotas:rules")).content.decode()
    assert "种子材料000" in html and "挂钩乡镇" in html
    assert "修改" not in html  # no edit links for a handler


def test_an_admin_adds_a_county_rule_through_the_page(client, owner):
    signed_in(client, owner)
    assert client.get(reverse("quotas:rule_new")).status_code == 200
    resp = client.post(reverse("quotas:rule_new"), {
        "rank": "county", "kind": "research", "measure": "days", "period": "year", "where": "anywhere",
        "amount": "90", "region_prefix": COUNTY, "remind_days_before": "30", "is_active": "on", "source": "本县规定"})
    assert resp.status_code == 302
    assert QuotaRule.objects.get(region_prefix=COUNTY, kind="research").amount == 90


def test_a_county_admin_cannot_edit_the_national_default_through_the_page(client, owner):
    rule = QuotaRule.objects.get(region_prefix="", rank="county", kind="reception")
    resp = signed_in(client, owner).post(reverse("quotas:rule_edit", args=[rule.pk]), {
        "rank": "county", "kind": "reception", "measure": "count", "period": "month", "where": "anywhere",
        "amount": "5", "region_prefix": "", "remind_days_before": "5", "is_active": "on"})
    assert resp.status_code == 403 and "无权" in resp.content.decode()
    rule.refresh_from_db()
    assert (rule.amount, rule.where) == (1, "linked_township")


def test_non_admins_cannot_open_the_rule_form(client, colleague):
    assert signed_in(client, colleague).get(reverse("quotas:rule_new")).status_code == 403


def test_the_home_page_shows_the_leaders_panel(client, leader):
    html = signed_in(client, leader.user).get("/").content.decode()
    assert "我的履职" in html and "林副县长" in html


def test_a_county_admin_gets_edit_links_only_for_the_countys_rules(client, owner):
    from sixia.quotas.services import save_rule

    signed_in(client, owner)
    assert "修改</a>" not in client.get(reverse("quotas:rules")).content.decode()
    rule = save_rule(actor=owner, rank="county", kind="lecture", period="quarter", amount=1, region_prefix=COUNTY)
    html = client.get(reverse("quotas:rules")).content.decode()
    assert html.count("修改</a>") == 1 and reverse("quotas:rule_edit", args=[rule.pk]) in html
    default = QuotaRule.objects.get(region_prefix="", rank="county", kind="reception")
    assert client.get(reverse("quotas:rule_edit", args=[default.pk])).status_code == 403
