"""Writes of the activities: one transaction each, an audit entry, cases created through cases.services.

``record_activity`` records any kind of activity with its officials and its problem list; every problem is
solved on the spot, explained, or turned into a case (owned by the leader — 包案 — and/or assigned to a
unit with a deadline). Reception days, appointments and return visits have their own verbs below;
research topics, measures and exchange meetings are in ``activities.research``.
"""

from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from sixia.activities import permissions as rights
from sixia.activities import rules
from sixia.activities.models import (
    Activity,
    Appointment,
    Attachment,
    Kind,
    LectureForm,
    Participant,
    Problem,
    ReceptionSchedule,
    ResearchTopic,
    RotaEntry,
)
from sixia.cases import services as case_services
from sixia.core import audit, jurisdiction, permissions, uploads
from sixia.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from sixia.core.personal import phone_index, seal_phone
from sixia.geo.models import Region
from sixia.org.models import Linkage, Official, Unit

CASE_CHANNEL: dict[str, str] = {Kind.RECEPTION: "visit", Kind.ONSITE: "onsite", Kind.RESEARCH: "research",
                Kind.LECTURE: "lecture", Kind.VISIT: "door_to_door"}
SOURCE_TYPE: dict[str, str] = {Kind.RECEPTION: "reception_day", Kind.ONSITE: "onsite_meeting", Kind.RESEARCH: "research_trip",
               Kind.LECTURE: "lecture", Kind.VISIT: "visit"}


@dataclass
class Recorded:
    """What a write produced: the activity and the cases it created."""

    activity: Activity
    cases: list = field(default_factory=list)


# ---- lookups (validate before writing) ----

def _region(actor, code: str) -> Region:
    region = Region.objects.filter(code=(code or "").strip()).first()
    if region is None:
        raise InvalidInput("unknown_region", f"行政区划代码 {code} 不存在", "unknown region code", field="region_code")
    if actor is not None and not jurisdiction.covers(actor, region.code):
        raise Forbidden("outside_jurisdiction", "该区划不在您的管辖范围内", "region outside your jurisdiction")
    return region


def _visible_official(actor, official: Official) -> bool:
    """An actor may name officials of its jurisdiction and the leaders above it (a township records the county
    leader who came to receive visitors there)."""
    if actor is None:
        return True
    prefix = jurisdiction.prefix_of(actor)
    code = official.unit.region_id
    return prefix is not None and (code.startswith(prefix) or prefix.startswith(code))


def official(actor, official_id) -> Official:
    found = Official.objects.select_related("unit").filter(pk=official_id, is_active=True).first() \
        if official_id else None
    if found is None or not _visible_official(actor, found):
        raise NotFound("official_not_found", f"干部不存在：{official_id}", "official not found", field="officials")
    return found


def unit(actor, unit_id) -> Unit:
    found = Unit.objects.filter(pk=unit_id, is_active=True).first() if unit_id else None
    if found is None or (actor is not None and not jurisdiction.covers(actor, found.region_id)):
        raise NotFound("unit_not_found", f"单位不存在或不在管辖范围内：{unit_id}", "unit not found", field="unit_id")
    return found


def _days(value) -> Decimal:
    try:
        days = Decimal(str(value if value not in (None, "") else 1))
    except InvalidOperation:
        raise InvalidInput("invalid_days", "天数格式不正确", "days must be a number", field="days")
    if days <= 0 or days > 60 or days * 2 != int(days * 2):
        raise InvalidInput("invalid_days", "在基层天数应为0.5的倍数，且不超过60天", "days must be a multiple of 0.5 up to 60",
                           field="days")
    return days


def _date(value, name: str = "start_day") -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except (TypeError, ValueError):
        raise InvalidInput("invalid_date", "日期格式应为 YYYY-MM-DD", f"{name} must be YYYY-MM-DD", field=name)


def linkage_for(off: Official, region_code: str, day: date) -> Linkage | None:
    """The official's linkage (挂钩联系) that covers this place on this day, if any (the most specific)."""
    best = None
    for link in off.linkages.all():
        if (link.active_on(day) and region_code.startswith(link.region_id)
                and (best is None or len(link.region_id) > len(best.region_id))):
            best = link
    return best


