"""REST API of the case system: intake, reads, workflow actions, timeline, calendar, catalogue, 三率."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

from django.http import HttpResponse
from django.utils import timezone
from ninja import Query, Router, Schema, Status
from pydantic import BaseModel, ConfigDict, Field

from sixia.api.auth import needs
from sixia.api.pagination import page_by_pk
from sixia.api.schemas import Error, Page
from sixia.api.validation import Id, SafeChars, SaneDate, SaneDateTime
from sixia.cases import deadlines, events, rates, selectors, services, workflow
from sixia.cases import permissions as rights
from sixia.cases.api_desks import router as desks_router
from sixia.cases.api_receipts import router as receipts_router
from sixia.cases.api_rules import router as rules_router
from sixia.cases.models import Category, Notification
from sixia.cases.services import holidays as holiday_service
from sixia.cases.services import idempotency, side_actions
from sixia.cases.services import inbox as inbox_service
from sixia.core import permissions
from sixia.core.errors import Conflict, InvalidInput
from sixia.engines.deadlines import STATUTORY_SOURCE
from sixia.insight import classify as insight_classify
from sixia.insight import repeats as insight_repeats

router = Router(tags=["cases 诉求案件"])
router.add_router("", rules_router)  # /rules/… : the dispatch catalogue, time limits, 三率 weights
router.add_router("", desks_router)  # /leaders/…, /supervision/… : the 包案 and 督办 desks
router.add_router("", receipts_router)  # /sms/receipts : the SMS gateway's delivery receipts (signed, no user)


def _text(n: int) -> Any:
    return Annotated[str, Field(max_length=n), SafeChars]  # the column's length; no NUL, no lone surrogate


class PetitionerIn(Schema):
    name: _text(100) = ""  # type: ignore[valid-type]
    id_number: _text(30) = ""  # type: ignore[valid-type]
    phone: _text(30) = ""  # type: ignore[valid-type]
    address: _text(200) = ""  # type: ignore[valid-type]
    role: _text(20) = "petitioner"  # type: ignore[valid-type]
    person_id: Id | None = None


class CaseIn(Schema):
    channel: _text(20)  # type: ignore[valid-type]
    demand_type: _text(20) = ""  # type: ignore[valid-type]
    petition_class: _text(20) = ""  # type: ignore[valid-type]
    title: _text(200)  # type: ignore[valid-type]
    content: _text(20000)  # type: ignore[valid-type]
    region_code: _text(12)  # type: ignore[valid-type]
    category: _text(60) = ""  # type: ignore[valid-type]
    respondent: _text(200) = ""  # type: ignore[valid-type]
    respondent_unit_id: Id | None = None  # 检举控告: the unit accused never sees the case
    urgency: _text(12) = ""  # type: ignore[valid-type]  # 12345: emergency, urgent, complex (own DeadlinePolicy rows)
    petitioners: list[PetitionerIn] = Field(default=[], max_length=50)
    occurred_at: SaneDateTime | None = None
    headcount: int | None = Field(default=None, ge=1, le=100000)  # 人次 (default: the petitioners listed)


class Deadlines(Schema):
    step: str
    due: datetime | None
    warning: str
    accept_due: datetime | None
    handle_due: datetime | None
    extension_days: int
    suspended: bool
    original_handle_due: datetime | None = None  # before any extension (extensions count from it, 条例第34条)
    reply_served_at: datetime | None = None  # the 复查/复核 windows count from it (条例第35、36条)
    review_unit: str = ""  # 复查机关
    re_review_unit: str = ""  # 复核机关


class PetitionerOut(Schema):
    person_id: int
    name: str
    role: str
    phone: str


class CaseOut(Schema):
    id: int
    tracking_no: str
    state: str
    state_label: str
    track: str
    channel: str
    demand_type: str
    petition_class: str
    urgency: str = ""
    category: str
    title: str
    content: str
    region_code: str
    responsible_unit_id: int | None
    responsible_unit: str
    owner_leader: str
    supervision_level: int
    outcome: str
    reply_text: str
    satisfaction: str
    source_type: str
    source_id: int | None
    merged_into_id: int | None
    registered_at: datetime
    version: int
    deadlines: Deadlines


class CaseDetail(CaseOut):
    petitioners: list[PetitionerOut]
    allowed_actions: list[str]
    side_actions: list[str] = []  # 包案 / 督办 actions the caller may take now (they do not change the state)
    deadline_warnings: list[str]  # a deadline relying on a year whose holiday arrangement is only estimated


class IntakeWarning(Schema):
    code: str
    message: str
    message_zh: str
    case_id: int
    tracking_no: str


class CaseCreated(CaseDetail):
    suggestions: dict  # the classifier's {model_version, category, unit, auto_dispatch} (sixia.insight.classify)
    warnings: list[IntakeWarning] = []  # e.g. the same person's same matter already finalized (条例第36条第3款)


class EventOut(Schema):
    id: int
    at: datetime
    actor: str
    actor_unit: str
    action: str
    action_label: str
    from_state: str
    to_state: str
    reason: str
    data: dict
    public: bool


class CaseFilter(Schema):
    state: str = ""
    region_code: str = ""
    unit: int | None = None
    overdue: bool | None = None
    warning: str = ""
    category: str = ""
    q: str = ""
    page_size: int = 50
    cursor: str | None = None


class ActionIn(BaseModel):
    """The action's arguments (reason, unit_id, outcome, text, served_on, days, review_unit_id, method …) and
    optionally the ``version`` the caller saw (optimistic locking). The arguments the actions read are typed
    here, so a ``"version": "abc"``, a ``"unit_id": [1]`` or a ``"reason": 123`` is a 422 naming the field
    before the workflow runs; an action's own rules (required, allowed values) stay in the service."""

    model_config = ConfigDict(extra="allow")
    version: Id | None = None
    reason: Annotated[str, Field(max_length=2000), SafeChars] | None = None
    text: Annotated[str, Field(max_length=20000), SafeChars] | None = None
    note: Annotated[str, Field(max_length=2000), SafeChars] | None = None
    outcome: Annotated[str, Field(max_length=20), SafeChars] | None = None
    method: Annotated[str, Field(max_length=10), SafeChars] | None = None
    satisfaction: Annotated[str, Field(max_length=20), SafeChars] | None = None
    unit_id: Id | None = None
    copy_unit_id: Id | None = None
    review_unit_id: Id | None = None
    re_review_unit_id: Id | None = None
    into_id: Id | None = None
    into_tracking_no: Annotated[str, Field(max_length=32), SafeChars] | None = None
    to_organ: Annotated[str, Field(max_length=200), SafeChars] | None = None
    days: Annotated[int, Field(ge=0, le=366)] | None = None
    due_date: SaneDate | None = None
    served_on: SaneDate | None = None
    contacted: bool | None = None
    resolved: bool | None = None


