"""Hot issues: obvious topics cluster together with a representative title, keywords and a trend; the API and
the page show the clusters of the user's own jurisdiction only."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from sixia.core.errors import InvalidInput
from sixia.engines.insight import hotspots as hs
from sixia.insight.hotspots import parse_period

TZ = ZoneInfo("Asia/Shanghai")
NOISE = [("丽发新城搅拌站噪音扰民", "丽发新城小区旁边的搅拌站日夜施工，噪音和粉尘严重扰民，居民无法休息。"),
         ("搅拌站噪音污染严重", "丽发新城附近搅拌站夜间作业噪音很大，粉尘污染，请求关停搅拌站。"),
         ("投诉丽发新城附近搅拌站", "搅拌站离丽发新城小区太近，噪音粉尘影响居民生活，请环保部门查处。"),
         ("丽发新城搅拌站扰民问题", "搅拌站噪音扰民，丽发新城居民多次投诉，搅拌站仍在夜间生产。"),
         ("搅拌站粉尘噪音", "丽发新城居民深受搅拌站粉尘和噪音困扰，希望搬迁搅拌站。")]
WAGES = [("建筑公司拖欠农民工工资", "某建筑公司拖欠我们农民工工资半年，多次讨薪无果，请劳动监察帮助追讨工资。"),
         ("讨要拖欠工资", "工地包工头拖欠工资，农民工讨薪无门，请劳动监察大队介入追讨工资。"),
         ("农民工工资被拖欠", "我们在工地干活，公司拖欠农民工工资至今未发，请求劳动监察部门追讨。"),
         ("拖欠工资半年", "公司拖欠工资半年，农民工生活困难，请劳动监察帮忙追讨拖欠的工资。")]
OTHER = [("小学门口交通拥堵", "学校门口接送车辆乱停，早晚高峰拥堵，建议增派交警。"),
         ("路灯不亮", "小区门口道路路灯坏了一个月没有修。")]


def _messages(rows, start=0):
    return [hs.Message(start + i, t, c) for i, (t, c) in enumerate(rows)]


def test_it_clusters_obvious_topics_with_title_keywords_and_size():
    clusters = hs.cluster(_messages(NOISE + WAGES + OTHER), rules=hs.HotspotRules(min_size=3))
    assert [c.size for c in clusters] == [5, 4]
    noise, wages = clusters
    assert set(noise.member_ids) == set(range(5)) and set(wages.member_ids) == set(range(5, 9))
    assert "搅拌站" in noise.keywords and ("工资" in wages.keywords or "拖欠" in wages.keywords)
    assert noise.title in {t for t, _ in NOISE} and wages.title in {t for t, _ in WAGES}


def test_trend_compares_with_the_previous_period():
    previous = _messages(WAGES + WAGES[:4], start=100) + _messages(NOISE[:2], start=200)
    clusters = {c.keywords[0]: c for c in hs.cluster(_messages(NOISE + WAGES), previous,
                                                     hs.HotspotRules(min_size=3))}
    noise = next(c for c in clusters.values() if "搅拌站" in c.keywords)
    wages = next(c for c in clusters.values() if "搅拌站" not in c.keywords)
    assert (noise.size, noise.previous, noise.trend) == (5, 2, "rising")
    assert (wages.size, wages.previous, wages.trend) == (4, 8, "falling")
    assert hs.trend_of(3, 0, 1.5) == "new" and hs.trend_of(4, 4, 1.5) == "steady"
    assert noise.as_dict()["growth"] == 1.5


def test_small_or_empty_inputs_give_no_clusters():
    assert hs.cluster(_messages(OTHER)) == []
    assert hs.cluster([hs.Message(1, "，。", ""), hs.Message(2, "！", ""), hs.Message(3, "？", "")]) == []


def test_periods():
    now = datetime(2026, 3, 15, 12, tzinfo=TZ)
    p = parse_period("7d", default_days=30, now=now)
    assert (p.end - p.start, p.start - p.previous_start) == (timedelta(days=7), timedelta(days=7))
    m = parse_period("2026-01", default_days=30, now=now)
    assert (m.start.month, m.end.month, m.previous_start.year, m.previous_start.month) == (1, 2, 2025, 12)
    assert parse_period("", default_days=30, now=now).label == "30d"
    for bad in ("0d", "2026-13", "last week"):
        with pytest.raises(InvalidInput):
            parse_period(bad, default_days=30, now=now)


@pytest.fixture
def hot_cases(owner, outsider):
    from django.core.cache import cache

    from sixia.cases.services import create_case

    cache.clear()
    now = datetime.now(TZ)
    for title, content in NOISE:
        create_case(actor=owner, channel="online", title=title, content=content, region_code="350921101",
                    now=now - timedelta(days=2))
    for title, content in WAGES:
        create_case(actor=outsider, channel="online", title=title, content=content, region_code="350922101",
                    now=now - timedelta(days=2))


def test_the_api_clusters_the_cases_of_the_users_jurisdiction(api, owner, outsider, token_for, hot_cases):
    mine = api.get("/insight/hotspots", headers=token_for(owner), period="30d").json()
    assert mine["cases"] == 5
    assert [c["size"] for c in mine["clusters"]] == [5]
    assert "搅拌站" in mine["clusters"][0]["keywords"] and mine["clusters"][0]["trend"] == "new"
    theirs = api.get("/insight/hotspots", headers=token_for(outsider)).json()
    assert [c["size"] for c in theirs["clusters"]] == [4]
    assert api.get("/insight/hotspots", headers=token_for(owner), period="x").status_code == 422


def test_the_page_shows_clusters_and_the_risk_table(client, owner, hot_cases):
    client.force_login(owner)
    response = client.get("/insight/hotspots/?period=30d")
    assert response.status_code == 200
    html = response.content.decode()
    assert "热点问题" in html and "风险指数" in html and "搅拌站" in html and "长春镇" in html
    assert "拖欠" not in html  # the outsider's cases stay out
    client.logout()
    assert client.get("/insight/hotspots/").status_code == 302
