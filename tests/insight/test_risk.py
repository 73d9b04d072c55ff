"""Risk index: components, configurable weights (engine and settings row), per child region, scoped."""

from datetime import timedelta

import pytest
from django.utils import timezone

from sixia.engines.insight import risk as rk


def test_components_are_shares_and_volume_is_relative_to_the_busiest():
    busy = rk.RegionStats("1", cases=10, repeated=5, overdue=2, rated=4, dissatisfied=1, collective=1)
    calm = rk.RegionStats("2", cases=5)
    rows = {r.code: r for r in rk.risk_index([busy, calm])}
    assert rows["1"].components == {"volume": 1.0, "repeats": 0.5, "overdue": 0.2, "dissatisfaction": 0.25,
                                    "collective": 0.1}
    assert rows["2"].components["volume"] == 0.5 and rows["2"].components["dissatisfaction"] == 0.0
    expected = 100 * (0.2 * 1 + 0.25 * 0.5 + 0.2 * 0.2 + 0.2 * 0.25 + 0.15 * 0.1)
    assert rows["1"].index == pytest.approx(round(expected, 1))
    assert [r.code for r in rk.risk_index([calm, busy])] == ["1", "2"]  # highest first


def test_weights_are_configurable_and_change_the_ranking():
    repeats = rk.RegionStats("A", cases=10, repeated=8)
    late = rk.RegionStats("B", cases=10, overdue=8)
    by_repeats = rk.RiskWeights(volume=0, repeats=1, overdue=0.1, dissatisfaction=0, collective=0)
    by_overdue = rk.RiskWeights(volume=0, repeats=0.1, overdue=1, dissatisfaction=0, collective=0)
    assert rk.risk_index([repeats, late], by_repeats)[0].code == "A"
    assert rk.risk_index([repeats, late], by_overdue)[0].code == "B"
    only_repeats = rk.RiskWeights(volume=0, repeats=1, overdue=0, dissatisfaction=0, collective=0)
    assert rk.risk_index([repeats], only_repeats)[0].index == 80.0


def test_levels_and_too_few_cases():
    w = rk.RiskWeights(high=50, medium=25, min_cases=5)
    assert rk.level_of(60, 10, w) == "high" and rk.level_of(30, 10, w) == "medium" and rk.level_of(10, 10, w) == "low"
    assert rk.level_of(90, 4, w) == ""


@pytest.mark.parametrize("kwargs", [{"volume": -1}, {"volume": 0, "repeats": 0, "overdue": 0, "dissatisfaction": 0,
                                                     "collective": 0}, {"high": 10, "medium": 20}])
def test_invalid_weights_are_refused(kwargs):
    with pytest.raises(ValueError):
        rk.RiskWeights(**kwargs)


@pytest.fixture
def county_cases(owner, outsider):
    from sixia.cases.models import Case
    from sixia.cases.services import create_case

    def make(region, n, actor=owner, **kw):
        return [create_case(actor=actor, channel="visit", title=f"诉求{i}", content="内容", region_code=region, **kw)
                for i in range(n)]

    chang = make("350921101", 6)
    make("350921102", 2)
    make("350921101", 1, petitioners=[{"name": f"群众{i}", "phone": f"1390000{i:04d}"} for i in range(5)])
    make("350922101", 9, actor=outsider)
    Case.objects.filter(pk__in=[c.pk for c in chang[:3]]).update(is_repeated=True)
    Case.objects.filter(pk=chang[3].pk).update(satisfaction="dissatisfied")
    Case.objects.filter(pk=chang[4].pk).update(satisfaction="satisfied")
    Case.objects.filter(pk=chang[5].pk).update(due_at=timezone.now() - timedelta(days=1))
    return chang


def test_the_api_gives_one_row_per_child_region(api, owner, token_for, county_cases):
    data = api.get("/insight/risk", headers=token_for(owner)).json()
    assert data["region_code"] == "350921"
    rows = {r["code"]: r for r in data["rows"]}
    chang = rows["350921101"]
    assert chang["stats"] == {"cases": 7, "repeated": 3, "overdue": 1, "rated": 2, "dissatisfied": 1,
                              "collective": 1}
    assert chang["components"]["volume"] == 1.0 and rows["350921102"]["components"]["volume"] == pytest.approx(0.2857)
    assert data["rows"][0]["code"] == "350921101" and chang["level"] in {"high", "medium"}
    assert rows["350921102"]["level"] == ""  # 2 cases: too few to judge
    assert all(code.startswith("350921") for code in rows)


def test_weights_come_from_the_settings_row(api, owner, token_for, county_cases):
    from sixia.insight.models import RiskSettings

    before = {r["code"]: r["index"] for r in api.get("/insight/risk", headers=token_for(owner)).json()["rows"]}
    RiskSettings.objects.create(weight_volume=0, weight_repeats=1, weight_overdue=0, weight_dissatisfaction=0,
                                weight_collective=0)
    data = api.get("/insight/risk", headers=token_for(owner)).json()
    after = {r["code"]: r["index"] for r in data["rows"]}
    assert data["weights"]["repeats"] == 1 and after != before
    assert after["350921101"] == pytest.approx(round(100 * 3 / 7, 1))


def test_an_outsider_cannot_read_another_countys_risk(api, outsider, township_user, token_for, county_cases):
    assert api.get("/insight/risk", headers=token_for(outsider), region_code="350921").status_code == 404
    theirs = api.get("/insight/risk", headers=token_for(outsider)).json()
    assert all(r["code"].startswith("350922") for r in theirs["rows"])
    assert sum(r["cases"] for r in theirs["rows"]) == 9
    # a township user sees its own township (it has villages below it, but no cases there)
    mine = api.get("/insight/risk", headers=token_for(township_user)).json()
    assert mine["region_code"] == "350921101"
    assert api.get("/insight/risk", headers=token_for(township_user), region_code="350921").status_code == 404


def test_cases_filed_on_the_region_itself_get_their_own_row(api, owner, token_for):
    from sixia.cases.services import create_case

    create_case(actor=owner, channel="visit", title="全县性问题", content="内容", region_code="350921")
    rows = {r["code"]: r for r in api.get("/insight/risk", headers=token_for(owner)).json()["rows"]}
    assert rows["350921"]["cases"] == 1 and rows["350921"]["name"].endswith("（本级）")


def test_the_home_page_shows_the_risk_panel(client, owner, county_cases):
    client.force_login(owner)
    html = client.get("/").content.decode()
    assert 'data-testid="risk-panel"' in html and "长春镇" in html
