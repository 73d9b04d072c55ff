"""Writes of the public portal, done without a login as the system (``actor=None``) — deliberately.

The public has no user and no right: ``submit_case`` and ``rate_case`` are the only two doors, each checking every
input itself (bounded, no NUL, no formula, phone and ID number valid) before it calls the same services the desk
uses (``cases.services.create_case`` and ``perform_action``), so the case file, clocks, notices and the audit
trail are the usual ones. The audit entries carry the client address (request context); the case events name
the public as their author instead of "系统".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation

from sixia.cases import deadlines, workflow
from sixia.cases.models import Case, ReturnVisit
from sixia.cases.services import create_case, notices, perform_action
from sixia.cases.services.attachments import add_attachment, check_upload
from sixia.core import context
from sixia.core.errors import Conflict, InvalidInput, NotFound
from sixia.core.identity import normalize_id_number, normalize_phone
from sixia.people.models import Person
from sixia.public import selectors
from sixia.public.text import clean

CHANNELS = ("online", "hotline")  # 网上信访 (petition track) or 12345 (hotline track), by configuration
AUTHOR = "群众（网上）"
LIMITS = {"name": 40, "phone": 20, "id_number": 20, "region": 80, "text": 2000, "location": 200, "comment": 500}
PHOTO_EXTENSIONS = (".jpg", ".jpeg", ".png", ".webp", ".gif")
MAX_PHOTOS = 3


def public_channel() -> str:
    """``SIXIA_PUBLIC_CHANNEL`` (default ``online``): where portal submissions land."""
    channel = getattr(settings, "SIXIA_PUBLIC_CHANNEL", "online")
    return channel if channel in CHANNELS else "online"


def not_found() -> NotFound:
    """The one answer for an unknown code and a wrong phone alike."""
    return NotFound("not_found", "查询码或联系电话不正确", "wrong query code or phone number")


def region_named(text: str):
    """The one division the public named (a name, with its county where several share it); the portal's forms
    (a matter, a 点题整治 nomination) pick regions this way."""
    found = selectors.region_by_name(text)
    if not found:
        raise InvalidInput("unknown_region", "找不到该地区，请从列表中选择", "no such region; pick one from the list",
                           field="region")
    if len(found) > 1:
        raise InvalidInput("ambiguous_region", "有多个同名地区，请填写包含县（市、区）的全称",
                           "several regions have this name; give it with its county", field="region")
    return found[0]


def _photos(photos) -> list:
    photos = [p for p in (photos or []) if p]
    if len(photos) > MAX_PHOTOS:
        raise InvalidInput("too_many_photos", f"照片最多{MAX_PHOTOS}张", f"at most {MAX_PHOTOS} photos", field="photos")
    for photo in photos:
        name, _prepared = check_upload(photo)
        if not name.lower().endswith(PHOTO_EXTENSIONS):
            raise InvalidInput("not_a_photo", "只能上传照片（jpg、png、webp、gif）", "photos only (jpg, png, webp, gif)",
                               field="photos")
    return photos


def _origin() -> dict[str, str]:
    """What the case event records of a portal write: that it came from the portal, and the client address."""
    return {"via": "public", "client": context.current().ip}


def submit_case(*, name: str, phone: str, region: str, text: str, id_number: str = "", category: str = "",
                location: str = "", photos=None, now: datetime | None = None) -> Case:
    """Register a matter from the portal; returns the case (its ``tracking_no`` is the query code)."""
    name = clean(name, field="name", label_zh="姓名", label_en="name", limit=LIMITS["name"])
    phone = normalize_phone(clean(phone, field="phone", label_zh="联系电话", label_en="phone", limit=LIMITS["phone"]))
    id_number = clean(id_number, field="id_number", label_zh="身份证号", label_en="ID number",
                      limit=LIMITS["id_number"], required=False)
    if id_number:
        id_number = normalize_id_number(id_number)
    body = clean(text, field="text", label_zh="反映内容", label_en="the matter", limit=LIMITS["text"])
    where = clean(location, field="location", label_zh="地点", label_en="location", limit=LIMITS["location"],
                  required=False)
    place = region_named(clean(region, field="region", label_zh="所在地区", label_en="region", limit=LIMITS["region"]))
    category = clean(category, field="category", label_zh="问题分类", label_en="category", limit=60, required=False)
    photos = _photos(photos)
    content = f"{body}\n\n地点：{where}" if where else body
    title = body.splitlines()[0][:40]
    with transaction.atomic():
        case = create_case(actor=None, channel=public_channel(), title=title, content=content,
                           region_code=place.code, category=category, now=now,
                           petitioners=[{"name": name, "phone": phone, "id_number": id_number}],
                           author=AUTHOR, event_data=_origin())
        # notices go out in the language the person used the portal in (cases.services.notices)
        Person.objects.filter(pk__in=case.petitioners.values("person_id")).update(
            language=notices.language_of(translation.get_language()))
        for photo in photos:
            add_attachment(actor=None, case=case, upload=photo)
    return case


@dataclass(frozen=True)
class Objection:
    """What a dissatisfied petitioner may do next, and by when."""

    path: str  # "review" (复查, 条例第35条)
    due: datetime
    organ: str


def objection_for(case: Case, now: datetime | None = None) -> Objection | None:
    """复查 within 30 days of the reply served (petitions; 12345 orders only if CaseSettings.hotline_reviews)."""
    if case.state not in {"replied", "visited", "closed"} or not workflow.reviews_apply(case):
        return None
    served = case.reply_served_at or case.replied_at
    if served is None:
        return None
    due = deadlines.clock_for(case, "review_request", served).due_at
    if due is None or (now or timezone.now()) > due:
        return None
    organ = case.review_unit or (case.responsible_unit.parent if case.responsible_unit else None)
    return Objection(path="review", due=due, organ=organ.name if organ else "")


def rate_case(*, code: str, phone: str = "", phone_key: str = "", satisfaction: str, comment: str = "", resolved: bool = False,
              now: datetime | None = None) -> tuple[ReturnVisit, Objection | None]:
    """The petitioner's rating of the reply: a return visit of the web channel, once, only after the reply.

    The petitioner proves it is theirs with ``phone`` (API) or with the phone's blind index the page's session
    kept (``phone_key``)."""
    if satisfaction not in ReturnVisit.Satisfaction.values:
        raise InvalidInput("invalid_satisfaction", "请选择：满意、基本满意或不满意",
                           "choose satisfied, basically or dissatisfied", field="satisfaction")
    note = clean(comment, field="comment", label_zh="评价意见", label_en="comment", limit=LIMITS["comment"],
                 required=False)
    case = selectors.case_for_key(code, phone_key or selectors.phone_key(phone))
    if case is None:
        raise not_found()
    if selectors.public_rating(case) is not None:
        raise Conflict("already_rated", "您已评价过该事项", "you have already rated this matter")
    if case.state != "replied":
        raise Conflict("not_ratable", "答复之后才能评价（已回访的事项不再评价）",
                       "a matter can be rated after its reply, and only before its return visit")
    with transaction.atomic():
        case = perform_action(actor=None, case=case, action="return_visit", now=now, args={
            "method": ReturnVisit.Method.WEB, "contacted": True, "resolved": bool(resolved),
            "satisfaction": satisfaction, "note": note}, author=AUTHOR, event_data=_origin())
        visit = case.return_visits.order_by("-id").first()
    assert visit is not None
    dissatisfied = satisfaction == ReturnVisit.Satisfaction.DISSATISFIED
    return visit, objection_for(case, now) if dissatisfied else None