class DeadlineQuery(Schema):
    start: SaneDate
    days: Annotated[int, Field(ge=-3660, le=3660)]  # ten years either way: a deadline, not a calendar walk to year 9999
    kind: str = "working"


def _summary(case) -> dict:
    return {
        "id": case.pk, "tracking_no": case.tracking_no, "state": case.state,
        "state_label": workflow.STATES.get(case.state, case.state), "track": case.track, "channel": case.channel,
        "demand_type": case.demand_type, "petition_class": case.petition_class, "urgency": case.urgency,
        "category": case.category.code if case.category_id else "", "title": case.title, "content": case.content,
        "region_code": case.region_id, "responsible_unit_id": case.responsible_unit_id,
        "responsible_unit": case.responsible_unit.name if case.responsible_unit_id else "",
        "owner_leader": case.owner_leader.name if case.owner_leader_id else "",
        "supervision_level": case.supervision_level, "outcome": case.outcome, "reply_text": case.reply_text,
        "satisfaction": case.satisfaction, "source_type": case.source_type, "source_id": case.source_id,
        "merged_into_id": case.merged_into_id, "registered_at": case.registered_at, "version": case.version,
        "deadlines": {"step": case.step, "due": case.due_at, "warning": case.warning, "accept_due": case.accept_due,
                      "handle_due": case.handle_due, "extension_days": case.extension_days,
                      "suspended": case.suspended_at is not None, "original_handle_due": case.extension_base,
                      "reply_served_at": case.reply_served_at,
                      "review_unit": case.review_unit.name if case.review_unit_id else "",
                      "re_review_unit": case.re_review_unit.name if case.re_review_unit_id else ""},
    }


def _detail(case, user) -> dict:
    petitioners = [{"person_id": link.person_id, "name": link.person.name, "role": link.role,
                    "phone": link.person.phone_masked}
                   for link in case.petitioners.select_related("person")]
    return _summary(case) | {"petitioners": petitioners, "allowed_actions": workflow.allowed_actions(case, user),
                             "side_actions": side_actions.allowed_side_actions(case, user),
                             "deadline_warnings": deadlines.case_warnings(case)}