# ---- recording ----

def record_activity(*, actor, kind: str, title: str, region_code: str, start_day, official_ids: list[int],
                    member_ids: list[int] | None = None, days=1, place: str = "", host_unit_id: int | None = None,
                    other_participants: str = "", summary: str = "", problems: list[dict] | None = None,
                    status: str = Activity.Status.HELD, now: datetime | None = None, **fields) -> Recorded:
    """Record one activity, its officials (lead ``official_ids``, ``member_ids``) and its problem list.

    ``now`` backdates the registration of the cases (loading past records, the demo); default: now."""
    permissions.require(actor, rights.RECORD)
    if kind not in Kind.values:
        raise InvalidInput("invalid_kind", f"活动类型无效：{kind}", f"unknown activity kind: {kind}", field="kind")
    title = (title or "").strip()
    if not title:
        raise InvalidInput("title_required", "主题不能为空", "title is required", field="title")
    if not official_ids:
        raise InvalidInput("officials_required", "请至少选择一名参加的领导干部", "at least one official is required",
                           field="officials")
    region = _region(actor, region_code)
    day = _date(start_day)
    leads = [official(actor, pk) for pk in dict.fromkeys(official_ids)]
    members = [official(actor, pk) for pk in dict.fromkeys(member_ids or []) if pk not in official_ids]
    host = unit(actor, host_unit_id) if host_unit_id else None
    if fields.get("lecture_form") and not isinstance(fields["lecture_form"], LectureForm):
        form = LectureForm.objects.filter(code=fields["lecture_form"], is_active=True).first()
        if form is None:
            raise InvalidInput("invalid_form", f"宣讲形式无效：{fields['lecture_form']}", "unknown lecture form",
                               field="lecture_form")
        fields["lecture_form"] = form
    if fields.get("topic_id"):
        topic = ResearchTopic.objects.filter(pk=fields.pop("topic_id")).first()
        if topic is None or (actor is not None and not jurisdiction.covers(actor, topic.region_id)):
            raise NotFound("topic_not_found", "调研课题不存在", "research topic not found", field="topic_id")
        fields["topic"] = topic
    fields.pop("topic_id", None)
    with transaction.atomic():
        activity = Activity.objects.create(
            kind=kind, status=status, title=title[:200], region=region, place=place[:200], start_day=day,
            days=_days(days), host_unit=host, other_participants=other_participants[:300], summary=summary,
            created_by=actor if getattr(actor, "pk", None) else None, **fields)
        for role, people in ((Participant.Role.LEAD, leads), (Participant.Role.MEMBER, members)):
            for off in people:
                Participant.objects.create(activity=activity, official=off, role=role,
                                           linkage=linkage_for(off, region.code, day))
        audit.record(audit.Action.CREATE, obj=activity, actor=actor,
                     summary=f"记录{activity.get_kind_display()}：{activity.title}",
                     changes={"kind": kind, "day": day.isoformat(), "region": region.code,
                              "officials": [o.pk for o in leads + members]})
        cases = add_problems(actor=actor, activity=activity, problems=problems or [], now=now)
    return Recorded(activity, cases)


def add_problems(*, actor, activity: Activity, problems: list[dict], now: datetime | None = None) -> list:
    """Add problem-list items to an activity; those to be handled become cases. Returns the cases created."""
    permissions.require(actor, rights.RECORD)
    created = []
    with transaction.atomic():
        for item in problems:
            problem = _problem(actor, activity, item, now)
            if problem.case_id:
                created.append(problem.case)
        if created and activity.status == Activity.Status.PLANNED:
            activity.status = Activity.Status.HELD
            activity.save(update_fields=["status", "updated_at"])
    return created


