"""Playwright: an official records an on-site meeting whose problem list produces two cases, and each case
appears in the inbox of the unit it was assigned to."""

from __future__ import annotations

import re

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_onsite_meeting_produces_two_cases_in_the_right_inboxes(login, owner, colleague, township_user,
                                                                   county_leader, units, browser, live_server):
    page = login("owner")
    page.goto("/activities/")
    page.get_by_test_id("new-onsite").click()
    page.fill("input[name=title]", "长春镇工业园区现场办公")
    page.fill("input[name=start_day]", "2026-01-20")
    page.select_option("select[name=region_code]", "350921101")
    page.fill("input[name=target_name]", "霞浦海产品加工园区")
    page.select_option("select[name=official_ids]", str(county_leader.pk))
    page.fill("input[name=p0-description]", "园区道路照明不足")
    page.select_option("select[name=p0-outcome]", "solved")
    page.fill("input[name=p0-action_taken]", "现场协调供电所安装路灯")
    page.fill("input[name=p1-description]", "园区排污管网未接通")
    page.select_option("select[name=p1-unit_id]", str(units["housing"].pk))
    page.fill("input[name=p1-due_date]", "2026-02-28")
    page.fill("input[name=p2-description]", "企业用工招聘难")
    page.select_option("select[name=p2-unit_id]", str(units["township"].pk))
    page.fill("input[name=p2-due_date]", "2026-02-20")
    page.get_by_test_id("save-activity").click()
    page.wait_for_load_state()

    assert re.search(r"/activities/\d+/$", page.url), page.url
    links = page.get_by_test_id("case-link")
    assert links.count() == 2
    sewer, hiring = links.nth(0).inner_text(), links.nth(1).inner_text()
    assert "2项未办结" in page.get_by_test_id("open-count").inner_text()

    for username, expected, absent in (("colleague", sewer, hiring), ("township", hiring, sewer)):
        context = browser.new_context(locale="zh-CN", base_url=live_server.url)
        other = context.new_page()
        other.goto("/accounts/login/")
        other.fill("input[name=username]", username)
        other.fill("input[name=password]", "Correct-Horse-42x")
        other.click("button[type=submit]")
        other.wait_for_load_state()
        other.goto("/cases/inbox/")
        to_sign = other.get_by_test_id("inbox-sign").inner_text()
        assert expected in to_sign and absent not in to_sign, (username, to_sign)
        context.close()


def test_a_refused_form_keeps_a_chinese_error(login, owner, county_leader):
    page = login("owner")
    page.goto("/activities/new/onsite/")
    page.select_option("select[name=region_code]", "350921101")
    page.select_option("select[name=official_ids]", str(county_leader.pk))
    page.fill("input[name=p0-description]", "排污管网未接通")
    page.select_option("select[name=p0-outcome]", "solved")  # solved on the spot, but no note of what was done
    page.get_by_test_id("save-activity").click()
    page.wait_for_load_state()
    assert "处理情况" in page.get_by_test_id("form-error").inner_text()
    # nothing typed is lost: the problem row and the chosen official are still there
    assert page.input_value("input[name=p0-description]") == "排污管网未接通"
    assert page.input_value("select[name=p0-outcome]") == "solved"
    assert page.eval_on_selector("select[name=official_ids]", "s => [...s.selectedOptions].map(o => o.value)") == [
        str(county_leader.pk)]
