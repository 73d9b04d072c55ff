"""Panels of the region page, contributed through ``<app>.panels.region_panels``: the risk index of the
children (insight), 三率 (reports), quota compliance (quotas), hot issues (insight). Numbers: see conftest."""

from __future__ import annotations

import pytest
from django.test import RequestFactory
from django.utils import timezone

from sixia.web import panels
from tests.conftest import COUNTY, OTHER_TOWNSHIP, TOWNSHIP
from tests.regions.conftest import rows, section, text

pytestmark = pytest.mark.django_db


def page(client, code: str = COUNTY) -> str:
    resp = client.get(f"/regions/{code}/")
    assert resp.status_code == 200
    return resp.content.decode()


def test_the_risk_panel_ranks_the_township_with_repeats_and_overdue_first(signed_in, owner, county_cases):
    html = page(signed_in(owner))
    risk = rows(html, "region-risk")
    assert [code for code, _ in risk] == [TOWNSHIP, OTHER_TOWNSHIP]  # only children with cases, highest first
    (_, chang), (_, ya) = risk
    # name, cases, repeated, overdue, dissatisfied/rated, collective (each with its share), index, level, link
    assert chang[:8] == ["长春镇", "6 86%", "3 50%", "2 33%", "1/2 50%", "0 0%", "46.3", "中"]
    assert ya[:8] == ["牙城镇", "7 100%", "0 0%", "0 0%", "0/0 0%", "0 0%", "20.0", "低"]
    body = section(html, "region-risk")
    assert f'<a href="/regions/{TOWNSHIP}/">长春镇</a>' in body
    assert f'<a href="/insight/hotspots/?region_code={TOWNSHIP}">' in body
    assert "另有 13 个下级区划近 365 天没有诉求" in text(section(html, "risk-quiet"))


def test_the_risk_panel_shows_the_weights_in_use_and_follows_the_settings_row(signed_in, owner, county_cases):
    from sixia.insight.models import RiskSettings

    client = signed_in(owner)
    assert text(section(page(client), "risk-weights")) == "权重 0.2 0.25 0.2 0.2 0.15"
    RiskSettings.objects.create(weight_volume=0, weight_repeats=1, weight_overdue=0, weight_dissatisfaction=0,
                                weight_collective=0)
    html = page(client)
    assert text(section(html, "risk-weights")) == "权重 0.0 1.0 0.0 0.0 0.0"
    risk = dict(rows(html, "region-risk"))
    assert risk[TOWNSHIP][6] == "50.0"  # 3 repeated of 6
    assert risk[OTHER_TOWNSHIP][6] == "0.0"


def test_the_rates_panel_shows_this_years_rates_of_the_region(signed_in, owner, units, county_cases):
    from sixia.cases.models import ReturnVisit

    now = timezone.now()
    chang = county_cases["chang"]
    ReturnVisit.objects.create(case=chang[0], unit=units["township"], at=now, method="phone", contacted=True,
                               resolved=True, satisfaction="satisfied")
    ReturnVisit.objects.create(case=chang[1], unit=units["township"], at=now, method="phone", contacted=True,
                               resolved=False, satisfaction="dissatisfied")
    html = page(signed_in(owner))
    # 响应 2/2, 解决 1/2, 满意 1/2 → 100 × (0.1 × 1 + 0.5 × 0.5 + 0.4 × 0.5) = 55.00
    assert text(section(html, "region-rates")) == "2 有效回访 100% 响应率 50% 解决率 50% 满意率 55.00 综合得分"
    children = section(html, "region-rates-children")
    assert "长春镇" in children and "0.5000" in children and "牙城镇" not in children
    assert f'/reports/rates/?period={now.astimezone().year}&amp;region_code={COUNTY}' in html


def test_the_quota_panel_rolls_up_the_officials_of_the_region(signed_in, owner, units):
    from sixia.org.models import Rank
    from sixia.org.services import create_official

    create_official(actor=None, name="林副县长", unit=units["county_gov"], rank=Rank.COUNTY, title="副县长",
                    is_leader=True)
    create_official(actor=None, name="陈镇长", unit=units["other_township"], rank=Rank.TOWNSHIP, title="镇长",
                    is_leader=True)
    create_official(actor=None, name="古田干部", unit=units["other_county"], rank=Rank.COUNTY, title="副县长")
    html = page(signed_in(owner))
    summary = text(section(html, "region-quota-summary"))
    assert "县处级领导1人" in summary and "乡科级领导1人" in summary
    assert text(section(html, "region-quota-total")).startswith("2 干部")  # not the other county's official
    assert "牙城镇" in section(html, "region-quota-children")
    # a township page counts only its own officials
    html = page(signed_in(owner), OTHER_TOWNSHIP)
    assert "乡科级领导1人" in text(section(html, "region-quota-summary"))
    assert "县处级" not in text(section(html, "region-quota-summary"))


def test_the_hot_issues_panel_shows_the_top_clusters_of_the_region(signed_in, owner, outsider):
    from sixia.cases.services import create_case
    from tests.insight.test_hotspots import NOISE

    for title, content in NOISE:
        create_case(actor=owner, channel="online", title=title, content=content, region_code=TOWNSHIP)
    for title, content in NOISE:  # the same topic in the other county is not the owner's hot issue
        create_case(actor=outsider, channel="online", title=title, content=content, region_code="350922101")
    client = signed_in(owner)
    hot = text(section(page(client), "region-hot"))
    assert hot.startswith("5 件") and "搅拌站" in hot
    # 牙城镇 has none of them
    assert "本区划暂无成规模的热点问题" in page(client, OTHER_TOWNSHIP)


def test_every_panel_says_so_when_there_is_nothing_to_show(signed_in, owner):
    html = page(signed_in(owner))
    assert "本区划没有登记诉求，暂无风险指数" in text(section(html, "region-risk-empty"))
    assert "本区划暂无成规模的热点问题" in text(section(html, "region-hot-empty"))
    assert "本区划暂无回访记录，无法计算三率" in text(section(html, "region-rates-empty"))
    assert "本区划暂无适用履职指标的干部" in text(section(html, "region-quota-empty"))
    assert "辖区内诉求共 0 件" in html


def test_a_handler_sees_the_page_with_only_the_cases_of_its_unit(signed_in, colleague, county_cases):
    html = page(signed_in(colleague))
    assert '<span class="n">0 / 0</span>' in section(html, "region-children")
    assert "暂无风险指数" in html


def test_panels_are_collected_by_hook_in_order(owner, regions):
    from sixia.geo.models import Region

    request = RequestFactory().get("/")
    request.user = owner
    found = panels.collect(request, Region.objects.get(code=COUNTY), hook="region_panels")
    assert [p.title for p in found] == ["风险指数", "热点问题", "三率", "履职统计"]
    assert all(p.template.split("/")[1].startswith("_region_") for p in found)
    with pytest.raises(ValueError):
        panels.collect(request, hook="region_panel")