def _problem(actor, activity: Activity, item: dict, now: datetime | None) -> Problem:
    description = (item.get("description") or "").strip()
    if not description:
        raise InvalidInput("description_required", "问题描述不能为空", "problem description is required",
                           field="problems")
    outcome = item.get("outcome") or Problem.Outcome.CASE
    if outcome not in Problem.Outcome.values:
        raise InvalidInput("invalid_outcome", f"处理方式无效：{outcome}", "outcome must be solved|case|explained|open",
                           field="problems")
    action_taken = (item.get("action_taken") or "").strip()
    if outcome == Problem.Outcome.SOLVED and not action_taken:
        raise InvalidInput("action_required", "当场解决的问题须填写处理情况", "a problem solved on the spot needs what was done",
                           field="problems")
    leader = official(actor, item["leader_id"]) if item.get("leader_id") else None
    if leader is None and (activity.kind == Kind.RECEPTION or item.get("own")):  # 包案 by the leader holding it
        lead = activity.participants.filter(role=Participant.Role.LEAD).select_related("official").first()
        leader = lead.official if lead else None
    responsible = unit(actor, item["unit_id"]) if item.get("unit_id") else None
    due = _date(item["due_date"], "due_date") if item.get("due_date") else None
    # 现场交办: a problem handed to a unit is accepted and assigned at once, with the meeting's deadline unless one
    # is set; without a unit it goes to the desk like any case (issue 12: 交办有关单位限期办理).
    if outcome == Problem.Outcome.CASE and due is None and responsible is not None:
        due = _calendar().add_calendar_days(activity.start_day, activity.due_days or rules.DEFAULT_DUE_DAYS)
    problem = Problem(activity=activity, description=description, visitor_name=(item.get("visitor_name") or "")[:60],
                      headcount=int(item.get("headcount") or (1 if activity.kind == Kind.RECEPTION else 0)),
                      leader=leader, outcome=outcome, action_taken=action_taken, unit=responsible, due_date=due)
    if outcome == Problem.Outcome.CASE:
        petitioners = list(item.get("petitioners") or [])
        if not petitioners and problem.visitor_name:
            petitioners = [{"name": problem.visitor_name, "phone": item.get("phone") or ""}]
        owner = leader if item.get("own", activity.kind == Kind.RECEPTION) else None
        problem.case = case_services.create_case(
            actor=actor, channel=CASE_CHANNEL[activity.kind],
            title=(item.get("title") or description.splitlines()[0])[:200], content=description,
            region_code=item.get("region_code") or activity.region_id,
            petition_class=item.get("petition_class") or ("appeal" if activity.kind == Kind.RECEPTION else ""),
            category=item.get("category") or "", petitioners=petitioners,
            source_type=SOURCE_TYPE[activity.kind], source_id=activity.pk, owner_leader=owner,
            assign_to=responsible, due_date=due, now=now)
    problem.save()
    return problem


def _calendar():
    from sixia.cases.deadlines import load_calendar

    return load_calendar()


def update_problem(*, actor, problem: Problem, outcome: str, action_taken: str = "") -> Problem:
    """Mark an open problem solved or explained (a problem that became a case follows its case)."""
    permissions.require(actor, rights.RECORD)
    if problem.case_id:
        raise Conflict("problem_has_case", "该问题已转为诉求，请在诉求中办理", "the problem is a case; act on the case")
    if outcome not in (Problem.Outcome.SOLVED, Problem.Outcome.EXPLAINED, Problem.Outcome.OPEN):
        raise InvalidInput("invalid_outcome", "处理方式无效", "invalid outcome", field="outcome")
    with transaction.atomic():
        before = problem.outcome
        problem.outcome, problem.action_taken = outcome, action_taken.strip() or problem.action_taken
        problem.save(update_fields=["outcome", "action_taken", "updated_at"])
        audit.record(audit.Action.UPDATE, obj=problem, actor=actor, summary="更新问题处理情况",
                     changes={"outcome": [before, outcome]})
    return problem


# ---- reception days ----

