"""The public's three doors, without a login (``actor`` is the public itself): nominate a problem (群众点题),
vote on a topic published for voting (one vote per phone), rate a completed topic (社会评价, once per phone).

Like ``public.services`` each checks every input itself — bounded, no NUL, text that would start a spreadsheet
formula (= + - @) defused, a valid mobile number — and seals the phone (token + blind index + mask); the "once
per phone" rules compare blind indexes, never phones. The views and API count each request against the
throttle scopes first (``topic_nominate``, ``topic_vote``)."""

from __future__ import annotations

from typing import cast

from django.db import IntegrityError, transaction

from sixia.core import audit
from sixia.core.errors import Conflict, InvalidInput, NotFound
from sixia.core.identity import normalize_phone
from sixia.core.personal import seal_phone
from sixia.public.services import region_named
from sixia.topics import selectors
from sixia.topics.models import Nomination, Rating, Topic, Vote
from sixia.topics.services.common import LIMITS, clean
from sixia.topics.services.nominations import category_of

PUBLIC = "public"  # the audit actor of the public (no account); the entry carries the client address


def not_found() -> NotFound:
    return NotFound("topic_not_found", "题目不存在或未公布", "no such published topic")


def _phone(value: str) -> str:
    return normalize_phone(clean(value, field="phone", label_zh="联系电话", label_en="phone", limit=LIMITS["phone"]))


def nominate(*, phone: str, region: str, text: str, name: str = "", category: str = "") -> Nomination:
    """群众点题 from the portal: the name is optional, the phone required (sealed)."""
    name = clean(name, field="name", label_zh="姓名", label_en="name", limit=LIMITS["name"], required=False)
    phone = _phone(phone)
    body = clean(text, field="text", label_zh="问题", label_en="the problem", limit=LIMITS["text"])
    place = region_named(clean(region, field="region", label_zh="所在地区", label_en="region", limit=LIMITS["region"]))
    cat = category_of(clean(category, field="category", label_zh="问题分类", label_en="category", limit=60,
                            required=False))
    sealed = seal_phone(phone)
    with transaction.atomic():
        row = Nomination.objects.create(source=Nomination.Source.PUBLIC, region=place, category=cat, text=body,
                                        name=name, phone_token=sealed.token, phone_index=sealed.index,
                                        phone_masked=sealed.masked)
        audit.record(audit.Action.CREATE, obj=row, actor=PUBLIC, summary=f"群众点题：{body[:40]}")
    return row


def vote(*, topic_id: int, phone: str) -> tuple[Topic, int]:
    """One vote per phone on a topic in voting; returns the topic and its vote count."""
    topic = selectors.public_topic(topic_id)
    if topic is None:
        raise not_found()
    if topic.state != Topic.State.VOTING:
        raise Conflict("not_voting", "该题目不在投票阶段", "the topic is not open for voting")
    taken = Conflict("already_voted", "您已为该题目投过票", "you have already voted for this topic")

    def write(sealed) -> None:
        Vote.objects.create(topic=topic, phone_token=sealed.token, phone_index=sealed.index,
                            phone_masked=sealed.masked)
        audit.record(audit.Action.CREATE, object_type="topics.vote", object_id=topic.pk, actor=PUBLIC,
                     region_code=topic.region_id, summary=f"群众投票：{topic.title}")

    _once_per_phone(Vote, topic, phone, taken, write)
    return topic, topic.votes.count()


def _once_per_phone(model, topic: Topic, phone: str, taken: Conflict, write) -> object:
    """Write a phone's one row of ``model`` on ``topic`` (a vote, a rating) with ``write(sealed_phone)``; a second
    one is ``taken`` — found by the phone's blind index, or, for two at the same moment, by the constraint."""
    sealed = seal_phone(_phone(phone))
    if model.objects.filter(topic=topic, phone_index=sealed.index).exists():
        raise taken
    try:
        with transaction.atomic():
            return write(sealed)
    except IntegrityError:
        raise taken from None


def rate(*, topic_id: int, phone: str, satisfaction: str, comment: str = "") -> Rating:
    """社会评价 of a completed topic, once per phone."""
    if satisfaction not in Rating.Satisfaction.values:
        raise InvalidInput("invalid_satisfaction", "请选择：满意、基本满意或不满意",
                           "choose satisfied, basically or dissatisfied", field="satisfaction")
    note = clean(comment, field="comment", label_zh="意见", label_en="comment", limit=LIMITS["comment"],
                 required=False)
    topic = selectors.public_topic(topic_id)
    if topic is None:
        raise not_found()
    if topic.state != Topic.State.DONE:
        raise Conflict("not_ratable", "整治完成并公布成效后才能评价", "a topic can be rated once its results are published")
    def write(sealed) -> Rating:
        row = Rating.objects.create(topic=topic, satisfaction=satisfaction, comment=note,
                                    phone_token=sealed.token, phone_index=sealed.index, phone_masked=sealed.masked)
        audit.record(audit.Action.CREATE, obj=row, actor=PUBLIC, region_code=topic.region_id,
                     summary=f"社会评价：{topic.title}")
        return row

    taken = Conflict("already_rated", "您已评价过该题目", "you have already rated this topic")
    return cast(Rating, _once_per_phone(Rating, topic, phone, taken, write))
