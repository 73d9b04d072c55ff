"""部门答题: the lead and co-operating units record measures (举措) with deadlines and dated progress reports;
a topic carries cases (the same problem as petitioners reported it), linked by the curating organ or the units."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from sixia.cases.models import Case
from sixia.core import audit, jurisdiction, permissions
from sixia.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from sixia.topics import permissions as rights
from sixia.topics import rules
from sixia.topics.models import Measure, Progress, Topic, TopicCase
from sixia.topics.services.common import LIMITS, clean, day, may_answer, require_unit_of, topic_units, unit_in

OPEN_FOR_ANSWERS = (Topic.State.ANSWERING,)


def _answering(topic: Topic) -> None:
    if topic.state not in OPEN_FOR_ANSWERS:
        raise Conflict("not_answering", "题目不在整治阶段，不能答题", "the topic is not under rectification")


def add_measure(*, actor, topic: Topic, title: str, due_date, unit_id: int | None = None) -> Measure:
    """A measure of one of the topic's units (a handler's or head's own unit; admin any of them)."""
    require_unit_of(actor, topic)
    _answering(topic)
    title = clean(title, field="title", label_zh="举措", label_en="measure", limit=LIMITS["measure"])
    due = day(due_date, "due_date")
    own = getattr(actor, "unit_id", None)
    unit = unit_in(actor, unit_id or own or topic.lead_unit_id)
    if unit.pk not in topic_units(topic):
        raise InvalidInput("unit_not_of_topic", "责任单位应为该题目的牵头或配合单位",
                           "the unit must be the topic's lead or a co-operating unit", field="unit_id")
    if actor is not None and "admin" not in permissions.roles_of(actor) and unit.pk != own:
        raise Forbidden("not_own_unit", "只能为本单位添加举措", "you add measures for your own unit only")
    with transaction.atomic():
        measure = Measure.objects.create(topic=topic, unit=unit, title=title, due_date=due,
                                         created_by=actor if getattr(actor, "pk", None) else None)
        audit.record(audit.Action.CREATE, obj=measure, actor=actor, summary=f"整治举措：{title}",
                     region_code=topic.region_id, changes={"topic": topic.pk, "due_date": due.isoformat()})
    return measure


def report_progress(*, actor, measure: Measure, percent, text: str, on=None) -> Progress:
    """A dated progress report (进度); the measure keeps the latest percentage."""
    topic = measure.topic
    require_unit_of(actor, topic)
    if actor is not None and "admin" not in permissions.roles_of(actor) and measure.unit_id != actor.unit_id:
        raise Forbidden("not_own_unit", "只能填报本单位举措的进度", "you report progress of your own unit's measures")
    _answering(topic)
    pct = rules.check_percent(percent)
    if pct is None:
        raise InvalidInput("invalid_percent", "进度应为0到100的整数", "progress is a whole number 0..100",
                           field="percent")
    text = clean(text, field="text", label_zh="进展情况", label_en="progress text", limit=LIMITS["progress"])
    when = day(on, "day") if on else timezone.localdate()
    if when > timezone.localdate():
        raise InvalidInput("future_day", "进度日期不能晚于今天", "the day cannot be in the future", field="day")
    with transaction.atomic():
        row = Progress.objects.create(measure=measure, day=when, percent=pct, text=text,
                                      by=actor if getattr(actor, "pk", None) else None)
        before = measure.progress
        latest = measure.updates.order_by("-day", "-id").first()
        measure.progress = latest.percent if latest else pct
        measure.save(update_fields=["progress", "updated_at"])
        audit.record(audit.Action.UPDATE, obj=measure, actor=actor, summary=f"举措进度：{measure.title}",
                     region_code=topic.region_id, changes={"progress": [before, measure.progress]})
    return row


def link_case(*, actor, topic: Topic, case_id) -> TopicCase:
    """Carry a case inside the jurisdiction (the curating organ, or one of the topic's units)."""
    if not (permissions.allows(actor, rights.CURATE) or may_answer(actor, topic)):
        permissions.require(actor, rights.CURATE)  # the usual 403 text
    case = Case.objects.filter(pk=case_id).first() if str(case_id or "").isdigit() else None
    if case is None or (actor is not None and not jurisdiction.covers(actor, case.region_id)) \
            or not str(case.region_id).startswith(topic.region_id):
        raise NotFound("case_not_found", "诉求不存在或不在您的管辖范围内", "case not found", field="case_id")
    if TopicCase.objects.filter(topic=topic, case=case).exists():
        raise Conflict("already_linked", "该诉求已关联本题目", "the case is already linked")
    with transaction.atomic():
        link = TopicCase.objects.create(topic=topic, case=case, by=actor if getattr(actor, "pk", None) else None)
        audit.record(audit.Action.UPDATE, obj=topic, actor=actor, summary=f"题目关联诉求 {case.tracking_no}",
                     changes={"case": case.pk})
    return link
