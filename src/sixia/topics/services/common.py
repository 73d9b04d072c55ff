"""What the services of 点题整治 share: bounded, formula-safe text; the region, unit and topic look-ups inside
the actor's jurisdiction (outside → 404); the unit rule of 部门答题."""

from __future__ import annotations

from datetime import date

from sixia.core import jurisdiction, permissions
from sixia.core.errors import Forbidden, InvalidInput, NotFound
from sixia.core.validation import check_date
from sixia.geo.models import Region
from sixia.org.models import Unit
from sixia.public.text import clean
from sixia.topics.models import Topic

LIMITS = {"title": 120, "problem": 2000, "goal": 1000, "result": 2000, "text": 1000, "name": 40, "phone": 20,
          "region": 80, "comment": 500, "measure": 200, "progress": 1000, "note": 1000}

__all__ = ["LIMITS", "clean", "day", "may_answer", "region_in", "require_unit_of", "unit_in"]


def region_in(actor, code: str) -> Region:
    region = Region.objects.filter(code=str(code or "")[:12]).first()
    if region is None or (actor is not None and not jurisdiction.covers(actor, region.code)):
        raise NotFound("region_not_found", "区划不存在或不在您的管辖范围内", "region not found", field="region_code")
    return region


def unit_in(actor, unit_id, field: str = "unit_id") -> Unit:
    unit = Unit.objects.filter(pk=unit_id).first() if str(unit_id or "").isdigit() else None
    if unit is None or (actor is not None and not jurisdiction.covers(actor, unit.region_id)):
        raise NotFound("unit_not_found", "单位不存在或不在您的管辖范围内", "unit not found", field=field)
    return unit


def day(value, field: str) -> date:
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value.strip())
        except ValueError:
            raise InvalidInput(f"invalid_{field}", "日期格式应为YYYY-MM-DD", "a date is YYYY-MM-DD", field=field) from None
    if not isinstance(value, date):
        raise InvalidInput(f"{field}_required", "请填写日期", "a date is required", field=field)
    check_date(value, field=field)
    return value


def topic_units(topic: Topic) -> set[int]:
    return {topic.lead_unit_id, *topic.co_units.values_list("id", flat=True)}


def may_answer(actor, topic: Topic) -> bool:
    """部门答题 is the lead and co-operating units' own: a handler or head answers for its own unit only."""
    if actor is None or permissions.roles_of(actor) & {"admin"}:
        return permissions.allows(actor, "topics.answer")
    return permissions.allows(actor, "topics.answer") and getattr(actor, "unit_id", None) in topic_units(topic)


def require_unit_of(actor, topic: Topic) -> None:
    """403 unless the actor may answer this topic (checked after the right, before anything is written)."""
    permissions.require(actor, "topics.answer")
    if not may_answer(actor, topic):
        raise Forbidden("not_answering_unit", "只有牵头单位或配合单位可以答题",
                        "only the lead or a co-operating unit answers this topic")
