"""The hot-issues page (热点研判) and the risk panel in English after the language switch; Chinese without it."""

from __future__ import annotations

import pytest

from tests.conftest import PASSWORD, to_english
from tests.insight.test_hotspots import hot_cases  # noqa: F401 — the fixture, shared

pytestmark = pytest.mark.django_db


def test_the_hotspots_page_in_english(client, owner, hot_cases):  # noqa: F811
    assert client.login(username="owner", password=PASSWORD)
    to_english(client)
    html = client.get("/insight/hotspots/?period=30d").content.decode()
    assert "Hot issues" in html and "Risk index" in html and "Dissatisfied / rated" in html
    assert '<option value="30d" selected>Last 30 days</option>' in html
    assert "热点问题" not in html and "风险指数" not in html and "近30天" not in html
    assert "搅拌站" in html  # the cases' own words are not translated


def test_the_hotspots_page_stays_chinese(client, owner, hot_cases):  # noqa: F811
    assert client.login(username="owner", password=PASSWORD)
    html = client.get("/insight/hotspots/?period=30d").content.decode()
    assert "热点问题" in html and "风险指数" in html and "Hot issues" not in html


def test_the_home_risk_panel_in_english(client, owner, hot_cases):  # noqa: F811
    assert client.login(username="owner", password=PASSWORD)
    to_english(client)
    html = client.get("/").content.decode()
    assert 'data-testid="risk-panel"' in html and "<h2>Risk index</h2>" in html and "风险指数" not in html


def test_a_refusal_shows_its_english_text_alone(client, owner):
    assert client.login(username="owner", password=PASSWORD)
    assert "周期天数至少为1" in client.get("/insight/hotspots/?period=0d").content.decode()
    to_english(client)
    html = client.get("/insight/hotspots/?period=0d").content.decode()
    assert '<p class="error">period must be at least 1 day</p>' in html and "周期天数至少为1" not in html
