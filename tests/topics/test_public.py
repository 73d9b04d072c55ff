"""The public's side of 点题整治, without a login: nominate (phone sealed, text defused), vote once per phone,
rate a completed topic once per phone, throttled per address (429 in Chinese), captcha after a threshold."""

from __future__ import annotations

import pytest
from django.test import override_settings

from .conftest import PHONE

pytestmark = pytest.mark.django_db


def test_nominate_through_the_api_seals_the_phone_and_defuses_formulas(api, regions):
    from sixia.topics.models import Nomination

    answer = api.post("/public/topics/nominations", {"phone": PHONE, "region": "霞浦县长春镇", "text": "=HYPERLINK(1)"})
    assert answer.status_code == 201, answer.content
    row = Nomination.objects.get(pk=answer.json()["id"])
    assert row.source == "public" and row.region_id == "350921101" and row.text == "'=HYPERLINK(1)"
    assert row.phone_index and row.phone_masked != PHONE and PHONE not in row.phone_token
    assert api.post("/public/topics/nominations", {"region": "霞浦县长春镇", "text": "无电话"}).status_code == 422
    bad = api.post("/public/topics/nominations", {"phone": "123", "region": "霞浦县长春镇", "text": "电话不对"})
    assert bad.status_code == 422 and bad.json()["field"] == "phone"
    assert api.post("/public/topics/nominations", {"phone": PHONE, "region": "火星", "text": "x"}).status_code == 422
    assert Nomination.objects.count() == 1


def test_vote_once_per_phone_and_only_while_voting(api, make_topic):
    voting, draft = make_topic("voting"), make_topic("draft", title="草拟中")
    first = api.post(f"/public/topics/{voting.pk}/votes", {"phone": PHONE})
    assert first.status_code == 201 and first.json()["votes"] == 1
    again = api.post(f"/public/topics/{voting.pk}/votes", {"phone": "139-0000-3333"})  # the same number, typed apart
    assert again.status_code == 409 and again.json()["code"] == "already_voted"
    assert api.post(f"/public/topics/{voting.pk}/votes", {"phone": "13900005555"}).json()["votes"] == 2
    assert api.post(f"/public/topics/{draft.pk}/votes", {"phone": PHONE}).status_code == 404  # not published
    listed = api.get("/public/topics").json()
    assert [(t["id"], t["votes"]) for t in listed] == [(voting.pk, 2)]


def test_rate_a_completed_topic_once(api, make_topic):
    done, answering = make_topic("done"), make_topic("answering", title="整治中")
    assert api.post(f"/public/topics/{answering.pk}/rating",
                    {"phone": PHONE, "satisfaction": "satisfied"}).status_code == 409
    first = api.post(f"/public/topics/{done.pk}/rating", {"phone": PHONE, "satisfaction": "basically",
                                                          "comment": "+有改善"})
    assert first.status_code == 201 and first.json()["satisfaction_rate"] == 100.0
    assert api.post(f"/public/topics/{done.pk}/rating",
                    {"phone": PHONE, "satisfaction": "satisfied"}).status_code == 409
    api.post(f"/public/topics/{done.pk}/rating", {"phone": "13900006666", "satisfaction": "dissatisfied"})
    shown = api.get(f"/public/topics/{done.pk}").json()
    assert shown["satisfaction_rate"] == 50.0 and shown["ratings"]["basically"] == 1
    assert shown["result"] == "全部电梯已修复。"
    assert api.post(f"/public/topics/{done.pk}/rating", {"phone": PHONE, "satisfaction": "great"}).status_code == 422


def test_votes_are_throttled_per_address(api, make_topic):
    topic = make_topic("voting")
    with override_settings(SIXIA_THROTTLE={"topic_vote": "3/m", "public_read": "100/m"}):
        codes = [api.post(f"/public/topics/{topic.pk}/votes", {"phone": f"1390000{i:04d}"}).status_code
                 for i in range(5)]
    assert codes == [201, 201, 201, 429, 429]
    assert topic.votes.count() == 3


def test_nominations_are_throttled_on_the_page_too(client, regions):
    with override_settings(SIXIA_THROTTLE={"topic_nominate": "2/m", "public_read": "100/m"}):
        answers = [client.post("/public/topics/nominate/", {"phone": PHONE, "region": "霞浦县长春镇",
                                                            "text": f"问题{i}", "captcha_0": "x", "captcha_1": "PASSED"})
                   for i in range(3)]
    assert [a.status_code for a in answers] == [201, 201, 429]
    assert "操作过于频繁" in answers[2].content.decode() and "问题2" in answers[2].content.decode()


def test_the_nominate_page_keeps_what_was_typed_and_asks_for_a_captcha_after_the_threshold(client, regions, settings):
    settings.SIXIA_CAPTCHA_AFTER = 1
    page = client.get("/public/topics/nominate/")
    assert page.status_code == 200 and "captcha_1" not in page.content.decode()
    answer = client.post("/public/topics/nominate/", {"phone": "12", "region": "霞浦县长春镇", "text": "路灯不亮"})
    body = answer.content.decode()
    assert answer.status_code == 422 and "路灯不亮" in body and 'data-testid="error"' in body
    assert "captcha_1" in body  # the first attempt reached the threshold
    ok = client.post("/public/topics/nominate/", {"phone": PHONE, "region": "霞浦县长春镇", "text": "路灯不亮",
                                                  "captcha_0": "x", "captcha_1": "PASSED"})
    assert ok.status_code == 201 and 'data-testid="nominated"' in ok.content.decode()


def test_the_public_pages_answer_in_english_only_when_asked(client, make_topic):
    topic = make_topic("voting")
    page = client.post(f"/public/topics/{topic.pk}/", {"op": "vote", "phone": PHONE})
    assert page.status_code == 200 and 'data-testid="notice"' in page.content.decode()
    again = client.post(f"/public/topics/{topic.pk}/", {"op": "vote", "phone": PHONE}, HTTP_ACCEPT_LANGUAGE="en")
    text = again.content.decode()
    assert again.status_code == 409 and "you have already voted" in text and "您已为该题目投过票" not in text
    assert client.get("/public/topics/999999/").status_code == 404
    assert client.get(f"/public/topics/{make_topic('draft', title='草拟').pk}/").status_code == 404


def test_one_vote_per_phone_survives_a_field_key_rotation(api, make_topic, settings):
    """The blind index is recomputed under the new key (core/rotation.py lists the three tables)."""
    from sixia.core import rotation

    old, new = "the-previous-field-key-" + "o" * 30, "the-new-field-key-" + "n" * 30
    topic = make_topic("voting")
    settings.FIELD_KEY = old
    assert api.post(f"/public/topics/{topic.pk}/votes", {"phone": PHONE}).status_code == 201
    settings.FIELD_KEY = new
    run = rotation.rotate(old_key=old)
    assert run.rows["topics.vote"] == 1
    assert api.post(f"/public/topics/{topic.pk}/votes", {"phone": PHONE}).status_code == 409


def test_the_public_list_shows_a_period(client, make_topic):
    from sixia.topics.models import Topic

    this, last = make_topic("voting"), make_topic("done", title="去年的题目")
    Topic.objects.filter(pk=last.pk).update(year=2025)
    page = client.get("/public/topics/?year=2025").content.decode()
    assert "去年的题目" in page and "整治电梯停运" not in page and 'href="?year=2026"' in page
    assert "整治电梯停运" in client.get("/public/topics/?year=abc").content.decode()
    assert this.pk
