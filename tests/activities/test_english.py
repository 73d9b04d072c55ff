"""The activities pages in English after the language switch, and still Chinese without it."""

from __future__ import annotations

import re

from tests.activities.scenario import run_scenario
from tests.conftest import PASSWORD, to_english


def headings(html: str) -> str:
    return " ".join(re.findall(r"<(?:h1|h2|th|nav)[^>]*>(.*?)</(?:h1|h2|th|nav)>", html, re.S))


def test_the_activity_pages_in_english(client, api, headers, owner, county_leader, units):
    r = run_scenario(api, headers, leader_id=county_leader.pk, unit_ids=[units["housing"].pk])
    assert client.login(username="owner", password=PASSWORD)
    to_english(client)
    home = client.get("/activities/").content.decode()
    assert "<h1>Grassroots work" in home and "All activities" in home and "Leading officials" in headings(home)
    assert "全部活动" not in home and "领导干部" not in headings(home)
    assert "On-site office in " in home  # the yearly counters: kind title translated by the view
    meeting = client.get(f"/activities/{r.onsite['id']}/").content.decode()
    assert "3 not closed" in meeting and "Responsible unit" in meeting and "责任单位" not in headings(meeting)
    cal = client.get("/activities/reception/calendar/?month=2026-01").content.decode()
    assert "Leaders' reception-day calendar" in cal and "<th>Mon</th>" in cal and "<th>一</th>" not in cal
    form = client.get("/activities/new/onsite/").content.decode()
    assert "Record: On-site office" in form and "Problem list" in form and "问题清单" not in form
    topics = client.get("/activities/research/").content.decode()
    assert "New research topic" in topics and "<title>" in topics and "新增调研课题" not in topics
    topic = client.get(f"/activities/research/{r.topic['id']}/").content.decode()
    assert "Remedial measures / results applied" in topic and "整改措施" not in headings(topic)
    public = client.get("/activities/public/").content.decode()
    assert "Leaders' reception days and online appointments" in public


def test_the_activity_pages_stay_chinese_by_default(client, api, headers, owner, county_leader, units):
    r = run_scenario(api, headers, leader_id=county_leader.pk, unit_ids=[units["housing"].pk])
    assert client.login(username="owner", password=PASSWORD)
    home = client.get("/activities/").content.decode()
    assert "全部活动" in home and "All activities" not in home
    meeting = client.get(f"/activities/{r.onsite['id']}/").content.decode()
    assert "3项未办结" in meeting and "Responsible unit" not in meeting
    form = client.get("/activities/new/onsite/").content.decode()
    assert "记录现场办公" in form and "问题清单" in form


def test_the_topics_page_has_one_form_outside_the_head(client, owner):
    """The page used to repeat the new-topic form inside <title> and <head>."""
    assert client.login(username="owner", password=PASSWORD)
    html = client.get("/activities/research/").content.decode()
    assert html.count('name="leader_id"') == 1
    assert re.search(r"<title>([^<]*)</title>", html).group(1).startswith("领题调研")
