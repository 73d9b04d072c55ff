"""The report pages (三率排名, 诉求台账, 台账导入) in English after the language switch; Chinese without it."""

from __future__ import annotations

import re

import pytest

from sixia.cases.models import CaseSettings
from tests.conftest import PASSWORD, TOWNSHIP, to_english
from tests.reports.test_rates_page import table, visits  # noqa: F401 — the fixture, shared

pytestmark = pytest.mark.django_db


def test_the_rates_page_in_english(client, owner, visits):  # noqa: F811
    assert client.login(username="owner", password=PASSWORD)
    to_english(client)
    html = client.get("/reports/rates/?period=2026-Q1").content.decode()
    assert "<h1>Three rates" in html and "Response rate" in html and "By handling unit" in html
    assert "<th>Unit</th>" in html and "<th>Region</th>" in html and ">Q2</option>" in html
    assert "三率排名" not in html and "响应率" not in html and "按承办单位" not in html
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


# ---- the generated lines of the rankings: formula, 本级, 全国 ----

def _formula(html: str) -> list[str]:
    block = re.search(r'data-testid="formula">(.*?)</div>', html, re.S).group(1)
    return re.findall(r"<li>(.*?)</li>", block)


def test_the_formula_lines_follow_the_language(client, owner, visits):  # noqa: F811
    conf = CaseSettings.current()
    conf.basically_factor = 0.8
    conf.save()
    assert client.login(username="owner", password=PASSWORD)
    assert _formula(client.get("/reports/rates/?period=2026-Q1").content.decode()) == [
        "综合得分 = 100 ×（0.1 × 响应率 + 0.5 × 解决率 + 0.4 × 满意率）", "响应率 = 已联系的回访数 ÷ 有效回访数",
        "解决率 = 已解决的回访数 ÷ 有效回访数", "满意率 =（满意数 + 0.8 × 基本满意数）÷ 有效回访数"]
    to_english(client)
    assert _formula(client.get("/reports/rates/?period=2026-Q1").content.decode()) == [
        "Overall score = 100 × (0.1 × response rate + 0.5 × resolution rate + 0.4 × satisfaction rate)",
        "Response rate = contacted return visits ÷ valid return visits",
        "Resolution rate = resolved return visits ÷ valid return visits",
        "Satisfaction rate = (satisfied + 0.8 × basically satisfied) ÷ valid return visits"]


def test_own_level_rows_in_english_on_the_page_and_the_region_panel(client, township_user, visits,  # noqa: F811
                                                                     monkeypatch):
    from sixia.reports import rankings

    monkeypatch.setattr(rankings, "current_period", lambda kind="quarter", now=None: "2026")  # the panel's year
    assert client.login(username="township", password=PASSWORD)
    to_english(client)
    html = client.get("/reports/rates/?period=2026-Q1").content.decode()
    assert [r[1] for r in table(html, "by-region")] == ["长春镇 (own level)"] and "本级" not in html
    region = client.get(f"/regions/{TOWNSHIP}/").content.decode()
    assert [r[1] for r in table(region, "region-rates-children")] == ["长春镇 (own level)"]


def test_a_nationwide_ranking_is_named_in_the_language(client, db, visits):  # noqa: F811
    from sixia.org.models import User

    User.objects.create_superuser("root", password=PASSWORD)
    assert client.login(username="root", password=PASSWORD)
    heading = re.compile(r"<h1>.*?<small class=\"muted\">(.*?) · 2026-Q1</small></h1>", re.S)
    assert heading.search(client.get("/reports/rates/?period=2026-Q1").content.decode()).group(1) == "全国"
    to_english(client)
    assert heading.search(client.get("/reports/rates/?period=2026-Q1").content.decode()).group(1) == "Nationwide"


def test_the_api_keeps_the_chinese_names(api, township_user, token_for, visits):  # noqa: F811
    data = api.get("/reports/rates", headers={**token_for(township_user), "Accept-Language": "en"},
                   period="2026-Q1").json()
    assert [r["name"] for r in data["by_region"]] == ["长春镇（本级）"]
