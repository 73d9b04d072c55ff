"""纪委监督: supervision notes and urges (督办) on a topic or one of its measures."""

from __future__ import annotations

from django.db import transaction

from sixia.core import audit, permissions
from sixia.core.errors import InvalidInput, NotFound
from sixia.topics import permissions as rights
from sixia.topics.models import SupervisionNote, Topic
from sixia.topics.services.common import LIMITS, clean, day


def supervise(*, actor, topic: Topic, text: str, kind: str = SupervisionNote.Kind.NOTE,
              measure_id: int | None = None, reply_by=None) -> SupervisionNote:
    permissions.require(actor, rights.SUPERVISE)
    if kind not in SupervisionNote.Kind.values:
        raise InvalidInput("invalid_kind", "类型应为监督记录或督办", "kind is note or urge", field="kind")
    text = clean(text, field="text", label_zh="内容", label_en="text", limit=LIMITS["note"])
    measure = None
    if measure_id:
        measure = topic.measures.filter(pk=measure_id).first()
        if measure is None:
            raise NotFound("measure_not_found", "举措不存在", "measure not found", field="measure_id")
    due = day(reply_by, "reply_by") if reply_by else None
    with transaction.atomic():
        note = SupervisionNote.objects.create(topic=topic, measure=measure, kind=kind, text=text, reply_by=due,
                                              by=actor if getattr(actor, "pk", None) else None)
        audit.record(audit.Action.ACTION, obj=topic, actor=actor,
                     summary=f"{'督办' if kind == SupervisionNote.Kind.URGE else '监督记录'}：{topic.title}",
                     changes={"measure": measure.pk if measure else None})
    return note
