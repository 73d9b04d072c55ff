"""Intake (登记): one demand from any channel becomes one case with its file."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time
from functools import cache

from django.db import transaction
from django.utils import timezone

from sixia.cases import deadlines, workflow
from sixia.cases import permissions as rights
from sixia.cases.models import Case, CaseEvent, CasePetitioner, Category, DispatchRule
from sixia.cases.services.people import check_role, resolve_person
from sixia.cases.services.tracking import next_tracking_no
from sixia.core import audit, jurisdiction, permissions, plausibility, rowcache
from sixia.core.errors import Forbidden, InvalidInput
from sixia.core.hooks import app_modules
from sixia.geo.lookup import region_by_code
from sixia.geo.models import Region
from sixia.org.models import Unit
from sixia.people.models import Person

CASE_LABELS = {"title": ("标题", "title"), "content": ("诉求内容", "content"), "respondent": ("被反映人/单位", "respondent"),
               "channel": ("来源渠道", "channel"), "demand_type": ("诉求类型", "demand type"),
               "petition_class": ("信访类别", "petition class"), "urgency": ("紧急程度", "urgency")}
PERSON_LABELS = {"name": ("诉求人姓名", "petitioner name"), "address": ("诉求人住址", "petitioner address")}
COLLECTIVE_MIN = 5  # 5 or more petitioners: a collective petition (representatives ≤ 5, 条例第20条)


rowcache.register("categories", Category)
rowcache.register("dispatch_rules", DispatchRule, Unit)


def active_categories() -> dict[str, Category]:
    """The active catalogue by code, cached per process (``sixia.core.rowcache``); read-only instances."""
    return rowcache.get("categories", lambda: {c.code: c for c in Category.objects.filter(is_active=True)})


def _category(code: str) -> Category | None:
    if not code:
        return None
    cat = active_categories().get(code)
    if cat is None:
        raise InvalidInput("unknown_category", f"问题分类不存在：{code}", f"unknown category: {code}", field="category")
    return cat


def _respondent_unit(unit_id: int | None):
    """The unit accused (被检举控告单位) of a 检举控告: it will never see the case (cases.selectors)."""
    if not unit_id:
        return None
    unit = Unit.objects.filter(pk=unit_id).first()
    if unit is None:
        raise InvalidInput("unknown_unit", "被检举控告单位不存在", "unknown accused unit", field="respondent_unit_id")
    return unit


def _region(actor, region_code: str) -> Region:
    region = region_by_code(region_code)
    if region is None:
        raise InvalidInput("unknown_region", f"行政区划代码 {region_code} 不存在", "unknown region code",
                           field="region_code")
    if actor is not None and not jurisdiction.covers(actor, region_code):
        raise Forbidden("outside_jurisdiction", "该区划不在您的管辖范围内", "region outside your jurisdiction")
    return region


def dispatch_rule_for(*, category_code: str, region_code: str) -> DispatchRule | None:
    """派单目录: the most specific active row for a category (prefix) and region (prefix)."""
    best, best_rank = None, None
    for rule in rowcache.get("dispatch_rules", lambda: list(
            DispatchRule.objects.filter(is_active=True).select_related("unit", "copy_unit"))):
        if rule.region_prefix and not region_code.startswith(rule.region_prefix):
            continue
        if rule.category_code and not (category_code == rule.category_code
                                       or category_code.startswith(rule.category_code + ".")):
            continue
        rank = (len(rule.category_code), len(rule.region_prefix))
        if best_rank is None or rank > best_rank:
            best, best_rank = rule, rank
    return best


def event_row(*, case: Case, actor, action: str, from_state: str, to_state: str, at: datetime,
              reason: str = "", data: dict | None = None, public: bool = False, author: str = "") -> CaseEvent:
    """An unsaved CaseEvent (``record_event`` saves one; bulk paths ``bulk_create`` many). ``author`` names who
    acted when the system acts for someone without a login (the public portal)."""
    unit = getattr(actor, "unit", None) if actor is not None else None
    return CaseEvent(
        case=case, at=at, actor=actor if getattr(actor, "pk", None) else None,
        actor_name=(author or getattr(actor, "display_name", "") or getattr(actor, "username", "") or "系统")[:150],
        actor_unit=(unit.name if unit else "")[:100], action=action, from_state=from_state, to_state=to_state,
        reason=reason, data=data or {}, public=public)


def record_event(*, case: Case, actor, action: str, from_state: str, to_state: str, at: datetime,
                 reason: str = "", data: dict | None = None, public: bool = False, author: str = "") -> CaseEvent:
    event = event_row(case=case, actor=actor, action=action, from_state=from_state, to_state=to_state, at=at,
                      reason=reason, data=data, public=public, author=author)
    event.save()
    return event


@cache
def _hooks() -> list[Callable[..., None]]:
    return [module.after_register for _, module in app_modules("case_hooks")
            if callable(getattr(module, "after_register", None))]


def after_register(cases: list[Case], *, actor, now: datetime) -> None:
    """The one hook after cases are registered, called explicitly — in the registering transaction — by every
    path that creates cases: ``create_case`` (intake page and API, on-site hand-out, activities, the
    classifier) and the ledger import (``reports.bulk_import``, with all its cases at once). Apps contribute
    a ``<app>.case_hooks`` module with ``after_register(cases, *, actor, now)`` (insight: the 越级 flag), so
    the case system imports none of them; a signal would miss bulk inserts, which send none."""
    if not cases:
        return
    for hook in _hooks():
        hook(cases, actor=actor, now=now)


def _occurred_at(value, now: datetime) -> datetime | None:
    """发生时间: ISO text or a datetime; on or after the earliest date of ``core.InputRules``, not in the future."""
    if isinstance(value, str):
        value = value.strip()
        if not value:
            return None
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            raise InvalidInput("invalid_date", "发生时间格式应为 YYYY-MM-DD 或 YYYY-MM-DDTHH:MM",
                               "occurred_at must be ISO 8601", field="occurred_at")
    if isinstance(value, date) and not isinstance(value, datetime):
        value = datetime.combine(value, time(12, 0))
    if value is not None and timezone.is_naive(value):
        value = timezone.make_aware(value)
    plausibility.check_in_range(value, field="occurred_at", label_zh="发生时间", label_en="the occurrence date",
                                now=now)
    return value or None


def create_case(*, actor, channel: str, title: str, content: str, region_code: str, demand_type: str = "",
                petition_class: str = "", category: str = "", petitioners: list[dict] | None = None,
                occurred_at=None, source_type: str = "", source_id: int | None = None, owner_leader=None,
                assign_to=None, due_date=None, respondent: str = "", respondent_unit_id: int | None = None,
                urgency: str = "", now: datetime | None = None, author: str = "",
                event_data: dict | None = None, headcount: int | None = None,
                extra_events: Callable[[Case], list[CaseEvent]] | None = None) -> Case:
    """Register a case (登记), find-or-create its petitioners, start the acceptance clock.

    ``assign_to`` (a Unit) accepts and assigns it at once — 现场交办, for activities that hand a case to a unit
    on the spot: the one who holds the activity (a leader too, who is no desk) is recorded as having accepted
    and assigned it, which takes the right ``cases.hand_out_on_site``; ``due_date`` then overrides the handling
    deadline.

    ``author`` and ``event_data`` (the system only, ``actor=None``): who the register event names instead of
    "系统", and what it adds to its data — the public portal's submissions (``sixia.public.services``).

    ``headcount`` (人次): the people who came; at least the number of petitioners listed (a 集体访 of 30 people
    with 5 representatives is 1 批次, 30 人次).

    ``extra_events(case)``: more unsaved events of the registration (the classifier's suggestion), written with
    the register event in one INSERT. The case comes back with ``petitioner_links`` (its CasePetitioner rows,
    persons attached) so an answer can be built from what was written, without reading it back.
    """
    if actor is not None and (author or event_data):
        raise ValueError("author/event_data are for the system acting for the public")
    permissions.require(actor, rights.REGISTER_FROM_ACTIVITY if source_type else rights.REGISTER)
    if assign_to is not None:
        permissions.require(actor, rights.HAND_OUT_ON_SITE)
    # The audit entries of the new persons and of the case are chained in one write at the end (audit.batched).
    with transaction.atomic(), audit.batched():
        case, register = _register(
            actor=actor, channel=channel, title=title, content=content, region_code=region_code,
            demand_type=demand_type, petition_class=petition_class, category=category, petitioners=petitioners or [],
            occurred_at=occurred_at, source_type=source_type, source_id=source_id, owner_leader=owner_leader,
            respondent=respondent, respondent_unit_id=respondent_unit_id, urgency=urgency, now=now or timezone.now(),
            author=author, event_data=event_data, headcount=headcount)
        CaseEvent.objects.bulk_create([register, *(extra_events(case) if extra_events is not None else [])])
        after_register([case], actor=actor, now=case.registered_at)
        if assign_to is not None:
            from sixia.cases.services.actions import perform_action

            case = perform_action(actor=actor, case=case, action="accept", args={}, now=now, on_site=True)
            args: dict = {"unit_id": assign_to.pk}
            if due_date is not None:
                args["due_date"] = due_date.isoformat()
            case = perform_action(actor=actor, case=case, action="assign", args=args, now=now, on_site=True)
    return case


def _register(*, actor, channel, title, content, region_code, demand_type, petition_class, category,
              petitioners, occurred_at, source_type, source_id, owner_leader, respondent, now,
              respondent_unit_id=None, urgency="", author="", event_data=None,
              headcount=None) -> tuple[Case, CaseEvent]:
    """Check, then write the persons, the case, its petitioner links and its audit entry; returns the case and
    its register event (unsaved: the caller writes it with any other event of the registration)."""
    title, content = (title or "").strip(), (content or "").strip()
    plausibility.check_lengths(Case, {"title": title, "content": content, "respondent": respondent or "",
                                      "demand_type": demand_type, "petition_class": petition_class,
                                      "urgency": urgency, "channel": channel, "source_type": source_type},
                               labels=CASE_LABELS)
    for item in petitioners:
        plausibility.check_lengths(Person, {k: item.get(k) for k in ("name", "address")}, labels=PERSON_LABELS)
    if not title:
        raise InvalidInput("title_required", "标题不能为空", "title is required", field="title")
    if not content:
        raise InvalidInput("content_required", "诉求内容不能为空", "content is required", field="content")
    track = workflow.validate_intake(channel=channel, demand_type=demand_type, petition_class=petition_class,
                                     urgency=urgency)
    region = _region(actor, region_code)
    cat = _category(category)
    respondent_unit = _respondent_unit(respondent_unit_id)
    if owner_leader is not None and not jurisdiction.covers(actor, owner_leader.unit.region_id) and actor:
        raise Forbidden("outside_jurisdiction", "包案领导不在您的管辖范围内", "leader outside your jurisdiction")
    occurred_at = _occurred_at(occurred_at, now)
    people = []
    seen: set[int] = set()
    for item in petitioners:
        role = check_role(item.get("role", ""))
        person = resolve_person(actor=actor, item=item, region_code=region.code)
        if person.pk not in seen:
            seen.add(person.pk)
            people.append((person, role))
    case = Case(
        track=track, channel=channel,
        demand_type=demand_type, petition_class=petition_class, urgency=urgency, category=cat, title=title, content=content,
        region=region, respondent=respondent or (respondent_unit.name if respondent_unit else ""),
        respondent_unit=respondent_unit, occurred_at=occurred_at or None, registered_at=now,
        state=workflow.initial_state(track), is_collective=len(people) >= COLLECTIVE_MIN,
        headcount=max(int(headcount or 0), len(people), 1),
        first_receiver=getattr(actor, "unit", None), owner_leader=owner_leader,
        source_type=source_type, source_id=source_id, created_by=actor if getattr(actor, "pk", None) else None)
    clock = deadlines.clock_for(case, "accept", now)
    case.accept_due = clock.due_at
    apply_clock(case, clock, now)
    # the county-day counter row stays locked until commit: take it last, right before the case's INSERT
    case.tracking_no = next_tracking_no(region.code, deadlines.local_date(now))
    case.save(force_insert=True)
    links = [CasePetitioner(case=case, person=p, role=r) for p, r in people]
    CasePetitioner.objects.bulk_create(links)
    case.petitioner_links = links
    register = event_row(case=case, actor=actor, action="register", from_state="", to_state=case.state, at=now,
                         data={"channel": channel, "petitioners": [p.pk for p, _ in people],
                               "source": f"{source_type}:{source_id}" if source_type else ""} | (event_data or {}),
                         public=True, author=author)
    audit.record(audit.Action.CREATE, obj=case, actor=actor, summary=f"登记诉求 {case.tracking_no}",
                 changes={"title": case.title, "region": region.code, "channel": channel, "state": case.state})
    return case, register


def apply_clock(case: Case, clock: deadlines.StepClock | None, now: datetime) -> None:
    """Put a step clock on the case row (``None`` stops the clock)."""
    if clock is None or clock.due_at is None:
        case.step = clock.step if clock else ""
        case.step_started_at = clock.started_at if clock else None
        case.due_at = case.approaching_at = case.urgent_at = None
        case.warning = "normal"
        return
    case.step, case.step_started_at = clock.step, clock.started_at
    case.due_at, case.approaching_at, case.urgent_at = clock.due_at, clock.approaching_at, clock.urgent_at
    case.warning = deadlines.warning_at(clock.due_at, clock.approaching_at, clock.urgent_at, now)