def _detail_of_new(case, user) -> dict:
    """The answer of a registration, built from what was written (``create_case`` returns the case with its
    ``petitioner_links``): no read-back of the case, its units and petitioners."""
    links = getattr(case, "petitioner_links", None)
    if links is None:  # a path that re-read the case (on-site hand-out)
        return _detail(selectors.get_case(user, case.pk), user)
    petitioners = [{"person_id": link.person_id, "name": link.person.name, "role": link.role,
                    "phone": link.person.phone_masked} for link in links]
    return _summary(case) | {"petitioners": petitioners, "allowed_actions": workflow.allowed_actions(case, user),
                             "side_actions": side_actions.allowed_side_actions(case, user, new=True),
                             "deadline_warnings": deadlines.case_warnings(case, new=True)}


def _duplicate_warnings(user, case, data: dict) -> list[dict]:
    """可能重复登记: cases of the same person or the same title/text registered in the last hour. A warning, not
    a refusal — a second registration may be right (two matters), and a retry is the Idempotency-Key's job."""
    rows = selectors.recent_duplicates(user, title=data["title"], content=data["content"],
                                       petitioners=data["petitioners"], exclude_id=case.pk)[:5]
    return [{"code": "possible_duplicate", "message": f"{DUPLICATE_ZH} ({DUPLICATE_EN})", "message_zh": DUPLICATE_ZH,
             "case_id": c.pk, "tracking_no": c.tracking_no} for c in rows]


DUPLICATE_ZH = "可能重复登记：一小时内已登记同一诉求人或相同内容的诉求"
DUPLICATE_EN = "possible duplicate: a case of the same petitioner or with the same text was registered within the hour"


@router.post("/cases", auth=needs(rights.REGISTER), response={200: CaseCreated, 201: CaseCreated, 409: Error, 422: Error},
             summary="登记诉求（附智能分类建议；Idempotency-Key 请求头防止重试重复登记）")
def create_case(request, payload: CaseIn, response: HttpResponse):
    """201 with the new case. With an ``Idempotency-Key`` header (≤ 100 printable ASCII characters, per user, kept
    24 h) a retry with the same key and body answers **200** with that same case (header
    ``Idempotent-Replayed: true``) and creates nothing; the same key with another body is 422
    ``idempotency_mismatch``. ``warnings`` lists ``finalized_repeat`` and ``possible_duplicate`` hints."""
    data = payload.dict()
    data["petitioners"] = [p for p in data["petitioners"]]
    key = request.headers.get("Idempotency-Key")
    if key is None:
        case, suggestions = insight_classify.create_case_with_suggestions(actor=request.auth, data=data)
        created = True
    else:
        made: dict = {}

        def create():
            made["case"], made["suggestions"] = insight_classify.create_case_with_suggestions(
                actor=request.auth, data=data)
            return made["case"]

        case, created = idempotency.create_once(actor=request.auth, key=key, body=data, create=create)
        suggestions = made.get("suggestions")
    if not created:
        response["Idempotent-Replayed"] = "true"
        return Status(200, _detail(selectors.get_case(request.auth, case.pk), request.auth)
                      | {"suggestions": {}, "warnings": []})
    detail = _detail_of_new(case, request.auth)
    persons = [link.person for link in getattr(case, "petitioner_links", None) or []] or None
    unshared = persons is not None and all(getattr(p, "identity_unshared", False) for p in persons)
    warnings = ([] if unshared else insight_repeats.finalized_warnings(request.auth, case, persons=persons))
    warnings += _duplicate_warnings(request.auth, case, data)
    return Status(201, detail | {"suggestions": suggestions.as_dict() if suggestions else {}, "warnings": warnings})


@router.get("/cases", response=Page[CaseOut], summary="诉求列表（管辖范围内；按编号倒序，游标分页）")
def list_cases(request, filters: Query[CaseFilter]):
    qs = selectors.cases_for(request.auth, state=filters.state, region_code=filters.region_code, unit=filters.unit,
                             overdue=filters.overdue, warning=filters.warning, category=filters.category,
                             q=filters.q).select_related("owner_leader")
    items, next_cursor = page_by_pk(qs, page_size=filters.page_size, cursor=filters.cursor)
    return {"items": [_summary(c) for c in items], "next_cursor": next_cursor}


