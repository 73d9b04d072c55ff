"""三率排名 page and API on a small fixture whose numbers were computed by hand.

Q1 2026, default formula (0.1 / 0.5 / 0.4, 基本满意 counts 0.9):
- 住建局, 4 visits on cases in 长春镇: contacted 3, resolved 2, satisfied 1, basically 1
  → 响应 0.75, 解决 0.5, 满意 (1 + 0.9) / 4 = 0.475, score 100 × (0.075 + 0.25 + 0.19) = 51.5
- 牙城镇政府, 2 visits on cases in 牙城镇, both contacted, resolved, satisfied → 1, 1, 1, 100
- one more 住建局 visit in April (outside Q1) and one in 古田县 (outside the county's jurisdiction).
Year 2026, 住建局: 5 visits, 3 / 2 / 1 / 1 → 0.6, 0.4, 0.38, score 100 × (0.06 + 0.2 + 0.152) = 41.2.
"""

from __future__ import annotations

import re

import pytest

from sixia.cases.models import Case, CaseSettings, ReturnVisit
from tests.cases.conftest import at
from tests.conftest import PASSWORD


@pytest.fixture
def visits(units, owner):
    def case(region: str) -> Case:
        n = Case.objects.count()
        return Case.objects.create(tracking_no=f"T{n:05d}", track="petition", channel="visit", title="t", content="c",
                                   region_id=region, registered_at=at(2026, 1, 5), state="visited")

    def visit(c, unit, when, contacted, resolved, satisfaction):
        ReturnVisit.objects.create(case=c, unit=unit, at=when, method="phone", contacted=contacted,
                                   resolved=resolved, satisfaction=satisfaction)

    housing, other = units["housing"], units["other_township"]
    for contacted, resolved, satisfaction in ((True, True, "satisfied"), (True, True, "basically"),
                                              (True, False, "dissatisfied"), (False, False, "")):
        visit(case("350921101"), housing, at(2026, 2, 10), contacted, resolved, satisfaction)
    for day in (3, 4):
        visit(case("350921102"), other, at(2026, 3, day), True, True, "satisfied")
    visit(case("350921101"), housing, at(2026, 4, 1), False, False, "dissatisfied")
    visit(case("350922"), units["other_county"], at(2026, 2, 1), True, True, "satisfied")


def table(html: str, testid: str) -> list[list[str]]:
    match = re.search(rf'data-testid="{testid}">(.*?)</table>', html, re.S)
    assert match is not None
    body = match.group(1)
    rows = re.findall(r"<tr data-key=[^>]*>(.*?)</tr>", body, re.S)
    return [[re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
            for row in rows]


def test_the_page_ranks_units_and_regions_with_hand_computed_numbers(client, owner, visits):
    client.login(username="owner", password=PASSWORD)
    html = client.get("/reports/rates/?kind=quarter&year=2026&n=1").content.decode()
    assert "综合得分 = 100 ×（0.1 × 响应率 + 0.5 × 解决率 + 0.4 × 满意率）" in html
    assert "满意率 =（满意数 + 0.9 × 基本满意数）÷ 有效回访数" in html
    units = table(html, "by-unit")
    assert [u[:2] + u[-5:] for u in units] == [
        ["1", "牙城镇人民政府", "0", "1.0000", "1.0000", "1.0000", "100.00"],
        ["2", "霞浦县住建局", "1", "0.7500", "0.5000", "0.4750", "51.50"],
    ]
    assert units[1][2:5] == ["4", "3", "2"]
    regions = table(html, "by-region")
    assert [(r[0], r[1], r[2], r[-1]) for r in regions] == [("1", "牙城镇", "2", "100.00"), ("2", "长春镇", "4", "51.50")]
    assert 'href="?period=2026-Q1&amp;region_code=350921101"' in html  # drill down to the villages
    total = re.search(r'data-testid="total">(.*?)</div>\s*</div>', html, re.S)
    assert total is not None and "6" in re.sub(r"<[^>]+>", " ", total.group(1)).split()  # valid visits of the county in Q1 (古田县 and April excluded)


def test_the_period_can_be_a_year_or_a_month(client, owner, visits):
    client.login(username="owner", password=PASSWORD)
    year = table(client.get("/reports/rates/?kind=year&year=2026").content.decode(), "by-unit")
    housing = next(u for u in year if u[1] == "霞浦县住建局")
    assert housing[2:5] == ["5", "3", "2"] and housing[-4:] == ["0.6000", "0.4000", "0.3800", "41.20"]
    march = table(client.get("/reports/rates/?period=2026-03").content.decode(), "by-unit")
    assert [u[1] for u in march] == ["牙城镇人民政府"]
    assert client.get("/reports/rates/?period=2026-13").status_code == 400


def test_the_formula_is_configurable_data(client, owner, visits):
    conf = CaseSettings.current()
    conf.weight_response, conf.weight_resolution, conf.weight_satisfaction = 0.2, 0.4, 0.4
    conf.save()
    client.login(username="owner", password=PASSWORD)
    html = client.get("/reports/rates/?period=2026-Q1").content.decode()
    assert "100 ×（0.2 × 响应率 + 0.4 × 解决率 + 0.4 × 满意率）" in html
    housing = next(u for u in table(html, "by-unit") if u[1] == "霞浦县住建局")
    assert housing[-1] == "54.00"  # 100 × (0.2·0.75 + 0.4·0.5 + 0.4·0.475)


def test_rankings_are_jurisdiction_scoped(client, owner, township_user, outsider, visits):
    client.login(username="township", password=PASSWORD)
    html = client.get("/reports/rates/?period=2026-Q1").content.decode()
    assert [u[1] for u in table(html, "by-unit")] == ["霞浦县住建局"]
    assert [r[1] for r in table(html, "by-region")] == ["长春镇（本级）"]
    assert client.get("/reports/rates/?period=2026-Q1&region_code=350921102").status_code == 404
    client.login(username="outsider", password=PASSWORD)
    html = client.get("/reports/rates/?period=2026-Q1").content.decode()
    assert [u[1] for u in table(html, "by-unit")] == ["古田县人民政府"]


def test_the_api_gives_the_same_ranking(api, owner, token_for, visits):
    data = api.get("/reports/rates", headers=token_for(owner), period="2026-Q1").json()
    assert data["formula"] == {"weight_response": 0.1, "weight_resolution": 0.5, "weight_satisfaction": 0.4,
                               "basically_factor": 0.9}
    assert [(u["rank"], u["name"], u["score"]) for u in data["by_unit"]] == [
        (1, "牙城镇人民政府", 100.0), (2, "霞浦县住建局", 51.5)]
    assert [(r["key"], r["valid"]) for r in data["by_region"]] == [("350921102", 2), ("350921101", 4)]
    assert data["total"]["valid"] == 6
    assert api.get("/reports/rates", headers=token_for(owner), period="Q1").status_code == 422