def create_schedule(*, actor, name: str, region_code: str, place: str, rota_ids: list[int],
                    day_of_month: int = rules.DEFAULT_DAY_OF_MONTH,
                    months: list[int] | None = None, shift: str = "next_workday", host_unit_id: int | None = None,
                    start_time: str | time = rules.DEFAULT_START_TIME, end_time: str | time = rules.DEFAULT_END_TIME,
                    slot_minutes: int = rules.DEFAULT_SLOT_MINUTES, slot_capacity: int = rules.DEFAULT_SLOT_CAPACITY,
                    due_days: int = rules.DEFAULT_DUE_DAYS,
                    per_person_day_limit: int = rules.DEFAULT_APPOINTMENTS_PER_DAY,
                    per_person_open_limit: int = rules.DEFAULT_OPEN_APPOINTMENTS) -> ReceptionSchedule:
    permissions.require(actor, rights.PLAN_RECEPTION)
    values, rota = _schedule_values(
        actor, name=name, region_code=region_code, place=place, rota_ids=rota_ids, day_of_month=day_of_month,
        months=months, shift=shift, host_unit_id=host_unit_id, start_time=start_time, end_time=end_time,
        slot_minutes=slot_minutes, slot_capacity=slot_capacity, due_days=due_days,
        per_person_day_limit=per_person_day_limit, per_person_open_limit=per_person_open_limit)
    with transaction.atomic():
        schedule = ReceptionSchedule.objects.create(**values)
        RotaEntry.objects.bulk_create([RotaEntry(schedule=schedule, official=o, position=i) for i, o in enumerate(rota)])
        audit.record(audit.Action.CREATE, obj=schedule, actor=actor, summary=f"新增接待日安排 {schedule.name}")
    return schedule


def _schedule_values(actor, *, name: str, region_code: str, place: str, rota_ids: list[int], day_of_month: int,
                     months: list[int] | None, shift: str, host_unit_id: int | None, start_time, end_time,
                     slot_minutes: int, slot_capacity: int, due_days: int, per_person_day_limit: int,
                     per_person_open_limit: int) -> tuple[dict, list[Official]]:
    """The checked column values and rota of a schedule — one set of rules for creating and for editing."""
    region = _region(actor, region_code)
    if not 1 <= int(day_of_month) <= 31:
        raise InvalidInput("invalid_day", "每月日期应在1到31之间", "day_of_month must be 1..31", field="day_of_month")
    if shift not in ReceptionSchedule.Shift.values:
        raise InvalidInput("invalid_shift", "节假日调整方式无效", "invalid shift", field="shift")
    if any(not 1 <= int(m) <= 12 for m in months or []):
        raise InvalidInput("invalid_months", "月份应在1到12之间", "months must be 1..12", field="months")
    if slot_minutes < 5 or slot_capacity < 1:
        raise InvalidInput("invalid_slots", "时段长度至少5分钟，每时段至少1人", "slot too short or capacity below 1",
                           field="slot_minutes")
    if not (0 <= per_person_day_limit <= 100 and 0 <= per_person_open_limit <= 100):
        raise InvalidInput("invalid_limits", "每人约访上限应在0到100之间（0表示不限）",
                           "per-person appointment limits must be 0..100 (0 = no limit)", field="per_person_day_limit")
    start, end = _time(start_time), _time(end_time)
    if end <= start:  # slots_of would offer no slot at all
        raise InvalidInput("invalid_times", "结束时间应晚于开始时间", "end time must be after start time",
                           field="end_time")
    rota = [official(actor, pk) for pk in rota_ids]
    if not rota:
        raise InvalidInput("rota_required", "请设置轮值接待领导", "a rota of leaders is required", field="rota_ids")
    values = {"name": name.strip() or f"{region.name}领导接待日", "region": region, "place": place.strip(),
              "day_of_month": int(day_of_month), "months": sorted({int(m) for m in months or []}), "shift": shift,
              "host_unit": unit(actor, host_unit_id) if host_unit_id else None, "start_time": start, "end_time": end,
              "slot_minutes": slot_minutes, "slot_capacity": slot_capacity, "due_days": due_days,
              "per_person_day_limit": per_person_day_limit, "per_person_open_limit": per_person_open_limit}
    return values, rota


