"""The 点题整治 pages for each demo role (the demo county with the topics demo), the today sections whose counts
are the lists they open, the officials' writes through the pages (refusals shown, nothing written), the API."""

from __future__ import annotations

import random
import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 11, 18, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
ROLES = ["admin", "dispatcher", "handler", "leader", "supervisor", "auditor", "township", "head", "discipline"]
TOTAL = re.compile(r'data-total="(\d+)"')


@pytest.fixture
def demo(regions):
    from sixia.activities import demo as activities_demo
    from sixia.cases import demo as cases_demo
    from sixia.org.demo import build
    from sixia.topics import demo as topics_demo

    with time_machine.travel(NOW, tick=False):
        ctx = build(seed=7)
        ctx.rng = random.Random(7)
        cases_demo.populate(ctx, cases=20)
        del activities_demo  # the topics demo needs no activity
        topics_demo.populate(ctx)
        yield ctx


def fresh(user):
    from sixia.org.models import User

    return User.objects.get(pk=user.pk)


def test_the_demo_has_topics_in_every_state(demo):
    from sixia.topics.models import Nomination, Topic

    states = sorted(Topic.objects.values_list("state", flat=True))
    assert states == ["answering", "done", "draft", "voting"]
    done = Topic.objects.get(state="done")
    assert done.ratings.count() >= 15 and done.result
    assert Topic.objects.get(state="voting").votes.count() >= 12
    assert Nomination.objects.filter(status="new").exists()


def test_pages_render_for_each_demo_role(demo, client):
    from sixia.topics.models import Topic

    ids = list(Topic.objects.order_by("id").values_list("pk", flat=True))
    for username in ROLES:
        client.force_login(fresh(demo.users[username]))
        for url in ["/topics/", "/topics/?attention=on&year=2026&state=answering", "/topics/nominations/",
                    "/topics/measures/?due_within=7&overdue=on", *[f"/topics/{pk}/" for pk in ids],
                    "/topics/?year=abc&unit=-1", "/topics/measures/?due_within=xyz"]:
            answer = client.get(url)
            expected = 404 if username == "township" and url.startswith("/topics/") and url[8:-1].isdigit() else 200
            assert answer.status_code == expected, (username, url, answer.status_code)
        client.logout()


def test_today_sections_count_the_lists_they_open(demo, api, token_for, client):
    with time_machine.travel(NOW, tick=False):
        for username, key in (("discipline", "topics_attention"), ("handler", "topics_measures_due")):
            user = fresh(demo.users[username])
            sections = {s["key"]: s for s in api.get("/me/today", headers=token_for(user)).json()["sections"]}
            section = sections[key]
            assert section["count"] >= 1 and len(section["items"]) == min(section["count"], 5)
            client.force_login(user)
            page = client.get(section["url"])
            assert TOTAL.findall(page.content.decode()) == [str(section["count"])], username
            client.logout()
        dispatcher = {s["key"] for s in api.get("/me/today", headers=token_for(fresh(demo.users["dispatcher"])))
                      .json()["sections"]}
        assert not {"topics_attention", "topics_measures_due"} & dispatcher


def test_page_writes_check_rights_and_keep_the_input(demo, client):
    from sixia.topics.models import Measure, SupervisionNote, Topic

    topic = Topic.objects.get(state="answering")
    with time_machine.travel(NOW, tick=False):
        client.force_login(fresh(demo.users["supervisor"]))  # supervises, does not answer
        refused = client.post(f"/topics/{topic.pk}/", {"op": "measure", "title": "越权举措", "due_date": "2026-12-01"})
        assert refused.status_code == 403 and "您无权" in refused.content.decode()
        assert not Measure.objects.filter(title="越权举措").exists()
        client.force_login(fresh(demo.users["handler"]))  # 住建局: the lead unit
        bad = client.post(f"/topics/{topic.pk}/", {"op": "measure", "title": "新举措", "due_date": "不是日期"})
        assert bad.status_code == 422 and "新举措" in bad.content.decode()
        ok = client.post(f"/topics/{topic.pk}/", {"op": "measure", "title": "新举措", "due_date": "2026-12-01"})
        assert ok.status_code == 302 and Measure.objects.filter(title="新举措", topic=topic).exists()
        client.force_login(fresh(demo.users["discipline"]))
        urged = client.post(f"/topics/{topic.pk}/", {"op": "supervise", "kind": "urge", "text": "限期整改"})
        assert urged.status_code == 302 and SupervisionNote.objects.filter(text="限期整改").exists()


