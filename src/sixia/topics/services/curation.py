"""Curating: nominations merged into a topic (题目) of a year and region with its units, and the topic's
states — published for voting (群众投票), adopted for rectification (整治中), completed with its results
published (已完成, then rated by the public), or dropped (未立项)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from sixia.core import audit, permissions
from sixia.core.errors import Conflict, InvalidInput
from sixia.core.validation import parse_year
from sixia.topics import permissions as rights
from sixia.topics import selectors
from sixia.topics.models import Nomination, Topic
from sixia.topics.services.common import LIMITS, clean, region_in, unit_in

State = Topic.State
# state → the states it may go to (and who: all by the curating right)
MOVES = {
    State.DRAFT: {State.VOTING, State.ANSWERING, State.DROPPED},
    State.VOTING: {State.ANSWERING, State.DROPPED},
    State.ANSWERING: {State.DONE},
    State.DONE: set(),
    State.DROPPED: set(),
}


def create_topic(*, actor, year, region_code: str, title: str, problem: str, lead_unit_id: int,
                 co_unit_ids: list[int] | None = None, goal: str = "",
                 nomination_ids: list[int] | None = None) -> Topic:
    """A topic in draft, merging the given nominations (each still new, inside the jurisdiction)."""
    permissions.require(actor, rights.CURATE)
    year = parse_year(year, field="year")
    if year is None:
        raise InvalidInput("year_required", "请填写年度", "the year is required", field="year")
    title = clean(title, field="title", label_zh="题目", label_en="title", limit=LIMITS["title"])
    problem = clean(problem, field="problem", label_zh="问题描述", label_en="problem", limit=LIMITS["problem"])
    goal = clean(goal, field="goal", label_zh="责任目标", label_en="goal", limit=LIMITS["goal"], required=False)
    region = region_in(actor, region_code)
    lead = unit_in(actor, lead_unit_id, "lead_unit_id")
    co = [unit_in(actor, pk, "co_unit_ids") for pk in (co_unit_ids or []) if str(pk) != str(lead.pk)]
    nominations = _new_nominations(actor, nomination_ids)
    with transaction.atomic():
        topic = Topic.objects.create(year=year, region=region, title=title, problem=problem, goal=goal,
                                     lead_unit=lead, created_by=actor if getattr(actor, "pk", None) else None)
        topic.co_units.set(co)
        Nomination.objects.filter(pk__in=[n.pk for n in nominations]).update(
            status=Nomination.Status.MERGED, topic=topic, updated_at=timezone.now())
        audit.record(audit.Action.CREATE, obj=topic, actor=actor, summary=f"点题整治题目：{title}",
                     changes={"year": year, "lead_unit": lead.pk, "nominations": [n.pk for n in nominations]})
    return topic


def _new_nominations(actor, ids: list[int] | None) -> list[Nomination]:
    """The nominations ``ids``, each inside the jurisdiction (else 422) and still new (else 409)."""
    found = [selectors.nominations_for(actor).filter(pk=pk).first() if actor is not None
             else Nomination.objects.filter(pk=pk).first() for pk in (ids or [])]
    if any(n is None for n in found):
        raise InvalidInput("nomination_not_found", "点题不存在或不在您的管辖范围内", "nomination not found",
                           field="nomination_ids")
    rows = [n for n in found if n is not None]
    if any(n.status != Nomination.Status.NEW for n in rows):
        raise Conflict("nomination_taken", "所选点题已纳入其他题目或未采纳", "a nomination was already handled")
    return rows


def merge_nominations(*, actor, topic: Topic, nomination_ids: list[int]) -> Topic:
    """Add more nominations to an existing topic (not once it is completed or dropped)."""
    permissions.require(actor, rights.CURATE)
    if topic.state in (State.DONE, State.DROPPED):
        raise Conflict("topic_closed", "该题目已完成或未立项，不能再纳入点题", "the topic is closed")
    rows = _new_nominations(actor, nomination_ids)
    if not rows:
        raise InvalidInput("nominations_required", "请选择要纳入的点题", "choose nominations", field="nomination_ids")
    with transaction.atomic():
        Nomination.objects.filter(pk__in=[n.pk for n in rows]).update(
            status=Nomination.Status.MERGED, topic=topic, updated_at=timezone.now())
        audit.record(audit.Action.UPDATE, obj=topic, actor=actor, summary=f"纳入点题：{topic.title}",
                     changes={"nominations": [n.pk for n in rows]})
    return topic


def move(*, actor, topic: Topic, to: str, result: str = "") -> Topic:
    """Change a topic's state along ``MOVES``; completing it needs the results (整治成效) to publish."""
    permissions.require(actor, rights.CURATE)
    if to not in State.values or to not in MOVES[State(topic.state)]:
        raise Conflict("invalid_move", "当前状态下不能进行该操作", "the topic cannot go there from its state")
    result = clean(result, field="result", label_zh="整治成效", label_en="results", limit=LIMITS["result"],
                   required=to == State.DONE)
    now = timezone.now()
    before = topic.state
    with transaction.atomic():
        topic.state = to
        fields = ["state", "updated_at"]
        if to in (State.VOTING, State.ANSWERING) and topic.published_at is None:
            topic.published_at, fields = now, [*fields, "published_at"]
        if to == State.DONE:
            topic.completed_at, topic.result, fields = now, result, [*fields, "completed_at", "result"]
        topic.save(update_fields=fields)
        audit.record(audit.Action.UPDATE, obj=topic, actor=actor, summary=f"题目状态：{topic.title}",
                     changes={"state": [before, to]})
    return topic
