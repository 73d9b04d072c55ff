"""The quota pages in English after the language switch, and still Chinese without it. The summary sentences
come from the engine and stay Chinese (out of the catalogue's reach)."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from tests.conftest import COUNTY, PASSWORD

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
