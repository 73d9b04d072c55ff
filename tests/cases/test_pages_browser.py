"""A case walked in the browser from intake to close by two officials, and the pages' guards.

Chromium through Playwright against the live server. A transactional test's flush removes the seeded
categories and deadline policies; ``seeded`` puts them back (the same data migration function).
"""

from __future__ import annotations

import json
import re

import pytest

from sixia.cases.models import Case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def switch_user(page, login, username: str):
    page.context.clear_cookies()
    return login(username)


def open_action(page, action: str):
    box = page.locator(f"details[data-action={action}]")
    box.locator("summary").click()
    return box


def confirm(page, box):
    with page.expect_navigation():
        box.locator("button[type=submit]").click()


def timeline_actions(page) -> list[str]:
    return page.locator("[data-testid=timeline] li").evaluate_all("els => els.map(e => e.dataset.action)")


def test_a_case_walks_from_intake_to_close(page, login, owner, colleague, units):
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    login("owner")

    # intake by the county desk
    page.goto("/cases/new/")
    page.select_option("select[name=channel]", "visit")
    page.select_option("select[name=petition_class]", "appeal")
    page.fill("input[name=title]", "小区电梯长期停运")
    page.fill("textarea[name=content]", "电梯停运三个月无人维修，老人上下楼困难。")
    page.select_option("select[name=region_code]", "350921101")
    page.fill("input[name=p-0-name]", "郑四")
    page.fill("input[name=p-0-phone]", "13900001111")
    with page.expect_navigation(url=re.compile(r"/cases/\d+/$")):
        page.click("#intake-form button[type=submit]")
    case = Case.objects.get(title="小区电梯长期停运")
    assert page.get_by_test_id("case-state").inner_text() == "已登记"
    assert page.get_by_test_id("tracking-no").inner_text() == case.tracking_no

    # accept, then assign to the housing bureau
    confirm(page, open_action(page, "accept"))
    assert page.get_by_test_id("case-state").inner_text() == "已受理"
    box = open_action(page, "assign")
    box.locator("select[name=assign-unit_id]").select_option(label="霞浦县住建局")
    box.locator("textarea[name=assign-note]").fill("请五日内核实")
    confirm(page, box)
    assert page.get_by_test_id("case-state").inner_text() == "已交办"
    assert page.get_by_test_id("case-unit").inner_text().startswith("霞浦县住建局")
    assert page.locator("details[data-action=sign]").count() == 0  # signing is the unit's, not the desk's

    # the handler of the housing bureau finds it in the inbox, signs for it and replies
    switch_user(page, login, "colleague")
    page.goto("/cases/inbox/")
    page.get_by_test_id("inbox-sign").get_by_role("link", name="小区电梯长期停运").click()
    page.wait_for_url(re.compile(rf"/cases/{case.pk}/$"))
    assert page.locator("details[data-action=accept]").count() == 0
    confirm(page, open_action(page, "sign"))
    assert page.get_by_test_id("case-state").inner_text() == "办理中"
    box = open_action(page, "reply")
    box.locator("select[name=reply-outcome]").select_option("supported")
    box.locator("textarea[name=reply-text]").fill("已联系维保单位更换主板，电梯恢复运行。")
    confirm(page, box)
    assert page.get_by_test_id("case-state").inner_text() == "已答复"

    # the desk visits the petitioner again and closes the case
    switch_user(page, login, "owner")
    page.goto(f"/cases/{case.pk}/")
    box = open_action(page, "return_visit")
    box.locator("select[name=return_visit-method]").select_option("phone")
    box.locator("input[name=return_visit-resolved]").check()
    box.locator("select[name=return_visit-satisfaction]").select_option("satisfied")
    box.locator("textarea[name=return_visit-note]").fill("群众表示满意")
    confirm(page, box)
    assert page.get_by_test_id("case-state").inner_text() == "已回访"
    confirm(page, open_action(page, "close"))
    assert page.get_by_test_id("case-state").inner_text() == "已办结"
    offered = page.locator("details.action").evaluate_all("els => els.map(e => e.dataset.action)")
    assert offered == ["request_review"]  # only a review may follow a closed case

    # every step is in the file, with its actor
    assert timeline_actions(page) == ["register", "accept", "assign", "sign", "reply", "return_visit", "close"]
    timeline = page.get_by_test_id("timeline").inner_text()
    assert "已联系维保单位更换主板" in timeline and "霞浦县住建局" in timeline and "满意" in timeline
    assert timeline.count("colleague") == 2 and timeline.count("owner") == 5
    assert errors == []


def test_an_outsider_cannot_open_the_case_page(page, login, outsider, new_case):
    case = new_case()
    login("outsider")
    response = page.goto(f"/cases/{case.pk}/")
    assert response is not None and response.status == 404
    assert case.title not in page.content()
    page.goto("/cases/")
    assert case.tracking_no not in page.get_by_test_id("case-table").inner_text()


