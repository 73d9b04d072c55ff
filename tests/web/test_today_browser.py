"""The handler signs in and its own work comes first on the home page, with the counts of the lists they open.

Chromium through Playwright against the live server; the clock is frozen (ticking) on a Wednesday of 2026.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from tests.conftest import TOWNSHIP

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NOW = datetime(2026, 11, 18, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


@pytest.fixture
def frozen():
    with time_machine.travel(NOW):  # ticking: the live server and the browser keep a moving clock
        yield


@pytest.fixture
def handler_work(frozen, owner, colleague, units):
    """Three cases assigned by the county desk to the housing bureau; its handler (colleague) signed one."""
    from sixia.cases.services import create_case, perform_action

    cases = []
    for n in range(3):
        case = create_case(actor=owner, channel="visit", petition_class="appeal", title=f"小区电梯停运 {n}",
                           content="电梯停运三个月无人维修。", region_code=TOWNSHIP)
        case = perform_action(actor=owner, case=case, action="accept", args={})
        cases.append(perform_action(actor=owner, case=case, action="assign", args={"unit_id": units["housing"].pk}))
    perform_action(actor=colleague, case=cases[0], action="sign", args={})
    # the desk's own work elsewhere in the county: not the handler's
    create_case(actor=owner, channel="visit", petition_class="appeal", title="村道破损", content="雨天出行困难。",
                region_code=TOWNSHIP)
    return cases


def test_the_handler_sees_its_own_sections_first_with_the_right_counts(page, login, handler_work):
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    login("colleague")
    page.goto("/")
    sections = page.locator("[data-testid=today] article")
    keys = sections.evaluate_all("els => els.map(e => e.dataset.testid)")
    assert keys == ["today-handler_sign", "today-handler_reply", "today-handler_due", "today-unit_supervision"]
    assert page.get_by_test_id("today-count-handler_sign").inner_text() == "2"
    assert page.get_by_test_id("today-count-handler_reply").inner_text() == "1"
    assert page.get_by_test_id("today-count-handler_due").inner_text() == "0"
    # the today list comes before the county counts and the panels
    order = page.evaluate("""() => {
        const today = document.querySelector('[data-testid=today]');
        const tiles = document.querySelector('[data-testid=deadline-tiles]');
        return !!(today.compareDocumentPosition(tiles) & Node.DOCUMENT_POSITION_FOLLOWING);
    }""")
    assert order
    # the tiles count the unit's three open cases, not the county's four
    tiles = page.locator("[data-testid=deadline-tiles] a b").all_inner_texts()
    assert sum(int(t) for t in tiles) == 3

    with page.expect_navigation():
        page.get_by_test_id("today-count-handler_sign").click()
    assert page.locator("[data-testid=case-table] tbody tr[data-case]").count() == 2
    assert page.get_by_test_id("queue-total").get_attribute("data-total") == "2"
    assert not errors
