"""Research (调查研究下基层): topics assigned to leaders (领题调研), measures (整改措施/成果转化) and exchange
meetings (成果交流会). Field trips are activities of kind ``research`` (``services.record_activity``)."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone

from sixia.activities import permissions as rights
from sixia.activities import rules
from sixia.activities.models import ExchangeMeeting, Measure, ResearchTopic
from sixia.activities.services import _date, _region, official, unit
from sixia.core import audit, jurisdiction, permissions
from sixia.core.errors import InvalidInput, NotFound


def create_topic(*, actor, title: str, leader_id: int, region_code: str, year: int, description: str = "",
                 unit_id: int | None = None) -> ResearchTopic:
    permissions.require(actor, rights.RESEARCH)
    title = (title or "").strip()
    if not title:
        raise InvalidInput("title_required", "调研课题不能为空", "title is required", field="title")
    if not 2000 <= int(year) <= 2100:
        raise InvalidInput("invalid_year", "年度无效", "invalid year", field="year")
    leader = official(actor, leader_id)
    region = _region(actor, region_code)
    with transaction.atomic():
        topic = ResearchTopic.objects.create(
            title=title[:200], description=description, leader=leader, region=region, year=year,
            unit=unit(actor, unit_id) if unit_id else leader.unit,
            created_by=actor if getattr(actor, "pk", None) else None)
        audit.record(audit.Action.CREATE, obj=topic, actor=actor, summary=f"领题调研：{topic.title}",
                     changes={"leader": leader.pk, "year": year})
    return topic


def get_topic(actor, topic_id: int) -> ResearchTopic:
    topic = ResearchTopic.objects.select_related("leader", "unit", "region").filter(pk=topic_id).first()
    if topic is None or (actor is not None and not jurisdiction.covers(actor, topic.region_id)):
        raise NotFound("topic_not_found", "调研课题不存在或不在您的管辖范围内", "research topic not found")
    return topic


def set_report(*, actor, topic: ResearchTopic, summary: str) -> ResearchTopic:
    permissions.require(actor, rights.RESEARCH)
    with transaction.atomic():
        topic.report_summary = summary.strip()
        if topic.status == ResearchTopic.Status.OPEN:
            topic.status = ResearchTopic.Status.REPORTED
        topic.save(update_fields=["report_summary", "status", "updated_at"])
        audit.record(audit.Action.UPDATE, obj=topic, actor=actor, summary=f"调研报告：{topic.title}")
    return topic


def _progress(value) -> int:
    try:
        progress = int(value)
    except (TypeError, ValueError):
        raise InvalidInput("invalid_progress", "进度应为0到100的整数", "progress must be 0..100", field="progress")
    if not 0 <= progress <= 100:
        raise InvalidInput("invalid_progress", "进度应为0到100的整数", "progress must be 0..100", field="progress")
    return progress


def _status_for(progress: int) -> str:
    return Measure.Status.DONE if progress >= 100 else Measure.Status.ACTIVE if progress > 0 else Measure.Status.PLANNED


def add_measure(*, actor, topic: ResearchTopic, title: str, owner_id: int | None = None,
                owner_unit_id: int | None = None, due_date=None, parent_id: int | None = None,
                progress: int = 0) -> Measure:
    permissions.require(actor, rights.RESEARCH)
    title = (title or "").strip()
    if not title:
        raise InvalidInput("title_required", "措施内容不能为空", "title is required", field="title")
    parent = None
    if parent_id:
        parent = topic.measures.filter(pk=parent_id).first()
        if parent is None:
            raise NotFound("measure_not_found", "上级措施不存在", "parent measure not found", field="parent_id")
    pct = _progress(progress)
    with transaction.atomic():
        measure = Measure.objects.create(
            topic=topic, parent=parent, title=title[:200], owner=official(actor, owner_id) if owner_id else None,
            owner_unit=unit(actor, owner_unit_id) if owner_unit_id else None,
            due_date=_date(due_date, "due_date") if due_date else None, progress=pct, status=_status_for(pct))
        audit.record(audit.Action.CREATE, obj=measure, actor=actor, summary=f"整改措施：{measure.title}")
    return measure


def update_measure(*, actor, measure: Measure, progress: int, status: str = "") -> Measure:
    """Progress of a leaf measure (a parent's progress is always rolled up from its children)."""
    permissions.require(actor, rights.RESEARCH)
    if measure.children.exists():
        raise InvalidInput("parent_progress", "上级措施的进度由下级措施汇总，不能直接修改",
                           "a parent's progress is rolled up from its children", field="progress")
    pct = _progress(progress)
    if status and status not in Measure.Status.values:
        raise InvalidInput("invalid_status", "状态无效", "invalid status", field="status")
    with transaction.atomic():
        before = measure.progress
        measure.progress, measure.status = pct, status or _status_for(pct)
        measure.save(update_fields=["progress", "status", "updated_at"])
        audit.record(audit.Action.UPDATE, obj=measure, actor=actor, summary=f"措施进度：{measure.title}",
                     changes={"progress": [before, pct]})
    return measure


def measure_tree(topic: ResearchTopic, today: date | None = None) -> list[dict]:
    """The measures as a flat list in tree order with depth, rolled-up progress, status and overdue flag."""
    today = today or timezone.localdate()
    rows = list(topic.measures.select_related("owner", "owner_unit"))
    progress = {m.pk: m.progress for m in rows}
    children: dict[int | None, list[int]] = {}
    for m in rows:
        children.setdefault(m.parent_id, []).append(m.pk)
    by_id = {m.pk: m for m in rows}
    out: list[dict] = []

    def walk(pk: int, depth: int) -> None:
        m = by_id[pk]
        pct = rules.rolled_progress(progress, children, pk)
        out.append({"measure": m, "id": m.pk, "parent_id": m.parent_id, "depth": depth, "title": m.title,
                    "progress": pct, "status": _status_for(pct) if children.get(pk) else m.status,
                    "owner": m.owner.name if m.owner else "", "unit": m.owner_unit.name if m.owner_unit else "",
                    "due_date": m.due_date, "overdue": bool(m.due_date and m.due_date < today and pct < 100)})
        for kid in children.get(pk, []):
            walk(kid, depth + 1)

    for root in children.get(None, []):
        walk(root, 0)
    return out


def topic_progress(topic: ResearchTopic) -> int:
    tree = [row for row in measure_tree(topic) if row["depth"] == 0]
    return round(sum(r["progress"] for r in tree) / len(tree)) if tree else 0


def hold_exchange_meeting(*, actor, day, region_code: str, topic_ids: list[int], place: str = "",
                          summary: str = "") -> ExchangeMeeting:
    permissions.require(actor, rights.RESEARCH)
    region = _region(actor, region_code)
    topics = [get_topic(actor, pk) for pk in topic_ids]
    if not topics:
        raise InvalidInput("topics_required", "请选择交流的调研课题", "choose at least one topic", field="topic_ids")
    with transaction.atomic():
        meeting = ExchangeMeeting.objects.create(day=_date(day, "day"), region=region, place=place, summary=summary)
        meeting.topics.set(topics)
        audit.record(audit.Action.CREATE, obj=meeting, actor=actor, summary=f"成果交流会 {meeting.day}")
    return meeting