def test_an_illegal_action_is_not_offered(page, login, owner, colleague, new_case, act, units):
    case = new_case()
    act(owner, case, "accept")
    act(owner, case, "assign", unit_id=units["housing"].pk)
    login("colleague")
    page.goto(f"/cases/{case.pk}/")
    offered = page.locator("details.action").evaluate_all("els => els.map(e => e.dataset.action)")
    assert offered == ["sign", "dispute", "suspend"]
    assert page.locator("details[data-action=close]").count() == 0


def test_the_queue_filters_by_colour_and_text(page, login, owner, new_case):
    late = new_case(title="片区反复停水")
    new_case(title="夜市噪声扰民", petitioners=[{"name": "钱七", "role": "petitioner"}])
    Case.objects.filter(pk=late.pk).update(warning="overdue")
    login("owner")
    page.goto("/cases/")
    table = page.get_by_test_id("case-table")
    assert "片区反复停水" in table.inner_text() and "夜市噪声扰民" in table.inner_text()
    assert page.get_by_test_id("tab-overdue").locator("b").inner_text() == "1"
    page.get_by_test_id("tab-overdue").click()
    page.wait_for_url(re.compile(r"warning=overdue"))
    assert "片区反复停水" in table.inner_text() and "夜市噪声扰民" not in table.inner_text()
    page.goto("/cases/")
    page.fill("[data-testid=filters] input[name=q]", "噪声")
    with page.expect_navigation():
        page.click("[data-testid=filters] button")
    assert "夜市噪声扰民" in table.inner_text() and "片区反复停水" not in table.inner_text()


def test_intake_shows_the_persons_open_cases_and_insight_hints(page, login, owner, new_case):
    earlier = new_case()  # 郑四, phone 13900001111
    calls: list[dict] = []

    def suggest(route):
        calls.append(json.loads(route.request.post_data or "{}"))
        assert route.request.headers.get("x-csrftoken")
        route.fulfill(status=200, content_type="application/json", body=json.dumps({
            "model_version": "test-1", "auto_dispatch": False,
            "category": [{"code": "urban.housing", "name": "住房保障与物业", "probability": 0.82}],
            "unit": [{"id": 1, "name": "霞浦县住建局", "probability": 0.7}]}))

    page.route("**/api/v1/insight/suggest", suggest)
    page.route("**/api/v1/insight/repeats", lambda route: route.fulfill(status=404, body="{}"))
    login("owner")
    page.goto("/cases/new/")
    page.fill("input[name=p-0-phone]", "13900001111")
    hit = page.get_by_test_id("person-hit")
    hit.wait_for()
    assert "郑四" in hit.inner_text() and earlier.tracking_no in hit.inner_text()
    page.fill("input[name=title]", "电梯又停了")
    chip = page.locator("#suggest-box .chip")
    chip.wait_for()
    assert calls and calls[-1]["title"] == "电梯又停了"
    chip.click()
    assert page.locator("select[name=category]").input_value() == "urban.housing"
    assert page.locator("#repeats-box").is_hidden()  # a failing endpoint leaves nothing behind

    # a second petitioner row; an error keeps everything typed
    page.click("#add-petitioner")
    page.fill("input[name=p-1-name]", "钱七")
    page.fill("input[name=p-1-phone]", "12345")
    page.click("#intake-form button[type=submit]")
    page.wait_for_load_state()
    assert any("电话号码格式不正确" in t for t in page.locator("[role=alert]").all_inner_texts())
    assert page.locator("input[name=p-1-name]").input_value() == "钱七"
    assert page.locator("input[name=title]").input_value() == "电梯又停了"
    assert Case.objects.count() == 1


def test_the_case_page_lists_repeat_candidates_and_hides_a_failing_service(page, login, owner, new_case):
    case, other = new_case(), new_case(title="电梯又坏了")
    body = {"candidates": [{"case_id": other.pk, "tracking_no": other.tracking_no, "similarity": 0.91,
                            "identity_match": True, "state": "registered", "state_label": "已登记", "unit": "",
                            "title": other.title}]}
    page.route(f"**/api/v1/cases/{case.pk}/repeats",
               lambda route: route.fulfill(status=200, content_type="application/json", body=json.dumps(body)))
    page.route(f"**/api/v1/cases/{other.pk}/repeats", lambda route: route.fulfill(status=500, body="boom"))
    login("owner")
    page.goto(f"/cases/{case.pk}/")
    box = page.locator("#repeats-box")
    box.get_by_role("link", name=other.tracking_no).wait_for()
    assert "相似度 91%" in box.inner_text() and "同一诉求人" in box.inner_text()
    page.goto(f"/cases/{other.pk}/")
    page.wait_for_load_state("networkidle")
    assert box.is_hidden()
