"""群众点题 recorded by officials (from a visit or another grassroots activity), and declining a nomination.
The public's own nominations are in ``services.public``."""

from __future__ import annotations

from django.db import transaction

from sixia.activities.models import Activity
from sixia.cases.models import Category
from sixia.core import audit, jurisdiction, permissions
from sixia.core.errors import Conflict, InvalidInput, NotFound
from sixia.core.personal import seal_phone
from sixia.topics import permissions as rights
from sixia.topics.models import Nomination
from sixia.topics.services.common import LIMITS, clean, region_in


def category_of(code: str) -> Category | None:
    if not code:
        return None
    found = Category.objects.filter(code=code, is_active=True).first()
    if found is None:
        raise InvalidInput("unknown_category", "问题分类不存在", "no such category", field="category")
    return found


def record_nomination(*, actor, region_code: str, text: str, source: str = Nomination.Source.VISIT,
                      category: str = "", activity_id: int | None = None, name: str = "",
                      phone: str = "") -> Nomination:
    """An official records what people nominated during a visit (source ``visit``) or an activity."""
    permissions.require(actor, rights.RECORD)
    if source not in (Nomination.Source.VISIT, Nomination.Source.ACTIVITY):
        raise InvalidInput("invalid_source", "来源应为走访收集或下基层活动", "source is visit or activity", field="source")
    body = clean(text, field="text", label_zh="问题", label_en="the problem", limit=LIMITS["text"])
    name = clean(name, field="name", label_zh="姓名", label_en="name", limit=LIMITS["name"], required=False)
    phone = clean(phone, field="phone", label_zh="联系电话", label_en="phone", limit=LIMITS["phone"], required=False)
    region = region_in(actor, region_code)
    cat = category_of(clean(category, field="category", label_zh="问题分类", label_en="category", limit=60,
                            required=False))
    activity = None
    if activity_id:
        activity = Activity.objects.filter(pk=activity_id).first()
        if activity is None or (actor is not None and not jurisdiction.covers(actor, activity.region_id)):
            raise NotFound("activity_not_found", "下基层活动不存在或不在您的管辖范围内", "activity not found",
                           field="activity_id")
        source = Nomination.Source.ACTIVITY
    sealed = seal_phone(phone)
    with transaction.atomic():
        row = Nomination.objects.create(
            source=source, region=region, category=cat, text=body, name=name, activity=activity,
            phone_token=sealed.token, phone_index=sealed.index, phone_masked=sealed.masked,
            created_by=actor if getattr(actor, "pk", None) else None)
        audit.record(audit.Action.CREATE, obj=row, actor=actor, summary=f"记录群众点题：{body[:40]}")
    return row


def decline_nomination(*, actor, nomination: Nomination) -> Nomination:
    permissions.require(actor, rights.CURATE)
    if nomination.status != Nomination.Status.NEW:
        raise Conflict("not_new", "该点题已处理", "this nomination was already handled")
    with transaction.atomic():
        nomination.status = Nomination.Status.DECLINED
        nomination.save(update_fields=["status", "updated_at"])
        audit.record(audit.Action.UPDATE, obj=nomination, actor=actor, summary="点题未采纳")
    return nomination
