"""The report pages (三率排名, 诉求台账, 台账导入) in English after the language switch; Chinese without it."""

from __future__ import annotations

import pytest

from tests.conftest import PASSWORD, to_english
from tests.reports.test_rates_page import visits  # noqa: F401 — the fixture, shared

pytestmark = pytest.mark.django_db


def test_the_rates_page_in_english(client, owner, visits):  # noqa: F811
    assert client.login(username="owner", password=PASSWORD)
    to_english(client)
    html = client.get("/reports/rates/?period=2026-Q1").content.decode()
    assert "<h1>Three rates" in html and "Response rate" in html and "By handling unit" in html
    assert "<th>Unit</th>" in html and "<th>Region</th>" in html and ">Q2</option>" in html
    tables = html[html.index('data-testid="total"'):]  # the formula lines above come from rankings, in Chinese
    assert "三率排名" not in html and "响应率" not in tables and "按承办单位" not in tables
    assert '"Month #"' in html  # the script's label for month numbers


def test_the_rates_page_stays_chinese(client, owner, visits):  # noqa: F811
    assert client.login(username="owner", password=PASSWORD)
    html = client.get("/reports/rates/?period=2026-Q1").content.decode()
    assert "三率排名" in html and "<th>单位</th>" in html and "第 2 季度" in html and "Response rate" not in html


@pytest.mark.parametrize("url, english, chinese", [
    ("/reports/ledger/", ["Case ledger", "Export the ledger", "matching cases"], "诉求台账"),
    ("/reports/import/", ["Ledger import", "Upload and map columns", "Fields that can be imported"], "台账导入"),
])
def test_the_ledger_and_import_pages_in_english(client, owner, url, english, chinese):
    assert client.login(username="owner", password=PASSWORD)
    assert chinese in client.get(url).content.decode()
    to_english(client)
    html = client.get(url).content.decode()
    assert all(e in html for e in english) and chinese not in html
