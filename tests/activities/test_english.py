"""The activities pages in English after the language switch, and still Chinese without it."""

from __future__ import annotations

import io
import re
from datetime import date

from django.utils import translation
from openpyxl import load_workbook

from sixia.activities import rules
from sixia.activities.rules import ReceptionTally
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


# ---- the generated sentences (rules.py): English in English, Chinese byte for byte as before ----

DAY_1988 = ReceptionTally(days=1, leaders=9, received=102, accepted=86, solved=12, cases=74, open_cases=74)


def test_the_day_sentence_in_english():
    with translation.override("en"):
        assert rules.day_sentence(DAY_1988, 30) == ("Received 102 people, 86 matters accepted, of which 12 were solved "
                                                   "on the spot, the rest to be closed within one month")
        one = ReceptionTally(1, 1, 1, 1, 1, 0, 0)
        assert rules.day_sentence(one) == "Received 1 person, 1 matter accepted, of which 1 was solved on the spot"
        assert rules.day_sentence(ReceptionTally(1, 1, 0, 0, 0, 0, 0)) == "Received 0 people, 0 matters accepted"
        assert rules.day_sentence(ReceptionTally(1, 1, 4, 3, 0, 3, 3), 60).endswith("closed within 2 months")
        assert rules.day_sentence(ReceptionTally(1, 1, 4, 3, 0, 3, 3), 1).endswith("closed within 1 day")
        assert rules.due_phrase(15) == "15 days" and rules.due_phrase(360) == "12 months"


def test_the_follow_up_sentences_in_english():
    with translation.override("en"):
        assert rules.followup_sentence(ReceptionTally(1, 1, 4, 3, 3, 0, 0)) == "No matters were turned into cases"
        assert rules.followup_sentence(ReceptionTally(1, 1, 4, 3, 0, 3, 0)) == (
            "All 3 matters turned into cases have been closed")
        assert rules.followup_sentence(ReceptionTally(1, 1, 4, 3, 0, 3, 2)) == (
            "Of the 3 matters turned into cases, 1 closed and 2 still open")


def test_the_period_sentence_in_english():
    t = ReceptionTally(days=2, leaders=3, received=11, accepted=6, solved=3, cases=3, open_cases=3)
    with translation.override("en"):
        label = rules.span_label(date(2026, 1, 1), date(2026, 3, 31))
        assert label == "1 Jan 2026 to 31 Mar 2026"
        assert rules.period_sentence(label, t) == (
            "1 Jan 2026 to 31 Mar 2026: 2 leaders' reception days held, leading officials received visitors 3 times, "
            "11 people received, 6 matters accepted, of which 3 were solved on the spot, the rest to be closed within "
            "one month. Of the 3 matters turned into cases, 0 closed and 3 still open")
        assert rules.period_sentence(rules.month_label(date(2026, 2, 1)), ReceptionTally(0, 0, 0, 0, 0, 0, 0)) == (
            "February 2026: no leaders' reception day held")


def test_the_sentences_stay_chinese_by_default():
    t = ReceptionTally(days=2, leaders=3, received=11, accepted=6, solved=3, cases=3, open_cases=3)
    label = rules.span_label(date(2026, 1, 1), date(2026, 3, 31))
    assert rules.period_sentence(label, t, 60) == (
        "2026年1月1日至2026年3月31日共举办领导接待日2次，领导干部接访3人次，接待群众11名，受理问题6件，"
        "其中3件当场解决，其余限期二个月内办结；转办的3件中已办结0件，尚有3件在办")
    assert rules.month_label(date(2026, 2, 1)) == "2026年2月" and rules.due_phrase(360) == "十二个月"
    assert rules.day_sentence(DAY_1988) == "接待群众102名，受理问题86件，其中12件当场解决，其余限期一个月内办结"


def test_the_day_and_calendar_pages_show_the_sentences_in_english(client, api, headers, owner, county_leader, units):
    """The scenario's reception day (2026-01-15): 3 visitors, 1 solved on the spot, 2 cases."""
    r = run_scenario(api, headers, leader_id=county_leader.pk, unit_ids=[units["housing"].pk])
    assert client.login(username="owner", password=PASSWORD)
    day = client.get(f"/activities/{r.reception['id']}/").content.decode()
    chinese = re.search(r'data-testid="day-summary">(.*?)<br>', day, re.S).group(1)
    assert chinese == "2026年1月15日，接待群众3名，受理问题3件，其中1件当场解决，其余限期一个月内办结。"
    to_english(client)
    day = client.get(f"/activities/{r.reception['id']}/").content.decode()
    english = re.search(r'data-testid="day-summary">(.*?)</p>', day, re.S).group(1)
    assert english.startswith("15 Jan 2026: Received 3 people, 3 matters accepted, of which 1 was solved on the "
                              "spot, the rest to be closed within one month.<br>")
    assert "Of the 2 matters turned into cases, 0 closed and 2 still open" in english and "接待群众" not in day
    cal = client.get("/activities/reception/calendar/?month=2026-01").content.decode()
    sentence = re.search(r'data-testid="period-summary">(.*?)</p>', cal, re.S).group(1)
    assert sentence.startswith("January 2026: 1 leaders&#x27; reception day held, leading officials received "
                               "visitors 1 time, 3 people received, 3 matters accepted")
    assert "共举办" not in cal


def test_the_api_and_the_ledger_keep_the_chinese_sentences(client, api, headers, owner, county_leader, units):
    """API data text and the exported ledger are Chinese whatever language the client asks for."""
    r = run_scenario(api, headers, leader_id=county_leader.pk, unit_ids=[units["housing"].pk])
    data = api.get(f"/activities/reception-days/{r.reception['id']}", {**headers, "Accept-Language": "en"}).json()
    assert data["summary"].startswith("接待群众3名")
    period = api.get("/activities/reception-summary", {**headers, "Accept-Language": "en"},
                     start="2026-01-01", end="2026-01-31").json()
    assert period["sentence"].startswith("2026年1月1日至2026年1月31日共举办领导接待日1次")
    assert client.login(username="owner", password=PASSWORD)
    to_english(client)
    book = load_workbook(io.BytesIO(client.get("/activities/export/reception.xlsx?year=2026").content))
    cells = [c.value for row in book.active.iter_rows() for c in row]
    assert any(str(v).startswith("接待群众3名") for v in cells), cells