def test_the_api_for_officials(demo, api, token_for):
    from sixia.topics.models import Nomination, Topic

    with time_machine.travel(NOW, tick=False):
        desk = token_for(fresh(demo.users["dispatcher"]))
        listed = api.get("/topics", headers=desk).json()
        assert len(listed) == 4
        new = Nomination.objects.filter(status="new").order_by("id").first()
        created = api.post("/topics", {"year": 2026, "region_code": "350921", "title": "整治农村客运班车少",
                                       "problem": "班车少，老人出行难。", "lead_unit_id": demo.units["交通局"].pk,
                                       "nomination_ids": [new.pk]}, headers=desk)
        assert created.status_code == 201 and created.json()["nominations"] == [new.pk]
        topic_id = created.json()["id"]
        handler = token_for(fresh(demo.users["handler"]))
        assert api.post("/topics", {"year": 2026, "region_code": "350921", "title": "x", "problem": "y",
                                    "lead_unit_id": demo.units["交通局"].pk}, headers=handler).status_code == 403
        moved = api.post(f"/topics/{topic_id}/state", {"to": "voting"}, headers=desk)
        assert moved.status_code == 200 and moved.json()["state"] == "voting"
        answering = Topic.objects.get(state="answering")
        measure = answering.measures.order_by("id").first()
        progress = api.post(f"/topics/{answering.pk}/measures/{measure.pk}/progress",
                            {"percent": 90, "text": "排查基本完成"}, headers=handler)
        assert progress.status_code == 201, progress.content
        assert api.get(f"/topics/{answering.pk}", headers=handler).json()["timeline"][-1]["percent"] == 90
        recorded = api.post("/topics/nominations", {"region_code": "350921101", "text": "村道路灯不亮"}, headers=handler)
        assert recorded.status_code == 201 and recorded.json()["source"] == "visit"


def test_the_case_page_names_the_topic_it_belongs_to(demo, client):
    from sixia.topics.models import TopicCase

    link = TopicCase.objects.select_related("topic").first()
    client.force_login(fresh(demo.users["dispatcher"]))
    page = client.get(f"/cases/{link.case_id}/").content.decode()
    assert 'data-testid="case-topic"' in page and link.topic.title in page


def test_the_queue_merges_and_declines_nominations(demo, client):
    from sixia.topics.models import Nomination, Topic

    new = list(Nomination.objects.filter(status="new").order_by("id"))
    assert len(new) == 2  # six nominations, four merged into the demo's topics
    target = Topic.objects.get(state="voting")
    client.force_login(fresh(demo.users["handler"]))  # records, does not curate
    refused = client.post("/topics/nominations/", {"op": "decline", "nomination_id": new[1].pk})
    assert refused.status_code == 403 and Nomination.objects.get(pk=new[1].pk).status == "new"
    recorded = client.post("/topics/nominations/", {"op": "record", "region_code": "350921101", "text": "村道坑洼"})
    assert recorded.status_code == 302 and Nomination.objects.filter(text="村道坑洼", source="visit").exists()
    client.force_login(fresh(demo.users["discipline"]))
    merged = client.post("/topics/nominations/", {"op": "merge", "topic_id": target.pk, "nomination_ids": [new[0].pk]})
    assert merged.status_code == 302 and Nomination.objects.get(pk=new[0].pk).topic == target
    declined = client.post("/topics/nominations/", {"op": "decline", "nomination_id": new[1].pk})
    assert declined.status_code == 302 and Nomination.objects.get(pk=new[1].pk).status == "declined"
