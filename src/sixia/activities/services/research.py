"""调研 field trips (activities of kind ``research``); topics, measures and exchange meetings are in
``sixia.activities.research``."""

from __future__ import annotations

from sixia.activities.models import Kind, ResearchTopic
from sixia.activities.services import recording
from sixia.activities.services.common import Recorded
from sixia.core import jurisdiction
from sixia.core.errors import InvalidInput, NotFound


def prepare(actor, fields: dict, region_code: str) -> list:
    topic_id = fields.pop("topic_id", None)
    if topic_id:
        topic = ResearchTopic.objects.filter(pk=topic_id).first()
        if topic is None or (actor is not None and not jurisdiction.covers(actor, topic.region_id)):
            raise NotFound("topic_not_found", "调研课题不存在", "research topic not found", field="topic_id")
        fields["topic"] = topic
    if int(fields.get("people_met") or 0) < 0:
        raise InvalidInput("invalid_people_met", "座谈人数不能为负数", "people_met cannot be negative", field="people_met")
    return []


def record_trip(*, actor, topic_id: int | None = None, people_met: int = 0, four_not_two_direct: bool = False,
                **kwargs) -> Recorded:
    return recording.record_activity(actor=actor, kind=Kind.RESEARCH, topic_id=topic_id, people_met=people_met,
                                     four_not_two_direct=four_not_two_direct, **kwargs)