@router.get("/cases/{case_id}", response=CaseDetail, summary="一件诉求")
def get_case(request, case_id: int):
    return _detail(selectors.get_case(request.auth, case_id), request.auth)


# Workflow actions need ``cases.act``; the side actions of the 包案 and 督办 desks (set_leader, leader_note,
# leader_signoff, urge, supervise, flag_supervise, answer_supervision) their own right, which a supervisor holds
# without ``cases.act``. So the operation names ``cases.act`` without the early check and the view requires the
# action's own right first — before the case is looked up or anything is read from the (free-form) body.
@router.post("/cases/{case_id}/actions/{action}", auth=needs(rights.ACT, early=False),
             response={200: CaseDetail, 409: Error, 422: Error, 403: Error},
             summary="执行办理操作（非法操作返回409）；包案、督办等不改变状态的操作同此接口")
def perform_action(request, case_id: int, action: str, payload: ActionIn):
    if action not in workflow.ACTIONS and action not in services.SIDE_ACTIONS:
        raise InvalidInput("unknown_action", f"未知操作：{action}", f"unknown action: {action}")
    permissions.require(request.auth, side_actions.right_of(action))
    case = selectors.get_case(request.auth, case_id)
    args = payload.model_dump(exclude_unset=True)  # an absent argument stays absent (its default is the service's)
    version = args.pop("version", None)
    if version is not None and version != case.version:
        raise Conflict("stale_case", "该诉求已被他人处理，请刷新后重试", "the case changed meanwhile; reload and retry")
    if action in services.SIDE_ACTIONS:
        services.perform_side_action(actor=request.auth, case=case, action=action, args=args)
    else:
        case = services.perform_action(actor=request.auth, case=case, action=action, args=args)
    return Status(200, _detail(selectors.get_case(request.auth, case.pk), request.auth))


@router.get("/cases/{case_id}/timeline", response=list[EventOut], summary="办理过程（一案一档）")
def timeline(request, case_id: int, public_only: bool = False):
    case = selectors.get_case(request.auth, case_id)
    labels = events.labels()
    return [{"id": e.pk, "at": e.at, "actor": e.actor_name, "actor_unit": e.actor_unit, "action": e.action,
             "action_label": labels.get(e.action, e.action), "from_state": e.from_state, "to_state": e.to_state,
             "reason": e.reason, "data": e.data, "public": e.public}
            for e in selectors.timeline(case, public_only=public_only)]


class DeadlineOut(Schema):
    start: date
    days: int
    kind: str
    due: date
    warnings: list[str]  # e.g. a year whose holidays are estimated from the law, not yet imported


@router.get("/calendar/deadline", response={200: DeadlineOut, 422: Error}, summary="期限计算（工作日/自然日）")
def calendar_deadline(request, query: Query[DeadlineQuery]):
    due, warnings = deadlines.due_date(query.start, query.days, query.kind)
    return {"start": query.start, "days": query.days, "kind": query.kind, "due": due, "warnings": warnings}


class HolidayText(Schema):
    text: str  # one day a line: YYYY-MM-DD,休|班[,名称] (the format of `sixia import-holidays`)


class HolidayDayOut(Schema):
    date: date
    is_workday: bool
    name: str


class StatutoryDayOut(Schema):
    date: date
    name: str


class HolidayYearOut(Schema):
    year: int
    status: str  # shipped (chinese-calendar) | imported | estimate (statutory holidays only, no 调休)
    known: bool
    imported_at: datetime | None
    imported_by: str
    source: str
    statutory: list[StatutoryDayOut]
    statutory_source: str
    overrides: list[HolidayDayOut]


class DeadlineMoveOut(Schema):
    case_id: int
    tracking_no: str
    title: str
    field: str  # accept_due | handle_due | due_at | assignment.due_at | assignment.dispute_due
    assignment_id: int | None
    before: datetime
    after: datetime


class HolidayPlanOut(Schema):
    years: list[int]
    new_years: list[int]  # years recorded as known by this arrangement
    days: int
    changed_days: list[HolidayDayOut]  # days whose stored row is new or different
    cases: int
    moves_total: int
    moves: list[DeadlineMoveOut]  # those of cases in the caller's jurisdiction
    moves_hidden: int
    applied: bool


@router.get("/calendar/holidays", response={200: HolidayYearOut, 403: Error, 422: Error},
            summary="节假日安排：某年的状态、法定节假日与调整日（系统管理员）")
