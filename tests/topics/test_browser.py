"""Headless Chromium on the portal's 点题整治: the list → a topic with its progress bar and dated timeline →
rate it once; the page runs under the CSP without inline script."""

from __future__ import annotations

import pytest

from .conftest import PHONE

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_topic_page_shows_progress_over_time_and_takes_one_rating(page, make_topic, colleague, owner):
    from sixia.topics import services

    topic = make_topic("answering")
    measure = services.add_measure(actor=colleague, topic=topic, title="逐台排查电梯", due_date="2026-01-31")
    services.report_progress(actor=colleague, measure=measure, percent=40, text="排查四成", on="2026-01-05")
    services.report_progress(actor=colleague, measure=measure, percent=100, text="全部排查完毕", on="2026-01-20")
    services.move(actor=owner, topic=topic, to="done", result="全县老旧电梯全部恢复运行。")

    page.goto("/public/topics/")
    page.click(f"a[href='/public/topics/{topic.pk}/']")
    assert page.inner_text("[data-testid=title]") == "整治电梯停运"
    assert page.inner_text("[data-testid=unit]") == "霞浦县住建局"
    assert page.get_attribute("[data-testid=progress]", "value") == "100"
    timeline = page.inner_text("[data-testid=timeline]")
    assert timeline.index("2026-01-05") < timeline.index("2026-01-20") and "排查四成" in timeline
    assert "全县老旧电梯全部恢复运行" in page.inner_text("[data-testid=result]")

    page.fill("[data-testid=rate-form] input[name=phone]", PHONE)
    page.check("[data-testid=rate-form] input[value=satisfied]")
    page.click("[data-testid=rate-form] button[type=submit]")
    assert "评价已收到" in page.inner_text("[data-testid=notice]")
    assert "100.0%" in page.inner_text("[data-testid=rate]")
    page.fill("[data-testid=rate-form] input[name=phone]", PHONE)
    page.check("[data-testid=rate-form] input[value=dissatisfied]")
    page.click("[data-testid=rate-form] button[type=submit]")
    assert "您已评价过该题目" in page.inner_text("[data-testid=error]")
    assert topic.ratings.count() == 1