def update_schedule(*, actor, schedule: ReceptionSchedule, name: str, region_code: str, place: str,
                    rota_ids: list[int], day_of_month: int, months: list[int] | None, shift: str,
                    host_unit_id: int | None, start_time, end_time, slot_minutes: int, slot_capacity: int,
                    due_days: int, per_person_day_limit: int, per_person_open_limit: int,
                    is_active: bool = True) -> ReceptionSchedule:
    """Change a schedule's rule, place, slots, limits or rota. Days already planned keep their date and leader
    (re-plan to add days under the new rule); the audit entry holds each changed field as [before, after]."""
    permissions.require(actor, rights.PLAN_RECEPTION)
    if actor is not None and not jurisdiction.covers(actor, schedule.region_id):
        raise NotFound("not_found", "接待日安排不存在", "schedule not found")
    values, rota = _schedule_values(
        actor, name=name, region_code=region_code, place=place, rota_ids=rota_ids, day_of_month=day_of_month,
        months=months, shift=shift, host_unit_id=host_unit_id, start_time=start_time, end_time=end_time,
        slot_minutes=slot_minutes, slot_capacity=slot_capacity, due_days=due_days,
        per_person_day_limit=per_person_day_limit, per_person_open_limit=per_person_open_limit)
    values["is_active"] = bool(is_active)
    with transaction.atomic():
        schedule = ReceptionSchedule.objects.select_for_update().get(pk=schedule.pk)
        changes: dict[str, list] = {}
        for field_name, new in values.items():
            attname = {"region": "region_id", "host_unit": "host_unit_id"}.get(field_name, field_name)
            old = getattr(schedule, attname)
            new_plain = getattr(new, "pk", new)
            if old != new_plain:
                changes[attname] = [_plain(old), _plain(new_plain)]
            setattr(schedule, field_name, new)
        old_rota = list(schedule.rota_entries.values_list("official_id", flat=True))
        new_rota = [o.pk for o in rota]
        if old_rota != new_rota:
            changes["rota_ids"] = [old_rota, new_rota]
            schedule.rota_entries.all().delete()
            RotaEntry.objects.bulk_create([RotaEntry(schedule=schedule, official=o, position=i)
                                           for i, o in enumerate(rota)])
        if changes:
            schedule.save()
            audit.record(audit.Action.UPDATE, obj=schedule, actor=actor, summary=f"修改接待日安排 {schedule.name}",
                         changes=changes)
    return schedule


def _plain(value):
    """A value as the audit trail's JSON keeps it (times as HH:MM)."""
    return value.strftime("%H:%M") if isinstance(value, time) else value


def _time(value) -> time:
    if isinstance(value, time):
        return value
    try:
        return time.fromisoformat(str(value))
    except ValueError:
        raise InvalidInput("invalid_time", "时间格式应为 HH:MM", "time must be HH:MM", field="time")


def schedule_dates(schedule: ReceptionSchedule, start: date, end: date) -> list[date]:
    cal = _calendar()
    return rules.reception_dates(day_of_month=schedule.day_of_month, months=schedule.months or (),
                                 shift=schedule.shift, start=start, end=end, is_workday=cal.is_workday)


def plan_reception_days(*, actor, schedule: ReceptionSchedule, start: date, end: date,
                        publish: bool = True) -> list[Activity]:
    """Create the planned (and published) reception days of a schedule; days already planned are kept."""
    permissions.require(actor, rights.PLAN_RECEPTION)
    if actor is not None and not jurisdiction.covers(actor, schedule.region_id):
        raise NotFound("not_found", "接待日安排不存在", "schedule not found")
    if end < start:
        raise InvalidInput("invalid_span", "结束日期不能早于开始日期", "the end date is before the start date", field="end")
    if (end - start).days > rules.MAX_PLAN_DAYS:
        raise InvalidInput("invalid_span", "一次最多安排两年", "at most two years can be planned at a time", field="end")
    rota = list(schedule.rota_entries.values_list("official_id", flat=True))
    existing = set(schedule.days.values_list("start_day", flat=True))
    done = schedule.days.count()
    created = []
    with transaction.atomic():
        for day in schedule_dates(schedule, start, end):
            if day in existing:
                continue
            leader = rules.rota_pick(rota, done)
            done += 1
            result = record_activity(
                actor=actor, kind=Kind.RECEPTION, title=f"{day.month}月领导接待日", region_code=schedule.region_id,
                start_day=day, official_ids=[leader] if leader else [], place=schedule.place,
                host_unit_id=schedule.host_unit_id, status=Activity.Status.PLANNED, schedule=schedule,
                is_published=publish, due_days=schedule.due_days)
            created.append(result.activity)
    return created