def calendar_holidays(request, year: int | None = None):
    holiday_service.check_admin(request.auth)
    status = holiday_service.year_status(year or timezone.localdate().year)
    imported = status.imported
    return {"year": status.year, "status": status.status, "known": status.known,
            "imported_at": imported.imported_at if imported else None,
            "imported_by": imported.imported_by.username if imported and imported.imported_by else "",
            "source": imported.source if imported else "",
            "statutory": [{"date": d, "name": n} for d, n in status.statutory.items()],
            "statutory_source": STATUTORY_SOURCE,
            "overrides": [{"date": r.date, "is_workday": r.is_workday, "name": r.name} for r in status.overrides]}


@router.post("/calendar/holidays/preview", auth=needs(rights.MANAGE_HOLIDAYS), response={200: HolidayPlanOut, 403: Error, 422: Error},
             summary="预览节假日安排：哪些在办诉求的期限将调整（不写入）")
def preview_holidays(request, payload: HolidayText):
    plan = holiday_service.preview_arrangement(actor=request.auth, text=payload.text)
    return plan.as_dict(request.auth)


@router.post("/calendar/holidays/apply", auth=needs(rights.MANAGE_HOLIDAYS), response={200: HolidayPlanOut, 403: Error, 422: Error},
             summary="导入节假日安排并重新计算在办诉求的期限（重复导入不产生变化）")
def apply_holidays(request, payload: HolidayText):
    plan = holiday_service.apply_arrangement(actor=request.auth, text=payload.text, source="api")
    return plan.as_dict(request.auth)


@router.get("/catalog", response={200: dict[str, Any]}, summary="字典：渠道、诉求类型、信访类别、问题分类、操作")
def catalog(request):
    data = workflow.catalog()
    data["category"] = [{"code": c.code, "name": c.name, "parent": c.parent.code if c.parent_id else None}
                        for c in Category.objects.filter(is_active=True).select_related("parent")]
    return data


@router.get("/rates", response={200: dict[str, Any], 422: Error}, summary="三率：响应率、解决率、满意率与综合得分")
def get_rates(request, period: str, unit: int | None = None, region_code: str = ""):
    return rates.rates_for(request.auth, period=period, unit=unit, region_code=region_code).as_dict()


# ---- the in-app inbox (the user's and the user's unit's messages) ----

class NotificationOut(Schema):
    id: int
    kind: str
    title: str
    body: str
    case_id: int | None
    unit_id: int | None  # set: a message to the whole unit, read once for all its members
    created_at: datetime
    read_at: datetime | None


class NotificationFilter(Schema):
    unread: bool | None = None  # true: unread only; false: read only; absent: all
    page_size: int = 50
    cursor: str | None = None


class NotificationPage(Page[NotificationOut]):
    unread_count: int


class NotificationMarked(Schema):
    notification: NotificationOut
    unread_count: int


class NotificationsMarked(Schema):
    marked: int
    unread_count: int


def _notification(row: Notification) -> dict:
    return {"id": row.pk, "kind": row.kind, "title": row.title, "body": row.body, "case_id": row.case_id,
            "unit_id": row.unit_id, "created_at": row.created_at, "read_at": row.read_at}


def _unread_count(user) -> int:
    return selectors.inbox(user).filter(read_at__isnull=True).count()


@router.get("/notifications", response=NotificationPage, summary="我的消息（本人及本单位；最新在前，游标分页）")
def list_notifications(request, filters: Query[NotificationFilter]):
    qs = selectors.inbox(request.auth)
    if filters.unread is not None:
        qs = qs.filter(read_at__isnull=filters.unread)
    items, next_cursor = page_by_pk(qs, page_size=filters.page_size, cursor=filters.cursor)
    return {"items": [_notification(n) for n in items], "next_cursor": next_cursor,
            "unread_count": _unread_count(request.auth)}


@router.post("/notifications/{notification_id}/read", auth=needs(rights.READ_MESSAGES), response={200: NotificationMarked, 404: Error},
             summary="标记一条消息已读（重复标记保留首次已读时间）")
def mark_notification_read(request, notification_id: int):
    row = inbox_service.mark_read(actor=request.auth, notification_id=notification_id)
    return {"notification": _notification(row), "unread_count": _unread_count(request.auth)}


@router.post("/notifications/read-all", auth=needs(rights.READ_MESSAGES), response=NotificationsMarked, summary="全部消息标为已读")
def mark_all_notifications_read(request):
    marked = inbox_service.mark_all_read(actor=request.auth)
    return {"marked": marked, "unread_count": _unread_count(request.auth)}