PUBLIC = "public"  # the audit actor of what a citizen does on the public page or API (no account)


def slots_of(activity: Activity) -> list[tuple[time, int, int]]:
    """(slot start, capacity, booked) of a reception day, from its schedule (or the defaults)."""
    sched = activity.schedule
    start, end = (sched.start_time, sched.end_time) if sched else (rules.DEFAULT_START_TIME, rules.DEFAULT_END_TIME)
    minutes, capacity = ((sched.slot_minutes, sched.slot_capacity) if sched
                         else (rules.DEFAULT_SLOT_MINUTES, rules.DEFAULT_SLOT_CAPACITY))
    booked = dict(activity.appointments.filter(status=Appointment.Status.BOOKED).values_list("slot")
                  .annotate(n=Count("id")).values_list("slot", "n"))
    result = []
    t = start.hour * 60 + start.minute
    stop = end.hour * 60 + end.minute
    while t + minutes <= stop:
        slot = time(t // 60, t % 60)
        result.append((slot, capacity, booked.get(slot, 0)))
        t += minutes
    return result


def book_appointment(*, activity: Activity, slot, name: str, phone: str, matter: str,
                     today: date | None = None) -> Appointment:
    """约访 by the public: refused when the day is not published or past, or the slot is full."""
    if activity.kind != Kind.RECEPTION or not activity.is_published or activity.status == Activity.Status.CANCELLED:
        raise NotFound("not_found", "接待日不存在或未公布", "reception day not found")
    if activity.start_day < (today or date.today()):
        raise Conflict("day_passed", "该接待日已过，不能预约", "the reception day is over")
    name, matter = (name or "").strip(), (matter or "").strip()
    if not name or not matter:
        raise InvalidInput("fields_required", "请填写姓名和反映事项", "name and matter are required", field="name")
    if not (phone or "").strip():
        raise InvalidInput("phone_required", "请填写联系电话", "a phone number is required", field="phone")
    slot = _time(slot)
    with transaction.atomic():
        Activity.objects.select_for_update().filter(pk=activity.pk).first()  # serialise bookings of one day
        table = {s: (cap, n) for s, cap, n in slots_of(activity)}
        if slot not in table:
            raise InvalidInput("invalid_slot", "预约时段不存在", "no such time slot", field="slot")
        capacity, booked = table[slot]
        if booked >= capacity:
            raise Conflict("slot_full", f"{slot:%H:%M} 时段已约满（每时段限{capacity}人），请选择其他时段",
                           "this time slot is full; choose another")
        sealed = seal_phone(phone)
        _check_person_limits(activity, sealed.index, today or date.today())
        appt = Appointment.objects.create(activity=activity, slot=slot, name=name[:40], matter=matter,
                                          phone_token=sealed.token, phone_index=sealed.index,
                                          phone_masked=sealed.masked, code=secrets.token_hex(4).upper())
        audit.record(audit.Action.CREATE, obj=appt, actor=PUBLIC, summary=f"群众约访 {activity.start_day} {slot:%H:%M}")
    return appt


def person_limits(activity: Activity) -> tuple[int, int]:
    """(per reception day, over today's and future days) for one phone: the day's schedule, else the defaults."""
    sched = activity.schedule
    if sched is None:
        return rules.DEFAULT_APPOINTMENTS_PER_DAY, rules.DEFAULT_OPEN_APPOINTMENTS
    return sched.per_person_day_limit, sched.per_person_open_limit


def _check_person_limits(activity: Activity, index: str, today: date) -> None:
    """One caller must not hold a day's slots: count this phone's booked appointments (blind index, no decrypt).

    The overall count is not serialised across days (only one day's row is locked): two simultaneous bookings of
    one phone on two different days may both pass — acceptable for a fairness limit."""
    per_day, overall = person_limits(activity)
    mine = Appointment.objects.filter(phone_index=index, status=Appointment.Status.BOOKED)
    if per_day and mine.filter(activity=activity).count() >= per_day:
        raise Conflict("per_day_limit", f"同一联系电话每个接待日最多预约{per_day}个时段，您已预约满额",
                       f"one phone number may hold at most {per_day} appointment(s) per reception day",
                       field="phone")
    if overall and mine.filter(activity__start_day__gte=today).count() >= overall:
        raise Conflict("open_limit", f"同一联系电话最多同时持有{overall}个未到期的预约，请先取消或等待接待",
                       f"one phone number may hold at most {overall} upcoming appointment(s) in all",
                       field="phone")


def day_starts_at(activity: Activity) -> datetime:
    """When a reception day begins (its first slot), in the local time zone."""
    start = activity.schedule.start_time if activity.schedule_id and activity.schedule else rules.DEFAULT_START_TIME
    return timezone.make_aware(datetime.combine(activity.start_day, start))


def cancel_appointment_by_code(*, code: str, phone: str, reason: str = "",
                               now: datetime | None = None) -> Appointment:
    """取消预约 by the citizen: the booking code plus the phone it was booked with, before the day begins.

    The phone is checked through its blind index (never decrypted). A wrong code and a wrong phone give the
    same answer, so the form does not tell which part was wrong."""
    code = "".join((code or "").split()).upper()
    if not code or not (phone or "").strip():
        raise InvalidInput("fields_required", "请填写预约码和联系电话", "booking code and phone are required",
                           field="code")
    not_found = NotFound("appointment_not_found", "预约码或联系电话不正确", "wrong booking code or phone number")
    try:
        index = phone_index(phone)
    except InvalidInput:
        raise not_found from None
    with transaction.atomic():
        appt = Appointment.objects.select_for_update().filter(code=code).first()
        if appt is None or not hmac.compare_digest(appt.phone_index, index):
            raise not_found
        activity = Activity.objects.select_related("schedule").get(pk=appt.activity_id)
        _check_cancellable(appt)
        if (now or timezone.now()) >= day_starts_at(activity):
            raise Conflict("day_started", "接待日已开始，不能在线取消预约", "the reception day has begun; it can no "
                           "longer be cancelled online")
        return _cancel(appt, activity, actor=None, reason=(reason or "").strip()[:200], now=now)


def cancel_appointment(*, actor, appointment: Appointment, reason: str, now: datetime | None = None) -> Appointment:
    """取消预约 by the desk of the day's region (the day is called off, the visitor asked by phone, did not come):
    a reason is required; allowed whenever the booking is still pending, also after the day began."""
    permissions.require(actor, rights.RECEIVE)
    reason = (reason or "").strip()
    with transaction.atomic():
        appt = Appointment.objects.select_for_update().filter(pk=appointment.pk).first()
        activity = Activity.objects.select_related("schedule").filter(pk=appointment.activity_id).first()
        if appt is None or activity is None or not jurisdiction.covers(actor, activity.region_id):
            raise NotFound("not_found", "约访不存在或不在您的管辖范围内", "appointment not found or outside your jurisdiction")
        _check_cancellable(appt)
        if not reason:
            raise InvalidInput("reason_required", "请填写取消原因", "a reason is required", field="reason")
        return _cancel(appt, activity, actor=actor, reason=reason[:200], now=now)


def _check_cancellable(appt: Appointment) -> None:
    if appt.status == Appointment.Status.CANCELLED:
        raise Conflict("appointment_cancelled", "该预约已取消，无需重复取消", "the appointment is already cancelled")
    if appt.status == Appointment.Status.RECEIVED:
        raise Conflict("appointment_received", "该预约已接待，不能取消", "the appointment has been received")


def _cancel(appt: Appointment, activity: Activity, *, actor, reason: str, now: datetime | None) -> Appointment:
    """Set the booking cancelled (its slot is free again: slots_of counts booked ones) and audit who and why."""
    appt.status = Appointment.Status.CANCELLED
    appt.cancelled_at = now or timezone.now()
    appt.cancel_reason = reason
    appt.cancelled_by = actor if getattr(actor, "pk", None) else None
    appt.save(update_fields=["status", "cancelled_at", "cancel_reason", "cancelled_by", "updated_at"])
    who = "群众" if actor is None else "工作人员"
    audit.record(audit.Action.UPDATE, obj=appt, actor=actor if actor is not None else PUBLIC,
                 summary=f"{who}取消约访 {activity.start_day} {appt.slot:%H:%M}",
                 changes={"status": [Appointment.Status.BOOKED, Appointment.Status.CANCELLED],
                          "by": PUBLIC if actor is None else "staff", "reason": reason})
    return appt


def receive_appointment(*, actor, appointment: Appointment, problem: dict) -> list:
    """The booked visitor came: the appointment becomes a matter of the day (a case, or solved on the spot)."""
    permissions.require(actor, rights.RECEIVE)
    if appointment.status != Appointment.Status.BOOKED:
        raise Conflict("appointment_not_booked", "该约访已接待或已取消", "the appointment is not pending")
    from sixia.people.models import Person

    item = {"visitor_name": appointment.name, "description": appointment.matter} | {
        k: v for k, v in problem.items() if v not in (None, "")}
    if not item.get("petitioners"):  # the same person (一人一表) through the phone's blind index, never decrypted
        person = Person.objects.filter(phone_index=appointment.phone_index, name=appointment.name).first() \
            if appointment.phone_index else None
        item["petitioners"] = [{"person_id": person.pk} if person else {"name": appointment.name}]
    with transaction.atomic():
        cases = add_problems(actor=actor, activity=appointment.activity, problems=[item])
        appointment.status = Appointment.Status.RECEIVED
        appointment.save(update_fields=["status", "updated_at"])
    return cases


# ---- return visits ----

def record_return_visit(*, actor, case_id: int, official_ids: list[int], start_day, satisfaction: str,
                        resolved: bool = True, note: str = "", households: list | None = None) -> Recorded:
    """上门回访: an activity linked to a case, recorded on the case as its return visit (in person)."""
    permissions.require(actor, rights.RETURN_VISIT)
    from sixia.cases import selectors as case_selectors

    case = case_selectors.get_case(actor, case_id)
    with transaction.atomic():
        result = record_activity(actor=actor, kind=Kind.VISIT, title=f"上门回访：{case.title}"[:200],
                                 region_code=case.region_id, start_day=start_day, official_ids=official_ids,
                                 summary=note, visit_type=Activity.VisitType.RETURN, case=case,
                                 households=households or [], days=Decimal("0.5"))
        case_services.perform_action(actor=actor, case=case, action="return_visit",
                                     args={"method": "in_person", "contacted": True, "resolved": resolved,
                                           "satisfaction": satisfaction, "note": note})
    return result


# ---- attachments ----

def attach(*, actor, data: bytes, filename: str, activity: Activity | None = None,
           topic: ResearchTopic | None = None, is_report: bool = False, keep_location: bool = False) -> Attachment:
    permissions.require(actor, rights.RECORD if activity is not None else rights.RESEARCH)
    stored = uploads.store(data, filename, area="activities", keep_location=keep_location)
    with transaction.atomic():
        row = Attachment.objects.create(activity=activity, topic=topic, is_report=is_report, name=stored.name,
                                        path=stored.path, size=stored.size, sha256=stored.sha256,
                                        content_type=stored.content_type, is_image=stored.is_image,
                                        uploaded_by=actor if getattr(actor, "pk", None) else None)
        audit.record(audit.Action.CREATE, obj=row, actor=actor, summary=f"上传附件 {stored.name}")
    return row
